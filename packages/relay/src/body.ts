import { fromUtf8, IntentcastError, type JsonValue, parseJson, toFailure } from '@intentcast/core';
import type { RawMessage } from './ingest/ingest.js';

/**
 * Request bodies. Every JSON body is parsed by core's parseJson (I-JSON: no duplicate member names, no
 * lone surrogates, bounded depth and size). `POST /v1/messages` bodies are split first: a batch
 * `{"messages":[...]}` is cut into the exact text of each message, so each is parsed, judged and stored on
 * its own (one malformed message fails alone) and kept byte for byte as it was sent.
 */

/** The body of `POST /v1/messages`, as the route receives it. */
export type MessagesBody = { batch: false; item: RawMessage } | { batch: true; items: RawMessage[] };

/** Decodes UTF-8 strictly: a body that is not valid UTF-8 is refused, not repaired. */
export function decodeBody(bytes: Uint8Array): string {
  try {
    return fromUtf8(bytes);
  } catch {
    throw new IntentcastError('ERR_JSON', 'the body is not valid UTF-8');
  }
}

/** Parses any other JSON body. */
export function parseJsonBody(text: string): JsonValue {
  return parseJson(text);
}

function isObject(value: JsonValue): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function badBatch(message: string): IntentcastError {
  return new IntentcastError('ERR_BAD_REQUEST', message, { path: '/messages' });
}

/** Parses the body of `POST /v1/messages`: one message, or a batch of 1 to `maxBatch`. */
export function parseMessagesBody(text: string, maxBatch: number): MessagesBody {
  const spans = batchSpans(text, maxBatch);
  if (spans === undefined) {
    const value = parseJson(text);
    if (isObject(value) && 'messages' in value) {
      throw badBatch('a batch is an object with one member, "messages", an array of messages');
    }
    return { batch: false, item: { text, value } };
  }
  if (spans.length === 0) throw badBatch('a batch holds at least one message');
  const items = spans.map(([start, end]): RawMessage => {
    const part = text.slice(start, end);
    try {
      return { text: part, value: parseJson(part) };
    } catch (err) {
      return { text: part, error: toFailure(err) };
    }
  });
  return { batch: true, items };
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

function skipSpace(text: string, i: number): number {
  while (i < text.length && WS.has(text.charCodeAt(i))) i++;
  return i;
}

/** The index just after the string that opens at `i` (a quote). */
function skipString(text: string, i: number): number {
  for (i++; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) i++;
    else if (c === 0x22 /* " */) return i + 1;
  }
  throw new IntentcastError('ERR_JSON', 'unterminated string');
}

/**
 * The [start, end) spans of the elements of a batch body, or undefined when the body does not begin as a
 * batch (`{"messages":[`), in which case it is parsed whole. Only the structure around the elements is
 * checked here; each element is parsed by parseJson.
 */
export function batchSpans(text: string, maxBatch: number): [number, number][] | undefined {
  let i = skipSpace(text, 0);
  if (text.charCodeAt(i) !== 0x7b /* { */) return undefined;
  i = skipSpace(text, i + 1);
  if (!text.startsWith('"messages"', i)) return undefined;
  i = skipSpace(text, i + '"messages"'.length);
  if (text.charCodeAt(i) !== 0x3a /* : */) return undefined;
  i = skipSpace(text, i + 1);
  if (text.charCodeAt(i) !== 0x5b /* [ */) return undefined;
  i = skipSpace(text, i + 1);
  const spans: [number, number][] = [];
  if (text.charCodeAt(i) === 0x5d /* ] */) {
    i++;
  } else {
    for (;;) {
      const start = i;
      let depth = 0;
      for (; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x22) {
          i = skipString(text, i) - 1;
        } else if (c === 0x7b || c === 0x5b) {
          depth++;
        } else if (c === 0x7d || c === 0x5d) {
          if (depth === 0) break;
          depth--;
        } else if (c === 0x2c /* , */ && depth === 0) {
          break;
        }
      }
      if (i >= text.length) throw new IntentcastError('ERR_JSON', 'unterminated batch');
      let end = i;
      while (end > start && WS.has(text.charCodeAt(end - 1))) end--;
      spans.push([start, end]);
      if (spans.length > maxBatch) throw badBatch(`a batch holds at most ${maxBatch} messages`);
      const c = text.charCodeAt(i);
      if (c === 0x2c) {
        i = skipSpace(text, i + 1);
        continue;
      }
      if (c !== 0x5d) throw new IntentcastError('ERR_JSON', 'malformed batch: expected "," or "]"');
      i++;
      break;
    }
  }
  i = skipSpace(text, i);
  if (text.charCodeAt(i) === 0x2c) throw badBatch('a batch has no member but "messages"');
  if (text.charCodeAt(i) !== 0x7d) throw new IntentcastError('ERR_JSON', 'malformed batch: expected "}"');
  if (skipSpace(text, i + 1) !== text.length) throw new IntentcastError('ERR_JSON', 'text after the batch');
  return spans;
}
