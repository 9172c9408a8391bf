import type { Money } from '@intentcast/core';
import type { Context } from '../context.js';
import { fetchIntent } from '../lookup.js';
import { painter, relayStatusJson, writeJson, writeRelayStatus } from '../output.js';
import { EXIT } from '../report.js';
import { type SessionOptions, withSession } from '../session.js';

export interface OfferOptions extends SessionOptions {
  price: string;
  currency: string;
  description: string;
  quantity?: number;
  sealPrice?: boolean;
  termsUri?: string;
  name?: string;
  /** Seconds. */
  expiresIn?: number;
  json?: boolean;
}

/**
 * `intentcast offer INTENT_ID`: offers on an intent as the keystore's vendor identity (`identity.default`,
 * made on first use), on the intent's first terms, or on those whose URI is `--terms-uri`.
 *
 * @example
 * await offer(intentId, { price: '139.00', currency: 'EUR', description: 'Room 12' }, context);
 */
export async function offer(
  intentId: string,
  options: OfferOptions,
  { io, backend }: Context,
): Promise<number> {
  return withSession(options, io, backend, async (session) => {
    const intent = await fetchIntent(session.relaySet(), intentId);
    const termsUri = options.termsUri ?? intent.body.terms[0]?.uri;
    const vendor = session.vendor({
      name: options.name ?? io.env?.INTENTCAST_VENDOR_NAME ?? 'Vendor',
      policy: { acceptsTerms: (terms) => terms.uri === termsUri },
    });
    const price: Money = { amount: options.price, currency: options.currency };
    const result = await vendor.offer(intent, {
      price,
      description: options.description,
      quantity: options.quantity ?? intent.body.what.quantity,
      ...(options.sealPrice ? { sealPrice: true } : {}),
      ...(options.expiresIn === undefined ? {} : { expiresIn: options.expiresIn * 1000 }),
    });
    if (options.json) {
      writeJson(io, { id: result.message.id, offer: result.message, ...relayStatusJson(result) });
    } else {
      io.stdout.write(`${painter(io)('bold', 'offer')} ${result.message.id} on ${intentId}\n`);
      writeRelayStatus(io, result);
    }
    return EXIT.ok;
  });
}
