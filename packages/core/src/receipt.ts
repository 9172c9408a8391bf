import { canonicalJson } from './canonical.js';
import type { Ed25519Backend } from './ed25519/backend.js';
import { nobleBackend } from './ed25519/noble.js';
import { fromHex, utf8 } from './encoding.js';
import { publicKeyFromDidKey } from './keys.js';
import { signingInput } from './signing-input.js';

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

const ID_RE = /^[0-9a-f]{64}$/;
const SIG_RE = /^[0-9a-f]{128}$/;
const RECEIVED_RE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z$/;
const MEMBERS = ['id', 'received', 'relay', 'seq', 'sig'];

/**
 * True when `receipt` has exactly the five members of a receipt in their forms, names the relay
 * `relayDid`, and carries that relay's signature. Never throws: anything malformed, from another relay, or
 * with a signature that does not verify is simply false.
 *
 * @example
 * const { receipt } = await (await fetch(`${relay}/v1/messages`, { method: 'POST', body })).json();
 * if (!verifyReceipt(receipt, relayDid)) throw new Error('the relay did not sign this receipt');
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
    const { id, seq, received, sig } = r;
    if (r.relay !== relayDid || typeof id !== 'string' || !ID_RE.test(id)) return false;
    if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) return false;
    if (typeof received !== 'string' || !RECEIVED_RE.test(received)) return false;
    if (typeof sig !== 'string' || !SIG_RE.test(sig)) return false;
    const input = receiptSigningInput({ relay: relayDid, id, seq, received });
    return (options.backend ?? nobleBackend).verify(fromHex(sig), input, publicKeyFromDidKey(relayDid));
  } catch {
    return false;
  }
}

/**
 * The bytes a key signs to answer a relay's challenge (spec/auth.md): the `auth` signing input over the
 * canonical JSON of `{challenge, key, relay}`. Naming the relay makes the answer worthless elsewhere.
 *
 * @example
 * const sig = toHex(backend.sign(authSigningInput(challenge, myDid, relayDid), secretKey));
 */
export function authSigningInput(challenge: string, key: string, relay: string): Uint8Array {
  return signingInput('auth', utf8(canonicalJson({ challenge, key, relay })));
}
