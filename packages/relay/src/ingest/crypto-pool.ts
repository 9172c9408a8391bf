import { Worker } from 'node:worker_threads';
import type { Ed25519Backend, Failure, KeyPair, Message } from '@intentcast/core';
import type { RelayIdentity } from '../identity.js';
import type { Receipt } from '../receipt.js';
import { workerScript } from '../worker-script.js';
import {
  type IngestCrypto,
  inlineCrypto,
  type ReceiptFacts,
  type Unchecked,
  type Verdict,
} from './crypto.js';
import type { WorkerData, WorkerReply, WorkerRequest } from './crypto-protocol.js';

export interface WorkerCryptoOptions {
  /** How many threads; at least 1. */
  workers: number;
  /** The relay key, to sign receipts in the threads. */
  key: KeyPair;
  /** The same key and backend in the event loop, for the fallback when a thread fails. */
  identity: RelayIdentity;
  backend: Ed25519Backend;
  /** Told when a thread fails; its work is then done in the event loop, so no caller sees the failure. */
  onFault(err: unknown): void;
  /** The worker script; by default the package's built `crypto-worker.js`. */
  workerUrl?: URL;
}

/** Threads replaced at most this many times within RESPAWN_WINDOW_MS. */
const RESPAWN_LIMIT = 5;
const RESPAWN_WINDOW_MS = 60_000;

/** Whether a worker's results have the shape the job needs: one per item, each of the right kind. */
function fits(job: Job, results: unknown): boolean {
  if (!Array.isArray(results)) return false;
  const count = job.calls.reduce((sum, call) => sum + call.count, 0);
  if (results.length !== count) return false;
  if (job.kind === 'validate') {
    return results.every(
      (r) =>
        r === null ||
        (typeof r === 'object' &&
          r.ok === false &&
          typeof r.code === 'string' &&
          typeof r.message === 'string'),
    );
  }
  const facts = job.calls.flatMap((call) => call.facts);
  return results.every(
    (r, i) => typeof r === 'object' && r !== null && typeof r.sig === 'string' && r.id === facts[i]?.id,
  );
}

/** One caller's share of a job. */
interface Call<T> {
  count: number;
  resolve(results: T[]): void;
  reject(err: unknown): void;
}

type ValidateCall = Call<Verdict> & { items: readonly Unchecked[]; now: number };
type SignCall = Call<Receipt> & { facts: readonly ReceiptFacts[] };
type Job = { kind: 'validate'; calls: ValidateCall[] } | { kind: 'sign'; calls: SignCall[] };

interface Slot {
  worker: Worker;
  jobs: Map<number, Job>;
}

/**
 * The ingest cryptography in a pool of worker threads, so that checking signatures and signing receipts
 * runs beside the event loop instead of in it. Calls made in the same turn of the event loop go to a thread
 * as one job (a burst of single-message requests costs one round trip, not one each); each job goes to the
 * thread with the fewest jobs under way. A thread that fails is replaced, and its jobs are done in the event
 * loop: callers get the same answers either way.
 *
 * @example
 * const crypto = workerCrypto({ workers: 2, key, identity, backend, onFault: (err) => log.error({ err }) });
 */
export function workerCrypto(options: WorkerCryptoOptions): IngestCrypto {
  return new WorkerCrypto(options);
}

class WorkerCrypto implements IngestCrypto {
  readonly #options: WorkerCryptoOptions;
  readonly #fallback: IngestCrypto;
  readonly #url: URL;
  readonly #slots: Slot[] = [];
  #validating: ValidateCall[] = [];
  #signing: SignCall[] = [];
  #flushing = false;
  #nextJob = 1;
  #closed = false;
  /** When threads failed recently, epoch ms. */
  #failures: number[] = [];
  #gaveUp = false;

  constructor(options: WorkerCryptoOptions) {
    if (!Number.isInteger(options.workers) || options.workers < 1) {
      throw new RangeError(`workers must be a positive integer, got ${options.workers}`);
    }
    this.#options = options;
    this.#fallback = inlineCrypto(options.identity, options.backend);
    this.#url = options.workerUrl ?? workerScript('crypto-worker');
    for (let i = 0; i < options.workers; i++) this.#slots.push(this.#spawn());
  }

