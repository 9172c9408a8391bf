import type { Context } from '../context.js';
import { fetchReplyAsVendor } from '../lookup.js';
import { painter, relayStatusJson, writeJson, writeRelayStatus } from '../output.js';
import { EXIT } from '../report.js';
import { type SessionOptions, withSession } from '../session.js';

export interface ConfirmOptions extends SessionOptions {
  reference?: string;
  text?: string;
  json?: boolean;
}

/**
 * `intentcast confirm REPLY_ID`: the vendor's binding acknowledgment of a buyer's accept, which closes the
 * deal, signed with the keystore's vendor identity.
 *
 * @example
 * await confirm(acceptId, { reference: 'BK-2041' }, context);
 */
export async function confirm(
  replyId: string,
  options: ConfirmOptions,
  { io, backend }: Context,
): Promise<number> {
  return withSession(options, io, backend, async (session) => {
    const accept = await fetchReplyAsVendor(session, replyId);
    const result = await session.vendor().confirm(accept, {
      ...(options.reference === undefined ? {} : { reference: options.reference }),
      ...(options.text === undefined ? {} : { text: options.text }),
    });
    if (options.json) {
      writeJson(io, { id: result.message.id, confirm: result.message, ...relayStatusJson(result) });
    } else {
      io.stdout.write(`${painter(io)('bold', 'confirm')} ${result.message.id} of accept ${replyId}\n`);
      writeRelayStatus(io, result);
    }
    return EXIT.ok;
  });
}
