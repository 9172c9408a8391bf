import { LIMITS, type MessageType, type WebhookEventType } from '@intentcast/core';
import type { DisabledReason, MessageEventType } from './store.js';

/** The mailbox event of each private message type (spec/webhooks.md#the-event-body). */
const MAILBOX_EVENTS: Record<Exclude<MessageType, 'intent'>, MessageEventType> = {
  offer: 'mailbox.offer',
  reply: 'mailbox.reply',
  withdraw: 'mailbox.withdraw',
  confirm: 'mailbox.confirm',
};

/** The event a message lands in a mailbox as. */
export function mailboxEvent(type: Exclude<MessageType, 'intent'>): MessageEventType {
  return MAILBOX_EVENTS[type];
}

/** An event time as the body's `timestamp`: RFC 3339 UTC with milliseconds, as the relay writes its times. */
function timestamp(time: number): string {
  return new Date(time).toISOString();
}

/**
 * The body of a message event. The message goes in as the exact text the relay stored, so the receiver
 * gets the message as its author sent it; only if that would make the body larger than receivers accept
 * (a message padded with whitespace) is the message written compactly instead. The result depends only on
 * its inputs, so every attempt of a delivery sends the same bytes.
 */
export function messageEventBody(
  type: MessageEventType,
  endpoint: string,
  seq: number,
  eventTime: number,
  messageText: string,
): string {
  const head = `{"type":${JSON.stringify(type)},"timestamp":"${timestamp(eventTime)}","data":{"endpoint":${JSON.stringify(endpoint)},"seq":${seq},"message":`;
  const body = `${head}${messageText}}}`;
  if (Buffer.byteLength(body) <= LIMITS.maxTextBytes) return body;
  return `${head}${JSON.stringify(JSON.parse(messageText))}}}`;
}

/** The body of a `test` event. */
export function testEventBody(endpoint: string, eventTime: number): string {
  return JSON.stringify({ type: 'test', timestamp: timestamp(eventTime), data: { endpoint } });
}

/** The body of an `endpoint.disabled` event. */
export function disabledEventBody(endpoint: string, reason: DisabledReason, eventTime: number): string {
  return JSON.stringify({
    type: 'endpoint.disabled',
    timestamp: timestamp(eventTime),
    data: { endpoint, reason },
  });
}

/** True for the event types whose body carries a message. */
export function carriesMessage(type: WebhookEventType): type is MessageEventType {
  return type !== 'test' && type !== 'endpoint.disabled';
}
