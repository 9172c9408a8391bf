import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { categoryAllowed } from '../src/config/categories.js';
import { loadConfig } from '../src/config/load.js';
import { relayOptionsFromConfig } from '../src/config/relay-options.js';
import {
  BUYER,
  didOf,
  errorOf,
  intentBody,
  make,
  post,
  STRANGER,
  startRelay,
  stopRelay,
  T0,
  type TestRelay,
} from './relay-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'intentcast-policy-'));
const started: TestRelay[] = [];
afterEach(async () => {
  for (const relay of started.splice(0)) await stopRelay(relay);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A relay configured from YAML, the way `intentcast-relay --config` configures one. */
async function relayFrom(yaml: string): Promise<TestRelay> {
  const path = join(dir, `relay-${started.length}-${Date.now()}.yaml`);
  writeFileSync(path, yaml);
  const { config } = await loadConfig({ file: path, env: {}, cwd: dir });
  const { logger: _logger, ...options } = relayOptionsFromConfig(config);
  const relay = await startRelay({ ...options, metrics: false });
  started.push(relay);
  return relay;
}

const lodging = (at = T0) => make.intent({ at }, intentBody({}, { category: 'lodging.hotel' }));
const flight = (at = T0) => make.intent({ at }, intentBody({}, { category: 'travel.flight' }));

describe('categories.allow', () => {
  test.each([
    { allowed: ['lodging'], category: 'lodging', expected: true },
    { allowed: ['lodging'], category: 'lodging.hotel.suite', expected: true },
    { allowed: ['lodging'], category: 'lodgings', expected: false },
    { allowed: ['lodging.hotel'], category: 'lodging', expected: false },
    { allowed: ['https://vocab.example/x'], category: 'https://vocab.example/x', expected: true },
    { allowed: ['https://vocab.example/x'], category: 'https://vocab.example/x.y', expected: false },
  ])('$allowed admits $category: $expected', ({ allowed, category, expected }) => {
    expect(categoryAllowed(allowed, category)).toBe(expected);
  });

  test('an intent in another category is refused with ERR_BAD_REQUEST at its category', async () => {
    const { app, store } = await relayFrom('categories:\n  allow: [lodging, events]\n');
    expect((await post(app, lodging())).statusCode).toBe(201);
    const res = await post(app, flight());
    expect(res.statusCode).toBe(400);
    expect(errorOf(res)).toEqual({
      code: 'ERR_BAD_REQUEST',
      message: 'this relay does not accept intents in category "travel.flight"; it accepts lodging, events',
      path: '/body/what/category',
    });
    expect(store.lastSeq()).toBe(1);
  });

  test('in a batch, only the refused intent fails; offers on accepted intents pass', async () => {
    const { app } = await relayFrom('categories:\n  allow: [lodging]\n');
    const intent = lodging();
    const res = await post(app, { messages: [intent, flight(), make.offer({ at: T0 }, intent)] });
    expect(res.statusCode).toBe(200);
    const results = res.json().results as { ok: boolean; error?: { code: string; path: string } }[];
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
    expect(results[1]!.error).toMatchObject({ code: 'ERR_BAD_REQUEST', path: '/body/what/category' });
  });

  test('a category that is not a string is left to schema validation and its code', async () => {
    const { app } = await relayFrom('categories:\n  allow: [lodging]\n');
    const intent = lodging() as unknown as { body: { what: { category: unknown } } };
    intent.body.what.category = 42;
    const res = await post(app, intent);
    expect(errorOf(res).code).toBe('ERR_SCHEMA');
  });
});

describe('keys', () => {
  test('with keys.allow, every other key is refused with ERR_KEY_DENIED', async () => {
    const { app } = await relayFrom(`keys:\n  allow: [${didOf(BUYER)}]\n`);
    expect((await post(app, lodging())).statusCode).toBe(201);
    const res = await post(app, make.intent({ at: T0 }, intentBody(), STRANGER));
    expect(res.statusCode).toBe(403);
    expect(errorOf(res)).toMatchObject({ code: 'ERR_KEY_DENIED', path: '/author' });
  });

  test('keys.deny refuses the keys it lists', async () => {
    const { app } = await relayFrom(`keys:\n  deny: [${didOf(BUYER)}]\n`);
    expect(errorOf(await post(app, lodging())).code).toBe('ERR_KEY_DENIED');
    expect((await post(app, make.intent({ at: T0 }, intentBody(), STRANGER))).statusCode).toBe(201);
  });
});

describe('cors.origins', () => {
  const preflight = (relay: TestRelay, origin: string) =>
    relay.app.inject({
      method: 'OPTIONS',
      url: '/v1/messages',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });

  test('a listed origin is allowed, others get no CORS headers', async () => {
    const relay = await relayFrom('cors:\n  origins: [https://app.example]\n');
    const ok = await preflight(relay, 'https://app.example');
    expect(ok.statusCode).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe('https://app.example');
    expect(ok.headers['access-control-allow-methods']).toContain('POST');
    expect(ok.headers['access-control-allow-credentials']).toBeUndefined();
    const other = await preflight(relay, 'https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const get = await relay.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { origin: 'https://app.example' },
    });
    expect(get.headers['access-control-expose-headers']).toContain('x-request-id');
  });

  test('"*" allows any origin; without the key there are no CORS headers', async () => {
    const open = await relayFrom("cors:\n  origins: ['*']\n");
    expect((await preflight(open, 'https://any.example')).headers['access-control-allow-origin']).toBe('*');
    const closed = await relayFrom('logLevel: info\n');
    const res = await closed.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { origin: 'https://x.example' },
    });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('trustProxy', () => {
  const fromProxy = (relay: TestRelay, client: string, requestId?: string) =>
    relay.app.inject({
      method: 'GET',
      url: '/v1/intents',
      remoteAddress: '10.0.0.2',
      headers: { 'x-forwarded-for': client, ...(requestId ? { 'x-request-id': requestId } : {}) },
    });

  test('behind a trusted proxy, rate limits count the forwarded client address', async () => {
    const relay = await relayFrom('trustProxy: [10.0.0.2]\nrateLimit:\n  perIp: 1\n');
    expect((await fromProxy(relay, '203.0.113.1')).statusCode).toBe(200);
    expect((await fromProxy(relay, '203.0.113.2')).statusCode).toBe(200);
    expect((await fromProxy(relay, '203.0.113.1')).statusCode).toBe(429);
  });

  test('from a peer that is not a trusted proxy, X-Forwarded-For is ignored', async () => {
    const relay = await relayFrom('trustProxy: [10.0.0.9]\nrateLimit:\n  perIp: 1\n');
    expect((await fromProxy(relay, '203.0.113.1')).statusCode).toBe(200);
    expect((await fromProxy(relay, '203.0.113.2')).statusCode).toBe(429);
  });

  test("a proxy's request id is kept; without trustProxy each request gets its own", async () => {
    const trusted = await relayFrom('trustProxy: [10.0.0.2]\n');
    expect((await fromProxy(trusted, '203.0.113.1', 'edge-42')).headers['x-request-id']).toBe('edge-42');
    // Ids that could forge log lines are replaced.
    const forged = (await fromProxy(trusted, '203.0.113.1', 'a b\nc')).headers['x-request-id'];
    expect(forged).toMatch(/^[0-9a-f-]{36}$/);
    const direct = await relayFrom('logLevel: info\n');
    expect((await fromProxy(direct, '203.0.113.1', 'edge-42')).headers['x-request-id']).toMatch(
      /^[0-9a-f-]{36}$/,
    );
  });
});

describe('published settings', () => {
  test('the well-known document shows the configured limits, retention and operator', async () => {
    const relay = await relayFrom(
      [
        'operator:\n  name: Test Relay\n  email: ops@relay.example',
        'limits:\n  maxBatch: 20\n  bodyLimit: 256KiB',
        'rateLimit:\n  perIp: 50\n  perKey: 70\n  windowMs: 30s',
        'retention:\n  days: 7',
      ].join('\n'),
    );
    const doc = (await relay.app.inject({ method: 'GET', url: '/.well-known/intentcast' })).json();
    expect(doc.operator).toEqual({ name: 'Test Relay', email: 'ops@relay.example' });
    expect(doc.limits).toMatchObject({
      maxBatch: 20,
      maxBodyBytes: 256 * 1024,
      rateLimit: { windowSeconds: 30, perIp: 50, perKey: 70 },
    });
    expect(doc.retention.expiredThreadDays).toBe(7);
  });
});
