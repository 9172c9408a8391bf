import { afterEach, describe, expect, it } from 'vitest';
import {
  BUYER,
  didOf,
  intent,
  OTHER_BUYER,
  offer,
  startRelay,
  type TestRelay,
  until,
  WsClient,
} from './stream-helpers.js';

const buyer = didOf(BUYER);
const otherBuyer = didOf(OTHER_BUYER);
const tokens = { 'buyer-token': buyer, 'other-token': otherBuyer };

let relay: TestRelay;
const clients: WsClient[] = [];

async function connect(query = '', headers: Record<string, string> = {}): Promise<WsClient> {
  const client = await WsClient.open(`${relay.ws}/v1/ws${query}`, headers);
  clients.push(client);
  return client;
}

const eose = (sub: string) => (c: WsClient) => c.of('eose', sub).length === 1;
const events = (sub: string, count: number) => (c: WsClient) => c.of('event', sub).length >= count;

afterEach(async () => {
  for (const client of clients.splice(0)) client.socket.terminate();
  await relay.close();
});

describe('GET /v1/ws', () => {
  it('sends eose at once without a cursor, then the live intents each subscription matches', async () => {
    relay = await startRelay();
    const client = await connect();
    client.send({ op: 'subscribe', sub: 'hotels', filter: { category: 'lodging.hotel' } });
    client.send({ op: 'subscribe', sub: 'lisbon', filter: { region: 'PT-11' } });
    await client.waitFor((c) => eose('hotels')(c) && eose('lisbon')(c), 'both eose');
    const hotel = intent({ category: 'lodging.hotel', region: 'ES-MD' });
    relay.publish(hotel);
    relay.publish(intent({ category: 'food', region: 'PT-11' }));
    relay.publish(intent({ category: 'food', region: 'FR' }));
    await client.waitFor((c) => events('hotels', 1)(c) && events('lisbon', 1)(c), 'one event each');
    relay.publish(intent({ category: 'lodging.hotel', region: 'PT-11' }));
    await client.waitFor((c) => events('hotels', 2)(c) && events('lisbon', 2)(c), 'the last match');
    expect(client.seqs('hotels')).toEqual([1, 4]);
    expect(client.seqs('lisbon')).toEqual([2, 4]);
    expect(client.of('event', 'hotels')[0]).toEqual({ op: 'event', sub: 'hotels', seq: 1, message: hotel });
  });

  it('sends the stored backlog after the cursor, then eose, then live events, each once', async () => {
    relay = await startRelay({ limits: { pageSize: 2 } });
    for (let i = 0; i < 5; i++) relay.publish(intent());
    const client = await connect();
    client.send({ op: 'subscribe', sub: 's', cursor: 2 });
    await client.waitFor(eose('s'), 'eose');
    relay.publish(intent());
    await client.waitFor(events('s', 4), 'the live event');
    const order = client.frames.map((f) => (f.op === 'event' ? f.seq : f.op));
    expect(order).toEqual([3, 4, 5, 'eose', 6]);
  });

  it('resumes after a disconnect with exactly the missed events, then the live ones', async () => {
    relay = await startRelay();
    const message = intent();
    const first = await connect();
    first.send({ op: 'subscribe', sub: 'all' });
    await first.waitFor(eose('all'), 'eose');
    for (let i = 0; i < 3; i++) relay.publish(message);
    await first.waitFor(events('all', 3), 'three events');
    first.close();
    await until(() => relay.hub.stats().subscriptions === 0, 'the first connection to be released');
    for (let i = 0; i < 4; i++) relay.publish(message);

    const second = await connect();
    const cursor = first.seqs('all').at(-1)!;
    second.send({ op: 'subscribe', sub: 'all', cursor });
    await second.waitFor(eose('all'), 'eose');
    relay.publish(message);
    await second.waitFor(events('all', 5), 'the live event');
    expect(first.seqs('all')).toEqual([1, 2, 3]);
    expect(second.seqs('all')).toEqual([4, 5, 6, 7, 8]);
  });

  it('unsubscribe stops a subscription; subscribing again under its id replaces it', async () => {
    relay = await startRelay();
    const client = await connect();
    client.send({ op: 'subscribe', sub: 'a', filter: { category: 'food' } });
    client.send({ op: 'subscribe', sub: 'a', filter: { category: 'lodging' } });
    client.send({ op: 'subscribe', sub: 'b' });
    await client.waitFor((c) => c.of('eose').length === 3, 'three eose');
    client.send({ op: 'unsubscribe', sub: 'b' });
    await until(() => relay.hub.stats().subscriptions === 1, 'b to be released');
    relay.publish(intent({ category: 'food' }));
    relay.publish(intent({ category: 'lodging' }));
    await client.waitFor(events('a', 1), 'the lodging intent');
    expect(client.seqs('a')).toEqual([2]);
    expect(client.seqs('b')).toEqual([]);
  });
});

