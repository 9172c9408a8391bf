import { fromBase64url, fromUtf8, IntentcastError, toBase64url, utf8 } from '@intentcast/core';

/**
 * Opaque page cursors: a positive integer place (a seq, or a delivery's order) behind a prefix of its own, so
 * that a cursor of one list is never taken for another's. A place is fixed in the relay's commit order, so a
 * cursor stays valid across restarts and new entries.
 */
export interface CursorCodec {
  /** The cursor that continues after the entry at this place. */
  encode(place: number): string;
  /** The place a cursor continues after; throws ERR_CURSOR_INVALID for anything this relay did not issue. */
  decode(cursor: string): number;
}

const PLACE_RE = /^[1-9][0-9]{0,15}$/;
const CURSOR_RE = /^[A-Za-z0-9_-]{1,32}$/;

/** The codec of the cursors whose text starts with `prefix` (such as `i1.`). */
export function cursorCodec(prefix: string): CursorCodec {
  const encode = (place: number): string => toBase64url(utf8(`${prefix}${place}`));
  const invalid = () =>
    new IntentcastError('ERR_CURSOR_INVALID', 'cursor is not one this relay issued', { path: '/cursor' });
  const decode = (cursor: string): number => {
    if (!CURSOR_RE.test(cursor)) throw invalid();
    let text: string;
    try {
      text = fromUtf8(fromBase64url(cursor));
    } catch {
      throw invalid();
    }
    const digits = text.slice(prefix.length);
    if (!text.startsWith(prefix) || !PLACE_RE.test(digits)) throw invalid();
    const place = Number(digits);
    if (!Number.isSafeInteger(place) || encode(place) !== cursor) throw invalid();
    return place;
  };
  return { encode, decode };
}

/** Page cursors of `GET /v1/intents`: the seq of the last intent of a page. */
const intentCursors = cursorCodec('i1.');
export const encodeCursor = intentCursors.encode;
export const decodeCursor = intentCursors.decode;
