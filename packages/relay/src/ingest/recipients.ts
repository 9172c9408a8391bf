import type { Message, ThreadSnapshot } from '@intentcast/core';

/**
 * Whose mailbox a message lands in (spec/relay-api.md#privacy): the counterparties, never the author.
 * - an offer (first or revised), a withdraw of an offer and a confirm go to the intent's author;
 * - a reply goes to the vendor of its negotiation;
 * - a withdraw of the intent goes to every vendor with a negotiation.
 * `before` is the thread before the message, `after` with it.
 */
export function recipientsOf(message: Message, before: ThreadSnapshot, after: ThreadSnapshot): string[] {
  const buyer = before.intent.author;
  let keys: string[];
  switch (message.type) {
    case 'intent':
      keys = [];
      break;
    case 'reply': {
      const negotiation = after.negotiations.get(after.owner.get(message.id) ?? '');
      keys = negotiation ? [negotiation.vendor] : [];
      break;
    }
    case 'withdraw':
      keys =
        message.ref === before.intent.id
          ? [...before.negotiations.values()].map((negotiation) => negotiation.vendor)
          : [buyer];
      break;
    default:
      keys = [buyer];
  }
  return [...new Set(keys)].filter((key) => key !== message.author);
}
