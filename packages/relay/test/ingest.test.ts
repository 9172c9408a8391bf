import { type Message, nobleBackend } from '@intentcast/core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { StoredEvent } from '../src/events.js';
import { listPolicy } from '../src/options.js';
import { type Receipt, verifyReceipt } from '../src/receipt.js';
import {
  BUYER,
  DAY,
  didOf,
  errorOf,
  HOUR,
  intentBody,
  make,
  post,
  postAll,
  STRANGER,
  startRelay,
  stopRelay,
  T0,
  type TestRelay,
  VENDOR_A,
  VENDOR_B,
  VENDOR_C,
} from './relay-fixtures.js';

// Every case runs with the checks and receipt signatures in the event loop and in a worker thread.
describe.each([0, 1])('with %i crypto workers', (cryptoWorkers) => {
  let relay: TestRelay;
  let published: StoredEvent[];
  const at = { at: T0 };

  beforeEach(async () => {
    published = [];
    relay = await startRelay({
      hub: { publish: (event) => published.push(event), close: () => {} },
      cryptoWorkers,
    });
  });
  afterEach(() => stopRelay(relay));

  describe('POST /v1/messages: one message', () => {
    test('stores a valid intent and answers 201 with a receipt the relay signed', async () => {
      const intent = make.intent(at);
      const res = await post(relay.app, intent);
      expect(res.statusCode).toBe(201);
      const { receipt } = res.json() as { receipt: Receipt };
      expect(receipt).toMatchObject({
        relay: relay.app.relayDid,
        id: intent.id,
        seq: 1,
        received: '2026-01-15T12:00:00.000Z',
      });
      expect(verifyReceipt(receipt, relay.app.relayDid)).toBe(true);
      expect(verifyReceipt(receipt, relay.app.relayDid, { backend: nobleBackend })).toBe(true);
    });

    test('a repeated message is an idempotent success: 200 and the original receipt, no second copy', async () => {
      const intent = make.intent(at);
      const first = await post(relay.app, intent);
      relay.clock.advance(HOUR);
      const again = await post(relay.app, intent);
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual(first.json());
      const page = await relay.app.inject('/v1/intents');
      expect(page.json().intents).toHaveLength(1);
      expect(relay.store.lastSeq()).toBe(1);
    });

    test('a stored message replayed after it expired is still recognised as stored', async () => {
      const intent = make.intent({ at: T0, expires: T0 + HOUR });
      const first = await post(relay.app, intent);
      relay.clock.advance(2 * HOUR);
      const again = await post(relay.app, intent);
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual(first.json());
    });

    test('publishes each committed message to the hub in seq order, with its recipients', async () => {
      const intent = make.intent(at);
      const offer = make.offer(at, intent);
      const reply = make.reply(at, offer, { decision: 'question', text: 'Is breakfast included?' });
      await postAll(relay.app, intent, offer, reply);
      expect(published.map((e) => [e.seq, e.message.id, e.recipients])).toEqual([
        [1, intent.id, []],
        [2, offer.id, [didOf(BUYER)]],
        [3, reply.id, [didOf(VENDOR_A)]],
      ]);
    });
  });

  describe('the hub', () => {
    test('a hub that throws does not undo or fail a commit', async () => {
      const faulty = await startRelay({
        hub: {
          publish: () => {
            throw new Error('subscriber bug');
          },
          close: () => {},
        },
      });
      const intent = make.intent(at);
      const offer = make.offer(at, intent, VENDOR_A);
      await postAll(faulty.app, intent, offer);
      expect((await faulty.store.getMessage(offer.id))?.message).toEqual(offer);
      // The lifecycle still knows the offer: the same vendor cannot begin a second negotiation.
      const again = await post(faulty.app, make.offer(at, intent, VENDOR_A));
      expect(errorOf(again).code).toBe('ERR_LIFECYCLE_DUPLICATE_OFFER');
      await stopRelay(faulty);
    });
  });

  describe('receipts', () => {
    test('verifyReceipt refuses a changed receipt, another relay, and junk, without throwing', async () => {
      const res = await post(relay.app, make.intent(at));
      const receipt = res.json().receipt as Receipt;
      const did = relay.app.relayDid;
      expect(verifyReceipt({ ...receipt, seq: receipt.seq + 1 }, did)).toBe(false);
      expect(verifyReceipt({ ...receipt, received: '2026-01-15T12:00:01.000Z' }, did)).toBe(false);
      expect(verifyReceipt({ ...receipt, extra: 1 }, did)).toBe(false);
      expect(verifyReceipt(receipt, didOf(STRANGER))).toBe(false);
      expect(verifyReceipt({ ...receipt, relay: didOf(STRANGER) }, didOf(STRANGER))).toBe(false);
      for (const junk of [null, 'receipt', 42, [], {}, { ...receipt, sig: 'zz' }]) {
        expect(verifyReceipt(junk, did)).toBe(false);
      }
      expect(verifyReceipt(receipt, 'did:key:nonsense')).toBe(false);
    });
  });

  describe('POST /v1/messages: refusals, with the exact status and code', () => {
    const intent = () => make.intent(at);
    const cases: [string, () => string, number, string, string?][] = [
      [
        'bad signature',
        () => JSON.stringify({ ...intent(), sig: 'ab'.repeat(64) }),
        400,
        'ERR_SIGNATURE_INVALID',
        '/sig',
      ],
      [
        'content changed under its id',
        () => {
          const m = intent();
          return JSON.stringify({ ...m, body: { ...m.body, offerCap: 6 } });
        },
        400,
        'ERR_ID_MISMATCH',
        '/id',
      ],
      [
        'expired',
        () => JSON.stringify(make.intent({ at: T0 - 2 * DAY, expires: T0 - DAY })),
        400,
        'ERR_EXPIRED',
        '/expires',
      ],
      [
        'created too far ahead',
        () => JSON.stringify(make.intent({ at: T0 + HOUR })),
        400,
        'ERR_NOT_YET_VALID',
        '/created',
      ],
      ['unknown member', () => JSON.stringify({ ...intent(), colour: 'blue' }), 400, 'ERR_SCHEMA', '/colour'],
      ['not an object', () => '[1,2,3]', 400, 'ERR_SCHEMA'],
      ['unknown type', () => JSON.stringify({ ...intent(), type: 'poll' }), 400, 'ERR_UNKNOWN_TYPE', '/type'],
      [
        'other version',
        () => JSON.stringify({ ...intent(), protocol: 'intentcast/2' }),
        400,
        'ERR_UNSUPPORTED_VERSION',
        '/protocol',
      ],
      [
        'duplicate member names',
        () => {
          const text = JSON.stringify(intent());
          return `{"type":"intent",${text.slice(1)}`;
        },
        400,
        'ERR_JSON',
      ],
      ['not JSON', () => '{"protocol": ', 400, 'ERR_JSON'],
      ['empty body', () => '', 400, 'ERR_JSON'],
      ['nested too deep', () => `${'['.repeat(40)}${']'.repeat(40)}`, 400, 'ERR_TOO_DEEP'],
      ['batch that is not an array', () => '{"messages": 5}', 400, 'ERR_BAD_REQUEST', '/messages'],
      ['empty batch', () => '{"messages": []}', 400, 'ERR_BAD_REQUEST', '/messages'],
      [
        'batch with another member',
        () => `{"messages": [${JSON.stringify(intent())}], "x": 1}`,
        400,
        'ERR_BAD_REQUEST',
      ],
      ['batch cut short', () => `{"messages": [${JSON.stringify(intent())}`, 400, 'ERR_JSON'],
    ];
    test.each(cases)('%s', async (_name, body, status, code, path) => {
      const res = await post(relay.app, body());
      expect(res.statusCode).toBe(status);
      const error = errorOf(res);
      expect(error.code).toBe(code);
      expect(error.message).toEqual(expect.any(String));
      if (path !== undefined) expect(error.path).toBe(path);
      expect(relay.store.lastSeq()).toBe(0);
    });

    test('a body that is not UTF-8 is ERR_JSON', async () => {
      const res = await relay.app.inject({
        method: 'POST',
        url: '/v1/messages',
        headers: { 'content-type': 'application/json' },
        payload: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      });
      expect(res.statusCode).toBe(400);
      expect(errorOf(res)).toEqual({ code: 'ERR_JSON', message: 'the body is not valid UTF-8' });
    });

    test('a body that is not JSON by its content type is ERR_BAD_REQUEST', async () => {
      const res = await post(relay.app, make.intent(at), { 'content-type': 'text/plain' });
      expect(res.statusCode).toBe(400);
      expect(errorOf(res)).toEqual({ code: 'ERR_BAD_REQUEST', message: 'the body must be application/json' });
    });

    test('a body over the limit is 413 ERR_TOO_LARGE', async () => {
      const small = await startRelay({ limits: { bodyLimit: 1024 } });
      const res = await post(small.app, { messages: [make.intent(at), make.intent(at)] });
      expect(res.statusCode).toBe(413);
      expect(errorOf(res).code).toBe('ERR_TOO_LARGE');
      await stopRelay(small);
    });

    test('a batch over limits.maxBatch is ERR_BAD_REQUEST', async () => {
      const small = await startRelay({ limits: { maxBatch: 2 } });
      const res = await post(small.app, { messages: [make.intent(at), make.intent(at), make.intent(at)] });
      expect(res.statusCode).toBe(400);
      expect(errorOf(res)).toEqual({
        code: 'ERR_BAD_REQUEST',
        message: 'a batch holds at most 2 messages',
        path: '/messages',
      });
      await stopRelay(small);
    });

    test('a key the policy denies is 403 ERR_KEY_DENIED', async () => {
      const strict = await startRelay({ keyPolicy: listPolicy({ deny: [didOf(STRANGER)] }) });
      const res = await post(strict.app, make.intent(at, intentBody(), STRANGER));
      expect(res.statusCode).toBe(403);
      expect(errorOf(res)).toMatchObject({ code: 'ERR_KEY_DENIED', path: '/author' });
      expect((await post(strict.app, make.intent(at))).statusCode).toBe(201);
      await stopRelay(strict);
    });
  });

  describe('POST /v1/messages: the thread lifecycle', () => {
    test('a message of a thread the relay has not seen is 409 ERR_LIFECYCLE_UNKNOWN_REF', async () => {
      const res = await post(relay.app, make.offer(at, make.intent(at)));
      expect(res.statusCode).toBe(409);
      expect(errorOf(res)).toEqual({
        code: 'ERR_LIFECYCLE_UNKNOWN_REF',
        message: 'the relay holds no thread with this id',
        path: '/thread',
      });
    });

    test("the buyer's offer cap is enforced per intent", async () => {
      const intent = make.intent(at, intentBody({ offerCap: 2 }));
      await postAll(relay.app, intent, make.offer(at, intent, VENDOR_A), make.offer(at, intent, VENDOR_B));
      const res = await post(relay.app, make.offer(at, intent, VENDOR_C));
      expect(res.statusCode).toBe(409);
      expect(errorOf(res)).toEqual({
        code: 'ERR_LIFECYCLE_OFFER_CAP',
        message: expect.stringContaining('at most 2'),
      });
    });

    test('concurrent offers beyond the cap: exactly the cap is stored', async () => {
      const intent = make.intent(at, intentBody({ offerCap: 2 }));
      await postAll(relay.app, intent);
      const vendors = [VENDOR_A, VENDOR_B, VENDOR_C, STRANGER, new Uint8Array(32).fill(7)];
      const results = await Promise.all(vendors.map((v) => post(relay.app, make.offer(at, intent, v))));
      const codes = results.map((r) => (r.statusCode === 201 ? 'stored' : errorOf(r).code)).sort();
      expect(codes).toEqual([
        'ERR_LIFECYCLE_OFFER_CAP',
        'ERR_LIFECYCLE_OFFER_CAP',
        'ERR_LIFECYCLE_OFFER_CAP',
        'stored',
        'stored',
      ]);
    });

    const refusals: [
      string,
      (t: { at: number }) => { setup: Message[]; message: Message },
      number,
      string,
    ][] = [
      [
        'the buyer offers on their own intent',
        (t) => {
          const intent = make.intent(t);
          return { setup: [intent], message: make.offer(t, intent, BUYER) };
        },
        403,
        'ERR_LIFECYCLE_NOT_AUTHOR',
      ],
      [
        'a second offer by the same vendor',
        (t) => {
          const intent = make.intent(t);
          return { setup: [intent, make.offer(t, intent)], message: make.offer(t, intent) };
        },
        409,
        'ERR_LIFECYCLE_DUPLICATE_OFFER',
      ],
      [
        'a reply by someone other than the buyer',
        (t) => {
          const intent = make.intent(t);
          const offer = make.offer(t, intent);
          return { setup: [intent, offer], message: make.accept(t, offer, STRANGER) };
        },
        403,
        'ERR_LIFECYCLE_NOT_AUTHOR',
      ],
      [
        'an offer after the intent is accepted in full',
        (t) => {
          const intent = make.intent(t);
          const offer = make.offer(t, intent);
          return { setup: [intent, offer, make.accept(t, offer)], message: make.offer(t, intent, VENDOR_B) };
        },
        409,
        'ERR_LIFECYCLE_ALREADY_ACCEPTED',
      ],
      [
        'an offer after the intent is withdrawn',
        (t) => {
          const intent = make.intent(t);
          return { setup: [intent, make.withdraw(t, intent, BUYER)], message: make.offer(t, intent) };
        },
        409,
        'ERR_LIFECYCLE_CLOSED',
      ],
      [
        'a confirm by a vendor whose offer was not accepted',
        (t) => {
          const intent = make.intent(t, intentBody({}, { quantity: 2 }));
          const a = make.offer(t, intent, VENDOR_A);
          const b = make.offer(t, intent, VENDOR_B);
          const accept = make.accept(t, a);
          return { setup: [intent, a, b, accept], message: make.confirm(t, accept, VENDOR_B) };
        },
        403,
        'ERR_LIFECYCLE_NOT_AUTHOR',
      ],
    ];
    test.each(refusals)('%s', async (_name, build, status, code) => {
      const { setup, message } = build(at);
      await postAll(relay.app, ...setup);
      const res = await post(relay.app, message);
      expect(res.statusCode).toBe(status);
      expect(errorOf(res).code).toBe(code);
      expect(relay.store.lastSeq()).toBe(setup.length);
    });

    test('an offer on an intent that has expired is 409 ERR_LIFECYCLE_EXPIRED', async () => {
      const intent = make.intent({ at: T0, expires: T0 + HOUR });
      await postAll(relay.app, intent);
      relay.clock.advance(2 * HOUR);
      const res = await post(relay.app, make.offer({ at: relay.clock.now }, intent));
      expect(res.statusCode).toBe(409);
      expect(errorOf(res).code).toBe('ERR_LIFECYCLE_EXPIRED');
    });
  });

  describe('POST /v1/messages: batches', () => {
    test('answers 200 with a result per message, in order; refused messages are not stored, the rest are', async () => {
      const intent = make.intent(at);
      const offer = make.offer(at, intent);
      const stray = make.offer(at, make.intent(at), VENDOR_B);
      const forged = { ...make.offer(at, intent, VENDOR_C), sig: '00'.repeat(64) };
      const res = await post(relay.app, { messages: [intent, stray, offer, forged, intent] });
      expect(res.statusCode).toBe(200);
      const { results } = res.json() as {
        results: { ok: boolean; receipt?: Receipt; error?: { code: string } }[];
      };
      expect(results.map((r) => (r.ok ? r.receipt!.id : r.error!.code))).toEqual([
        intent.id,
        'ERR_LIFECYCLE_UNKNOWN_REF',
        offer.id,
        'ERR_SIGNATURE_INVALID',
        intent.id,
      ]);
      expect(results[4]!.receipt).toEqual(results[0]!.receipt);
      for (const r of results) if (r.ok) expect(verifyReceipt(r.receipt, relay.app.relayDid)).toBe(true);
      expect(relay.store.lastSeq()).toBe(2);
      expect((await relay.app.inject(`/v1/messages/${stray.id}`)).statusCode).toBe(404);
    });

    test('a message that does not parse fails alone, and the others are kept byte for byte', async () => {
      const intent = make.intent(at);
      const text = JSON.stringify(intent, null, 1);
      const res = await post(relay.app, `{ "messages" : [ ${text} , {"a":1,"a":2} , "x" ] }`);
      expect(res.statusCode).toBe(200);
      expect(
        res.json().results.map((r: { ok: boolean; error?: { code: string } }) => r.error?.code ?? 'ok'),
      ).toEqual(['ok', 'ERR_JSON', 'ERR_SCHEMA']);
      expect((await relay.store.getMessage(intent.id))?.text).toBe(text);
    });
  });
});
