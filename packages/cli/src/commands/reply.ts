import { REASON_CODES, type ReasonCode } from '@intentcast/core';
import type { Context } from '../context.js';
import { UsageError } from '../io.js';
import { fetchOfferAsBuyer } from '../lookup.js';
import { painter, relayStatusJson, writeJson, writeRelayStatus } from '../output.js';
import { EXIT } from '../report.js';
import { type SessionOptions, withSession } from '../session.js';

/** The decisions a buyer can reply with. */
export const DECISIONS = ['accept', 'decline', 'counter', 'question'] as const;
export type Decision = (typeof DECISIONS)[number];

export interface ReplyCommandOptions extends SessionOptions {
  price?: string;
  currency?: string;
  reason?: string;
  text?: string;
  intent?: string;
  json?: boolean;
}

function checkOptions(decision: Decision, options: ReplyCommandOptions): void {
  if ((options.price === undefined) !== (options.currency === undefined)) {
    throw new UsageError('--price and --currency go together');
  }
  if (decision === 'counter' && options.price === undefined) {
    throw new UsageError('counter needs --price and --currency');
  }
  if (decision !== 'counter' && options.price !== undefined) {
    throw new UsageError(`--price is for counter, not ${decision}`);
  }
  if (decision === 'question' && options.text === undefined) throw new UsageError('question needs --text');
  if (options.reason !== undefined) {
    if (decision !== 'decline') throw new UsageError(`--reason is for decline, not ${decision}`);
    if (!REASON_CODES.includes(options.reason as ReasonCode)) {
      throw new UsageError(
        `--reason: expected one of ${REASON_CODES.join(', ')}, got ${JSON.stringify(options.reason)}`,
      );
    }
  }
}

/**
 * `intentcast reply OFFER_ID accept|decline|counter|question`: answers an offer on one of the buyer's
 * intents, signed with that intent's key from the keystore.
 *
 * @example
 * await reply(offerId, 'counter', { price: '150.00', currency: 'EUR' }, context);
 */
export async function reply(
  offerId: string,
  decision: Decision,
  options: ReplyCommandOptions,
  { io, backend }: Context,
): Promise<number> {
  checkOptions(decision, options);
  return withSession(options, io, backend, async (session) => {
    const offer = await fetchOfferAsBuyer(session, offerId, options.intent);
    const buyer = session.buyer();
    const extra = options.text === undefined ? {} : { text: options.text };
    const result =
      decision === 'accept'
        ? await buyer.accept(offer, extra)
        : decision === 'decline'
          ? await buyer.decline(offer, (options.reason ?? 'other') as ReasonCode, extra)
          : decision === 'counter'
            ? await buyer.counter(
                offer,
                { price: { amount: options.price!, currency: options.currency! } },
                extra,
              )
            : await buyer.ask(offer, options.text!);
    if (options.json) {
      writeJson(io, { id: result.message.id, reply: result.message, ...relayStatusJson(result) });
    } else {
      io.stdout.write(`${painter(io)('bold', decision)} ${result.message.id} to offer ${offerId}\n`);
      writeRelayStatus(io, result);
    }
    return EXIT.ok;
  });
}
