import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { NewRecord, Store, StoredThreadState } from '../src/store/store.js';
import type { SqliteWebhookStore } from '../src/webhooks/sqlite-store.js';
import { type EndpointRecord, MAX_ATTEMPTS_KEPT, type NewDelivery } from '../src/webhooks/store.js';
import { BUYER, didOf, intentBody, make, T0, VENDOR_A } from './relay-fixtures.js';

/** The outbox in the SQLite store: deliveries commit with their message, in order, and nothing else. */

let store: Store;
let webhooks: SqliteWebhookStore;
beforeEach(() => {
  store = openSqliteStore(':memory:');
  webhooks = store.webhooks as SqliteWebhookStore;
});
afterEach(async () => {
  await store.close();
});

function endpoint(id: string, change: Partial<EndpointRecord> = {}): EndpointRecord {
  return {
    id,
    owner: didOf(VENDOR_A),
    url: 'https://hooks.example/',
    filter: {},
    events: ['intent.matched', 'intent.expired'],
    description: null,
    secret: 'whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    previousSecret: null,
    previousSecretUntil: null,
    enabled: true,
    disabled: null,
    failingSince: null,
    failures: 0,
    created: T0,
    updated: T0,
    ...change,
  };
}

function intentRecord(i: number, deliveries: NewDelivery[]): NewRecord {
  const intent = make.intent({ at: T0 }, intentBody({}, { description: `Room ${i}` }));
  return {
    message: intent,
    text: JSON.stringify(intent),
    recipients: [],
    receivedAt: T0 + i,
    thread: { state: 'open' as StoredThreadState, acceptedQuantity: 0, unconfirmed: 0 },
    deliveries,
  };
}

const delivery = (id: string, endpointId = 'ep_a'): NewDelivery => ({
  id,
  endpoint: endpointId,
  type: 'intent.matched',
});

describe('the outbox', () => {
  test('deliveries are written in the transaction of their message: both or neither', async () => {
    await webhooks.createEndpoint(endpoint('ep_a'));
    const good = intentRecord(1, [delivery('msg_1')]);
    // The second record's delivery reuses an id, so the transaction fails after the messages are written.
    const bad = intentRecord(2, [delivery('msg_1')]);
    await expect(store.commit([good, bad])).rejects.toThrow(/UNIQUE/);
    expect(await store.getMessage(good.message.id)).toBeUndefined();
    expect(await webhooks.head('ep_a')).toBeUndefined();

    const [event] = await store.commit([good]);
    const head = await webhooks.head('ep_a');
    expect(head).toMatchObject({
      id: 'msg_1',
      seq: event!.seq,
      status: 'pending',
      eventTime: T0 + 1,
      tries: 0,
    });
    expect(await webhooks.messageText(event!.seq)).toBe(good.text);
  });

  test('the head is the earliest pending delivery; a requeued one goes to the back', async () => {
    await webhooks.createEndpoint(endpoint('ep_a'));
    await store.commit([1, 2, 3].map((i) => intentRecord(i, [delivery(`msg_${i}`)])));
    const first = (await webhooks.head('ep_a'))!;
    await webhooks.recordAttempt(
      first,
      { at: T0, durationMs: 5, status: 204, error: null },
      { status: 'delivered', tries: 0, nextAttempt: null, counts: 'success' },
    );
    expect((await webhooks.head('ep_a'))!.id).toBe('msg_2');
    expect(await webhooks.requeue('ep_a', 'msg_2', T0)).toBeUndefined();
    const again = await webhooks.requeue('ep_a', 'msg_1', T0 + 10);
    expect(again).toMatchObject({ id: 'msg_1', status: 'pending', nextAttempt: T0 + 10 });
    const order: string[] = [];
    for (let head = await webhooks.head('ep_a'); head; head = await webhooks.head('ep_a')) {
      order.push(head.id);
      await webhooks.recordAttempt(
        head,
        { at: T0, durationMs: 1, status: 204, error: null },
        { status: 'delivered', tries: 0, nextAttempt: null, counts: 'success' },
      );
    }
    expect(order).toEqual(['msg_2', 'msg_3', 'msg_1']);
    expect((await webhooks.getDelivery('ep_a', 'msg_1'))!.attemptCount).toBe(2);
  });

  test('failures count against the endpoint until a success; only the latest attempts are kept', async () => {
    await webhooks.createEndpoint(endpoint('ep_a'));
    await store.commit([intentRecord(1, [delivery('msg_1')])]);
    const head = (await webhooks.head('ep_a'))!;
    for (let i = 0; i < MAX_ATTEMPTS_KEPT + 5; i++) {
      const { failingSince } = await webhooks.recordAttempt(
        head,
        { at: T0 + i, durationMs: 1, status: 500, error: 'answered 500' },
        { status: 'pending', tries: i + 1, nextAttempt: T0 + i + 1, counts: 'failure' },
      );
      expect(failingSince).toBe(T0);
    }
    const stored = (await webhooks.getDelivery('ep_a', 'msg_1'))!;
    expect(stored.attemptCount).toBe(MAX_ATTEMPTS_KEPT + 5);
    expect(stored.attempts).toHaveLength(MAX_ATTEMPTS_KEPT);
    expect(stored.attempts[0]!.at).toBe(T0 + 5);
    expect(await webhooks.getEndpoint('ep_a')).toMatchObject({
      failures: MAX_ATTEMPTS_KEPT + 5,
      failingSince: T0,
    });
    await webhooks.recordAttempt(
      head,
      { at: T0 + 99, durationMs: 1, status: 200, error: null },
      { status: 'delivered', tries: 0, nextAttempt: null, counts: 'success' },
    );
    expect(await webhooks.getEndpoint('ep_a')).toMatchObject({ failures: 0, failingSince: null });
  });

  test('only enabled endpoints are reported pending; re-enabling makes their deliveries due now', async () => {
    await webhooks.createEndpoint(endpoint('ep_a'));
    await webhooks.createEndpoint(endpoint('ep_b'));
    await store.commit([intentRecord(1, [delivery('msg_1', 'ep_a'), delivery('msg_2', 'ep_b')])]);
    const head = (await webhooks.head('ep_b'))!;
    await webhooks.recordAttempt(
      head,
      { at: T0, durationMs: 1, status: 500, error: 'answered 500' },
      { status: 'pending', tries: 1, nextAttempt: T0 + 60_000, counts: 'failure' },
    );
    expect(await webhooks.pendingEndpoints()).toEqual(
      expect.arrayContaining([
        { endpoint: 'ep_a', due: T0 + 1 },
        { endpoint: 'ep_b', due: T0 + 60_000 },
      ]),
    );
    await webhooks.updateEndpoint('ep_b', {
      enabled: false,
      disabled: { reason: 'failures', detail: 'x', at: T0 },
    });
    expect(await webhooks.pendingEndpoints()).toEqual([{ endpoint: 'ep_a', due: T0 + 1 }]);
    const enabled = await webhooks.enableEndpoint('ep_b', T0 + 5);
    expect(enabled).toMatchObject({ enabled: true, disabled: null, failures: 0, failingSince: null });
    expect(await webhooks.head('ep_b')).toMatchObject({ tries: 0, nextAttempt: T0 + 5 });
  });

  test('deleting an endpoint deletes its deliveries and their attempts', async () => {
    await webhooks.createEndpoint(endpoint('ep_a'));
    await store.commit([intentRecord(1, [delivery('msg_1')])]);
    const head = (await webhooks.head('ep_a'))!;
    await webhooks.recordAttempt(
      head,
      { at: T0, durationMs: 1, status: 204, error: null },
      { status: 'delivered', tries: 0, nextAttempt: null, counts: 'success' },
    );
    expect(await webhooks.deleteEndpoint('ep_a')).toBe(true);
    expect(await webhooks.getDelivery('ep_a', 'msg_1')).toBeUndefined();
    expect(await webhooks.outboxStats()).toEqual({
      endpoints: 0,
      disabledEndpoints: 0,
      pending: 0,
      oldestPending: null,
    });
  });

  test('finished deliveries are pruned after the history period; pending ones never', async () => {
    await webhooks.createEndpoint(endpoint('ep_a'));
    await store.commit([1, 2].map((i) => intentRecord(i, [delivery(`msg_${i}`)])));
    const head = (await webhooks.head('ep_a'))!;
    await webhooks.recordAttempt(
      head,
      { at: T0, durationMs: 1, status: 204, error: null },
      { status: 'delivered', tries: 0, nextAttempt: null, counts: 'success' },
    );
    expect(await webhooks.pruneDeliveries(T0 + 1000, 100)).toBe(1);
    expect(await webhooks.getDelivery('ep_a', 'msg_1')).toBeUndefined();
    expect(await webhooks.getDelivery('ep_a', 'msg_2')).toMatchObject({ status: 'pending' });
  });
});

