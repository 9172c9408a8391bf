import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Intent } from '@intentcast/core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildEntry } from './build-entry.js';
import { answerChallenge, didOf, intentBody, make, VENDOR_A } from './relay-fixtures.js';
import { check, type Receiver, startReceiver, waitFor } from './webhook-fixtures.js';

/**
 * The outbox survives a crash of the real process: a relay with a webhook endpoint is killed with SIGKILL
 * while intents are being posted and delivered. Restarted on the same data directory, it delivers every
 * intent it gave a receipt for, some perhaps twice (at least once), each time under the same webhook-id.
 */

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));
// Built as the crash test builds the relay: core from its sources, the output out of the tree.
let entryFile: string;
const INTENTS = 300;
const CLIENTS = 6;
const KILL_AFTER = 120;

let dataDir: string;
let receiver: Receiver;
const children: ChildProcess[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'intentcast-webhook-crash-'));
  entryFile = await buildEntry('child', src('./webhook-child.ts'), 'intentcast-relay-webhook-crash-test');
}, 60_000);

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await receiver?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function startChild(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [entryFile, dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve({ child, url: match[1]! });
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on('exit', (code) => reject(new Error(`the relay exited (${code}) before listening: ${out}`)));
  });
}

async function call(
  url: string,
  path: string,
  body: unknown,
  token?: string,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function tokenOver(url: string, relayDid: string): Promise<string> {
  const { json } = await call(url, '/v1/auth/challenge', { key: didOf(VENDOR_A) });
  const answer = answerChallenge(String(json.challenge), VENDOR_A, relayDid);
  return String((await call(url, '/v1/auth/token', answer)).json.token);
}

test('every intent that got a receipt is delivered after a SIGKILL', async () => {
  // A receiver that checks each delivery as it comes and takes a little time over it, so that some
  // deliveries are under way at the kill.
  let secret = '';
  const delivered: { intent: string; webhookId: string }[] = [];
  receiver = await startReceiver(async (request) => {
    const result = check(request, secret);
    if (!result.ok) return 400;
    const { id, event } = result.value;
    delivered.push({ intent: (event.data as { message: Intent }).message.id, webhookId: id });
    await new Promise((resolve) => setTimeout(resolve, 5));
    return 204;
  });
  const first = await startChild();
  const wellKnown = (await (await fetch(`${first.url}/.well-known/intentcast`)).json()) as {
    relay: { did: string };
  };
  const token = await tokenOver(first.url, wellKnown.relay.did);
  const registered = await call(
    first.url,
    '/v1/webhooks',
    { url: receiver.url, events: ['intent.matched'] },
    token,
  );
  expect(registered.status).toBe(201);
  secret = String(registered.json.secret);

  const now = Date.now();
  const intents: Intent[] = Array.from({ length: INTENTS }, (_, i) =>
    make.intent({ at: now }, intentBody({}, { description: `Room ${i}` })),
  );
  const receipted = new Set<string>();
  let killed = false;
  const client = async (index: number) => {
    for (let i = index; i < INTENTS && !killed; i += CLIENTS) {
      try {
        const { status } = await call(first.url, '/v1/messages', intents[i]);
        if (status === 201) receipted.add(intents[i]!.id);
      } catch (err) {
        if (!killed) throw err;
      }
      if (!killed && receipted.size >= KILL_AFTER) {
        killed = true;
        first.child.kill('SIGKILL');
      }
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)));
  expect(killed).toBe(true);
  // The kill left deliveries pending: the restarted relay has something to do.
  const before = new Set(delivered.map((d) => d.intent));
  expect([...receipted].some((id) => !before.has(id))).toBe(true);

  await startChild();
  const missing = () => {
    const got = new Set(delivered.map((d) => d.intent));
    return [...receipted].filter((id) => !got.has(id));
  };
  await waitFor(() => missing().length === 0, 'every receipted intent', 30_000).catch((err) => {
    throw new Error(
      `${(err as Error).message}: ${missing().length} of ${receipted.size} missing, ${delivered.length} delivered (${before.size} before the kill)`,
    );
  });
  expect(receiver.requests).toHaveLength(delivered.length);
  // At least once, and a repeat is the same delivery: one webhook-id per intent.
  const idsByIntent = new Map<string, Set<string>>();
  for (const d of delivered)
    idsByIntent.set(d.intent, (idsByIntent.get(d.intent) ?? new Set()).add(d.webhookId));
  for (const ids of idsByIntent.values()) expect(ids.size).toBe(1);
}, 120_000);
