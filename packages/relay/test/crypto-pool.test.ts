import { canonicalJson, keyPairFromSecretKey, type Message } from '@intentcast/core';
import { afterEach, describe, expect, test } from 'vitest';
import { relayIdentity } from '../src/identity.js';
import { type IngestCrypto, inlineCrypto, type Unchecked } from '../src/ingest/crypto.js';
import { workerCrypto } from '../src/ingest/crypto-pool.js';
import { verifyReceipt } from '../src/receipt.js';
import { BUYER, backend, DAY, HOUR, make, RELAY_SEED, T0, VENDOR_A } from './relay-fixtures.js';

const key = keyPairFromSecretKey(RELAY_SEED, backend);
const identity = relayIdentity(key, backend);
const inline = inlineCrypto(identity, backend);

const unchecked = (value: unknown, text = JSON.stringify(value)): Unchecked => ({
  text,
  value: JSON.parse(text),
});

/** Valid, forged, expired, malformed and schema-breaking messages, each as the relay would receive it. */
function mixedMessages(): Unchecked[] {
  const intent = make.intent({ at: T0 });
  const offer = make.offer({ at: T0 }, intent, VENDOR_A);
  const forged = { ...intent, sig: intent.sig.replace(/^./, intent.sig[0] === '0' ? '1' : '0') };
  const expired = make.intent({ at: T0 - 2 * DAY, expires: T0 - DAY });
  const renamed = { ...intent, body: { ...intent.body, offerCap: 6 } };
  const noType = { ...intent } as Partial<Message>;
  delete noType.type;
  return [
    unchecked(intent),
    unchecked(offer),
    unchecked(forged),
    unchecked(expired),
    unchecked(renamed),
    unchecked(noType),
    // The same message, spaced differently: it is checked as received, and still passes.
    unchecked(intent, JSON.stringify(intent, null, 2)),
    unchecked(make.intent({ at: T0 }, undefined, BUYER)),
  ];
}

const pools: IngestCrypto[] = [];
function pool(options: Partial<Parameters<typeof workerCrypto>[0]> = {}) {
  const faults: unknown[] = [];
  const crypto = workerCrypto({
    workers: 2,
    key,
    identity,
    backend,
    onFault: (err) => faults.push(err),
    ...options,
  });
  pools.push(crypto);
  return { crypto, faults };
}
afterEach(async () => {
  await Promise.all(pools.splice(0).map((crypto) => crypto.close()));
});

