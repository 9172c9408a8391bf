import { foldThread, type Intent, type Message, type Negotiation, type ThreadState } from '@intentcast/core';
import type { Context } from '../context.js';
import { painter, writeJson } from '../output.js';
import { EXIT } from '../report.js';
import { type SessionOptions, withSession } from '../session.js';
import { intentLine } from './watch.js';

export interface ThreadOptions extends SessionOptions {
  json?: boolean;
}

interface ThreadView {
  intent: Intent;
  messages: Message[];
  state: ThreadState;
  as: 'buyer' | 'vendor' | 'anyone';
}

/** One line for a message of a thread: type, id, author, and what it says. */
function messageLine(
  message: Message & { opened?: { price?: { amount: string; currency: string } } },
): string {
  const parts: string[] = [message.type.padEnd(8), message.id, `by ${message.author}`];
  if (message.type === 'offer') {
    const price = message.body.price ?? message.opened?.price;
    parts.push(price === undefined ? '(price sealed)' : `${price.amount} ${price.currency}`);
    parts.push(JSON.stringify(message.body.description));
  }
  if (message.type === 'reply') {
    parts.push(message.body.decision);
    const price = message.body.counter?.price;
    if (price !== undefined) parts.push(`${price.amount} ${price.currency}`);
    if (message.body.reason !== undefined) parts.push(`reason ${message.body.reason}`);
  }
  if (message.type === 'confirm' && message.body.reference !== undefined) {
    parts.push(`reference ${message.body.reference}`);
  }
  return parts.join(' ');
}

/**
 * `intentcast thread INTENT_ID`: prints an intent's thread and its state, and the status of each
 * negotiation in it. The relay is asked as the buyer when the keystore holds the intent's key, as the
 * vendor identity when it holds one, else anonymously.
 *
 * @example
 * await thread(intentId, {}, context); // state accepted …
 */
export async function thread(
  intentId: string,
  options: ThreadOptions,
  { io, backend }: Context,
): Promise<number> {
  return withSession(options, io, backend, async (session) => {
    let view: ThreadView;
    if ((await session.intentKey(intentId)) !== undefined) {
      view = { ...(await session.buyer().thread(intentId)), as: 'buyer' };
    } else {
      const key = await session.identityKey();
      const read = await session
        .relaySet()
        .first((client) => client.thread(intentId, key === undefined ? {} : { key }));
      view = { ...read, as: key === undefined ? 'anyone' : 'vendor' };
    }
    const folded = foldThread(view.intent, view.messages);
    const negotiations: Negotiation[] = folded.ok ? [...folded.value.negotiations.values()] : [];
    if (options.json) {
      writeJson(io, {
        state: view.state,
        as: view.as,
        intent: view.intent,
        messages: view.messages,
        negotiations: negotiations.map(({ id, vendor, status, head }) => ({ id, vendor, status, head })),
      });
      return EXIT.ok;
    }
    const paint = painter(io);
    io.stdout.write(`${paint('bold', 'state')} ${paint('green', view.state)} (read as ${view.as})\n`);
    io.stdout.write(`intent   ${intentLine(view.intent, paint)}\n`);
    for (const message of view.messages) io.stdout.write(`${messageLine(message)}\n`);
    for (const n of negotiations) {
      io.stdout.write(
        `${paint('dim', 'negotiation')} ${n.id} ${paint('yellow', n.status)} vendor ${n.vendor}\n`,
      );
    }
    return EXIT.ok;
  });
}
