/**
 * Helpers for webhook tests: real HTTP receivers on 127.0.0.1 that record every request, a relay whose
 * webhooks may target them, and a way to wait for what the worker does in the background.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Failure, validateWebhook, type WebhookDelivery } from '@intentcast/core';
import type { FastifyInstance } from 'fastify';
import type { WebhookOptions } from '../src/webhooks/options.js';
import { bearer, startRelay, TestClock, type TestRelay } from './relay-fixtures.js';

/** A clock that reads the real time: for tests whose receivers check webhook-timestamp against it. */
export class RealClock extends TestClock {
  override readonly read = (): number => Date.now();
}

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** The answer to a request: a status, or a status with headers. */
export type Answer = number | { status: number; headers: Record<string, string> };

/** Decides the answer to a request, after any wait the handler makes. */
export type Respond = (request: ReceivedRequest, index: number) => Answer | Promise<Answer>;

export interface Receiver {
  url: string;
  requests: ReceivedRequest[];
  respond: Respond;
  close(): Promise<void>;
}

/** An HTTP receiver on 127.0.0.1 and a free port; answers 204 unless `respond` says otherwise. */
export async function startReceiver(respond: Respond = () => 204): Promise<Receiver> {
  const receiver: Receiver = {
    url: '',
    requests: [],
    respond,
    close: async () => {},
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const request = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
      const index = receiver.requests.push(request) - 1;
      try {
        const answer = await receiver.respond(request, index);
        if (typeof answer === 'number') res.writeHead(answer).end();
        else res.writeHead(answer.status, answer.headers).end();
      } catch {
        res.writeHead(500).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}

/** Webhook options for tests: local HTTP receivers allowed, a fast retry schedule, no jitter surprises. */
export function localWebhooks(change: Partial<WebhookOptions> = {}): WebhookOptions {
  return {
    allowPrivateTargets: true,
    allowHttpTargets: true,
    retrySchedule: Array.from({ length: 20 }, () => 100),
    random: () => 0.5,
    timeoutMs: 5000,
    ...change,
  };
}

/** A relay on the real clock (or the clock given) with webhooks to local receivers. */
export function webhookRelay(
  options: Parameters<typeof startRelay>[0] & { webhooks?: WebhookOptions } = {},
): Promise<TestRelay> {
  return startRelay({ clock: new RealClock(), ...options, webhooks: options.webhooks ?? localWebhooks() });
}

export interface Registered {
  id: string;
  secret: string;
  [key: string]: unknown;
}

/** Registers an endpoint, failing the test if the relay refuses it. */
export async function register(
  app: FastifyInstance,
  token: string,
  body: Record<string, unknown>,
): Promise<Registered> {
  const res = await app.inject({
    method: 'POST',
    url: '/v1/webhooks',
    headers: bearer(token),
    payload: body,
  });
  if (res.statusCode !== 201) throw new Error(`registration refused: ${res.statusCode} ${res.body}`);
  return res.json() as Registered;
}

/** Polls `condition` every 10 ms until it holds; fails after `timeoutMs`. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Polls `probe` every 10 ms until it gives a value; fails after `timeoutMs`. */
export async function until<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Checks a recorded request with core's validateWebhook, as a receiver would. */
export function check(
  request: ReceivedRequest,
  secret: string | readonly string[],
  now?: number,
): { ok: true; value: WebhookDelivery } | Failure {
  return validateWebhook(request.headers, request.body, secret, now === undefined ? {} : { now });
}

/** Every recorded request, verified; throws on the first that does not verify. */
export function verified(receiver: Receiver, secret: string, now?: number): WebhookDelivery[] {
  return receiver.requests.map((request) => {
    const result = check(request, secret, now);
    if (!result.ok) throw new Error(`a delivery does not verify: ${result.code} ${result.message}`);
    return result.value;
  });
}

/** The ids of the messages in verified deliveries, each once, in the order first received. */
export function messageIds(deliveries: readonly WebhookDelivery[]): string[] {
  const ids: string[] = [];
  for (const { event } of deliveries) {
    if ('message' in event.data && !ids.includes(event.data.message.id)) ids.push(event.data.message.id);
  }
  return ids;
}
