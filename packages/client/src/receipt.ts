import {
  canonicalJson,
  type Ed25519Backend,
  fromHex,
  nobleBackend,
  publicKeyFromDidKey,
  signingInput,
  utf8,
} from '@intentcast/core';

/**
 * A relay's signed statement that it stored a message (spec/relay-api.md#receipts).
 *
 * @example
 * const { receipts } = await buyer.cast(input);
 * console.log(receipts[0]?.receipt.seq);
 */
export interface Receipt {
  /** The relay's did:key. */
  relay: string;
  /** The message id. */
  id: string;
  /** The message's place in the relay's commit order. */
  seq: number;
  /** When the relay received it: RFC 3339 UTC with milliseconds. */
  received: string;
  /** The relay's Ed25519 signature, 128 hex digits. */
  sig: string;
}

const ID_RE = /^[0-9a-f]{64}$/;
const SIG_RE = /^[0-9a-f]{128}$/;
const RECEIVED_RE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z$/;
const MEMBERS = ['id', 'received', 'relay', 'seq', 'sig'];

/**
 * True when `receipt` has exactly the five members of a receipt in their forms, names the relay
 * `relayDid`, and carries that relay's signature over the `receipt` signing input. Never throws.
 *
 * @example
 * if (!verifyReceipt(body.receipt, relayDid)) throw new Error('the relay did not sign this receipt');
 */
export function verifyReceipt(
  receipt: unknown,
  relayDid: string,
  options: { backend?: Ed25519Backend } = {},
): receipt is Receipt {
  try {
    if (typeof receipt !== 'object' || receipt === null || Array.isArray(receipt)) return false;
    const r = receipt as Record<string, unknown>;
    const members = Object.keys(r).sort();
    if (members.length !== MEMBERS.length || members.some((name, i) => name !== MEMBERS[i])) return false;
    const { relay, id, seq, received, sig } = r;
    if (relay !== relayDid || typeof id !== 'string' || !ID_RE.test(id)) return false;
    if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) return false;
    if (typeof received !== 'string' || !RECEIVED_RE.test(received)) return false;
    if (typeof sig !== 'string' || !SIG_RE.test(sig)) return false;
    const input = signingInput('receipt', utf8(canonicalJson({ id, received, relay, seq })));
    return (options.backend ?? nobleBackend).verify(fromHex(sig), input, publicKeyFromDidKey(relayDid));
  } catch {
    return false;
  }
}

/**
 * The bytes a key signs to answer a relay's challenge (spec/auth.md#answer): the `auth` signing input over
 * the canonical JSON of `{challenge, key, relay}`. Naming the relay makes the answer worthless elsewhere.
 *
 * @example
 * const sig = toHex(backend.sign(authSigningInput(challenge, myDid, relayDid), secretKey));
 */
export function authSigningInput(challenge: string, key: string, relay: string): Uint8Array {
  return signingInput('auth', utf8(canonicalJson({ challenge, key, relay })));
}
