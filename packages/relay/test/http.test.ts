import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { keyPairFromSecretKey, LIMITS, PROTOCOL, toBase64url } from '@intentcast/core';
import type { FastifyPluginAsync } from 'fastify';
import { afterEach, describe, expect, test } from 'vitest';
import { verifyReceipt } from '../src/receipt.js';
import { SOFTWARE } from '../src/version.js';
import {
  bearer,
  didOf,
  errorOf,
  make,
  RELAY_SEED,
  startRelay,
  stopRelay,
  T0,
  type TestRelay,
  tokenFor,
  VENDOR_A,
} from './relay-fixtures.js';

const started: TestRelay[] = [];
afterEach(async () => {
  for (const relay of started.splice(0)) await stopRelay(relay).catch(() => {});
});

async function listening(options: Parameters<typeof startRelay>[0] = {}) {
  const relay = await startRelay(options);
  started.push(relay);
  const url = await relay.app.listen({ port: 0, host: '127.0.0.1' });
  return { relay, url, port: Number(new URL(url).port) };
}

/** Reads one HTTP response from a raw socket: status and body. */
function response(socket: Socket): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      text += chunk;
      const head = text.indexOf('\r\n\r\n');
      if (head < 0) return;
      const length = Number(/content-length: *([0-9]+)/i.exec(text.slice(0, head))?.[1] ?? 0);
      const body = text.slice(head + 4);
      if (Buffer.byteLength(body) >= length) resolve({ status: Number(text.slice(9, 12)), body });
    });
    socket.on('error', reject);
    socket.on('close', () => reject(new Error(`socket closed after ${JSON.stringify(text)}`)));
  });
}

