/**
 * Runs the language-neutral vectors of test-vectors/ for keys, canonical JSON, ids, signing inputs and
 * signatures against the sources, with both Ed25519 backends. The message, lifecycle and sealed vectors have
 * runners of their own (vectors-*.test.ts).
 */
import { readFileSync } from 'node:fs';
import {
  canonicalBytes,
  canonicalJson,
  didKeyFromPublicKey,
  type Ed25519Backend,
  fromHex,
  fromUtf8,
  IntentcastError,
  isValidDidKey,
  type JsonValue,
  jwkFromKeyPair,
  keyPairFromJwk,
  keyPairFromSecretKey,
  messageId,
  messageSigningInput,
  nobleBackend,
  parseJson,
  publicKeyFromDidKey,
  type SignaturePurpose,
  signingInput,
  toHex,
  utf8,
} from '@intentcast/core';
import { createNodeBackend } from '@intentcast/core/node';
import { describe, expect, test } from 'vitest';

interface VectorFile<I, E> {
  description: string;
  source: string;
  cases: { description: string; input: I; expected: E; tags: string[] }[];
}

function load<I, E>(name: string): VectorFile<I, E>['cases'] {
  const file = JSON.parse(
    readFileSync(new URL(`../../../test-vectors/${name}`, import.meta.url), 'utf8'),
  ) as VectorFile<I, E>;
  expect(file.description).toBeTypeOf('string');
  expect(file.source).toBeTypeOf('string');
  return file.cases;
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(IntentcastError);
    return (err as IntentcastError).code;
  }
  throw new Error('expected an IntentcastError, but nothing was thrown');
}

const BACKENDS: Ed25519Backend[] = [nobleBackend, createNodeBackend()];

type Jwk = Record<string, string>;
const keys = load<{ seed: string }, { publicKey: string; did: string; publicJwk: Jwk; privateJwk: Jwk }>(
  'keys.json',
);
const didKeys = load<{ did: string }, { publicKey: string } | { code: string }>('did-key.json');
const canonical = load<{ json: string }, { canonical: string; canonicalHex: string } | { code: string }>(
  'canonical.json',
);
const ids = load<
  { message: Record<string, JsonValue> },
  { canonical: string; canonicalHex: string; id: string }
>('ids.json');
const signingInputs = load<
  { purpose: SignaturePurpose; payload: string } | { id: string },
  { signingInput: string }
>('signing-input.json');
type SignInput = { seed: string; id: string };
type VerifyInput = { publicKey: string; id: string; signature: string };
const signatures = load<
  SignInput | VerifyInput,
  { publicKey: string; signingInput: string; signature: string } | { valid: boolean }
>('signatures.json');

describe.each(BACKENDS)('keys.json with the $name backend', (backend) => {
  test.each(keys)('$description', ({ input, expected }) => {
    const pair = keyPairFromSecretKey(fromHex(input.seed), backend);
    expect(toHex(pair.publicKey)).toBe(expected.publicKey);
    expect(didKeyFromPublicKey(pair.publicKey)).toBe(expected.did);
    expect(jwkFromKeyPair({ publicKey: pair.publicKey })).toStrictEqual(expected.publicJwk);
    expect(jwkFromKeyPair(pair)).toStrictEqual(expected.privateJwk);
    const imported = keyPairFromJwk(expected.privateJwk, backend);
    expect(toHex(imported.secretKey!)).toBe(input.seed);
    expect(toHex(publicKeyFromDidKey(expected.did))).toBe(expected.publicKey);
  });
});

describe('did-key.json', () => {
  test.each(didKeys)('$description', ({ input, expected }) => {
    if ('code' in expected) {
      expect(codeOf(() => publicKeyFromDidKey(input.did))).toBe(expected.code);
      expect(isValidDidKey(input.did)).toBe(false);
    } else {
      expect(toHex(publicKeyFromDidKey(input.did))).toBe(expected.publicKey);
      expect(didKeyFromPublicKey(fromHex(expected.publicKey))).toBe(input.did);
    }
  });
});

describe('canonical.json', () => {
  test.each(canonical)('$description', ({ input, expected }) => {
    if ('code' in expected) {
      expect(codeOf(() => parseJson(input.json))).toBe(expected.code);
      return;
    }
    const text = canonicalJson(parseJson(input.json));
    expect(text).toBe(expected.canonical);
    expect(toHex(utf8(text))).toBe(expected.canonicalHex);
    expect(canonicalJson(parseJson(expected.canonical))).toBe(expected.canonical);
  });
});

describe('ids.json', () => {
  test.each(ids)('$description', ({ input, expected }) => {
    const bytes = canonicalBytes(input.message);
    expect(toHex(bytes)).toBe(expected.canonicalHex);
    expect(fromUtf8(bytes)).toBe(expected.canonical);
    expect(messageId(input.message)).toBe(expected.id);
  });
});

describe('signing-input.json', () => {
  test.each(signingInputs)('$description', ({ input, expected }) => {
    const bytes =
      'id' in input ? messageSigningInput(input.id) : signingInput(input.purpose, fromHex(input.payload));
    expect(toHex(bytes)).toBe(expected.signingInput);
  });
});

describe.each(BACKENDS)('signatures.json with the $name backend', (backend) => {
  test.each(signatures)('$description', ({ input, expected }) => {
    if ('seed' in input && 'signature' in expected) {
      const seed = fromHex(input.seed);
      const message = messageSigningInput(input.id);
      expect(toHex(backend.publicKey(seed))).toBe(expected.publicKey);
      expect(toHex(message)).toBe(expected.signingInput);
      expect(toHex(backend.sign(message, seed))).toBe(expected.signature);
      expect(backend.verify(fromHex(expected.signature), message, fromHex(expected.publicKey))).toBe(true);
    } else if ('signature' in input && 'valid' in expected) {
      const message = messageSigningInput(input.id);
      expect(backend.verify(fromHex(input.signature), message, fromHex(input.publicKey))).toBe(
        expected.valid,
      );
    } else {
      throw new Error('a signatures.json case is neither a sign case nor a verify case');
    }
  });
});
