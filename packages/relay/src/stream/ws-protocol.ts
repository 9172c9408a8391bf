import { IntentcastError } from '@intentcast/core';
import { FILTER_PARAMS, type FilterQuery } from '../filter.js';

/** A frame a WebSocket client sends (spec/streams.md#websocket). */
export type ClientFrame =
  | { op: 'subscribe'; sub: string; filter?: FilterQuery; mailbox?: boolean; cursor?: number }
  | { op: 'unsubscribe'; sub: string }
  | { op: 'auth'; token: string };

const FILTER_KEYS = new Set<string>(FILTER_PARAMS);
const SUB_RE = /^[\x21-\x7e]{1,64}$/;
const MAX_TOKEN_LENGTH = 4096;

function bad(message: string): never {
  throw new IntentcastError('ERR_BAD_REQUEST', message);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function only(frame: Record<string, unknown>, allowed: string[]): void {
  for (const key of Object.keys(frame)) {
    if (!allowed.includes(key)) bad(`${key}: not a field of a ${String(frame.op)} frame`);
  }
}

function subId(value: unknown): string {
  if (typeof value !== 'string' || !SUB_RE.test(value)) {
    bad('sub: expected 1 to 64 printable ASCII characters without spaces');
  }
  return value;
}

function filterQuery(value: unknown): FilterQuery {
  if (!isObject(value)) bad('filter: expected an object of filter parameters');
  const query: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (!FILTER_KEYS.has(key)) bad(`filter.${key}: not a filter parameter`);
    if (typeof item !== 'string') bad(`filter.${key}: expected a string, as in the query string`);
    query[key] = item;
  }
  return query as FilterQuery;
}

/**
 * Parses one text frame from a client. Throws ERR_BAD_REQUEST saying what is wrong. The values of a
 * subscribe frame's filter and cursor are checked later, so that their errors can name the subscription.
 *
 * @example
 * parseClientFrame('{"op":"subscribe","sub":"a","filter":{"category":"lodging"},"cursor":0}');
 */
export function parseClientFrame(text: string): ClientFrame {
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    bad('The frame is not JSON');
  }
  if (!isObject(frame)) bad('The frame is not a JSON object');
  switch (frame.op) {
    case 'subscribe': {
      only(frame, ['op', 'sub', 'filter', 'mailbox', 'cursor']);
      const parsed: ClientFrame = { op: 'subscribe', sub: subId(frame.sub) };
      if (frame.filter !== undefined) parsed.filter = filterQuery(frame.filter);
      if (frame.mailbox !== undefined) {
        if (typeof frame.mailbox !== 'boolean') bad('mailbox: expected true or false');
        parsed.mailbox = frame.mailbox;
      }
      if (frame.cursor !== undefined) {
        // Its range is the hub's to check, so that the error names the subscription.
        if (typeof frame.cursor !== 'number') bad('cursor: expected a number');
        parsed.cursor = frame.cursor;
      }
      return parsed;
    }
    case 'unsubscribe':
      only(frame, ['op', 'sub']);
      return { op: 'unsubscribe', sub: subId(frame.sub) };
    case 'auth':
      only(frame, ['op', 'token']);
      if (
        typeof frame.token !== 'string' ||
        frame.token.length === 0 ||
        frame.token.length > MAX_TOKEN_LENGTH
      ) {
        bad(`token: expected a string of 1 to ${MAX_TOKEN_LENGTH} characters`);
      }
      return { op: 'auth', token: frame.token };
    default:
      return bad(`op: expected subscribe, unsubscribe or auth, got ${JSON.stringify(frame.op) ?? 'nothing'}`);
  }
}