  validate(items: readonly Unchecked[], now: number): Promise<Verdict[]> {
    if (items.length === 0) return Promise.resolve([]);
    if (this.#closed) return this.#fallback.validate(items, now);
    return new Promise((resolve, reject) => {
      this.#validating.push({ items, now, count: items.length, resolve, reject });
      this.#schedule();
    });
  }

  receipts(facts: readonly ReceiptFacts[]): Promise<Receipt[]> {
    if (facts.length === 0) return Promise.resolve([]);
    if (this.#closed) return this.#fallback.receipts(facts);
    return new Promise((resolve, reject) => {
      this.#signing.push({ facts, count: facts.length, resolve, reject });
      this.#schedule();
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#flush();
    const slots = this.#slots.splice(0);
    for (const slot of slots) this.#drain(slot);
    // Referenced again, so the process waits for the threads to stop before close resolves.
    await Promise.all(
      slots.map((slot) => {
        slot.worker.ref();
        return slot.worker.terminate();
      }),
    );
  }

  #spawn(): Slot {
    const data: WorkerData = {
      publicKey: this.#options.key.publicKey,
      secretKey: this.#options.key.secretKey,
    };
    const worker = new Worker(this.#url, { workerData: data });
    // Jobs keep the process busy through their requests; an idle pool must not keep it alive.
    worker.unref();
    const slot: Slot = { worker, jobs: new Map() };
    worker.on('message', (reply: WorkerReply) => this.#answer(slot, reply));
    worker.on('error', (err) => this.#failed(slot, err));
    worker.on('exit', (code) => {
      if (!this.#closed) this.#failed(slot, new Error(`an ingest crypto worker exited with code ${code}`));
    });
    return slot;
  }

  #schedule(): void {
    if (this.#flushing) return;
    this.#flushing = true;
    // setImmediate: every request read in this turn of the event loop joins the job.
    setImmediate(() => this.#flush());
  }

  #flush(): void {
    this.#flushing = false;
    const validating = this.#validating;
    const signing = this.#signing;
    this.#validating = [];
    this.#signing = [];
    if (validating.length > 0) this.#send({ kind: 'validate', calls: validating });
    if (signing.length > 0) this.#send({ kind: 'sign', calls: signing });
  }

  #send(job: Job): void {
    const slot = this.#idlest();
    if (slot === undefined) {
      this.#runInline(job);
      return;
    }
    const id = this.#nextJob++;
    const request: WorkerRequest =
      job.kind === 'validate'
        ? {
            job: id,
            kind: 'validate',
            texts: job.calls.flatMap((call) => call.items.map((item) => item.text)),
            nows: job.calls.flatMap((call) => call.items.map(() => call.now)),
          }
        : { job: id, kind: 'sign', facts: job.calls.flatMap((call) => [...call.facts]) };
    slot.jobs.set(id, job);
    slot.worker.postMessage(request);
  }

  #idlest(): Slot | undefined {
    let best: Slot | undefined;
    for (const slot of this.#slots) if (best === undefined || slot.jobs.size < best.jobs.size) best = slot;
    return best;
  }

  #answer(slot: Slot, reply: WorkerReply): void {
    const job = slot.jobs.get(reply.job);
    if (job === undefined) return;
    slot.jobs.delete(reply.job);
    if ('error' in reply) {
      this.#options.onFault(new Error(`an ingest crypto worker failed a job: ${reply.error}`));
      this.#runInline(job);
      return;
    }
    if (!fits(job, reply.results)) {
      // A thread that answers anything but one well-formed result per item is not trusted with the job:
      // a missing refusal must never read as a pass.
      this.#options.onFault(new Error('an ingest crypto worker answered a job with the wrong results'));
      this.#runInline(job);
      return;
    }
    let offset = 0;
    if (job.kind === 'validate') {
      const refusals = reply.results as (Failure | null)[];
      for (const call of job.calls) {
        call.resolve(
          call.items.map((item, i): Verdict => {
            const refusal = refusals[offset + i];
            // The worker checked this very text, and `value` was parsed from it by the same parser.
            return refusal ?? { ok: true, message: item.value as unknown as Message };
          }),
        );
        offset += call.count;
      }
    } else {
      const receipts = reply.results as Receipt[];
      for (const call of job.calls) {
        call.resolve(receipts.slice(offset, offset + call.count));
        offset += call.count;
      }
    }
  }

  #failed(slot: Slot, err: unknown): void {
    const index = this.#slots.indexOf(slot);
    if (index === -1) return;
    this.#options.onFault(err);
    this.#slots.splice(index, 1);
    slot.worker.removeAllListeners('exit');
    void slot.worker.terminate();
    if (!this.#closed && this.#mayRespawn()) this.#slots.push(this.#spawn());
    this.#drain(slot);
  }

  /**
   * Whether to replace a failed thread: not after RESPAWN_LIMIT failures within RESPAWN_WINDOW_MS (a
   * script that cannot load, say), after which the pool's work stays in the event loop.
   */
  #mayRespawn(): boolean {
    const now = Date.now();
    this.#failures = this.#failures.filter((at) => now - at < RESPAWN_WINDOW_MS);
    this.#failures.push(now);
    if (this.#failures.length <= RESPAWN_LIMIT) return true;
    if (this.#slots.length === 0 && !this.#gaveUp) {
      this.#gaveUp = true;
      this.#options.onFault(
        new Error(
          `ingest crypto workers failed ${this.#failures.length} times in a minute; ` +
            'checking and signing stay in the event loop',
        ),
      );
    }
    return false;
  }

  /** Answers a slot's jobs in the event loop. */
  #drain(slot: Slot): void {
    const jobs = [...slot.jobs.values()];
    slot.jobs.clear();
    for (const job of jobs) this.#runInline(job);
  }

  #runInline(job: Job): void {
    if (job.kind === 'validate') {
      for (const call of job.calls)
        this.#fallback.validate(call.items, call.now).then(call.resolve, call.reject);
    } else {
      for (const call of job.calls) this.#fallback.receipts(call.facts).then(call.resolve, call.reject);
    }
  }
}