describe('mailbox', () => {
  it('needs authentication, by an auth frame, and then delivers only the caller’s messages', async () => {
    relay = await startRelay({ tokens });
    const client = await connect();
    client.send({ op: 'subscribe', sub: 'm', mailbox: true });
    await client.waitFor((c) => c.of('closed', 'm').length === 1, 'the refusal');
    expect(client.of('closed', 'm')[0]).toEqual({
      op: 'closed',
      sub: 'm',
      code: 'ERR_UNAUTHORIZED',
      message: 'mailbox: send an auth frame with an access token first',
    });
    client.send({ op: 'auth', token: 'forged' });
    // Frames sent right after an auth take effect after it, in order.
    client.send({ op: 'subscribe', sub: 'm2', mailbox: true });
    client.send({ op: 'auth', token: 'buyer-token' });
    client.send({ op: 'subscribe', sub: 'm3', mailbox: true });
    await client.waitFor(eose('m3'), 'eose');
    expect(client.of('error')).toEqual([
      { op: 'error', code: 'ERR_AUTH_INVALID', message: 'The access token does not verify' },
    ]);
    expect(client.of('closed', 'm2').map((f) => f.code)).toEqual(['ERR_UNAUTHORIZED']);

    const mine = intent({}, BUYER);
    const theirs = intent({}, OTHER_BUYER);
    relay.publish(mine);
    relay.publish(offer(theirs), [otherBuyer]);
    const toMe = offer(mine);
    relay.publish(toMe, [buyer]);
    await client.waitFor(events('m3', 1), 'the offer');
    relay.publish(offer(mine), [buyer]);
    await client.waitFor(events('m3', 2), 'the second offer');
    expect(client.seqs('m3')).toEqual([3, 4]);
    expect(client.of('event', 'm3')[0]!.message).toEqual(toMe);
  });

  it('takes a token on the upgrade request, refuses a bad one there, and joins mailbox and filter in one subscription', async () => {
    relay = await startRelay({ tokens });
    await expect(WsClient.open(`${relay.ws}/v1/ws?token=forged`)).rejects.toThrow('upgrade refused with 401');
    const mine = intent({ category: 'lodging' }, BUYER);
    relay.publish(mine);
    relay.publish(offer(mine), [buyer]);
    relay.publish(intent({ category: 'food' }, OTHER_BUYER));
    const client = await connect('', { authorization: 'Bearer buyer-token' });
    client.send({ op: 'subscribe', sub: 'both', mailbox: true, filter: { category: 'lodging' }, cursor: 0 });
    await client.waitFor(eose('both'), 'eose');
    expect(client.seqs('both')).toEqual([1, 2]);
  });
});

