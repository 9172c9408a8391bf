import { Writable } from 'node:stream';
import { generateSealKeyPair, seal } from '@intentcast/core';
import { afterEach, describe, expect, test } from 'vitest';
import { CENSOR, redactUrl } from '../src/config/logging.js';
import { createHub, streamPlugin } from '../src/stream/index.js';
import {
  BUYER,
  bearer,
  intentBody,
  make,
  offerBody,
  post,
  startRelay,
  stopRelay,
  T0,
  type TestRelay,
  tokenFor,
} from './relay-fixtures.js';
import { SseClient } from './stream-helpers.js';

/**
 * The relay's logs are JSON lines with a request id, and never carry an access token, a secret or a sealed
 * part, whatever the request. Each test captures every line the relay writes, at trace level.
 */

class Capture extends Writable {
  readonly lines: Record<string, unknown>[] = [];
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    for (const line of chunk.toString().split('\n')) if (line.trim()) this.lines.push(JSON.parse(line));
    done();
  }
}

const started: TestRelay[] = [];
const closers: { close(): void }[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) c.close();
  for (const relay of started.splice(0)) await stopRelay(relay);
});

async function loggedRelay(options: Parameters<typeof startRelay>[0] = {}) {
  const capture = new Capture();
  const relay = await startRelay({ logger: { level: 'trace', stream: capture }, ...options });
  started.push(relay);
  return { relay, capture };
}

describe('redaction', () => {
  test('a token in the URL is censored in logged URLs', () => {
    expect(redactUrl('/v1/stream?category=lodging&token=eyJabc.def&q=x')).toBe(
      `/v1/stream?category=lodging&token=${CENSOR}&q=x`,
    );
    expect(redactUrl('/v1/messages/ab?TOKEN=x')).toBe(`/v1/messages/ab?TOKEN=${CENSOR}`);
    expect(redactUrl('/v1/messages/ab?%74oken=x')).toBe(`/v1/messages/ab?%74oken=${CENSOR}`);
    expect(redactUrl('/healthz')).toBe('/healthz');
  });

  test('no access token, in a header or the query, reaches the logs', async () => {
    const { relay, capture } = await loggedRelay();
    const intent = make.intent({ at: T0 });
    await post(relay.app, intent);
    const token = await tokenFor(relay.app, BUYER);
    await relay.app.inject({ method: 'GET', url: `/v1/messages/${intent.id}`, headers: bearer(token) });
    await relay.app.inject({ method: 'GET', url: `/v1/intents/${intent.id}/thread?token=${token}` });
    // A bad token is refused, and not logged either.
    await relay.app.inject({ method: 'GET', url: `/v1/messages/${intent.id}`, headers: bearer(`${token}x`) });
    expect(capture.lines.length).toBeGreaterThan(10);
    expect(capture.text).toContain(`token=${CENSOR}`);
    expect(capture.text).not.toContain(token);
    expect(capture.text).not.toContain(token.split('.')[2]!);
  });

  test('the stream routes, where tokens ride in the query, log none', async () => {
    const hub = createHub();
    const { relay, capture } = await loggedRelay({ hub, plugins: [streamPlugin({ hub })] });
    const token = await tokenFor(relay.app, BUYER);
    const url = await relay.app.listen({ host: '127.0.0.1', port: 0 });
    const client = await SseClient.open(`${url}/v1/stream?mailbox=only&token=${encodeURIComponent(token)}`);
    closers.push(client);
    expect(capture.text).toContain('/v1/stream');
    expect(capture.text).not.toContain(token);
  });

  test('sealed parts of messages never appear, even at trace level', async () => {
    const { relay, capture } = await loggedRelay();
    const buyerSeal = await generateSealKeyPair();
    const intent = make.intent({ at: T0 }, intentBody({ sealKey: buyerSeal.publicJwk }));
    const sealed = await seal(
      { price: { amount: '99.00', currency: 'EUR' }, text: 'a secret discount' },
      buyerSeal.publicJwk,
      { thread: intent.id },
    );
    const { price: _price, ...rest } = offerBody();
    const offer = make.offer({ at: T0 }, intent, undefined, { ...rest, sealed });
    expect((await post(relay.app, intent)).statusCode).toBe(201);
    expect((await post(relay.app, offer)).statusCode).toBe(201);
    // Even if some code logs a message, its sealed part is censored.
    relay.app.log.info({ message: offer }, 'a message');
    relay.app.log.info({ event: { message: offer } }, 'an event');
    const ciphertext = sealed.split('.')[3]!;
    expect(ciphertext.length).toBeGreaterThan(20);
    expect(capture.text).not.toContain(ciphertext);
    expect(capture.text).toContain(`"sealed":"${CENSOR}"`);
  });

  test('secrets and authorization headers are censored wherever they are logged', async () => {
    const { relay, capture } = await loggedRelay();
    const secret = 'whsec_Cp0Gqpo1Blew+2wXnyhX1mYBeulsFcox2NAFDpwnnTc=';
    relay.app.log.info({ endpoint: { id: 'ep_1', secret } }, 'endpoint');
    relay.app.log.info({ secret, token: 'metrics-token-123456' }, 'top level');
    relay.app.log.info({ config: { metrics: { token: 'metrics-token-123456' } } }, 'config');
    relay.app.log.info({ req: { headers: { authorization: 'Bearer abc.def.ghi' } } }, 'headers');
    relay.app.log.info({ rotation: { secrets: [secret] } }, 'secrets');
    for (const leaked of [secret, 'metrics-token-123456', 'abc.def.ghi'])
      expect(capture.text).not.toContain(leaked);
    const byMessage = (msg: string) => JSON.stringify(capture.lines.find((line) => line.msg === msg));
    for (const msg of ['endpoint', 'top level', 'config', 'secrets'])
      expect(byMessage(msg)).toContain(CENSOR);
    // A logged request keeps only its method, URL and addresses: no header at all.
    expect(byMessage('headers')).not.toContain('authorization');
  });
});

describe('request ids', () => {
  test('every line of a request carries its id, which the response echoes', async () => {
    const { relay, capture } = await loggedRelay();
    const res = await relay.app.inject({ method: 'GET', url: '/healthz' });
    const id = res.headers['x-request-id'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const lines = capture.lines.filter((line) => line.reqId === id);
    expect(lines.map((line) => line.msg)).toEqual(['incoming request', 'request completed']);
    const other = await relay.app.inject({ method: 'GET', url: '/healthz' });
    expect(other.headers['x-request-id']).not.toBe(id);
  });

  test('errors carry the request id too', async () => {
    const { relay, capture } = await loggedRelay();
    const res = await post(relay.app, '{"broken": ');
    expect(res.statusCode).toBe(400);
    const id = res.headers['x-request-id'];
    expect(capture.lines.some((line) => line.reqId === id && line.msg === 'request completed')).toBe(true);
  });
});
