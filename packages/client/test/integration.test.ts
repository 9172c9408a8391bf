import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Buyer, MemoryKeystore, type Received, Vendor } from '../src/index.js';
import { acceptsTerms, intentInput, next, TERMS, until } from './fixtures.js';
import { type RunningRelay, startRelay } from './relay-harness.js';

const EUR = (amount: string) => ({ amount, currency: 'EUR' });
const quick = { backoff: { initialMs: 100, maxMs: 1_000 } };

function vendorOn(relays: string[], name: string, extra: { stream?: 'ws' | 'sse' } = {}): Vendor {
  return new Vendor({
    relays,
    keystore: new MemoryKeystore(),
    profile: { name, url: 'https://vendor.example' },
    policy: acceptsTerms,
    ...quick,
    ...extra,
  });
}

describe('a negotiation through a real relay', () => {
  let relay: RunningRelay;
  beforeAll(async () => {
    relay = await startRelay();
  });
  afterAll(() => relay.close());

  it('goes from cast to a closed thread: sealed offer, sealed counter, revision, accept, confirm', async () => {
    const controller = new AbortController();
    const { signal } = controller;
    const buyer = new Buyer({ relays: [relay.url], keystore: new MemoryKeystore(), ...quick });
    const vendor = vendorOn([relay.url], 'Casa Azul');
    try {
      const intents = vendor
        .intents({ category: 'lodging', region: 'PT' }, { signal })
        [Symbol.asyncIterator]();
      const { intent, receipts, failures } = await buyer.cast(intentInput());
      expect(failures).toEqual([]);
      expect(receipts.map((r) => [r.relay, r.receipt.id])).toEqual([[relay.url, intent.id]]);

      const seen = await next(intents, 'the intent on the vendor stream');
      expect(seen.id).toBe(intent.id);
      expect(seen.relay).toBe(relay.url);
      await vendor.offer(seen, {
        price: EUR('139.00'),
        description: 'Room 12',
        quantity: 1,
        sealPrice: true,
      });

      const offers = buyer.offers(intent.id, { signal })[Symbol.asyncIterator]();
      const offer = await next(offers, 'the first offer');
      expect(offer.body.price).toBeUndefined();
      expect(offer.opened).toEqual({ price: EUR('139.00') });
      expect(offer.body.terms).toEqual(TERMS);

      await buyer.counter(offer, { price: EUR('120.00') }, { seal: true, text: 'Two nights?' });
      const replies = vendor.replies({ signal })[Symbol.asyncIterator]();
      const counter = await next(replies, 'the counter');
      expect(counter.body).toEqual({ decision: 'counter', sealed: expect.any(String) });
      expect(counter.opened).toEqual({ counter: { price: EUR('120.00') }, text: 'Two nights?' });

      await vendor.revise(counter, { price: EUR('125.00') });
      const revised = await next(offers, 'the revised offer');
      expect(revised.ref).toBe(counter.id);
      expect(revised.opened).toEqual({ price: EUR('125.00') });
      expect(revised.body.description).toBe('Room 12');

      await buyer.accept(revised);
      const accept = await next(replies, 'the accept');
      expect(accept.body).toEqual({ decision: 'accept', terms: TERMS });
      await vendor.confirm(accept, { reference: 'BK-2041' });

      const thread = await buyer.thread(intent.id);
      expect(thread.state).toBe('closed');
      expect(thread.messages.map((m) => m.type)).toEqual(['offer', 'reply', 'offer', 'reply', 'confirm']);
      expect(thread.messages[2]!.opened).toEqual({ price: EUR('125.00') });
      const response = await fetch(`${relay.url}/v1/intents/${intent.id}/thread`);
      expect(((await response.json()) as { state: string }).state).toBe('closed');
      expect(buyer.health()[0]).toMatchObject({ url: relay.url, status: 'up', consecutiveFailures: 0 });
    } finally {
      controller.abort();
      await buyer.close();
      await vendor.close();
    }
  });

  it('gives the buyer every mailbox message, and lets a vendor withdraw its offer', async () => {
    const controller = new AbortController();
    const buyer = new Buyer({ relays: [relay.url], keystore: new MemoryKeystore(), ...quick });
    const vendor = vendorOn([relay.url], 'Casa Verde');
    try {
      const { intent } = await buyer.cast(intentInput('A room with a garden'));
      const { message: offer } = await vendor.offer(intent, {
        price: EUR('99.00'),
        description: 'Garden room',
        quantity: 1,
      });
      await vendor.withdraw(offer, { reason: 'timing' });
      const mail = buyer.messages(intent.id, { signal: controller.signal })[Symbol.asyncIterator]();
      const first = await next(mail, 'the offer');
      const second = await next(mail, 'the withdrawal');
      expect([first.type, second.type]).toEqual(['offer', 'withdraw']);
      expect(first.opened).toBeUndefined();
      expect((await buyer.thread(intent.id)).state).toBe('open');
      // Closing the buyer ends its feeds.
      await buyer.close();
      expect(await mail.next()).toEqual({ done: true, value: undefined });
      await until(() => buyer.health()[0]!.streams === 0, 'the stream to close');
    } finally {
      controller.abort();
      await buyer.close();
      await vendor.close();
    }
  });
});

