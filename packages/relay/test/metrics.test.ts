import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import {
  codeLabel,
  methodLabel,
  RelayMetrics,
  typeLabel,
  type WebhookSource,
} from '../src/metrics/metrics.js';
import { createHub, streamPlugin } from '../src/stream/index.js';
import { errorOf, make, post, startRelay, stopRelay, T0, type TestRelay } from './relay-fixtures.js';
import { SseClient, until } from './stream-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'intentcast-metrics-'));
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

async function scrape(relay: TestRelay, headers: Record<string, string> = {}): Promise<string> {
  const res = await relay.app.inject({ method: 'GET', url: '/metrics', headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.body;
}

/** The value of one sample, by metric name and exact labels; undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const want = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .sort();
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const got = (match[2] ? match[2].match(/[a-z_]+="[^"]*"/g)! : []).sort();
    if (JSON.stringify(got) === JSON.stringify(want)) return Number(match[3]);
  }
  return undefined;
}

describe('GET /metrics', () => {
  test('answers in the Prometheus text format, with the relay identity', async () => {
    const relay = await relayWith();
    const res = await relay.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(sample(res.body, 'intentcast_relay_info', { did: relay.app.relayDid, version: '0.1.0' })).toBe(1);
    expect(res.body).toContain('# TYPE intentcast_http_request_duration_seconds histogram');
  });

  test('with a token, only a request bearing it may read', async () => {
    const token = 'scrape-token-0123456789';
    const relay = await relayWith({ metrics: { token } });
    const none = await relay.app.inject({ method: 'GET', url: '/metrics' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer');
    expect(errorOf(none)).toEqual({
      code: 'ERR_UNAUTHORIZED',
      message: 'reading the metrics needs the operator token',
    });
    const wrong = await relay.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${token}x` },
    });
    expect(wrong.statusCode).toBe(401);
    expect(
      sample(await scrape(relay, { authorization: `Bearer ${token}` }), 'intentcast_relay_info', {
        did: relay.app.relayDid,
        version: '0.1.0',
      }),
    ).toBe(1);
  });

  test('metrics: false serves no /metrics', async () => {
    const relay = await relayWith({ metrics: false });
    expect((await relay.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
  });

  test('each relay counts in its own registry', async () => {
    const a = await relayWith();
    const b = await relayWith();
    await post(a.app, make.intent({ at: T0 }));
    expect(sample(await scrape(a), 'intentcast_messages_stored_total', { type: 'intent' })).toBe(1);
    expect(sample(await scrape(b), 'intentcast_messages_stored_total', { type: 'intent' })).toBeUndefined();
  });

  test('process metrics only when asked for', async () => {
    const without = await relayWith();
    expect(await scrape(without)).not.toContain('process_cpu_user_seconds_total');
    const withThem = await relayWith({ metrics: { processMetrics: true } });
    expect(sample(await scrape(withThem), 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
  });
});

describe('messages', () => {
  test('accepted, stored and rejected, by type and error code', async () => {
    const relay = await relayWith();
    const intent = make.intent({ at: T0 });
    expect((await post(relay.app, intent)).statusCode).toBe(201);
    expect((await post(relay.app, intent)).statusCode).toBe(200); // a replay: accepted, not stored again
    const forged = { ...make.intent({ at: T0 + 1 }), sig: '0'.repeat(128) };
    expect(errorOf(await post(relay.app, forged)).code).toBe('ERR_SIGNATURE_INVALID');
    expect(errorOf(await post(relay.app, '{"type": "intent",')).code).toBe('ERR_JSON');
    const offer = make.offer({ at: T0 }, intent);
    const batch = await post(
      relay.app,
      `{"messages": [${JSON.stringify(offer)}, {"type": "nonsense"}, {"a":1,"a":2}]}`,
    );
    expect(batch.json().results.map((r: { ok: boolean }) => r.ok)).toEqual([true, false, false]);

    const text = await scrape(relay);
    expect(sample(text, 'intentcast_messages_accepted_total', { type: 'intent' })).toBe(2);
    expect(sample(text, 'intentcast_messages_accepted_total', { type: 'offer' })).toBe(1);
    expect(sample(text, 'intentcast_messages_stored_total', { type: 'intent' })).toBe(1);
    expect(sample(text, 'intentcast_messages_stored_total', { type: 'offer' })).toBe(1);
    expect(
      sample(text, 'intentcast_messages_rejected_total', { type: 'intent', code: 'ERR_SIGNATURE_INVALID' }),
    ).toBe(1);
    // What cannot be read, or names a type that does not exist, is `unknown`: clients choose no labels.
    expect(sample(text, 'intentcast_messages_rejected_total', { type: 'unknown', code: 'ERR_JSON' })).toBe(2);
    const nonsense = batch.json().results[1].error.code as string;
    expect(sample(text, 'intentcast_messages_rejected_total', { type: 'unknown', code: nonsense })).toBe(1);
  });
});

describe('requests', () => {
  test('timed by route template and status; unmatched paths share one label', async () => {
    const relay = await relayWith();
    const id = 'ab'.repeat(32);
    await relay.app.inject({ method: 'GET', url: `/v1/messages/${id}` });
    await relay.app.inject({ method: 'GET', url: '/no/such/path' });
    await relay.app.inject({ method: 'GET', url: '/also/missing' });
    const text = await scrape(relay);
    const count = (labels: Record<string, string>) =>
      sample(text, 'intentcast_http_request_duration_seconds_count', labels);
    expect(count({ method: 'GET', route: '/v1/messages/:id', status: '404' })).toBe(1);
    expect(count({ method: 'GET', route: 'unmatched', status: '404' })).toBe(2);
    expect(text).not.toContain(id);
  });

  test('labels are bounded: what a client sends never becomes a label of its own', () => {
    expect(methodLabel('BREW')).toBe('other');
    expect(methodLabel('PATCH')).toBe('PATCH');
    expect(typeLabel('offer')).toBe('offer');
    expect(typeLabel('x'.repeat(100))).toBe('unknown');
    expect(typeLabel(undefined)).toBe('unknown');
    expect(codeLabel('ERR_SCHEMA')).toBe('ERR_SCHEMA');
    expect(codeLabel('ERR_MADE_UP')).toBe('other');
  });

  test('open SSE streams are counted as subscriptions and in flight, not timed', async () => {
    const hub = createHub();
    const relay = await relayWith({ hub, plugins: [streamPlugin({ hub })] });
    const url = await relay.app.listen({ host: '127.0.0.1', port: 0 });
    const client = await SseClient.open(`${url}/v1/stream?category=lodging`);
    closers.push(client);
    await until(() => hub.stats().subscriptions === 1, 'the subscription');
    const open = await scrape(relay);
    expect(sample(open, 'intentcast_stream_subscriptions')).toBe(1);
    expect(sample(open, 'intentcast_http_requests_in_flight', { method: 'GET' })).toBe(2);
    await post(relay.app, make.intent({ at: T0 }));
    await client.waitFor(1);
    expect(sample(await scrape(relay), 'intentcast_stream_last_published_seq')).toBe(1);
    client.close();
    await until(() => hub.stats().subscriptions === 0, 'the release');
    const closed = await scrape(relay);
    expect(sample(closed, 'intentcast_stream_subscriptions')).toBe(0);
    expect(closed).not.toContain('route="/v1/stream"');
  });
});

describe('store', () => {
  test('file sizes, threads by state and the last seq', async () => {
    const relay = await relayWith({ path: join(dir, 'store.sqlite') });
    await post(relay.app, make.intent({ at: T0 }));
    await post(relay.app, make.intent({ at: T0 + 1 }));
    const text = await scrape(relay);
    expect(sample(text, 'intentcast_store_bytes', { file: 'database' })).toBeGreaterThan(0);
    expect(sample(text, 'intentcast_store_bytes', { file: 'wal' })).toBeGreaterThan(0);
    expect(sample(text, 'intentcast_store_threads', { state: 'open' })).toBe(2);
    expect(sample(text, 'intentcast_store_last_seq')).toBe(2);
  });

  test('webhook gauges come from the webhook service of the relay', async () => {
    const relay = await relayWith();
    const text = await scrape(relay);
    expect(sample(text, 'intentcast_webhook_outbox_pending')).toBe(0);
    expect(sample(text, 'intentcast_webhook_endpoints', { state: 'enabled' })).toBe(0);
    const off = await relayWith({ webhooks: { enabled: false } });
    expect(await scrape(off)).not.toContain('intentcast_webhook_');
  });
});

describe('webhook deliveries', () => {
  test('attempts by outcome, disabled endpoints by reason, outbox age at scrape', async () => {
    const now = 1_000_000;
    const events = new EventEmitter();
    const source: WebhookSource = {
      stats: async () => ({
        endpoints: 3,
        disabledEndpoints: 1,
        pending: 7,
        oldestPending: now - 90_000,
        inFlight: 2,
      }),
      on: (
        event: string,
        listener: (payload: { outcome: string; durationMs: number; reason: string }) => void,
      ) => {
        events.on(event, listener);
      },
    };
    const metrics = new RelayMetrics({ info: { did: 'did:key:z', version: '1' }, clock: () => now });
    metrics.watchWebhooks(source);
    events.emit('attempt', { outcome: 'delivered', durationMs: 120 });
    events.emit('attempt', { outcome: 'retrying', durationMs: 10_000 });
    events.emit('attempt', { outcome: 'delivered', durationMs: 80 });
    events.emit('disabled', { reason: 'failures' });
    const text = await metrics.text();
    expect(sample(text, 'intentcast_webhook_attempts_total', { outcome: 'delivered' })).toBe(2);
    expect(sample(text, 'intentcast_webhook_attempts_total', { outcome: 'retrying' })).toBe(1);
    expect(sample(text, 'intentcast_webhook_attempt_duration_seconds_count')).toBe(3);
    expect(sample(text, 'intentcast_webhook_endpoints_disabled_total', { reason: 'failures' })).toBe(1);
    expect(sample(text, 'intentcast_webhook_outbox_pending')).toBe(7);
    expect(sample(text, 'intentcast_webhook_outbox_oldest_pending_seconds')).toBe(90);
    expect(sample(text, 'intentcast_webhook_attempts_in_flight')).toBe(2);
    expect(sample(text, 'intentcast_webhook_endpoints', { state: 'enabled' })).toBe(2);
    expect(sample(text, 'intentcast_webhook_endpoints', { state: 'disabled' })).toBe(1);
  });
});