describe('workerCrypto', () => {
  test('gives the verdicts the event loop gives, message by message', async () => {
    const { crypto, faults } = pool();
    const items = mixedMessages();
    const now = T0 + HOUR;
    const expected = await inline.validate(items, now);
    expect(expected.map((v) => (v.ok ? 'ok' : v.code))).toEqual([
      'ok',
      'ok',
      'ERR_SIGNATURE_INVALID',
      'ERR_EXPIRED',
      'ERR_ID_MISMATCH',
      'ERR_UNKNOWN_TYPE',
      'ok',
      'ok',
    ]);
    expect(await crypto.validate(items, now)).toEqual(expected);
    expect(faults).toEqual([]);
  });

  test('judges expiry at the time each caller gives', async () => {
    const { crypto } = pool();
    const intent = make.intent({ at: T0, expires: T0 + HOUR });
    const [before, after] = await Promise.all([
      crypto.validate([unchecked(intent)], T0),
      crypto.validate([unchecked(intent)], T0 + 2 * HOUR),
    ]);
    expect(before[0]!.ok).toBe(true);
    expect(after[0]).toMatchObject({ ok: false, code: 'ERR_EXPIRED' });
  });

  test('answers many callers of one turn each with its own share, in order', async () => {
    const { crypto } = pool();
    const items = mixedMessages();
    const now = T0 + HOUR;
    const expected = await inline.validate(items, now);
    // Calls of different sizes, made in the same turn, travel as one job and are split again.
    const splits = [items.slice(0, 1), items.slice(1, 4), [], items.slice(4, 8), items.slice(2, 3)];
    const answers = await Promise.all(splits.map((part) => crypto.validate(part, now)));
    expect(answers).toEqual([
      expected.slice(0, 1),
      expected.slice(1, 4),
      [],
      expected.slice(4, 8),
      expected.slice(2, 3),
    ]);
  });

  test('signs the very receipts the event loop signs', async () => {
    const { crypto } = pool();
    const facts = Array.from({ length: 50 }, (_, i) => ({
      id: i.toString(16).padStart(64, '0'),
      seq: i + 1,
      receivedAt: T0 + i,
    }));
    const [receipts, again] = await Promise.all([
      crypto.receipts(facts.slice(0, 20)),
      crypto.receipts(facts.slice(20)),
    ]);
    const all = [...receipts, ...again];
    expect(all).toEqual(await inline.receipts(facts));
    for (const receipt of all) expect(verifyReceipt(receipt, identity.did)).toBe(true);
  });

  test('a thread that dies is replaced and its work done in the event loop: callers see no difference', async () => {
    const { crypto, faults } = pool({
      workers: 1,
      workerUrl: new URL('./fixtures/failing-crypto-worker.mjs', import.meta.url),
    });
    const items = mixedMessages();
    const expected = await inline.validate(items, T0);
    expect(await crypto.validate(items, T0)).toEqual(expected);
    expect(await crypto.receipts([{ id: 'ab'.repeat(32), seq: 7, receivedAt: T0 }])).toEqual(
      await inline.receipts([{ id: 'ab'.repeat(32), seq: 7, receivedAt: T0 }]),
    );
    expect(faults.length).toBeGreaterThanOrEqual(1);
    expect(String(faults[0])).toMatch(/exited with code 3/);
  });

  test('a thread that answers with an error is reported, and the job is done in the event loop', async () => {
    const { crypto, faults } = pool({
      workers: 1,
      workerUrl: new URL('./fixtures/erring-crypto-worker.mjs', import.meta.url),
    });
    const items = mixedMessages();
    expect(await crypto.validate(items, T0)).toEqual(await inline.validate(items, T0));
    expect(String(faults[0])).toMatch(/the key could not be loaded/);
  });

  test('a thread whose answer does not fit the job is not trusted: a missing refusal is never a pass', async () => {
    const { crypto, faults } = pool({
      workers: 1,
      workerUrl: new URL('./fixtures/short-crypto-worker.mjs', import.meta.url),
    });
    const items = mixedMessages();
    const verdicts = await crypto.validate(items, T0);
    expect(verdicts).toEqual(await inline.validate(items, T0));
    expect(verdicts[2]).toMatchObject({ ok: false, code: 'ERR_SIGNATURE_INVALID' });
    const facts = [{ id: 'ab'.repeat(32), seq: 7, receivedAt: T0 }];
    expect(await crypto.receipts(facts)).toEqual(await inline.receipts(facts));
    expect(String(faults[0])).toMatch(/wrong results/);
  });

  test('stops replacing threads that cannot start, and stays correct in the event loop', async () => {
    const { crypto, faults } = pool({
      workers: 1,
      workerUrl: new URL('./fixtures/broken-crypto-worker.mjs', import.meta.url),
    });
    await expect
      .poll(() => faults.some((f) => /stay in the event loop/.test(String(f))), { timeout: 10_000 })
      .toBe(true);
    const settled = faults.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(faults.length).toBe(settled);
    expect(settled).toBeLessThanOrEqual(8);
    const items = mixedMessages();
    expect(await crypto.validate(items, T0)).toEqual(await inline.validate(items, T0));
  });

  test('still answers after close, in the event loop', async () => {
    const { crypto } = pool();
    await crypto.close();
    const items = mixedMessages();
    expect(await crypto.validate(items, T0)).toEqual(await inline.validate(items, T0));
  });

  test('refuses a pool without threads', () => {
    expect(() => workerCrypto({ workers: 0, key, identity, backend, onFault: () => {} })).toThrow(
      /positive integer/,
    );
  });

  test('the canonical form checked in the thread is the one core computes', async () => {
    // A message whose members are out of canonical order still has one id: the thread must agree.
    const intent = make.intent({ at: T0 });
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(intent).reverse()));
    const { crypto } = pool();
    const [verdict] = await crypto.validate([{ text: reordered, value: JSON.parse(reordered) }], T0);
    expect(verdict!.ok).toBe(true);
    expect(canonicalJson(JSON.parse(reordered))).toBe(canonicalJson(JSON.parse(JSON.stringify(intent))));
  });
});
