import { randomBytes } from 'node:crypto';
import { fromBase64url, fromUtf8, IntentcastError, toBase64url, utf8 } from '@intentcast/core';

/** A new endpoint id: `ep_` and 16 random bytes in base64url (the `endpoint` of events). */
export function newEndpointId(): string {
  return `ep_${randomBytes(16).toString('base64url')}`;
}

/** A new delivery id: `msg_` and 16 random bytes in base64url (the `webhook-id` of every attempt). */
export function newDeliveryId(): string {
  return `msg_${randomBytes(16).toString('base64url')}`;
}

export const endpointIdPattern = '^ep_[A-Za-z0-9_-]{22}$';
export const deliveryIdPattern = '^msg_[A-Za-z0-9_-]{22}$';

/**
 * Page cursors of the delivery list: the place of the last delivery of a page, in an opaque form (the
 * same construction as the intent cursors, with a prefix of its own so that neither is taken for the other).
 */
const PREFIX = 'd1.';
const ORDER_RE = /^[1-9][0-9]{0,15}$/;
const CURSOR_RE = /^[A-Za-z0-9_-]{1,32}$/;

export function encodeDeliveryCursor(order: number): string {
  return toBase64url(utf8(`${PREFIX}${order}`));
}

/** The place a cursor continues after; throws ERR_CURSOR_INVALID for anything this relay did not issue. */
export function decodeDeliveryCursor(cursor: string): number {
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
  if (!text.startsWith(PREFIX) || !ORDER_RE.test(digits)) throw invalid();
  const order = Number(digits);
  if (!Number.isSafeInteger(order) || encodeDeliveryCursor(order) !== cursor) throw invalid();
  return order;
}
