import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Buyer, FileKeystore } from '../../packages/client/src/index.js';
import { type RunningRelay, startRelay } from '../../packages/client/test/relay-harness.js';
import { EUR, type Hotel, hotel } from './hotels.js';
import { killAll, lines, removeAll, run, tempDir } from './processes.js';

const BUYER = 'examples/buyer/buyer.mjs';

describe('the buyer example', () => {
  let relay: RunningRelay;
  const hotels: Hotel[] = [];
  beforeEach(async () => {
    relay = await startRelay();
  });
  afterEach(async () => {
    killAll();
    await Promise.all(hotels.splice(0).map((h) => h.close()));
    await relay.close();
    await removeAll();
  });

  it('counters the cheapest offer 10% lower, accepts the revision and exits 0 on the confirm', async () => {
    hotels.push(
      hotel(relay.url, 'Casa Azul', '278.00'),
      hotel(relay.url, 'Alfama', '250.00', { sealPrice: false }),
    );
    const [azul, alfama] = hotels as [Hotel, Hotel];
    const keys = await tempDir('buyer-keys');
    const buyer = run(BUYER, ['--relay', relay.url, '--keys', keys, '--wait', '10', '--offers', '2']);

    expect(await buyer.exit(30_000)).toBe(0);
    const out = buyer.stdout();
    expect(buyer.stderr()).toBe('');
    expect(lines(out, 'want')).toEqual([
      expect.stringMatching(/^A quiet double room for 2 nights in PT-11, .* up to 300.00 EUR$/),
    ]);
    expect(lines(out, 'offer').sort()).toEqual([
      'Alfama: 250.00 EUR, Alfama, double room',
      'Casa Azul: 278.00 EUR (sealed, opened), Casa Azul, double room',
    ]);
    expect(lines(out, 'best')).toEqual(['Alfama at 250.00 EUR']);
    expect(lines(out, 'counter')).toEqual(['225.00 EUR to Alfama (sealed)']);
    expect(lines(out, 'revised')).toEqual(['Alfama: 225.00 EUR, Alfama, double room']);
    expect(lines(out, 'decline')).toEqual(['Casa Azul (chose another offer)']);
    expect(lines(out, 'accept')).toEqual(['Alfama at 225.00 EUR']);
    expect(lines(out, 'confirm')).toEqual(['Alfama: booking Alfama-1']);
    expect(lines(out, 'done')).toEqual(['Alfama, 225.00 EUR, booking Alfama-1']);

    // The counter was sealed to the vendor: only it reads the price.
    const counter = alfama.replies.find((r) => r.body.decision === 'counter')!;
    expect(counter.body.counter).toBeUndefined();
    expect(counter.opened).toEqual({ counter: { price: EUR('225.00') } });
    expect(azul.replies.map((r) => [r.body.decision, r.body.reason])).toEqual([['decline', 'chose-other']]);

    // The relay's thread, read with the buyer's keystore, holds the accept and the confirm.
    const intentId = lines(out, 'cast')[0]!.match(/^intent ([0-9a-f]{64}) /)![1]!;
    expect(azul.intents.map((i) => i.id)).toEqual([intentId]);
    const reader = new Buyer({ relays: [relay.url], keystore: new FileKeystore(keys) });
    try {
      const thread = await reader.thread(intentId);
      expect(thread.state).toBe('closed');
      const accept = thread.messages.find((m) => m.type === 'reply' && m.body.decision === 'accept')!;
      const confirm = thread.messages.find((m) => m.type === 'confirm')!;
      expect(confirm.ref).toBe(accept.id);
      expect(confirm.body).toEqual({ reference: 'Alfama-1' });
    } finally {
      await reader.close();
    }
  }, 40_000);

  it('exits 1 with a clear message, and withdraws its intent, when no offers arrive in time', async () => {
    const keys = await tempDir('buyer-keys');
    const buyer = run(BUYER, ['--relay', relay.url, '--keys', keys, '--wait', '1']);
    expect(await buyer.exit()).toBe(1);
    expect(buyer.stderr()).toBe('buyer: no deal: no offers arrived within 1 s\n');
    const intentId = lines(buyer.stdout(), 'cast')[0]!.slice('intent '.length, 'intent '.length + 64);
    expect(lines(buyer.stdout(), 'withdraw')).toEqual([`intent ${intentId.slice(0, 8)}…`]);
    const thread = await fetch(`${relay.url}/v1/intents/${intentId}/thread`);
    expect(((await thread.json()) as { state: string }).state).toBe('withdrawn');
  });

  it('exits 1 when the vendor withdraws its offer rather than revise it', async () => {
    hotels.push(hotel(relay.url, 'Casa Azul', '278.00', { onCounter: 'withdraw' }));
    const keys = await tempDir('buyer-keys');
    const buyer = run(BUYER, ['--relay', relay.url, '--keys', keys, '--wait', '10', '--offers', '1']);
    expect(await buyer.exit()).toBe(1);
    expect(lines(buyer.stdout(), 'counter')).toEqual(['250.20 EUR to Casa Azul (sealed)']);
    expect(buyer.stderr()).toBe('buyer: no deal: Casa Azul withdrew its offer rather than revise it\n');
  });

  it('exits 1 with the relay error in one line when no relay can be reached', async () => {
    const port = await freePort();
    const keys = await tempDir('buyer-keys');
    const buyer = run(BUYER, ['--relay', `http://127.0.0.1:${port}`, '--keys', keys]);
    expect(await buyer.exit()).toBe(1);
    expect(buyer.stderr()).toMatch(
      /^buyer: ERR_UNAVAILABLE: http:\/\/127\.0\.0\.1:\d+ could not be reached: .*\n$/,
    );
  });

  it.each([
    [['--wait', 'soon'], 'buyer: --wait: expected a number of seconds such as 10, got "soon" (see --help)\n'],
    [
      ['--relay', 'ftp://relay.example'],
      'buyer: --relay: expected an http(s) URL, got "ftp://relay.example" (see --help)\n',
    ],
    [['--nights', '0'], 'buyer: --nights: expected a number of nights, 1 to 30, got "0" (see --help)\n'],
    [
      ['--check-in', 'tomorrow'],
      'buyer: --check-in: expected a date such as 2027-03-12, got "tomorrow" (see --help)\n',
    ],
    [['--colour', 'blue'], expect.stringMatching(/^buyer: Unknown option '--colour'.* \(see --help\)\n$/)],
  ])('exits 2 on bad options: %j', async (args, message) => {
    const keys = join(await tempDir('buyer-keys'), 'unused');
    const buyer = run(BUYER, [...args, '--keys', keys]);
    expect(await buyer.exit()).toBe(2);
    expect(buyer.stderr()).toEqual(message);
    expect(buyer.stdout()).toBe('');
  });
});

/** A port on 127.0.0.1 that nothing listens on (it was free a moment ago). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
