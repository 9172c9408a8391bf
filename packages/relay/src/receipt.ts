import {
  canonicalJson,
  type Ed25519Backend,
  fromHex,
  nobleBackend,
  publicKeyFromDidKey,
  signingInput,
  toHex,
  utf8,
} from '@intentcast/core';
import type { RelayIdentity } from './identity.js';

/**
 * A relay's signed statement that it has durably stored a message (spec/relay-api.md#receipts): which
 * relay, which message, its place in the relay's commit order and when the relay received it.
 */
export interface Receipt {
  /** The relay's did:key. */
  relay: string;
  /** The message id. */
  id: string;
  /** The message's seq on this relay. */
  seq: number;
  /** When the relay received the message: RFC 3339 UTC with milliseconds. */
  received: string;
  /** Ed25519 signature by the relay key, 128 hex digits. */
  sig: string;
}

/**
 * The bytes a receipt's signature covers: the `receipt` signing input over the UTF-8 of the RFC 8785
 * canonical JSON of the receipt without `sig`.
 *
 * @example
 * const { sig, ...unsigned } = receipt;
 * backend.verify(fromHex(sig), receiptSigningInput(unsigned), publicKeyFromDidKey(receipt.relay));
 */
export function receiptSigningInput(receipt: Omit<Receipt, 'sig'>): Uint8Array {
  const { relay, id, seq, received } = receipt;
  return signingInput('receipt', utf8(canonicalJson({ id, received, relay, seq })));
}

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

const ID_RE = /^[0-9a-f]{64}$/;
const SIG_RE = /^[0-9a-f]{128}$/;
const RECEIVED_RE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z$/;
const FIELDS = ['id', 'received', 'relay', 'seq', 'sig'];

/**
 * True when `receipt` is a well-formed receipt signed by the relay `relayDid`. Never throws: anything
 * malformed, from another relay, or with a signature that does not verify is simply false.
 *
 * @example
 * const { receipt } = await (await fetch(`${relay}/v1/messages`, { method: 'POST', body })).json();
 * verifyReceipt(receipt, relayDid); // true
 */
export function verifyReceipt(
  receipt: unknown,
  relayDid: string,
  options: { backend?: Ed25519Backend } = {},
): boolean {
  try {
    if (typeof receipt !== 'object' || receipt === null || Array.isArray(receipt)) return false;
    const r = receipt as Record<string, unknown>;
    const keys = Object.keys(r).sort();
    if (keys.length !== FIELDS.length || keys.some((key, i) => key !== FIELDS[i])) return false;
    if (r.relay !== relayDid || typeof r.id !== 'string' || !ID_RE.test(r.id)) return false;
    if (typeof r.seq !== 'number' || !Number.isSafeInteger(r.seq) || r.seq < 1) return false;
    if (typeof r.received !== 'string' || !RECEIVED_RE.test(r.received)) return false;
    if (typeof r.sig !== 'string' || !SIG_RE.test(r.sig)) return false;
    const publicKey = publicKeyFromDidKey(relayDid);
    const input = receiptSigningInput({ relay: relayDid, id: r.id, seq: r.seq, received: r.received });
    return (options.backend ?? nobleBackend).verify(fromHex(r.sig), input, publicKey);
  } catch {
    return false;
  }
}
