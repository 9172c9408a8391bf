import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Intent, Message, WebhookDelivery } from '@intentcast/core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Receipt } from '../src/receipt.js';
import { DEFAULT_RETRY_SCHEDULE } from '../src/webhooks/options.js';
import { retryDelay } from '../src/webhooks/schedule.js';
import {
  BUYER,
  bearer,
  DAY,
  didOf,
  intentBody,
  make,
  offerBody,
  post,
  postAll,
  startRelay,
  stopRelay,
  type TestRelay,
  tokenFor,
  VENDOR_A,
  VENDOR_B,
} from './relay-fixtures.js';
import {
  localWebhooks,
  messageIds,
  type Receiver,
  register,
  startReceiver,
  verified,
  waitFor,
  webhookRelay,
} from './webhook-fixtures.js';

const relays: TestRelay[] = [];
const receivers: Receiver[] = [];
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'intentcast-webhooks-'));
});

afterEach(async () => {
  for (const relay of relays.splice(0)) if (relay.store.isOpen()) await stopRelay(relay);
  for (const receiver of receivers.splice(0)) await receiver.close();
  rmSync(dir, { recursive: true, force: true });
});

async function relayWith(...args: Parameters<typeof webhookRelay>): Promise<TestRelay> {
  const relay = await webhookRelay(...args);
  relays.push(relay);
  return relay;
}

async function receiverWith(...args: Parameters<typeof startReceiver>): Promise<Receiver> {
  const receiver = await startReceiver(...args);
  receivers.push(receiver);
  return receiver;
}

async function receiptOf(relay: TestRelay, message: Message): Promise<Receipt> {
  const res = await post(relay.app, message);
  if (res.statusCode !== 201) throw new Error(`${message.type} refused: ${res.body}`);
  return res.json().receipt as Receipt;
}

function intents(n: number, at = Date.now()): Intent[] {
  return Array.from({ length: n }, (_, i) =>
    make.intent({ at }, intentBody({}, { description: `Room ${i}` })),
  );
}

/** The seq of each request's event, in the order the receiver got them (retries included). */
function seqs(deliveries: readonly WebhookDelivery[]): number[] {
  return deliveries.map(({ event }) => (event.data as { seq: number }).seq);
}

const ascending = (list: readonly number[]) => list.every((n, i) => i === 0 || list[i - 1]! <= n);

