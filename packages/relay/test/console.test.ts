import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { CONSOLE_CSP, consolePlugin } from '../src/console.js';
import { createHub, streamPlugin } from '../src/stream/index.js';
import { errorOf, make, post, postAll, startRelay, stopRelay, T0, type TestRelay } from './relay-fixtures.js';
import { SseClient, until } from './stream-helpers.js';

/**
 * The web console at `/` (a built console's files, with their security and caching headers, and a JSON
 * 404 when there is none) and `GET /v1/stats`.
 */

const dir = mkdtempSync(join(tmpdir(), 'intentcast-console-'));
const INDEX = '<!doctype html><title>console</title><script type="module" src="app-ABCD1234.js"></script>';

/** A built console as the console package lays it out: index.html, hashed bundles, other files. */
function consoleDir(name: string): string {
  const root = join(dir, name);
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'index.html'), INDEX);
  writeFileSync(join(root, 'app-ABCD1234.js'), 'document.title = "loaded";\n');
  writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(root, '.env'), 'SECRET=1\n');
  return root;
}

const started: TestRelay[] = [];
const closers: { close(): void }[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) c.close();
  for (const relay of started.splice(0)) await stopRelay(relay);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function relayWith(options: Parameters<typeof startRelay>[0] = {}): Promise<TestRelay> {
  const relay = await startRelay(options);
  started.push(relay);
  return relay;
}

