import {
  createIntent,
  didKeyFromPublicKey,
  fromHex,
  generateKeyPair,
  IntentcastError,
  nobleBackend,
  publicKeyFromDidKey,
} from '@intentcast/core';
import { describe, expect, it } from 'vitest';
import { authSigningInput, nodeTransport, RelayClient, relayError } from '../src/index.js';
import { TERMS } from './fixtures.js';
import { mockAgent, mockRelay } from './mock-relay.js';

describe('relay error bodies', () => {
  it.each([
    {
      description: 'a protocol error body keeps its code, message and path',
      status: 409,
      body: '{"error":{"code":"ERR_LIFECYCLE_OFFER_CAP","message":"the intent has 5 offers","path":"/thread"}}',
      expected: { code: 'ERR_LIFECYCLE_OFFER_CAP', message: 'the intent has 5 offers', path: '/thread' },
    },
    {
      description: 'a proxy page gets the code of its status',
      status: 502,
      body: '<html>Bad Gateway</html>',
      expected: {
        code: 'ERR_UNAVAILABLE',
        message: 'the relay answered 502 with 24 bytes that are not a protocol error body',
      },
    },
    {
      description: 'a code outside the catalogue is named, and the status decides',
      status: 418,
      body: '{"error":{"code":"ERR_TEAPOT","message":"short and stout"}}',
      expected: {
        code: 'ERR_BAD_REQUEST',
        message: 'the relay answered 418 with the unknown code "ERR_TEAPOT"',
      },
    },
    {
      description: 'a rate limit without a body',
      status: 429,
      body: '',
      expected: {
        code: 'ERR_RATE_LIMITED',
        message: 'the relay answered 429 with 0 bytes that are not a protocol error body',
      },
    },
    {
      description: 'a known code without a message',
      status: 401,
      body: '{"error":{"code":"ERR_AUTH_INVALID"}}',
      expected: { code: 'ERR_AUTH_INVALID', message: 'the relay answered 401 ERR_AUTH_INVALID' },
    },
  ])('$description', ({ status, body, expected }) => {
    const err = relayError(status, body);
    expect(err).toBeInstanceOf(IntentcastError);
    expect(err.toJSON()).toEqual(expected);
  });

  it('become IntentcastErrors on reads', async () => {
    const agent = mockAgent();
    const a = mockRelay(agent, 'https://a.example');
    a.pool.intercept({ path: `/v1/intents/${'cd'.repeat(32)}/thread`, method: 'GET' }).reply(404, {
      error: { code: 'ERR_NOT_FOUND', message: 'no intent with this id is visible to the caller' },
    });
    const client = new RelayClient(a.origin, { transport: nodeTransport({ dispatcher: agent }) });
    await expect(client.thread('cd'.repeat(32))).rejects.toThrow(
      new IntentcastError('ERR_NOT_FOUND', 'no intent with this id is visible to the caller'),
    );
  });
});

describe('RelayClient', () => {
  it('refuses a relay whose well-known document names another key than the configured one', async () => {
    const agent = mockAgent();
    const a = mockRelay(agent, 'https://a.example');
    const other = didKeyFromPublicKey(generateKeyPair().publicKey);
    const client = new RelayClient(a.origin, { did: other, transport: nodeTransport({ dispatcher: agent }) });
    await expect(client.info()).rejects.toMatchObject({
      code: 'ERR_KEY_INVALID',
      message: `${a.origin} names itself ${a.did}, not the configured relay key ${other}`,
    });
  });

  it('answers the challenge for this relay only, and reuses the token until it nears expiry', async () => {
    const agent = mockAgent();
    const a = mockRelay(agent, 'https://a.example');
    const key = generateKeyPair();
    const did = didKeyFromPublicKey(key.publicKey);
    const challenge = '9c'.repeat(32);
    let now = Date.parse('2026-03-05T08:00:00.000Z');
    a.pool
      .intercept({ path: '/v1/auth/challenge', method: 'POST' })
      .reply(200, { challenge, expires: '2026-03-05T08:02:00.000Z' });
    a.pool.intercept({ path: '/v1/auth/token', method: 'POST' }).reply<object>((request) => {
      const answer = JSON.parse(String(request.body)) as { key: string; challenge: string; sig: string };
      const good = nobleBackend.verify(
        fromHex(answer.sig),
        authSigningInput(answer.challenge, answer.key, a.did),
        publicKeyFromDidKey(answer.key),
      );
      return good && answer.key === did && answer.challenge === challenge
        ? { statusCode: 200, data: { token: 'token-1', expires: '2026-03-05T08:15:00.000Z' } }
        : { statusCode: 401, data: { error: { code: 'ERR_AUTH_INVALID', message: 'bad answer' } } };
    });
    const client = new RelayClient(a.origin, {
      transport: nodeTransport({ dispatcher: agent }),
      now: () => now,
      retries: 0,
    });

    expect(await client.token(key)).toBe('token-1');
    now += 13 * 60_000;
    // Each route above answers once: a second challenge would fail for want of an interceptor.
    expect(await client.token(key)).toBe('token-1');
    now += 60_000;
    // A minute before expiry the token is renewed: the relay is asked for a challenge again.
    await expect(client.token(key)).rejects.toMatchObject({ code: 'ERR_UNAVAILABLE' });
  });

  it('drops intents that fail verification from a page, and reports them', async () => {
    const agent = mockAgent();
    const a = mockRelay(agent, 'https://a.example');
    const buyer = generateKeyPair();
    const body = {
      what: { category: 'lodging', description: 'A room', quantity: 1 },
      terms: [TERMS],
      offerCap: 3,
    };
    const good = createIntent(body, buyer.secretKey);
    const tampered = { ...createIntent(body, buyer.secretKey), offerCap: 9 };
    const expired = createIntent(body, buyer.secretKey, {
      now: Date.now() - 2 * 86_400_000,
      expires: Date.now() - 86_400_000,
    });
    a.pool
      .intercept({ path: '/v1/intents?category=lodging&limit=3', method: 'GET' })
      .reply(200, { intents: [good, tampered, expired], next: 'c1' });
    const reports: string[] = [];
    const client = new RelayClient(a.origin, {
      transport: nodeTransport({ dispatcher: agent }),
      onInvalid: (report) => reports.push(`${report.code} ${report.relay}`),
    });

    const page = await client.intents({ category: 'lodging', limit: 3 });

    expect(page.intents.map((i) => i.id)).toEqual([good.id]);
    expect(page.next).toBe('c1');
    expect(reports).toEqual([`ERR_SCHEMA ${a.origin}`, `ERR_EXPIRED ${a.origin}`]);
  });

  it('refuses URLs that are not a relay base', () => {
    const transport = nodeTransport();
    expect(() => new RelayClient('ftp://relay.example', { transport })).toThrow(
      'relay URL: expected http: or https:, got ftp: in ftp://relay.example',
    );
    expect(() => new RelayClient('https://relay.example/?x=1', { transport })).toThrow(
      'relay URL: expected no query or fragment, got https://relay.example/?x=1',
    );
    expect(new RelayClient('https://relay.example/base/', { transport }).url).toBe(
      'https://relay.example/base',
    );
  });
});
