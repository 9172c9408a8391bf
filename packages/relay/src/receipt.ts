import { type Receipt, receiptSigningInput, toHex } from '@intentcast/core';
import type { RelayIdentity } from './identity.js';

// The receipt format and its verification live in core, so clients check receipts with the same code.
export { type Receipt, receiptSigningInput, verifyReceipt } from '@intentcast/core';

/** Signs the receipt of a stored message. Ed25519 is deterministic, so the same facts give the same receipt. */
export function signReceipt(
  identity: RelayIdentity,
  stored: { id: string; seq: number; receivedAt: number },
): Receipt {
  const unsigned = {
    relay: identity.did,
    id: stored.id,
    seq: stored.seq,
    received: new Date(stored.receivedAt).toISOString(),
  };
  return { ...unsigned, sig: toHex(identity.sign(receiptSigningInput(unsigned))) };
}
