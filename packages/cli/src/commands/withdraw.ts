import { IntentcastError, type ReasonCode } from '@intentcast/core';
import type { Context } from '../context.js';
import { fetchAs } from '../lookup.js';
import { painter, relayStatusJson, writeJson, writeRelayStatus } from '../output.js';
import { EXIT } from '../report.js';
import { type SessionOptions, withSession } from '../session.js';

export interface WithdrawOptions extends SessionOptions {
  reason?: ReasonCode;
  text?: string;
  json?: boolean;
}

/**
 * `intentcast withdraw ID`: withdraws an intent the keystore cast (signed with its key), or an offer the
 * keystore's vendor identity made.
 *
 * @example
 * await withdraw(intentId, {}, context);
 */
export async function withdraw(
  id: string,
  options: WithdrawOptions,
  { io, backend }: Context,
): Promise<number> {
  const extra = {
    ...(options.reason === undefined ? {} : { reason: options.reason }),
    ...(options.text === undefined ? {} : { text: options.text }),
  };
  return withSession(options, io, backend, async (session) => {
    let result: Awaited<ReturnType<ReturnType<typeof session.buyer>['withdraw']>>;
    let what: string;
    if ((await session.intentKey(id)) !== undefined) {
      result = await session.buyer().withdraw(id, extra);
      what = 'intent';
    } else {
      const identity = await session.identityKey();
      if (identity === undefined) {
        throw new IntentcastError(
          'ERR_NOT_FOUND',
          `the keystore holds neither intent ${id} nor a vendor identity`,
        );
      }
      const message = await fetchAs(session.relaySet(), id, identity);
      const vendor = session.vendor();
      if (message.type !== 'offer' || message.author !== (await vendor.did())) {
        throw new IntentcastError(
          'ERR_LIFECYCLE_REF_TYPE',
          `${id} is not an intent or offer of this keystore`,
        );
      }
      result = await vendor.withdraw(message, extra);
      what = 'offer';
    }
    if (options.json) {
      writeJson(io, { id: result.message.id, withdraw: result.message, ...relayStatusJson(result) });
    } else {
      io.stdout.write(`${painter(io)('bold', 'withdrew')} ${what} ${id} (${result.message.id})\n`);
      writeRelayStatus(io, result);
    }
    return EXIT.ok;
  });
}
