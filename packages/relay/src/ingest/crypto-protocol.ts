import type { Failure } from '@intentcast/core';
import type { Receipt } from '../receipt.js';
import type { ReceiptFacts } from './crypto.js';

/** What a crypto worker is started with: the relay key, to sign receipts. */
export interface WorkerData {
  publicKey: Uint8Array;
  secretKey: Uint8Array;
}

/** A job for a crypto worker. */
export type WorkerRequest =
  | { job: number; kind: 'validate'; texts: string[]; nows: number[] }
  | { job: number; kind: 'sign'; facts: ReceiptFacts[] };

/** A worker's answer: per validated message null (it passed) or its refusal; or the receipts. */
export type WorkerReply =
  | { job: number; results: (Failure | null)[] | Receipt[] }
  | { job: number; error: string };