describe('intent.expired', () => {
  test('is queued once per endpoint of a participant, for threads open at expiry, from the first scan on', async () => {
    const buyerEndpoint = endpoint('ep_buyer', { owner: didOf(BUYER) });
    await webhooks.createEndpoint(buyerEndpoint);
    await webhooks.createEndpoint(endpoint('ep_matched_only', { events: ['intent.matched'] }));
    let n = 0;
    const ids = () => `msg_${++n}`;
    // The first scan marks the time: intents that expired before it are not announced.
    expect(await webhooks.enqueueExpired(T0, 10, ids)).toEqual({ endpoints: [], more: false });
    const records = [1, 2, 3].map((i) => {
      const intent = make.intent({ at: T0, expires: T0 + i * 1000 });
      return {
        message: intent,
        text: JSON.stringify(intent),
        recipients: [],
        receivedAt: T0,
        thread: { state: i === 3 ? 'withdrawn' : 'open', acceptedQuantity: 0, unconfirmed: 0 },
      } satisfies NewRecord;
    });
    await store.commit(records);
    // Two per scan: the first scan stops after a full page, the next goes on from there.
    expect(await webhooks.enqueueExpired(T0 + 2500, 1, ids)).toEqual({ endpoints: ['ep_buyer'], more: true });
    expect(await webhooks.enqueueExpired(T0 + 2500, 1, ids)).toEqual({ endpoints: ['ep_buyer'], more: true });
    expect(await webhooks.enqueueExpired(T0 + 2500, 1, ids)).toEqual({ endpoints: [], more: false });
    expect(await webhooks.enqueueExpired(T0 + 9000, 10, ids)).toEqual({ endpoints: [], more: false });
    const list = await webhooks.listDeliveries('ep_buyer', { limit: 10 });
    expect(list.deliveries.map((d) => [d.type, d.seq, d.eventTime])).toEqual([
      ['intent.expired', 2, T0 + 2500],
      ['intent.expired', 1, T0 + 2500],
    ]);
  });
});
