import type { StoredEvent } from './events.js';

/**
 * Who may read a message (spec/relay-api.md#privacy). Intents are public. Every other message is private
 * to its thread's participants: the intent's author reads the whole thread; anyone else reads what they
 * wrote and what was addressed to them (a vendor: its own negotiation, and the intent's withdrawal).
 */
export function canRead(caller: string | undefined, event: StoredEvent, intentAuthor: string): boolean {
  if (event.message.type === 'intent') return true;
  if (caller === undefined) return false;
  return caller === intentAuthor || caller === event.message.author || event.recipients.includes(caller);
}
