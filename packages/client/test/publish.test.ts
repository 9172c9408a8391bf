import { generateKeyPair, IntentcastError } from '@intentcast/core';
import { describe, expect, it } from 'vitest';
import { Buyer, MemoryKeystore } from '../src/index.js';
import { intentInput } from './fixtures.js';
import { mockAgent, mockRelay, signReceipt } from './mock-relay.js';

const fast = { backoff: { initialMs: 1, maxMs: 2 }, random: () => 0 };

describe('publishing to several relays', () => {
  it('succeeds when one relay stores the message, and reports the relay that refused it', async () => {
    const agent = mockAgent();
    const a = mockRelay(agent, 'https://a.example');
    const b = mockRelay(agent, 'https://b.example');
    a.storesMessages();
    b.pool.intercept({ path: '/v1/messages', method: 'POST' }).reply(403, {
      error: {
        code: 'ERR_KEY_DENIED',
        message: "the relay's policy does not accept this key",
        path: '/author',
      },
    });
    const buyer = new Buyer({
      relays: [a.origin, b.origin],
      keystore: new MemoryKeystore(),
      dispatcher: agent,
    });

    const { intent, receipts, failures } = await buyer.cast(intentInput());

    expect(receipts).toEqual([
      { relay: a.origin, receipt: expect.objectContaining({ id: intent.id, relay: a.did, seq: 1 }) },
    ]);
    expect(failures).toHaveLength(1);
    expect(failures[0]!.relay).toBe(b.origin);
    expect(failures[0]!.error).toBeInstanceOf(IntentcastError);
    expect(failures[0]!.error.toJSON()).toEqual({
      code: 'ERR_KEY_DENIED',
      message: "the relay's policy does not accept this key",
      path: '/author',
    });
    // A refusal is an answer: both relays are up.
    expect(buyer.health().map((h) => [h.url, h.status, h.lastError?.code])).toEqual([
      [a.origin, 'up', undefined],
      [b.origin, 'up', 'ERR_KEY_DENIED'],
    ]);
  });

  it('rejects with the most telling failure when no relay stores the message, every failure in its cause', async () => {
    const agent = mockAgent();
    const a = mockRelay(agent, 'https://a.example');
    const b = mockRelay(agent, 'https://b.example');
    a.pool
      .intercept({ path: '/v1/messages', method: 'POST' })
      .replyWithError(new Error('connect ECONNREFUSED'));
    b.pool
      .intercept({ path: '/v1/messages', method: 'POST' })
      .reply(400, { error: { code: 'ERR_SCHEMA', message: '/body/what is required', path: '/body/what' } });
    const keystore = new MemoryKeystore();
    const buyer = new Buyer({ relays: [a.origin, b.origin], keystore, dispatcher: agent, retries: 0 });

    const failure = await buyer.cast(intentInput()).catch((err: unknown) => err);

    expect(failure).toBeInstanceOf(IntentcastError);
    const err = failure as IntentcastError;
    expect(err.code).toBe('ERR_SCHEMA');
    expect(err.path).toBe('/body/what');
    expect(err.message).toMatch(
      /^no relay stored intent [0-9a-f]{64}: https:\/\/a\.example: ERR_UNAVAILABLE https:\/\/a\.example could not be reached: connect ECONNREFUSED; https:\/\/b\.example: ERR_SCHEMA \/body\/what is required$/,
    );
    expect((err.cause as AggregateError).errors.map((e: IntentcastError) => e.code)).toEqual([
      'ERR_UNAVAILABLE',
      'ERR_SCHEMA',
    ]);
    expect(buyer.health()[0]).toMatchObject({ status: 'down', consecutiveFailures: 1 });

    // The key was kept: once a relay is back, the same signed intent can be published again.
    a.storesMessages();
    const [name] = await keystore.list('intent.');
    const again = await buyer.republish(name!.slice('intent.'.length));
    expect(again.receipts.map((r) => [r.relay, r.receipt.id])).toEqual([[a.origin, again.intent.id]]);
    expect(again.failures.map((f) => f.relay)).toEqual([b.origin]);
  });

  it('reports a receipt that the relay key did not sign, and counts it against the relay', async () => {
    const agent = mockAgent();
    const a = mockRelay(agent, 'https://a.example');
    const impostor = generateKeyPair();
    a.pool.intercept({ path: '/v1/messages', method: 'POST' }).reply((request) => {
      const { id } = JSON.parse(String(request.body)) as { id: string };
      const forged = { ...signReceipt(impostor, id, 7), relay: a.did };
      return { statusCode: 201, data: { receipt: forged } };
    });
    const b = mockRelay(agent, 'https://b.example');
    b.storesMessages();
    const buyer = new Buyer({
      relays: [a.origin, b.origin],
      keystore: new MemoryKeystore(),
      dispatcher: agent,
    });

    const { receipts, failures } = await buyer.cast(intentInput());

    expect(receipts.map((r) => r.relay)).toEqual([b.origin]);
    expect(failures.map((f) => [f.relay, f.error.code, f.error.message])).toEqual([
      [
        a.origin,
        'ERR_SIGNATURE_INVALID',
        `the receipt from ${a.origin} does not verify under the relay key ${a.did}`,
      ],
    ]);
    expect(buyer.health()[0]).toMatchObject({ status: 'down', consecutiveFailures: 1 });
  });

  it('reports a receipt for another message', async () => {
    const agent = mockAgent();
    const a = mockRelay(agent, 'https://a.example');
    a.pool
      .intercept({ path: '/v1/messages', method: 'POST' })
      .reply(201, { receipt: signReceipt(a.key, 'ab'.repeat(32), 3) });
    const buyer = new Buyer({ relays: [a.origin], keystore: new MemoryKeystore(), dispatcher: agent });

    await expect(buyer.cast(intentInput())).rejects.toMatchObject({
      code: 'ERR_SIGNATURE_INVALID',
      message: `the receipt from ${a.origin} is for another message (${'ab'.repeat(32)})`,
    });
  });

  it('retries a transient failure with backoff, honouring Retry-After within the backoff ceiling', async () => {
    const agent = mockAgent();
    const a = mockRelay(agent, 'https://a.example');
    a.pool
      .intercept({ path: '/v1/messages', method: 'POST' })
      .reply(
        429,
        { error: { code: 'ERR_RATE_LIMITED', message: 'Too many requests' } },
        { headers: { 'retry-after': '1' } },
      );
    a.pool.intercept({ path: '/v1/messages', method: 'POST' }).reply(503, 'Service Unavailable');
    a.storesMessages();
    const buyer = new Buyer({
      relays: [a.origin],
      keystore: new MemoryKeystore(),
      dispatcher: agent,
      ...fast,
    });

    const { receipts, failures } = await buyer.cast(intentInput());

    expect([receipts.length, failures.length]).toEqual([1, 0]);
    expect(buyer.health()[0]).toMatchObject({
      status: 'up',
      consecutiveFailures: 0,
      backoff: undefined,
      lastError: {
        code: 'ERR_UNAVAILABLE',
        message: 'the relay answered 503 with 19 bytes that are not a protocol error body',
      },
    });
  });

  it('verifies receipts with the pinned relay key, not with whatever key the relay signs with', async () => {
    const agent = mockAgent();
    const a = mockRelay(agent, 'https://a.example');
    const b = mockRelay(agent, 'https://b.example');
    b.storesMessages();
    const buyer = new Buyer({
      relays: [{ url: a.origin, did: b.did }, b.origin],
      keystore: new MemoryKeystore(),
      dispatcher: agent,
    });
    a.pool.intercept({ path: '/v1/messages', method: 'POST' }).reply((request) => {
      const { id } = JSON.parse(String(request.body)) as { id: string };
      return { statusCode: 201, data: { receipt: signReceipt(a.key, id, 1) } };
    });

    const { failures } = await buyer.cast(intentInput());

    // With the key pinned, the receipt must be signed by the pinned key: a's own key is not enough.
    expect(failures.map((f) => [f.relay, f.error.code])).toEqual([[a.origin, 'ERR_SIGNATURE_INVALID']]);
  });
});
