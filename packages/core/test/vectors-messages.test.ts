/**
 * Runs test-vectors/messages against the sources with both Ed25519 backends: every valid file validates at
 * its `now`, every invalid file fails with exactly its code and path, the intermediate values match step by
 * step, and the index and the files agree.
 */
import { readdirSync, readFileSync } from 'node:fs';
import {
  canonicalBytes,
  type Ed25519Backend,
  ERROR_CODES,
  fromHex,
  fromUtf8,
  type JsonValue,
  type Message,
  messageId,
  messageSigningInput,
  nobleBackend,
  parseJson,
  publicKeyFromDidKey,
  toHex,
  validateMessage,
} from '@intentcast/core';
import { createNodeBackend } from '@intentcast/core/node';
import { describe, expect, test } from 'vitest';

const dir = new URL('../../../test-vectors/messages/', import.meta.url);
const readBytes = (file: string) => new Uint8Array(readFileSync(new URL(file, dir)));
const readJson = <T>(file: string) => JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as T;

interface Index {
  valid: { file: string; description: string; now: string; tags: string[] }[];
  invalid: {
    file: string;
    description: string;
    now: string;
    expected: { code: string; path?: string };
    tags: string[];
  }[];
}

interface Intermediate {
  cases: {
    description: string;
    input: { file: string };
    expected: {
      canonical: string;
      canonicalHex: string;
      id: string;
      publicKey: string;
      signingInput: string;
      sig: string;
    };
  }[];
}

const index = readJson<Index>('index.json');
const intermediate = readJson<Intermediate>('intermediate.json').cases;
const BACKENDS: Ed25519Backend[] = [nobleBackend, createNodeBackend()];

describe.each(BACKENDS)('messages with the $name backend', (backend) => {
  describe('valid', () => {
    test.each(index.valid)('$file: $description', ({ file, now }) => {
      const bytes = readBytes(file);
      const result = validateMessage(bytes, { backend, now: Date.parse(now) });
      expect(result).toMatchObject({ ok: true });
      // Text and parsed forms give the same answer as bytes.
      expect(validateMessage(fromUtf8(bytes), { backend, now: Date.parse(now) }).ok).toBe(true);
      expect(validateMessage(parseJson(bytes), { backend, now: Date.parse(now) }).ok).toBe(true);
    });
  });

  describe('invalid', () => {
    test.each(index.invalid)('$file: $description', ({ file, now, expected }) => {
      const result = validateMessage(readBytes(file), { backend, now: Date.parse(now) });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.code).toBe(expected.code);
      expect(result.path).toBe(expected.path);
    });
  });

  describe('intermediate.json', () => {
    test.each(intermediate)('$description', ({ input, expected }) => {
      const parsed = parseJson(readBytes(input.file)) as Record<string, JsonValue>;
      const message = parsed as unknown as Message;
      const bytes = canonicalBytes(parsed);
      expect(toHex(bytes)).toBe(expected.canonicalHex);
      expect(fromUtf8(bytes)).toBe(expected.canonical);
      expect(messageId(parsed)).toBe(expected.id);
      expect(message.id).toBe(expected.id);
      const publicKey = publicKeyFromDidKey(message.author);
      expect(toHex(publicKey)).toBe(expected.publicKey);
      const signing = messageSigningInput(expected.id);
      expect(toHex(signing)).toBe(expected.signingInput);
      expect(message.sig).toBe(expected.sig);
      expect(backend.verify(fromHex(expected.sig), signing, publicKey)).toBe(true);
    });
  });
});

describe('messages/index.json', () => {
  const listed = (kind: 'valid' | 'invalid') => index[kind].map((entry) => entry.file).sort();
  const onDisk = (kind: 'valid' | 'invalid') =>
    readdirSync(new URL(`${kind}/`, dir))
      .map((name) => `${kind}/${name}`)
      .sort();

  test.each(['valid', 'invalid'] as const)(
    'lists every file of messages/%s once, and nothing else',
    (kind) => {
      expect(new Set(listed(kind)).size).toBe(listed(kind).length);
      expect(listed(kind)).toStrictEqual(onDisk(kind));
    },
  );

  test('intermediate.json covers every valid file', () => {
    expect(intermediate.map((entry) => entry.input.file).sort()).toStrictEqual(listed('valid'));
  });

  test('every error code a lone message can produce appears among the invalid vectors', () => {
    // The catalogue lists the codes of message validation first, up to ERR_SEAL, which validation gives for
    // a sealed part of the wrong form (step 15); webhooks, the lifecycle and the relay come after.
    const lone = ERROR_CODES.slice(0, ERROR_CODES.indexOf('ERR_SEAL') + 1);
    expect(lone).toContain('ERR_JSON');
    expect(lone).toContain('ERR_NOT_YET_VALID');
    expect(lone).toContain('ERR_SEAL');
    const covered = new Set(index.invalid.map((entry) => entry.expected.code));
    expect(lone.filter((code) => !covered.has(code))).toStrictEqual([]);
    expect([...covered].filter((code) => !lone.includes(code as never))).toStrictEqual([]);
  });

  test('every message type appears among the valid vectors', () => {
    const types = new Set(
      index.valid.map(({ file }) => (parseJson(readBytes(file)) as { type: string }).type),
    );
    expect([...types].sort()).toStrictEqual(['confirm', 'intent', 'offer', 'reply', 'withdraw']);
  });
});