describe('delivery', () => {
  test('every event arrives, verifies, and carries the message exactly as it was sent', async () => {
    const relay = await relayWith();
    const [buyerHooks, hotelHooks, foodHooks] = await Promise.all([
      receiverWith(),
      receiverWith(),
      receiverWith(),
    ]);
    const buyer = await register(relay.app, await tokenFor(relay.app, BUYER), {
      url: buyerHooks.url,
      events: ['mailbox.offer', 'mailbox.confirm', 'mailbox.withdraw'],
    });
    const hotel = await register(relay.app, await tokenFor(relay.app, VENDOR_A), {
      url: hotelHooks.url,
      filter: { category: 'lodging' },
    });
    const food = await register(relay.app, await tokenFor(relay.app, VENDOR_B), {
      url: foodHooks.url,
      filter: { category: 'food' },
      events: ['intent.matched'],
    });

    const at = Date.now();
    const room = make.intent({ at });
    const dinner = make.intent({ at }, intentBody({}, { category: 'food.restaurant' }));
    const offer = make.offer({ at }, room, VENDOR_A);
    const accept = make.accept({ at }, offer);
    const confirm = make.confirm({ at }, accept, VENDOR_A);
    const texts = new Map<string, string>();
    const receipts = new Map<string, Receipt>();
    for (const message of [room, dinner, offer, accept, confirm]) {
      texts.set(message.id, JSON.stringify(message));
      receipts.set(message.id, await receiptOf(relay, message));
    }

    await waitFor(
      () =>
        buyerHooks.requests.length === 2 &&
        hotelHooks.requests.length === 2 &&
        foodHooks.requests.length === 1,
      'every delivery',
    );
    const expectEvents = (
      receiver: Receiver,
      secret: string,
      endpoint: string,
      want: [string, Message][],
    ) => {
      const got = verified(receiver, secret);
      expect(got.map((d) => d.event.type)).toEqual(want.map(([type]) => type));
      got.forEach((delivery, i) => {
        const message = want[i]![1];
        expect(delivery.event.data).toEqual({ endpoint, seq: receipts.get(message.id)!.seq, message });
        expect(delivery.event.timestamp).toBe(receipts.get(message.id)!.received);
        // The body holds the message's own text, byte for byte.
        expect(receiver.requests[i]!.body).toContain(`"message":${texts.get(message.id)}}}`);
      });
      expect(new Set(got.map((d) => d.id)).size).toBe(got.length);
    };
    expectEvents(buyerHooks, buyer.secret, buyer.id, [
      ['mailbox.offer', offer],
      ['mailbox.confirm', confirm],
    ]);
    expectEvents(hotelHooks, hotel.secret, hotel.id, [
      ['intent.matched', room],
      ['mailbox.reply', accept],
    ]);
    expectEvents(foodHooks, food.secret, food.id, [['intent.matched', dinner]]);
  });

  test('a receiver that is down for a while gets everything once it is back, in order', async () => {
    const relay = await relayWith();
    const downUntil = Date.now() + 800;
    const receiver = await receiverWith(() => (Date.now() < downUntil ? 503 : 204));
    const ep = await register(relay.app, await tokenFor(relay.app, VENDOR_A), { url: receiver.url });
    const sent = intents(10);
    await postAll(relay.app, ...sent);
    await waitFor(() => messageIds(verified(receiver, ep.secret)).length === 10, 'all ten intents');
    await waitFor(() => receiver.requests.at(-1)!.at >= downUntil, 'the last request after the outage');
    const all = verified(receiver, ep.secret);
    expect(messageIds(all)).toEqual(sent.map((m) => m.id));
    expect(ascending(seqs(all))).toBe(true);
    // The first intent was tried while the receiver was down, then delivered.
    const token = await tokenFor(relay.app, VENDOR_A);
    const list = await relay.app.inject({
      url: `/v1/webhooks/${ep.id}/deliveries?limit=100`,
      headers: bearer(token),
    });
    const first = list.json().deliveries.at(-1);
    expect(first.status).toBe('delivered');
    expect(first.attempts[0]).toMatchObject({ status: 503, error: 'answered 503' });
    expect(first.attempts.at(-1)).toMatchObject({ status: 204 });
  });

  test('a receiver that never answers is given up on after the timeout, and the event comes again', async () => {
    const relay = await relayWith({ webhooks: localWebhooks({ timeoutMs: 300 }) });
    // The first request hangs until the receiver closes; the next one is answered.
    const receiver = await receiverWith((_request, index) =>
      index === 0 ? new Promise<number>(() => {}) : 204,
    );
    const ep = await register(relay.app, await tokenFor(relay.app, VENDOR_A), { url: receiver.url });
    const [sent] = intents(1);
    await postAll(relay.app, sent!);
    await waitFor(() => receiver.requests.length === 2, 'the event again after the timeout', 5_000);
    const token = await tokenFor(relay.app, VENDOR_A);
    const list = await relay.app.inject({ url: `/v1/webhooks/${ep.id}/deliveries`, headers: bearer(token) });
    const delivery = list.json().deliveries[0];
    expect(delivery.attempts[0]).toMatchObject({ error: 'no answer within 0.3 s' });
    expect(delivery.attempts[0].status).toBeUndefined();
  });

  test('an event whose answer is lost comes again with the same webhook-id and body', async () => {
    const relay = await relayWith();
    const seen = new Set<string>();
    // Takes each event, but the first time answers as if it had failed: the relay must send it again.
    const receiver = await receiverWith((request) => {
      const id = String(request.headers['webhook-id']);
      if (seen.has(id)) return 204;
      seen.add(id);
      return 500;
    });
    const ep = await register(relay.app, await tokenFor(relay.app, VENDOR_A), { url: receiver.url });
    const sent = intents(5);
    await postAll(relay.app, ...sent);
    await waitFor(() => receiver.requests.length === 10, 'every event twice');
    const all = verified(receiver, ep.secret);
    const byId = new Map<string, string[]>();
    receiver.requests.forEach((request, i) => {
      byId.set(all[i]!.id, [...(byId.get(all[i]!.id) ?? []), request.body]);
    });
    expect(byId.size).toBe(5);
    for (const bodies of byId.values()) expect(bodies).toEqual([bodies[0], bodies[0]]);
    expect(messageIds(all)).toEqual(sent.map((m) => m.id));
    expect(seqs(all)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });

  test('a slow receiver holds back neither ingest nor other endpoints, and keeps its order', async () => {
    const relay = await relayWith();
    let release!: () => void;
    const released = new Promise<number>((resolve) => {
      release = () => resolve(204);
    });
    const slow = await receiverWith(() => released);
    const fast = await receiverWith();
    const slowEp = await register(relay.app, await tokenFor(relay.app, VENDOR_A), { url: slow.url });
    const fastEp = await register(relay.app, await tokenFor(relay.app, VENDOR_B), { url: fast.url });
    const sent = intents(30);
    await postAll(relay.app, sent[0]!);
    await waitFor(() => slow.requests.length === 1, 'the first delivery to the slow receiver');
    // Every intent is stored and acknowledged while the slow receiver sits on its first request.
    const receipts: Receipt[] = [];
    for (const message of sent.slice(1)) receipts.push(await receiptOf(relay, message));
    expect(receipts.map((r) => r.seq)).toEqual(sent.slice(1).map((_, i) => i + 2));
    await waitFor(() => fast.requests.length === 30, 'the fast receiver');
    expect(slow.requests).toHaveLength(1);
    release();
    await waitFor(() => slow.requests.length === 30, 'the slow receiver');
    expect(seqs(verified(slow, slowEp.secret))).toEqual(sent.map((_, i) => i + 1));
    expect(seqs(verified(fast, fastEp.secret))).toEqual(sent.map((_, i) => i + 1));
  });

  test('order holds per endpoint while attempts fail at random', async () => {
    const relay = await relayWith();
    let n = 0;
    const receiver = await receiverWith(() => ([2, 3, 7, 11, 12, 13].includes(n++) ? 502 : 204));
    const ep = await register(relay.app, await tokenFor(relay.app, VENDOR_A), { url: receiver.url });
    const sent = intents(15);
    await postAll(relay.app, ...sent);
    await waitFor(() => messageIds(verified(receiver, ep.secret)).length === 15, 'all fifteen');
    const all = verified(receiver, ep.secret);
    const delivered = all.filter((_, i) => ![2, 3, 7, 11, 12, 13].includes(i));
    expect(seqs(delivered)).toEqual(sent.map((_, i) => i + 1));
    expect(ascending(seqs(all))).toBe(true);
  });
});

describe('giving up', () => {
  test('a delivery is retried on its schedule, then given up, and the next one goes', async () => {
    const relay = await relayWith({ webhooks: localWebhooks({ retrySchedule: [30, 30] }) });
    const [poison, good] = intents(2);
    const receiver = await receiverWith((request) => (request.body.includes(poison!.id) ? 400 : 204));
    const ep = await register(relay.app, await tokenFor(relay.app, VENDOR_A), { url: receiver.url });
    await postAll(relay.app, poison!, good!);
    await waitFor(() => receiver.requests.length === 4, 'three attempts and the next intent');
    expect(messageIds(verified(receiver, ep.secret))).toEqual([poison!.id, good!.id]);
    const token = await tokenFor(relay.app, VENDOR_A);
    const failed = await relay.app.inject({
      url: `/v1/webhooks/${ep.id}/deliveries?status=failed`,
      headers: bearer(token),
    });
    const [gaveUp] = failed.json().deliveries;
    expect(gaveUp).toMatchObject({ seq: 1, status: 'failed', attemptCount: 3 });
    expect(gaveUp.attempts.map((a: { status: number }) => a.status)).toEqual([400, 400, 400]);
    const endpoint = await relay.app.inject({ url: `/v1/webhooks/${ep.id}`, headers: bearer(token) });
    expect(endpoint.json().enabled).toBe(true);
    expect(endpoint.json().failing).toBeUndefined();
  });

  test('410 Gone disables the endpoint at once, and nothing more is queued for it', async () => {
    const relay = await relayWith();
    const receiver = await receiverWith(() => 410);
    const disabled: unknown[] = [];
    relay.app.webhooks!.on('disabled', (event) => disabled.push(event));
    const token = await tokenFor(relay.app, VENDOR_A);
    const ep = await register(relay.app, token, { url: receiver.url });
    await postAll(relay.app, ...intents(1));
    await waitFor(() => disabled.length === 1, 'the endpoint to be disabled');
    const res = await relay.app.inject({ url: `/v1/webhooks/${ep.id}`, headers: bearer(token) });
    expect(res.json()).toMatchObject({
      enabled: false,
      disabled: { reason: 'failures', detail: 'the endpoint answered 410 Gone' },
      failing: { failures: 1 },
    });
    expect(disabled).toEqual([
      {
        endpoint: ep.id,
        owner: didOf(VENDOR_A),
        reason: 'failures',
        detail: 'the endpoint answered 410 Gone',
      },
    ]);
    await postAll(relay.app, ...intents(2));
    const list = await relay.app.inject({ url: `/v1/webhooks/${ep.id}/deliveries`, headers: bearer(token) });
    expect(list.json().deliveries).toHaveLength(1);
    // A receiver that said it is gone is not sent endpoint.disabled.
    expect(receiver.requests).toHaveLength(1);
  });

  test('an endpoint failing for longer than allowed is disabled, told so, and resumes when turned on', async () => {
    const relay = await relayWith({ webhooks: localWebhooks({ disableAfterMs: 300 }) });
    let status = 500;
    const receiver = await receiverWith(() => status);
    const token = await tokenFor(relay.app, VENDOR_A);
    const ep = await register(relay.app, token, { url: receiver.url });
    const [held] = intents(1);
    await postAll(relay.app, held!);
    const told = () => verified(receiver, ep.secret).some((d) => d.event.type === 'endpoint.disabled');
    await waitFor(told, 'endpoint.disabled');
    const last = verified(receiver, ep.secret).at(-1)!;
    expect(last.event).toEqual({
      type: 'endpoint.disabled',
      timestamp: expect.any(String),
      data: { endpoint: ep.id, reason: 'failures' },
    });
    const res = await relay.app.inject({ url: `/v1/webhooks/${ep.id}`, headers: bearer(token) });
    expect(res.json().enabled).toBe(false);
    expect(res.json().disabled.reason).toBe('failures');
    expect(res.json().disabled.detail).toMatch(/^every attempt since \S+ failed; the last: answered 500$/);
    const before = receiver.requests.length;

    status = 204;
    await relay.app.inject({
      method: 'PATCH',
      url: `/v1/webhooks/${ep.id}`,
      headers: bearer(token),
      payload: { enabled: true },
    });
    await waitFor(() => receiver.requests.length === before + 1, 'the held delivery');
    expect(messageIds(verified(receiver, ep.secret).slice(before))).toEqual([held!.id]);
  });
});

describe('durability', () => {
  test('pending deliveries survive closing and reopening the relay', async () => {
    const path = join(dir, 'relay.sqlite');
    let up = false;
    const receiver = await receiverWith(() => (up ? 204 : 503));
    const first = await relayWith({ path });
    const ep = await register(first.app, await tokenFor(first.app, VENDOR_A), { url: receiver.url });
    const sent = intents(8);
    await postAll(first.app, ...sent);
    await waitFor(() => receiver.requests.length >= 2, 'failed attempts');
    await stopRelay(first);
    expect(messageIds(verified(receiver, ep.secret))).toEqual([sent[0]!.id]);

    up = true;
    const second = await relayWith({ path });
    await second.app.ready();
    await waitFor(
      () => messageIds(verified(receiver, ep.secret)).length === 8,
      'every intent after the restart',
    );
    expect(messageIds(verified(receiver, ep.secret))).toEqual(sent.map((m) => m.id));
    expect(ascending(seqs(verified(receiver, ep.secret)))).toBe(true);
  });
});

describe('secret rotation', () => {
  test('during the overlap both secrets verify each delivery; after it only the new one', async () => {
    // A relay on the test clock, which the test moves past the overlap.
    const timed = await startRelay({ webhooks: localWebhooks() });
    relays.push(timed);
    const { clock } = timed;
    const receiver = await receiverWith();
    const token = await tokenFor(timed.app, VENDOR_A);
    const ep = await register(timed.app, token, { url: receiver.url });
    const rotated = (
      await timed.app.inject({
        method: 'POST',
        url: `/v1/webhooks/${ep.id}/rotate-secret`,
        headers: bearer(token),
      })
    ).json();
    await postAll(timed.app, make.intent({ at: clock.now }));
    await waitFor(() => receiver.requests.length === 1, 'a delivery during the overlap');
    const during = receiver.requests[0]!;
    expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verified({ ...receiver, requests: [during] }, ep.secret, clock.now)).toHaveLength(1);
    expect(verified({ ...receiver, requests: [during] }, rotated.secret, clock.now)).toHaveLength(1);

    clock.advance(DAY + 1);
    await postAll(timed.app, make.intent({ at: clock.now }));
    await waitFor(() => receiver.requests.length === 2, 'a delivery after the overlap');
    const after = receiver.requests[1]!;
    expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(verified({ ...receiver, requests: [after] }, rotated.secret, clock.now)).toHaveLength(1);
    expect(() => verified({ ...receiver, requests: [after] }, ep.secret, clock.now)).toThrow(
      'no v1 signature in webhook-signature matches the secret',
    );
  });
});

