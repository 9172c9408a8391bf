import { readFileSync } from 'node:fs';
import {
  canonicalJson,
  fromHex,
  keyPairFromSecretKey,
  nobleBackend,
  publicKeyFromDidKey,
} from '@intentcast/core';
import { describe, expect, test } from 'vitest';
import { authSigningInput } from '../src/auth/challenges.js';
import { relayIdentity } from '../src/identity.js';
import { DEFAULT_LIMITS, listPolicy, resolveLimits, resolveRetention } from '../src/options.js';
import { type Receipt, signReceipt, verifyReceipt } from '../src/receipt.js';
import { didOf, intentBody, make, T0 } from './relay-fixtures.js';

/** The examples of spec/relay-api.md and spec/auth.md are real: they verify, and the relay makes them. */

const spec = (name: string) => readFileSync(new URL(`../../../spec/${name}`, import.meta.url), 'utf8');
const blocks = (text: string, info: string) =>
  [...text.matchAll(new RegExp(`\`\`\`${info}\\n([\\s\\S]*?)\\n\`\`\``, 'g'))].map((m) => m[1]!);
const TEST_RELAY = new Uint8Array(32).fill(0x2a);

describe('spec/relay-api.md', () => {
  const text = spec('relay-api.md');
  const [example] = blocks(text, 'json receipt');
  const receipt = JSON.parse(example!) as Receipt;

  test('the example receipt verifies, and is exactly what the relay signs', () => {
    const relayDid = didOf(TEST_RELAY);
    expect(receipt.relay).toBe(relayDid);
    expect(verifyReceipt(receipt, relayDid)).toBe(true);
    const identity = relayIdentity(keyPairFromSecretKey(TEST_RELAY), nobleBackend);
    expect(
      signReceipt(identity, { id: receipt.id, seq: receipt.seq, receivedAt: Date.parse(receipt.received) }),
    ).toEqual(receipt);
  });

  test('the canonical form shown is the one signed', () => {
    const { sig: _sig, ...unsigned } = receipt;
    expect(blocks(text, 'text')).toContain(canonicalJson(unsigned));
  });
});

describe('spec/auth.md', () => {
  const text = spec('auth.md');
  const answer = JSON.parse(blocks(text, 'json').find((b) => b.includes('"sig"'))!) as {
    key: string;
    challenge: string;
    sig: string;
  };

  test('the example answer verifies under its key, for the test relay', () => {
    expect(answer.key).toBe(didOf(new Uint8Array(32).fill(1)));
    const input = authSigningInput(answer.challenge, answer.key, didOf(TEST_RELAY));
    expect(nobleBackend.verify(fromHex(answer.sig), input, publicKeyFromDidKey(answer.key))).toBe(true);
    expect(
      nobleBackend.verify(
        fromHex(answer.sig),
        authSigningInput(answer.challenge, answer.key, answer.key),
        publicKeyFromDidKey(answer.key),
      ),
    ).toBe(false);
    expect(blocks(text, 'text')).toContain(
      canonicalJson({ challenge: answer.challenge, key: answer.key, relay: didOf(TEST_RELAY) }),
    );
  });
});

describe('options', () => {
  test('limits are positive integers; the stream limits pass through', () => {
    expect(resolveLimits()).toEqual(DEFAULT_LIMITS);
    expect(resolveLimits({ stream: { heartbeatMs: 5 } }).stream).toEqual({ heartbeatMs: 5 });
    expect(() => resolveLimits({ maxBatch: 0 })).toThrow('limits.maxBatch must be a positive integer, got 0');
    expect(() => resolveLimits({ bodyLimit: 1.5 })).toThrow('limits.bodyLimit must be a positive integer');
    expect(() => resolveLimits({ defaultPageSize: 300 })).toThrow('limits.defaultPageSize must not exceed');
    expect(() => resolveRetention({ days: -1 })).toThrow('retention.days must be a number of days');
  });

  test('listPolicy: a denied key is refused; with an allow list only listed keys pass', () => {
    const intent = make.intent({ at: T0 }, intentBody());
    const a = didOf(new Uint8Array(32).fill(2));
    const b = didOf(new Uint8Array(32).fill(3));
    expect(listPolicy({ deny: [a] })(a, intent)).toBe(false);
    expect(listPolicy({ deny: [a] })(b, intent)).toBe(true);
    expect(listPolicy({ allow: [a] })(a, intent)).toBe(true);
    expect(listPolicy({ allow: [a] })(b, intent)).toBe(false);
    expect(listPolicy({ allow: [a], deny: [a] })(a, intent)).toBe(false);
  });
});
