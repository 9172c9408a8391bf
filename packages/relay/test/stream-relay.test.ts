/**
 * The stream plugin inside the whole relay: messages posted to `POST /v1/messages` are committed by the
 * store, published to the hub, and reach SSE and WebSocket clients, who authenticate with the relay's
 * own access tokens.
 */
import type { Message } from '@intentcast/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createHub, type Hub, streamPlugin } from '../src/stream/index.js';
import {
  BUYER,
  bearer,
  make,
  postAll,
  startRelay as startFullRelay,
  stopRelay,
  T0,
  type TestRelay,
  tokenFor,
  VENDOR_A,
} from './relay-fixtures.js';
import { SseClient, until, WsClient } from './stream-helpers.js';

let relay: TestRelay;
let hub: Hub;
let base: string;
const clients: { close(): void }[] = [];

async function start(limits: { tokenTtlMs?: number } = {}): Promise<void> {
  hub = createHub();
  relay = await startFullRelay({
    hub,
    plugins: [streamPlugin({ hub })],
    limits: { stream: { heartbeatMs: 1000 }, ...limits },
  });
  await relay.app.listen({ host: '127.0.0.1', port: 0 });
  const address = relay.app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  base = `127.0.0.1:${address.port}`;
}

async function sse(query: string, headers: Record<string, string> = {}): Promise<SseClient> {
  const client = await SseClient.open(`http://${base}/v1/stream${query}`, headers);
  clients.push(client);
  return client;
}

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await stopRelay(relay);
});

const t = { at: T0 };
const messageOf = (data: string) => JSON.parse(data) as Message;

describe('streams in the relay', () => {
  it('streams posted intents to SSE clients, and resumes from the last id after a disconnect', async () => {
    await start();
    const first = await sse('?category=lodging');
    const hotel = make.intent(t);
    await postAll(relay.app, hotel);
    await first.waitFor(1);
    expect(first.events[0]!.event).toBe('intent');
    expect(messageOf(first.events[0]!.data)).toEqual(hotel);
    first.close();
    await until(() => hub.stats().subscriptions === 0, 'the stream to be released');

    const missed = make.intent({ at: T0 + 1000 });
    await postAll(relay.app, missed);
    const second = await sse('?category=lodging', { 'last-event-id': first.lastId()! });
    await second.waitFor(1);
    expect(messageOf(second.events[0]!.data).id).toBe(missed.id);
    expect(Number(second.events[0]!.id)).toBeGreaterThan(Number(first.lastId()));
  });

  it('delivers an offer to the buyer’s mailbox over SSE and WebSocket, with relay-issued tokens', async () => {
    await start();
    const hotel = make.intent(t);
    await postAll(relay.app, hotel);
    const token = await tokenFor(relay.app, BUYER);
    const stream = await sse('?mailbox=only', bearer(token));
    const socket = await WsClient.open(`ws://${base}/v1/ws`);
    clients.push(socket);
    socket.send({ op: 'auth', token });
    socket.send({ op: 'subscribe', sub: 'mine', mailbox: true });
    await socket.waitFor((c) => c.of('eose', 'mine').length === 1, 'eose');

    const proposal = make.offer({ at: T0 + 1000 }, hotel, VENDOR_A);
    await postAll(relay.app, proposal);
    await stream.waitFor(1);
    await socket.waitFor((c) => c.of('event', 'mine').length === 1, 'the offer');
    expect(stream.events[0]!.event).toBe('mailbox');
    expect(messageOf(stream.events[0]!.data)).toEqual(proposal);
    expect(socket.of('event', 'mine')[0]!.message).toEqual(proposal);
    expect(socket.of('event', 'mine')[0]!.seq).toBe(Number(stream.events[0]!.id));
  });

  it('ends a mailbox subscription when its access token expires, and leaves public ones open', async () => {
    await start({ tokenTtlMs: 1200 });
    const hotel = make.intent(t);
    await postAll(relay.app, hotel);
    const token = await tokenFor(relay.app, BUYER);
    const mailbox = await sse('?mailbox=only', bearer(token));
    const publicWithToken = await sse('?category=lodging', bearer(token));
    const socket = await WsClient.open(`ws://${base}/v1/ws`);
    clients.push(socket);
    socket.send({ op: 'auth', token });
    socket.send({ op: 'subscribe', sub: 'mine', mailbox: true });
    socket.send({ op: 'subscribe', sub: 'all', filter: {} });
    await socket.waitFor(
      (c) => c.of('eose', 'mine').length === 1 && c.of('eose', 'all').length === 1,
      'eose',
    );

    // Before the token lapses, the mailbox works.
    await postAll(relay.app, make.offer({ at: T0 + 1000 }, hotel, VENDOR_A));
    await mailbox.waitFor(1);

    await until(() => mailbox.ended, 'the SSE mailbox stream to end', 5_000);
    const last = mailbox.events[mailbox.events.length - 1]!;
    expect(last.event).toBe('error');
    expect(JSON.parse(last.data)).toMatchObject({ code: 'ERR_AUTH_INVALID' });
    await socket.waitFor((c) => c.of('closed', 'mine').length === 1, 'the mailbox subscription to close');
    expect(socket.of('closed', 'mine')[0]).toMatchObject({ code: 'ERR_AUTH_INVALID' });
    // What needs no token goes on: the public subscription on the same socket, and the public SSE stream.
    expect(socket.of('closed', 'all')).toEqual([]);
    expect(publicWithToken.ended).toBe(false);
    const next = make.intent({ at: T0 + 2000 });
    await postAll(relay.app, next);
    await socket.waitFor(
      (c) => c.of('event', 'all').some((f) => (f.message as Message).id === next.id),
      'next',
    );
  });

  it('answers errors in the relay’s error format: bad token, unknown parameter', async () => {
    await start();
    const forged = await sse('?mailbox=1', bearer('not-a-token'));
    expect(forged.status).toBe(401);
    expect(forged.error.code).toBe('ERR_AUTH_INVALID');
    const misspelt = await sse('?categroy=lodging');
    expect(misspelt.status).toBe(400);
    expect(misspelt.error.code).toBe('ERR_BAD_REQUEST');
  });

  it('ends open streams with a reason when the relay closes', async () => {
    await start();
    const stream = await sse('');
    const socket = await WsClient.open(`ws://${base}/v1/ws`);
    clients.push(socket);
    socket.send({ op: 'subscribe', sub: 'all' });
    await socket.waitFor((c) => c.of('eose', 'all').length === 1, 'eose');
    await relay.app.close();
    await until(() => stream.ended, 'the SSE stream to end');
    await socket.closed();
    expect(stream.events.map((e) => e.event)).toEqual(['close']);
    expect(socket.of('closed', 'all')[0]!.code).toBe('ERR_UNAVAILABLE');
    expect(socket.closeCode).toBe(1001);
  });
});
