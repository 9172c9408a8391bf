/**
 * Runs test-vectors/sealed.json against the sources: sealing with the fixed ephemeral key and IV gives the
 * exact JWE, the intermediate values are what spec/sealed.md says they are, and opening gives the content or
 * the error code.
 */
import { readFileSync } from 'node:fs';
import {
  canonicalJson,
  concatBytes,
  fromBase64url,
  fromHex,
  fromUtf8,
  IntentcastError,
  openSealed,
  openSealedString,
  type SealedContent,
  type SealedMessage,
  type SealKey,
  type SealPrivateKey,
  seal,
  toHex,
  utf8,
} from '@intentcast/core';
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, test } from 'vitest';

interface SealInput {
  content: SealedContent;
  recipient: SealKey;
  thread: string;
  ephemeralPrivateJwk: SealPrivateKey;
  iv: string;
}
interface SealExpected {
  plaintext: string;
  sharedSecret: string;
  cek: string;
  protectedHeader: string;
  sealed: string;
}
type OpenInput = { sealed: string; privateJwk: SealPrivateKey; thread: string };
type OpenMessageInput = { message: SealedMessage; privateJwk: SealPrivateKey };
type OpenExpected = { content: SealedContent } | { code: string };

interface SealedCase<I, E> {
  description: string;
  input: I;
  expected: E;
  tags: string[];
}

const { cases } = JSON.parse(
  readFileSync(new URL('../../../test-vectors/sealed.json', import.meta.url), 'utf8'),
) as { cases: SealedCase<SealInput | OpenInput | OpenMessageInput, SealExpected | OpenExpected>[] };

const sealCases = cases.filter((c) => 'content' in c.input) as SealedCase<SealInput, SealExpected>[];
const openCases = cases.filter((c) => 'sealed' in c.input) as SealedCase<OpenInput, OpenExpected>[];
const messageCases = cases.filter((c) => 'message' in c.input) as SealedCase<
  OpenMessageInput,
  OpenExpected
>[];

const u32 = (n: number) => Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);

async function x25519(privateJwk: SealPrivateKey, publicJwk: SealKey): Promise<Uint8Array> {
  const algorithm = { name: 'X25519' };
  const priv = await crypto.subtle.importKey('jwk', privateJwk, algorithm, false, ['deriveBits']);
  const pub = await crypto.subtle.importKey('jwk', publicJwk, algorithm, false, []);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'X25519', public: pub }, priv, 256));
}

async function outcome(promise: Promise<SealedContent>): Promise<OpenExpected> {
  try {
    return { content: await promise };
  } catch (err) {
    expect(err).toBeInstanceOf(IntentcastError);
    return { code: (err as IntentcastError).code };
  }
}

describe('sealed.json: sealing', () => {
  test.each(sealCases)('$description', async ({ input, expected }) => {
    const sealed = await seal(input.content, input.recipient, {
      thread: input.thread,
      ephemeralPrivateJwk: input.ephemeralPrivateJwk,
      iv: fromHex(input.iv),
    });
    expect(sealed).toBe(expected.sealed);
    expect(canonicalJson(input.content as never)).toBe(expected.plaintext);
  });

  test.each(sealCases)('intermediate values: $description', async ({ input, expected }) => {
    const z = await x25519(input.ephemeralPrivateJwk, input.recipient);
    expect(toHex(z)).toBe(expected.sharedSecret);
    const cek = sha256(concatBytes(u32(1), z, u32(7), utf8('A256GCM'), u32(0), u32(0), u32(256)));
    expect(toHex(cek)).toBe(expected.cek);
    const [header = '', , iv = '', ciphertext = '', tag = ''] = expected.sealed.split('.');
    expect(fromUtf8(fromBase64url(header))).toBe(expected.protectedHeader);
    expect(iv).toBe(Buffer.from(fromHex(input.iv)).toString('base64url'));
    const key = await crypto.subtle.importKey('raw', cek, 'AES-GCM', false, ['decrypt']);
    const plaintext = await crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: Uint8Array.from(fromBase64url(iv)),
        additionalData: Uint8Array.from(utf8(header)),
      },
      key,
      Uint8Array.from(concatBytes(fromBase64url(ciphertext), fromBase64url(tag))),
    );
    expect(fromUtf8(new Uint8Array(plaintext))).toBe(expected.plaintext);
  });
});

describe('sealed.json: opening', () => {
  test.each(openCases)('$description', async ({ input, expected }) => {
    expect(await outcome(openSealedString(input.sealed, input.privateJwk, input.thread))).toStrictEqual(
      expected,
    );
  });

  test.each(messageCases)('$description', async ({ input, expected }) => {
    expect(await outcome(openSealed(input.message, input.privateJwk))).toStrictEqual(expected);
  });

  test('both outcomes are covered', () => {
    const outcomes = [...openCases, ...messageCases].map(({ expected }) =>
      'code' in expected ? expected.code : 'content',
    );
    expect(new Set(outcomes)).toStrictEqual(new Set(['content', 'ERR_SEAL', 'ERR_KEY_INVALID']));
  });
});
