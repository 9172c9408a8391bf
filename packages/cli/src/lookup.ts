import type { RelaySet } from '@intentcast/client';
import {
  type Intent,
  IntentcastError,
  type KeyPair,
  type Message,
  type Offer,
  type Reply,
} from '@intentcast/core';
import type { Session } from './session.js';

/** An intent by id, from the first relay that has it. Intents are public. */
export async function fetchIntent(relays: RelaySet, id: string): Promise<Intent> {
  const message = await relays.first((client) => client.message(id));
  if (message.type !== 'intent') {
    throw new IntentcastError('ERR_LIFECYCLE_REF_TYPE', `${id} is a ${message.type}, not an intent`);
  }
  return message;
}

/** A message by id, read as `key` (a participant), from the first relay that shows it. */
export function fetchAs(relays: RelaySet, id: string, key: KeyPair): Promise<Message> {
  return relays.first((client) => client.message(id, { key }));
}

/**
 * An offer on one of the buyer's intents: read as the key of `intentId` when given, else as each intent key
 * of the keystore in turn until a relay shows it.
 */
export async function fetchOfferAsBuyer(
  session: Session,
  offerId: string,
  intentId?: string,
): Promise<Offer> {
  const names = intentId === undefined ? await session.keystore.list('intent.') : [`intent.${intentId}`];
  for (const name of names) {
    const key = await session.intentKey(name.slice('intent.'.length));
    if (key === undefined) continue;
    let message: Message;
    try {
      message = await fetchAs(session.relaySet(), offerId, key);
    } catch (err) {
      if (err instanceof IntentcastError && err.code === 'ERR_NOT_FOUND') continue;
      throw err;
    }
    if (message.type !== 'offer') {
      throw new IntentcastError('ERR_LIFECYCLE_REF_TYPE', `${offerId} is a ${message.type}, not an offer`);
    }
    return message;
  }
  throw new IntentcastError(
    'ERR_NOT_FOUND',
    `no relay shows offer ${offerId} to any intent key of the keystore${intentId === undefined ? '' : ` (intent ${intentId})`}`,
  );
}

/**
 * A buyer's reply to one of the offers of the keystore's vendor identity, read with that identity: an
 * accept to confirm, or a counter or question to answer with a revised offer.
 */
export async function fetchReplyAsVendor(session: Session, replyId: string): Promise<Reply> {
  const identity = await session.identityKey();
  if (identity === undefined) {
    throw new IntentcastError('ERR_NOT_FOUND', 'the keystore holds no vendor identity (identity.default)');
  }
  const message = await fetchAs(session.relaySet(), replyId, identity);
  if (message.type !== 'reply') {
    throw new IntentcastError('ERR_LIFECYCLE_REF_TYPE', `${replyId} is a ${message.type}, not a reply`);
  }
  return message;
}
