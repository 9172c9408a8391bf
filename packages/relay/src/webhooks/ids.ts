import { randomBytes } from 'node:crypto';
import { cursorCodec } from '../cursor.js';

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

/** Page cursors of the delivery list: the order of the last delivery of a page (`d1.`, apart from intents). */
const deliveryCursors = cursorCodec('d1.');
export const encodeDeliveryCursor = deliveryCursors.encode;
export const decodeDeliveryCursor = deliveryCursors.decode;