describe('intent.expired', () => {
  test('goes to the endpoints of the thread when its intent expires open, once', async () => {
    const relay = await startRelay({ webhooks: localWebhooks() });
    relays.push(relay);
    const { clock } = relay;
    const [buyerHooks, offeredHooks, watcherHooks] = await Promise.all([
      receiverWith(),
      receiverWith(),
      receiverWith(),
    ]);
    const events = ['intent.expired'];
    const buyer = await register(relay.app, await tokenFor(relay.app, BUYER), {
      url: buyerHooks.url,
      events,
    });
    const offered = await register(relay.app, await tokenFor(relay.app, VENDOR_A), {
      url: offeredHooks.url,
      events,
    });
    await register(relay.app, await tokenFor(relay.app, VENDOR_B), { url: watcherHooks.url, events });

    const intent = make.intent({ at: clock.now, expires: clock.now + DAY });
    const withdrawn = make.intent(
      { at: clock.now, expires: clock.now + DAY },
      intentBody({}, { description: 'x' }),
    );
    await postAll(
      relay.app,
      intent,
      make.offer({ at: clock.now }, intent, VENDOR_A, offerBody()),
      withdrawn,
      make.offer({ at: clock.now }, withdrawn, VENDOR_A, offerBody()),
      make.withdraw({ at: clock.now }, withdrawn, BUYER),
    );
    await relay.app.webhooks!.runMaintenance();
    clock.advance(DAY);
    await relay.app.webhooks!.runMaintenance();
    await relay.app.webhooks!.runMaintenance();
    await waitFor(
      () => buyerHooks.requests.length === 1 && offeredHooks.requests.length === 1,
      'intent.expired',
    );
    for (const [receiver, ep] of [
      [buyerHooks, buyer],
      [offeredHooks, offered],
    ] as const) {
      const [only] = verified(receiver, ep.secret, clock.now);
      expect(only!.event).toEqual({
        type: 'intent.expired',
        timestamp: new Date(clock.now).toISOString(),
        data: { endpoint: ep.id, seq: 1, message: intent },
      });
    }
    expect(watcherHooks.requests).toHaveLength(0);
    expect((await relay.app.webhooks!.stats()).pending).toBe(0);
  });
});

describe('retry schedule', () => {
  test('waits a random time up to each step (full jitter), then the last step', () => {
    const schedule = [1000, 5000];
    expect(retryDelay(schedule, 0, () => 0)).toBe(0);
    expect(retryDelay(schedule, 0, () => 0.999)).toBe(999);
    expect(retryDelay(schedule, 1, () => 0.5)).toBe(2500);
    expect(retryDelay(schedule, 7, () => 0.5)).toBe(2500);
  });

  test('the default schedule is ten retries over about a day at most', () => {
    expect(DEFAULT_RETRY_SCHEDULE).toHaveLength(10);
    const total = DEFAULT_RETRY_SCHEDULE.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(DAY);
    expect(total).toBeLessThan(1.2 * DAY);
  });
});
