import { fromBase64url, fromUtf8, IntentcastError, toBase64url, utf8 } from '@intentcast/core';

/**
 * Page cursors of `GET /v1/intents`: the seq of the last intent of a page, in an opaque form. A seq is a
 * fixed place in the relay's commit order, so a cursor stays valid across restarts and new intents.
 */
const PREFIX = 'i1.';
const SEQ_RE = /^[1-9][0-9]{0,15}$/;
const CURSOR_RE = /^[A-Za-z0-9_-]{1,32}$/;

/** The cursor that continues after the intent with this seq. */
export function encodeCursor(seq: number): string {
  return toBase64url(utf8(`${PREFIX}${seq}`));
}

/** The seq a cursor continues after; throws ERR_CURSOR_INVALID for anything this relay did not issue. */
export function decodeCursor(cursor: string): number {
  const invalid = () =>
    new IntentcastError('ERR_CURSOR_INVALID', 'cursor is not one this relay issued', { path: '/cursor' });
  if (!CURSOR_RE.test(cursor)) throw invalid();
  let text: string;
  try {
    text = fromUtf8(fromBase64url(cursor));
  } catch {
    throw invalid();
  }
  const digits = text.slice(PREFIX.length);
  if (!text.startsWith(PREFIX) || !SEQ_RE.test(digits) || encodeCursor(Number(digits)) !== cursor) {
    throw invalid();
  }
  const seq = Number(digits);
  if (!Number.isSafeInteger(seq)) throw invalid();
  return seq;
}
