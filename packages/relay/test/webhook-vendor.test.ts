import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Intent, validateWebhook } from '@intentcast/core';
import { afterEach, expect, test } from 'vitest';
import {
  intentBody,
  make,
  postAll,
  stopRelay,
  type TestRelay,
  tokenFor,
  VENDOR_A,
} from './relay-fixtures.js';
import { localWebhooks, waitFor, webhookRelay } from './webhook-fixtures.js';

/**
 * The vendor's shortest path, as the README shows it: register an endpoint with an access token, and take
 * verified intents in a plain node:http handler. The lines between the markers are the example.
 */

let relay: TestRelay | undefined;
const servers: { close(): void; closeAllConnections(): void }[] = [];
afterEach(async () => {
  if (relay) await stopRelay(relay);
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

test('a vendor receives verified intents in a plain node:http handler', async () => {
  relay = await webhookRelay({ webhooks: localWebhooks() });
  await relay.app.listen({ port: 0, host: '127.0.0.1' });
  const RELAY = `http://127.0.0.1:${(relay.app.server.address() as AddressInfo).port}`;
  const TOKEN = await tokenFor(relay.app, VENDOR_A);
  const received: Intent[] = [];

  // --- example ---
  let secret = '';
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const result = validateWebhook(req.headers, Buffer.concat(chunks), secret);
    if (!result.ok) return res.writeHead(400).end(result.message);
    const { event } = result.value;
    if (event.type === 'intent.matched') received.push(event.data.message);
    return res.writeHead(204).end();
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  const answer = await fetch(`${RELAY}/v1/webhooks`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url: `http://127.0.0.1:${port}/`, filter: { category: 'lodging' } }),
  });
  ({ secret } = (await answer.json()) as { secret: string });
  // --- end of example ---
  servers.push(server);

  expect(answer.status).toBe(201);
  const hotel = make.intent({ at: Date.now() });
  const bakery = make.intent({ at: Date.now() }, intentBody({}, { category: 'food.bakery' }));
  await postAll(relay.app, hotel, bakery);
  await waitFor(() => received.length === 1, 'the lodging intent');
  expect(received).toEqual([hotel]);
});