describe('over real HTTP', () => {
  test('posts a message and reads it back', async () => {
    const { relay, url } = await listening();
    const intent = make.intent({ at: T0 });
    const res = await fetch(`${url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(intent),
    });
    expect(res.status).toBe(201);
    expect(verifyReceipt((await res.json()).receipt, relay.app.relayDid)).toBe(true);
    const read = await fetch(`${url}/v1/messages/${intent.id}`);
    expect(await read.text()).toBe(JSON.stringify({ message: intent }));
  });

  test('an unknown route is 404 ERR_NOT_FOUND', async () => {
    const { url } = await listening();
    const res = await fetch(`${url}/v2/nothing?x=1`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: 'ERR_NOT_FOUND', message: 'no route GET /v2/nothing' },
    });
  });
});

describe('GET /.well-known/intentcast', () => {
  test('describes the relay', async () => {
    const relay = await startRelay({
      operator: { name: 'Example Relays', email: 'ops@relay.example' },
      retention: { days: 14 },
      limits: { maxBatch: 50 },
    });
    started.push(relay);
    const res = await relay.app.inject('/.well-known/intentcast');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.protocol).toEqual([PROTOCOL]);
    expect(doc.relay.did).toBe(relay.app.relayDid);
    const publicKey = keyPairFromSecretKey(RELAY_SEED).publicKey;
    expect(doc.relay.jwk).toEqual({ kty: 'OKP', crv: 'Ed25519', x: toBase64url(publicKey) });
    expect(doc.software).toEqual(SOFTWARE);
    expect(doc.limits).toMatchObject({
      maxMessageBytes: LIMITS.maxMessageBytes,
      maxBatch: 50,
      maxPageSize: 200,
    });
    expect(doc.retention.expiredThreadDays).toBe(14);
    expect(doc.categories).toContain('lodging');
    expect(doc.operator).toEqual({ name: 'Example Relays', email: 'ops@relay.example' });
    expect(doc.auth).toMatchObject({
      challenge: '/v1/auth/challenge',
      token: '/v1/auth/token',
      alg: 'EdDSA',
    });
    expect(doc.endpoints).toMatchObject({ intents: '/v1/intents', messages: '/v1/messages' });
    // Without the stream plugin there are no stream routes to list.
    expect(doc.endpoints.stream).toBeUndefined();
  });
});

describe('health', () => {
  test('healthz says the process is up; readyz says the store is open', async () => {
    const relay = await startRelay();
    expect((await relay.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await relay.app.inject('/readyz')).json()).toEqual({ status: 'ready' });
    await relay.store.close();
    const res = await relay.app.inject('/readyz');
    expect(res.statusCode).toBe(503);
    expect(errorOf(res)).toEqual({ code: 'ERR_UNAVAILABLE', message: 'the store is not open' });
    expect((await relay.app.inject('/healthz')).statusCode).toBe(200);
    await relay.app.close();
  });

  test('during shutdown: readyz is 503, requests in flight finish and commit, the hub is closed with a reason', async () => {
    const reasons: string[] = [];
    const { relay, port } = await listening({
      hub: { publish: () => {}, close: (reason) => reasons.push(reason) },
    });
    const intent = JSON.stringify(make.intent({ at: T0 }));
    // A post whose body is still arriving, and a readyz whose request line has begun: both in flight.
    const posting = connect(port, '127.0.0.1');
    const posted = response(posting);
    posting.write(
      `POST /v1/messages HTTP/1.1\r\nHost: relay\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(intent)}\r\n\r\n${intent.slice(0, 10)}`,
    );
    const probing = connect(port, '127.0.0.1');
    const probed = response(probing);
    probing.write('GET /readyz HTTP/1.1\r\nHost: relay\r\n');
    await sleep(50);
    const closing = relay.app.close();
    await sleep(50);
    expect(reasons).toEqual(['the relay is shutting down']);
    probing.write('\r\n');
    const probe = await probed;
    expect(probe.status).toBe(503);
    expect(JSON.parse(probe.body)).toEqual({
      error: { code: 'ERR_UNAVAILABLE', message: 'the relay is shutting down' },
    });
    posting.write(intent.slice(10));
    const post = await posted;
    expect(post.status).toBe(201);
    await closing;
    expect(relay.store.lastSeq()).toBe(1);
    posting.destroy();
    probing.destroy();
  });
});

describe('rate limits', () => {
  test('per IP: 429 ERR_RATE_LIMITED with Retry-After; an authenticated key has its own budget', async () => {
    const { relay, url } = await listening({
      limits: { rateLimitPerIp: 4, rateLimitPerKey: 3, rateLimitWindowMs: 60_000 },
    });
    const token = await tokenFor(relay.app, VENDOR_A); // two requests from the IP
    for (let i = 0; i < 2; i++) expect((await fetch(`${url}/v1/intents`)).status).toBe(200);
    const limited = await fetch(`${url}/v1/intents`);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toEqual({
      error: { code: 'ERR_RATE_LIMITED', message: expect.stringMatching(/^too many requests; retry in /) },
    });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    for (let i = 0; i < 3; i++) {
      expect((await fetch(`${url}/v1/intents`, { headers: bearer(token) })).status).toBe(200);
    }
    expect((await fetch(`${url}/v1/intents`, { headers: bearer(token) })).status).toBe(429);
  });
});

describe('plugins', () => {
  test('see the store, the authenticator, the limits and the hub, and can add routes', async () => {
    const hub = { publish: () => {}, close: () => {} };
    const plugin: FastifyPluginAsync = async (app) => {
      app.get('/v1/probe', async (request) => ({
        caller: (await app.authenticate(request)) ?? null,
        lastSeq: app.store.lastSeq(),
        maxBatch: app.limits.maxBatch,
        hub: app.hub === hub,
      }));
    };
    const relay = await startRelay({ plugins: [plugin], hub });
    started.push(relay);
    const token = await tokenFor(relay.app, VENDOR_A);
    const res = await relay.app.inject({ url: '/v1/probe', headers: bearer(token) });
    expect(res.json()).toEqual({ caller: didOf(VENDOR_A), lastSeq: 0, maxBatch: 100, hub: true });
    expect((await relay.app.inject('/v1/probe')).json().caller).toBeNull();
  });
});