describe('limits and errors', () => {
  it('answers malformed frames with ERR_BAD_REQUEST and keeps the connection', async () => {
    relay = await startRelay();
    const client = await connect();
    client.send('not json');
    client.send('[]');
    client.send({ op: 'shout' });
    client.send({ op: 'subscribe' });
    client.send({ op: 'subscribe', sub: 'a', filter: { category: 5 } });
    client.send({ op: 'subscribe', sub: 'a', extra: true });
    client.socket.send(Buffer.from('{"op":"subscribe","sub":"a"}'), { binary: true });
    await client.waitFor((c) => c.of('error').length === 7, 'seven errors');
    expect(client.of('error').map((f) => f.message)).toEqual([
      'The frame is not JSON',
      'The frame is not a JSON object',
      'op: expected subscribe, unsubscribe or auth, got "shout"',
      'sub: expected 1 to 64 printable ASCII characters without spaces',
      'filter.category: expected a string, as in the query string',
      'extra: not a field of a subscribe frame',
      'Frames are JSON text, not binary',
    ]);
    expect(new Set(client.of('error').map((f) => f.code))).toEqual(new Set(['ERR_BAD_REQUEST']));
    client.send({ op: 'subscribe', sub: 'ok' });
    await client.waitFor(eose('ok'), 'eose after the errors');
  });

  it('closes a subscription with a bad filter or cursor, naming it', async () => {
    relay = await startRelay();
    relay.publish(intent());
    const client = await connect();
    client.send({ op: 'subscribe', sub: 'f', filter: { region: 'Portugal' } });
    client.send({ op: 'subscribe', sub: 'c', cursor: 7 });
    client.send({ op: 'subscribe', sub: 'n', cursor: -1 });
    await client.waitFor((c) => c.of('closed').length === 3, 'three refusals');
    expect(client.of('closed')).toEqual([
      {
        op: 'closed',
        sub: 'f',
        code: 'ERR_FILTER_INVALID',
        message: 'region: "Portugal" is not a region code',
      },
      {
        op: 'closed',
        sub: 'c',
        code: 'ERR_CURSOR_INVALID',
        message: 'cursor: 7 is after the last event this relay has issued (1)',
      },
      {
        op: 'closed',
        sub: 'n',
        code: 'ERR_CURSOR_INVALID',
        message: 'cursor: expected a non-negative integer, got -1',
      },
    ]);
  });

  it('limits subscriptions per connection and per key', async () => {
    relay = await startRelay({
      tokens,
      limits: { maxSubscriptionsPerConnection: 2, maxSubscriptionsPerKey: 3 },
    });
    const one = await connect('?token=buyer-token');
    for (const sub of ['a', 'b', 'c']) one.send({ op: 'subscribe', sub });
    await one.waitFor((c) => c.of('closed', 'c').length === 1, 'the third refusal');
    expect(one.of('closed', 'c')[0]).toEqual({
      op: 'closed',
      sub: 'c',
      code: 'ERR_TOO_MANY_SUBSCRIPTIONS',
      message: 'This connection has 2 subscriptions open, the most allowed',
    });
    const two = await connect('?token=buyer-token');
    two.send({ op: 'subscribe', sub: 'd' });
    two.send({ op: 'subscribe', sub: 'e' });
    await two.waitFor((c) => c.of('closed', 'e').length === 1, 'the per-key refusal');
    expect(two.of('closed', 'e')[0]!.code).toBe('ERR_TOO_MANY_SUBSCRIPTIONS');
    expect(two.of('closed', 'e')[0]!.message).toBe('This key has 3 subscriptions open, the most allowed');
    one.send({ op: 'unsubscribe', sub: 'a' });
    two.send({ op: 'subscribe', sub: 'e' });
    await two.waitFor(eose('e'), 'room after an unsubscribe');
  });

  it('closes the connection with 1009 on a frame over the size limit', async () => {
    relay = await startRelay({ limits: { maxFrameBytes: 1024 } });
    const client = await connect();
    client.send({ op: 'auth', token: 'x'.repeat(2000) });
    await client.closed();
    expect(client.closeCode).toBe(1009);
  });

  it('cuts off a consumer that stops reading with 1008 ERR_SLOW_CONSUMER', async () => {
    relay = await startRelay({ limits: { maxBufferedBytes: 64 * 1024, closeGraceMs: 10_000 } });
    const client = await connect();
    client.send({ op: 'subscribe', sub: 's' });
    await client.waitFor(eose('s'), 'eose');
    client.socket.pause();
    const message = intent({ description: `${'word '.repeat(390)}end` });
    let published = 0;
    while (relay.hub.stats().subscriptions > 0 && published < 20_000) {
      relay.publish(message);
      published++;
      if (published % 20 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    expect(relay.hub.stats().subscriptions).toBe(0);
    client.socket.resume();
    await client.closed();
    expect(client.closeCode).toBe(1008);
    expect(client.closeReason).toBe('ERR_SLOW_CONSUMER');
    const seqs = client.seqs('s');
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(seqs.length).toBeLessThanOrEqual(published);
  });

  it('drops a connection that stops answering pings', async () => {
    relay = await startRelay({ limits: { pingIntervalMs: 30 } });
    const client = await connect();
    client.send({ op: 'subscribe', sub: 's' });
    await client.waitFor(eose('s'), 'eose');
    client.socket.pause();
    await until(() => relay.hub.stats().subscriptions === 0, 'the silent connection to be dropped');
  });
});

describe('closing', () => {
  it('sends closed for each subscription with the reason of hub.close, then closes with 1001', async () => {
    relay = await startRelay();
    const client = await connect();
    client.send({ op: 'subscribe', sub: 'a' });
    client.send({ op: 'subscribe', sub: 'b', filter: { category: 'food' } });
    await client.waitFor((c) => c.of('eose').length === 2, 'eose');
    relay.hub.close('Maintenance until noon');
    await client.closed();
    expect(client.of('closed')).toEqual([
      { op: 'closed', sub: 'a', code: 'ERR_UNAVAILABLE', message: 'Maintenance until noon' },
      { op: 'closed', sub: 'b', code: 'ERR_UNAVAILABLE', message: 'Maintenance until noon' },
    ]);
    expect(client.closeCode).toBe(1001);
    expect(client.closeReason).toBe('Maintenance until noon');
  });
});
