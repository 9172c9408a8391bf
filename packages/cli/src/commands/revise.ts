import type { RevisionInput } from '@intentcast/client';
import type { Context } from '../context.js';
import { UsageError } from '../io.js';
import { fetchAs, fetchReplyAsVendor } from '../lookup.js';
import { painter, relayStatusJson, writeJson, writeRelayStatus } from '../output.js';
import { EXIT } from '../report.js';
import { type SessionOptions, withSession } from '../session.js';

export interface ReviseOptions extends SessionOptions {
  price?: string;
  currency?: string;
  description?: string;
  sealPrice?: boolean;
  json?: boolean;
}

/**
 * `intentcast revise REPLY_ID`: answers a buyer's counter or question with a revised offer, changed only
 * where the options say, signed with the keystore's vendor identity.
 *
 * @example
 * await revise(counterId, { price: '129.00', currency: 'EUR' }, context);
 */
export async function revise(
  replyId: string,
  options: ReviseOptions,
  { io, backend }: Context,
): Promise<number> {
  if ((options.price === undefined) !== (options.currency === undefined)) {
    throw new UsageError('--price and --currency go together');
  }
  return withSession(options, io, backend, async (session) => {
    const answering = await fetchReplyAsVendor(session, replyId);
    const changes: RevisionInput = {
      ...(options.price === undefined || options.currency === undefined
        ? {}
        : { price: { amount: options.price, currency: options.currency } }),
      ...(options.description === undefined ? {} : { description: options.description }),
      ...(options.sealPrice ? { sealPrice: true } : {}),
    };
    // A revision keeps the name its vendor offered under, and the terms its negotiation already accepted.
    const identity = await session.identityKey();
    const previous =
      identity === undefined ? undefined : await fetchAs(session.relaySet(), answering.ref, identity);
    const name = previous?.type === 'offer' ? previous.body.vendor.name : io.env?.INTENTCAST_VENDOR_NAME;
    const vendor = session.vendor({
      ...(name === undefined ? {} : { name }),
      policy: { acceptsTerms: () => true },
    });
    const result = await vendor.revise(answering, changes);
    if (options.json) {
      writeJson(io, { id: result.message.id, offer: result.message, ...relayStatusJson(result) });
    } else {
      io.stdout.write(`${painter(io)('bold', 'revised')} offer ${result.message.id} answering ${replyId}\n`);
      writeRelayStatus(io, result);
    }
    return EXIT.ok;
  });
}