describe('a mailbox stream whose access token expires', () => {
  let relay: RunningRelay;
  beforeAll(async () => {
    relay = await startRelay({ limits: { tokenTtlMs: 1_500 } });
  });
  afterAll(() => relay.close());

  it('is ended by the relay, renewed by the SDK, and loses and repeats nothing', async () => {
    const controller = new AbortController();
    const buyer = new Buyer({ relays: [relay.url], keystore: new MemoryKeystore(), ...quick });
    const vendor = vendorOn([relay.url], 'Casa Rosa');
    try {
      const { intent } = await buyer.cast(intentInput('A room for the night'));
      const mail = buyer.messages(intent.id, { signal: controller.signal })[Symbol.asyncIterator]();
      const { message: offer } = await vendor.offer(intent, {
        price: EUR('80.00'),
        description: 'Room 3',
        quantity: 1,
      });
      expect((await next(mail, 'the offer')).id).toBe(offer.id);
      // The first token lapses; the relay ends the mailbox stream, and the SDK comes back with a new one.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      const withdrawal = await vendor.withdraw(offer, { reason: 'timing' });
      const second = await next(mail, 'the withdrawal, after the token was renewed');
      expect(second.id).toBe(withdrawal.message.id);
    } finally {
      controller.abort();
      await buyer.close();
      await vendor.close();
    }
  });
});

describe('resuming a stream', () => {
  let relay: RunningRelay;
  beforeAll(async () => {
    relay = await startRelay();
  });
  afterAll(() => relay.close());

  it('loses and repeats no offer when the relay restarts mid-stream', async () => {
    const controller = new AbortController();
    // The first reconnection waits at least 750 ms, so offers B and C are stored while the buyer is away.
    const backoff = { initialMs: 1_500, maxMs: 3_000 };
    const buyer = new Buyer({ relays: [relay.url], keystore: new MemoryKeystore(), backoff });
    const vendors = ['A', 'B', 'C', 'D'].map((name) => vendorOn([relay.url], `Vendor ${name}`));
    try {
      const { intent } = await buyer.cast(intentInput());
      const feed = buyer.offers(intent.id, { signal: controller.signal });
      const offers = feed[Symbol.asyncIterator]();
      const price = { price: EUR('100.00'), description: 'A room', quantity: 1 };

      const a = await vendors[0]!.offer(intent, price);
      const got: Received[] = [await next(offers, 'offer A')];
      await relay.restart();
      // Stored after the stream dropped and before (or while) the buyer reconnects: only the cursor finds them.
      const b = await vendors[1]!.offer(intent, price);
      const c = await vendors[2]!.offer(intent, price);
      got.push(await next(offers, 'offer B'), await next(offers, 'offer C'));
      const d = await vendors[3]!.offer(intent, price);
      got.push(await next(offers, 'offer D, live'));

      expect(got.map((m) => m.id)).toEqual([a, b, c, d].map((p) => p.message.id));
      const lastSeq = d.receipts[0]!.receipt.seq;
      expect(got.at(-1)!.seq).toBe(lastSeq);
      expect(feed.cursors()).toEqual({ [relay.url]: lastSeq });
      const health = buyer.health()[0]!;
      expect(health.lastError?.code).toBe('ERR_UNAVAILABLE');
      await until(() => buyer.health()[0]!.streams === 1, 'the stream to be connected again');
    } finally {
      controller.abort();
      await buyer.close();
      await Promise.all(vendors.map((v) => v.close()));
    }
  });
});

describe('several relays', () => {
  let one: RunningRelay;
  let two: RunningRelay;
  beforeAll(async () => {
    [one, two] = await Promise.all([startRelay(), startRelay()]);
  });
  afterAll(() => Promise.all([one.close(), two.close()]));

  it.each(['ws', 'sse'] as const)('publishes to all and yields each offer once (%s)', async (stream) => {
    const controller = new AbortController();
    const relays = [one.url, two.url];
    const buyer = new Buyer({ relays, keystore: new MemoryKeystore(), stream, ...quick });
    const vendor = vendorOn(relays, 'Both Relays Inn', { stream });
    try {
      const intents = vendor
        .intents({ q: `harbour ${stream}` }, { signal: controller.signal })
        [Symbol.asyncIterator]();
      const cast = await buyer.cast(intentInput(`A room by the harbour ${stream}`));
      expect(cast.receipts.map((r) => r.relay).sort()).toEqual([...relays].sort());
      const seen = await next(intents, 'the intent, once');
      const offered = await vendor.offer(seen, {
        price: EUR('80.00'),
        description: 'Harbour room',
        quantity: 1,
      });
      expect(offered.receipts).toHaveLength(2);

      const feed = buyer.offers(cast.intent.id, { signal: controller.signal });
      const offers = feed[Symbol.asyncIterator]();
      const offer = await next(offers, 'the offer');
      expect(offer.id).toBe(offered.message.id);
      const seqs = Object.fromEntries(offered.receipts.map((r) => [r.relay, r.receipt.seq]));
      await until(
        () =>
          JSON.stringify(feed.cursors()) ===
          JSON.stringify({ [one.url]: seqs[one.url], [two.url]: seqs[two.url] }),
        'both relays to deliver the offer',
      );
      // Both copies were delivered and handled; the second was recognised and not yielded again.
      const { message: second } = await vendor.revise(offer, { price: EUR('75.00') });
      expect((await next(offers, 'the revision')).id).toBe(second.id);
    } finally {
      controller.abort();
      await buyer.close();
      await vendor.close();
    }
  });
});
