import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Message } from '@intentcast/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Receipt, verifyReceipt } from '../src/receipt.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { buildEntry } from './build-entry.js';
import { answerChallenge, BUYER, didOf, intentBody, make, offerBody } from './relay-fixtures.js';

/**
 * Crash safety of the real process: the relay entry point, built, runs as a child process under load from
 * concurrent clients and is killed with SIGKILL mid-load. Restarted on the same data directory, it holds
 * every message it gave a receipt for, byte for byte, under the seq and time of that receipt.
 */

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));
// The relay's entry, built with core from its sources (see build-entry.ts).
let entryFile: string;
const THREADS = 400;
const OFFERS_PER_THREAD = 4;
const CLIENTS = 8;
const KILL_AFTER = 700;

let dataDir: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'intentcast-crash-'));
  entryFile = await buildEntry('main', src('../src/main.ts'), 'intentcast-relay-crash-test');
}, 60_000);

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** Starts the relay on a free port; resolves with its URL once it prints the listening line. */
function startChild(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [entryFile, '--port', '0', '--data', dataDir, '--log-level', 'error', '--rate-limit', '1000000'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Intentcast relay listening on (http:\/\/\S+) \(data: /.exec(out);
      if (match) resolve({ child, url: match[1]! });
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('exit', (code) => reject(new Error(`relay exited (${code}) before listening: ${out}${err}`)));
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.on('exit', (code) => resolve(code));
  });
}

async function postJson(url: string, body: string): Promise<unknown> {
  const res = await fetch(`${url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const json = (await res.json()) as unknown;
  if (res.status >= 300) throw new Error(`unexpected ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

describe('crash safety', () => {
  test('every message that got a receipt survives SIGKILL intact', async () => {
    const now = Date.now();
    const vendors = Array.from({ length: OFFERS_PER_THREAD }, (_, i) => new Uint8Array(32).fill(100 + i));
    const threads: Message[][] = [];
    for (let t = 0; t < THREADS; t++) {
      const intent = make.intent(
        { at: now },
        intentBody({ offerCap: OFFERS_PER_THREAD }, { description: `Thread ${t}` }),
      );
      threads.push([
        intent,
        ...vendors.map((v, i) => make.offer({ at: now }, intent, v, offerBody({ note: `offer ${i}` }))),
      ]);
    }
    const sent = new Map<string, string>();
    const receipts = new Map<string, Receipt>();

    const { child, url } = await startChild();
    let killed = false;
    const client = async (index: number) => {
      for (let t = index; t < THREADS && !killed; t += CLIENTS) {
        const [intent, ...offers] = threads[t]!;
        try {
          const text = JSON.stringify(intent);
          sent.set(intent!.id, text);
          const { receipt } = (await postJson(url, text)) as { receipt: Receipt };
          receipts.set(intent!.id, receipt);
          // Offers go two to a batch, so batches are cut off by the kill as well as single posts.
          for (let i = 0; i < offers.length; i += 2) {
            const pair = offers.slice(i, i + 2).map((m) => JSON.stringify(m));
            offers.slice(i, i + 2).forEach((m, j) => {
              sent.set(m.id, pair[j]!);
            });
            const { results } = (await postJson(url, `{"messages":[${pair.join(',')}]}`)) as {
              results: { ok: boolean; receipt?: Receipt }[];
            };
            results.forEach((r, j) => {
              if (r.ok) receipts.set(offers[i + j]!.id, r.receipt!);
            });
          }
        } catch (err) {
          if (!killed) throw err;
        }
        if (!killed && receipts.size >= KILL_AFTER) {
          killed = true;
          child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)));
    expect(killed).toBe(true);
    await exited(child);
    expect(receipts.size).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(receipts.size).toBeLessThan(THREADS * (1 + OFFERS_PER_THREAD));

    const restarted = await startChild();
    const wellKnown = (await (await fetch(`${restarted.url}/.well-known/intentcast`)).json()) as {
      relay: { did: string };
    };
    const challenge = (await (
      await fetch(`${restarted.url}/v1/auth/challenge`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ key: didOf(BUYER) }),
      })
    ).json()) as { challenge: string };
    const { token } = (await (
      await fetch(`${restarted.url}/v1/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(answerChallenge(challenge.challenge, BUYER, wellKnown.relay.did)),
      })
    ).json()) as { token: string };

    for (const [id, receipt] of receipts) {
      expect(verifyReceipt(receipt, wellKnown.relay.did)).toBe(true);
      const res = await fetch(`${restarted.url}/v1/messages/${id}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      expect(JSON.stringify(((await res.json()) as { message: unknown }).message)).toBe(sent.get(id));
    }
    // After a crash the relay goes on where it stopped.
    const fresh = make.intent({ at: Date.now() });
    const { receipt } = (await postJson(restarted.url, JSON.stringify(fresh))) as { receipt: Receipt };
    const highest = Math.max(...[...receipts.values()].map((r) => r.seq));
    expect(receipt.seq).toBeGreaterThan(highest);

    restarted.child.kill('SIGTERM');
    expect(await exited(restarted.child)).toBe(0);

    // On disk: the exact text sent, under the seq and time of its receipt.
    const store = openSqliteStore(join(dataDir, 'relay.sqlite'));
    for (const [id, r] of receipts) {
      const stored = await store.getMessage(id);
      expect(stored?.text).toBe(sent.get(id));
      expect(stored?.seq).toBe(r.seq);
      expect(new Date(stored!.receivedAt).toISOString()).toBe(r.received);
    }
    await store.close();
  }, 120_000);
});
