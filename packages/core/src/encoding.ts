import { base58, base64urlnopad, hex } from '@scure/base';

const utf8Encoder = new TextEncoder();
// ignoreBOM keeps a leading byte order mark in the text, so JSON.parse refuses it as it does in a string.
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

/** Decodes UTF-8, throwing a TypeError on malformed input. */
export function fromUtf8(bytes: Uint8Array): string {
  return utf8Decoder.decode(bytes);
}

/** Lowercase hexadecimal, the protocol's encoding for ids and signatures. */
export function toHex(bytes: Uint8Array): string {
  return hex.encode(bytes);
}

const HEX_RE = /^(?:[0-9a-f]{2})*$/;

/** Decodes lowercase hexadecimal; anything else (uppercase, odd length) is refused. */
export function fromHex(text: string): Uint8Array {
  if (!HEX_RE.test(text)) throw new TypeError('expected lowercase hexadecimal of even length');
  return hex.decode(text);
}

/** Base64url without padding (RFC 4648 section 5), as JWK uses. */
export function toBase64url(bytes: Uint8Array): string {
  return base64urlnopad.encode(bytes);
}

/** Decodes base64url without padding; non-canonical trailing bits are refused. */
export function fromBase64url(text: string): Uint8Array {
  const bytes = base64urlnopad.decode(text);
  if (base64urlnopad.encode(bytes) !== text) throw new TypeError('non-canonical base64url');
  return bytes;
}

export function toBase58(bytes: Uint8Array): string {
  return base58.encode(bytes);
}

export function fromBase58(text: string): Uint8Array {
  return base58.decode(text);
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** Cryptographically random bytes from the platform (Web Crypto in browsers and Node). */
export function randomBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  globalThis.crypto.getRandomValues(out);
  return out;
}
