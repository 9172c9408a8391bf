import { sha256 } from '@noble/hashes/sha2.js';
import canonicalize from 'canonicalize';
import { toHex, utf8 } from './encoding.js';
import type { JsonValue } from './json.js';

/**
 * RFC 8785 (JCS) canonical JSON text of a value. The value must already be plain JSON (see assertJsonValue).
 *
 * @example
 * canonicalJson({ b: 1, a: [true, 'x'] }); // '{"a":[true,"x"],"b":1}'
 */
export function canonicalJson(value: JsonValue): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value has no JSON form');
  return text;
}

/**
 * The canonical bytes of a message: UTF-8 of the JCS form of the message without its `id` and `sig`.
 * Unknown fields stay in, so the signature covers them too.
 */
export function canonicalBytes(message: object): Uint8Array {
  const { id: _id, sig: _sig, ...content } = message as Record<string, unknown>;
  return utf8(canonicalJson(content as JsonValue));
}

/**
 * The id of a message: SHA-256 of its canonical bytes, as 64 lowercase hexadecimal digits.
 *
 * @example
 * messageId(message); // 'a3f1…' (64 hex digits)
 */
export function messageId(message: object): string {
  return toHex(sha256(canonicalBytes(message)));
}
