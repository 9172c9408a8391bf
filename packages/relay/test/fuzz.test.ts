import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { make, startRelay, stopRelay, T0, type TestRelay } from './relay-fixtures.js';

/** Hostile input never gets a 5xx: whatever is sent, the answer is a 2xx or a 4xx with an error code. */

let relay: TestRelay;
beforeAll(async () => {
  relay = await startRelay({ limits: { rateLimitPerIp: 1_000_000 } });
  await relay.app.ready();
});
afterAll(() => stopRelay(relay));

function expectNoFault(res: { statusCode: number; body: string }): void {
  if (res.statusCode >= 500) throw new Error(`${res.statusCode} ${res.body}`);
  if (res.statusCode >= 400) expect(JSON.parse(res.body).error.code).toMatch(/^ERR_[A-Z_]+$/);
}

const intent = make.intent({ at: T0 });

/** A valid intent with one value somewhere replaced by random JSON. */
const mutated = fc
  .tuple(
    fc.constantFrom('', 'body', 'body/what', 'body/terms/0', 'body/where'),
    fc.string({ maxLength: 12 }),
    fc.jsonValue(),
  )
  .map(([path, key, value]) => {
    const copy = structuredClone(intent) as unknown as Record<string, unknown>;
    let node: Record<string, unknown> = copy;
    for (const part of path.split('/').filter(Boolean)) {
      const next = node[part];
      if (typeof next !== 'object' || next === null) node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    node[key] = value;
    return JSON.stringify(copy);
  });

const body = fc.oneof(
  fc.json(),
  fc.string({ maxLength: 200 }),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
  fc.array(fc.json(), { maxLength: 5 }).map((items) => `{"messages":[${items.join(',')}]}`),
  fc.string({ maxLength: 50 }).map((s) => `{"messages":[${s}`),
  mutated,
);

describe('no 5xx on fuzzed input', () => {
  test('POST /v1/messages', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const res = await relay.app.inject({
          method: 'POST',
          url: '/v1/messages',
          headers: { 'content-type': 'application/json' },
          payload,
        });
        expectNoFault(res);
      }),
      { numRuns: 400, seed: 42 },
    );
  });

  test('POST /v1/auth/challenge and /v1/auth/token', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/v1/auth/challenge', '/v1/auth/token'),
        body,
        async (url, payload) => {
          expectNoFault(
            await relay.app.inject({
              method: 'POST',
              url,
              headers: { 'content-type': 'application/json' },
              payload,
            }),
          );
        },
      ),
      { numRuns: 200, seed: 43 },
    );
  });

  test('GET routes with random parameters, paths and tokens', async () => {
    const param = fc.constantFrom(
      'category',
      'region',
      'near',
      'currency',
      'budgetMin',
      'budgetMax',
      'since',
      'until',
      'q',
      'state',
      'cursor',
      'limit',
      'token',
      'x',
    );
    const query = fc
      .array(fc.tuple(param, fc.string({ maxLength: 30 })), { maxLength: 4 })
      .map((pairs) => pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&'));
    const path = fc.oneof(
      fc.constant('/v1/intents'),
      fc.string({ maxLength: 70 }).map((id) => `/v1/messages/${encodeURIComponent(id)}`),
      fc.string({ maxLength: 70 }).map((id) => `/v1/intents/${encodeURIComponent(id)}/thread`),
      fc.string({ maxLength: 30 }).map((p) => `/${p}`),
    );
    await fc.assert(
      fc.asyncProperty(path, query, fc.option(fc.string({ maxLength: 60 })), async (url, q, auth) => {
        const headers: Record<string, string> = {};
        if (auth !== null) headers.authorization = auth.replace(/[^\t\x20-\x7e]/g, '');
        expectNoFault(await relay.app.inject({ method: 'GET', url: `${url}?${q}`, headers }));
      }),
      { numRuns: 400, seed: 44 },
    );
  });
});