describe('the console at /', () => {
  test('/ is index.html, with the content security policy and revalidated on every load', async () => {
    const relay = await relayWith({ plugins: [consolePlugin({ root: consoleDir('served') })] });
    const res = await relay.app.inject('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toBe(INDEX);
    expect(res.headers['content-security-policy']).toBe(CONSOLE_CSP);
    expect(CONSOLE_CSP).toContain("default-src 'none'");
    expect(CONSOLE_CSP).toContain("connect-src 'self'");
    expect(CONSOLE_CSP).toContain("frame-ancestors 'none'");
    expect(CONSOLE_CSP).not.toMatch(/https?:|\*|'unsafe-inline'/);
    expect(CONSOLE_CSP).not.toContain("'unsafe-eval'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-cache');
    const again = await relay.app.inject({
      url: '/',
      headers: { 'if-none-match': String(res.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    expect((await relay.app.inject('/index.html')).body).toBe(INDEX);
    const head = await relay.app.inject({ method: 'HEAD', url: '/' });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
  });

  test('hashed bundles are cached for good, other files revalidated', async () => {
    const relay = await relayWith({ plugins: [consolePlugin({ root: consoleDir('assets') })] });
    const script = await relay.app.inject('/app-ABCD1234.js');
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(script.headers['content-security-policy']).toBe(CONSOLE_CSP);
    expect(script.body).toBe('document.title = "loaded";\n');
    const icon = await relay.app.inject('/favicon.svg');
    expect(icon.headers['content-type']).toBe('image/svg+xml');
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  test('other paths get the relay JSON 404; dotfiles and paths outside the directory are never served', async () => {
    const relay = await relayWith({ plugins: [consolePlugin({ root: consoleDir('closed') })] });
    for (const url of ['/nope.js', '/.env', '/../package.json', '/%2e%2e/package.json', '/v1/nothing']) {
      const res = await relay.app.inject(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toBe('application/json; charset=utf-8');
      expect(errorOf(res).code, url).toBe('ERR_NOT_FOUND');
      expect(res.body, url).not.toContain('SECRET');
    }
    // The console's headers stay on the console: the API answers as before.
    const api = await relay.app.inject('/v1/intents');
    expect(api.statusCode).toBe(200);
    expect(api.headers['content-security-policy']).toBeUndefined();
  });

  test.each([
    ['a directory that does not exist', () => join(dir, 'never-built')],
    ['a directory without index.html', () => mkdtempSync(join(dir, 'empty-'))],
  ])('with %s, the relay starts and / answers a clear 404 JSON error', async (_what, root) => {
    const relay = await relayWith({ plugins: [consolePlugin({ root: root() })] });
    const res = await relay.app.inject('/');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const error = errorOf(res);
    expect(error.code).toBe('ERR_NOT_FOUND');
    expect(error.message).toMatch(/^the web console is not available on this relay \(.+\); build it with /);
    expect((await relay.app.inject('/healthz')).statusCode).toBe(200);
  });

  test('without a root, the console package is found or / is a 404, and the relay starts either way', async () => {
    const relay = await relayWith({ plugins: [consolePlugin()] });
    const res = await relay.app.inject('/');
    expect([200, 404]).toContain(res.statusCode);
    if (res.statusCode === 404) expect(errorOf(res).code).toBe('ERR_NOT_FOUND');
    else expect(res.body).toContain('<script type="module"');
  });
});

interface Stats {
  relay: string;
  software: { name: string; version: string };
  time: string;
  uptimeSeconds: number;
  messages: Record<'accepted' | 'stored', { total: number; byType: Record<string, number> }> & {
    rejected: { total: number; byCode: Record<string, number> };
  };
  store: { lastSeq: number; databaseBytes?: number; walBytes?: number; threads?: Record<string, number> };
  streams?: { subscriptions: number; intents: number; mailbox: number };
}

async function stats(relay: TestRelay): Promise<Stats> {
  const res = await relay.app.inject('/v1/stats');
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Stats;
}

describe('GET /v1/stats', () => {
  test('a fresh relay: nothing counted, its identity and version', async () => {
    const relay = await relayWith({ path: join(dir, 'fresh.sqlite') });
    expect(await stats(relay)).toEqual({
      relay: relay.app.relayDid,
      software: { name: '@intentcast/relay', version: '0.1.0' },
      time: '2026-01-15T12:00:00Z',
      uptimeSeconds: 0,
      messages: {
        accepted: { total: 0, byType: {} },
        stored: { total: 0, byType: {} },
        rejected: { total: 0, byCode: {} },
      },
      store: { lastSeq: 0, databaseBytes: expect.any(Number), walBytes: expect.any(Number), threads: {} },
    });
  });

  test('the figures move as messages are ingested, and agree with /metrics', async () => {
    const hub = createHub();
    const relay = await relayWith({ hub, plugins: [streamPlugin({ hub })] });
    const before = await stats(relay);
    expect(before.streams).toEqual({ subscriptions: 0, intents: 0, mailbox: 0 });

    const intent = make.intent({ at: T0 });
    await postAll(relay.app, intent, make.offer({ at: T0 }, intent));
    const forged = { ...make.intent({ at: T0 }), sig: '00'.repeat(64) };
    expect((await post(relay.app, forged)).statusCode).toBe(400);
    // A replay is accepted again (its first receipt), not stored again.
    expect((await post(relay.app, intent)).statusCode).toBe(200);

    const after = await stats(relay);
    expect(after.messages).toEqual({
      accepted: { total: 3, byType: { intent: 2, offer: 1 } },
      stored: { total: 2, byType: { intent: 1, offer: 1 } },
      rejected: { total: 1, byCode: { ERR_SIGNATURE_INVALID: 1 } },
    });
    expect(after.store.lastSeq).toBe(2);
    // Store sizes and thread counts are read at most every 30 seconds; the counters above are exact.
    expect(after.store.threads).toEqual(before.store.threads);
    relay.clock.advance(30_000);
    const later = await stats(relay);
    expect(later.store.threads).toEqual({ open: 1 });
    expect(later.uptimeSeconds).toBe(30);
    expect(later.time).toBe('2026-01-15T12:00:30Z');

    const metrics = (await relay.app.inject('/metrics')).body;
    expect(metrics).toContain('intentcast_store_last_seq 2');
    expect(metrics).toContain('intentcast_messages_stored_total{type="offer"} 1');
  });

  test('counts open streams', async () => {
    const hub = createHub();
    const relay = await relayWith({ hub, plugins: [streamPlugin({ hub })] });
    const url = await relay.app.listen({ host: '127.0.0.1', port: 0 });
    const client = await SseClient.open(`${url}/v1/stream?category=lodging`);
    closers.push(client);
    await until(() => hub.stats().subscriptions === 1, 'the subscription');
    expect((await stats(relay)).streams).toEqual({ subscriptions: 1, intents: 1, mailbox: 0 });
  });

  test('is in the OpenAPI document, whose schema the example of the spec meets; off with the metrics', async () => {
    const relay = await relayWith();
    const doc = (await relay.app.inject('/openapi.json')).json() as {
      paths: Record<
        string,
        { get?: { responses: Record<string, { content?: Record<string, { schema: object }> }> } }
      >;
    };
    const schema = doc.paths['/v1/stats']?.get?.responses['200']?.content?.['application/json']?.schema;
    expect(schema).toBeDefined();
    const spec = readFileSync(new URL('../../../spec/relay-api.md', import.meta.url), 'utf8');
    const section = spec.slice(spec.indexOf('## Statistics'));
    const example = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(section)![1]!) as unknown;
    const validate = new Ajv2020({ strict: false }).compile(schema!);
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...(example as object), extra: 1 })).toBe(false);
    const off = await relayWith({ metrics: false });
    const res = await off.app.inject('/v1/stats');
    expect(res.statusCode).toBe(404);
    expect(errorOf(res).code).toBe('ERR_NOT_FOUND');
  });
});
