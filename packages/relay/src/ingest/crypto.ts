import {
  type Ed25519Backend,
  type Failure,
  type JsonValue,
  type Message,
  validateMessage,
} from '@intentcast/core';
import type { RelayIdentity } from '../identity.js';
import { type Receipt, signReceipt } from '../receipt.js';

/** A message to check: its exact text and the value the relay parsed from it. */
export interface Unchecked {
  text: string;
  value: JsonValue;
}

/** What the checks of core made of a message: the message itself, or why it was refused. */
export type Verdict = { ok: true; message: Message } | Failure;

/** What a receipt states: the message, its place in the relay's log and when it was received. */
export interface ReceiptFacts {
  id: string;
  seq: number;
  receivedAt: number;
}

/**
 * The expensive cryptography of the ingest path: checking messages (core's validateMessage, whose signature
 * check dominates) and signing receipts. Run in the event loop (`inlineCrypto`) or in worker threads
 * (`workerCrypto`, crypto-pool.ts); both give the same verdicts and the same receipts.
 */
export interface IngestCrypto {
  /** One verdict per message, in order; `now` is the time expiry is judged at. */
  validate(items: readonly Unchecked[], now: number): Promise<Verdict[]>;
  /** One receipt per stored message, in order. */
  receipts(facts: readonly ReceiptFacts[]): Promise<Receipt[]>;
  /** Stops any threads; later calls still work, in the event loop. */
  close(): Promise<void>;
}

/** The checks of one message, as both the event loop and a worker run them. */
export function checkMessage(input: JsonValue | string, backend: Ed25519Backend, now: number): Verdict {
  const checked = validateMessage(input, { backend, now });
  return checked.ok ? { ok: true, message: checked.value } : checked;
}

/**
 * The cryptography in the event loop: simple, and best where the relay has one core or little traffic.
 *
 * @example
 * const crypto = inlineCrypto(identity, createNodeBackend());
 */
export function inlineCrypto(identity: RelayIdentity, backend: Ed25519Backend): IngestCrypto {
  return {
    validate: async (items, now) => items.map((item) => checkMessage(item.value, backend, now)),
    receipts: async (facts) => facts.map((fact) => signReceipt(identity, fact)),
    close: async () => {},
  };
}
