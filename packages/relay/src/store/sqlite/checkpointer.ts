import { Worker } from 'node:worker_threads';
import { workerScript } from '../../worker-script.js';
import type { CheckpointerData, CheckpointerReply, CheckpointerRequest } from './checkpoint-protocol.js';

/**
 * Log pages after which the store's own connection checkpoints in the commit, as SQLite does by default
 * every 1,000: a backstop that bounds the log (about 40 MB) should the checkpointer's thread fall behind.
 */
export const BACKSTOP_PAGES = 10_000;

export interface CheckpointerOptions {
  busyTimeoutMs: number;
  /** Default 100 ms. */
  intervalMs?: number;
  /** Told of each checkpoint (tests, monitoring). */
  onCheckpoint?(outcome: CheckpointerReply): void;
  /** The worker script; by default the package's built `checkpoint-worker.js`. */
  workerUrl?: URL;
}

/**
 * Checkpoints a store's write-ahead log from a thread of its own. By default SQLite checkpoints inside the
 * commit that fills the log past 1,000 pages: the committing thread copies those pages into the database
 * and syncs both files, and in the relay that thread is the event loop. Here the store's connection only
 * checkpoints past BACKSTOP_PAGES, and this thread copies the log shortly after each write, concurrently
 * with the writer and readers (a PASSIVE checkpoint never blocks them).
 */
export class Checkpointer {
  readonly #path: string;
  readonly #options: CheckpointerOptions;
  /** Started at the first write: a store opened only to read, migrate or check never starts a thread. */
  #worker: Worker | undefined;
  #exited: Promise<void> | undefined;
  #closed = false;

  constructor(path: string, options: CheckpointerOptions) {
    this.#path = path;
    this.#options = options;
  }

  /** Tells the thread that the log grew. */
  written(): void {
    if (this.#closed) return;
    this.#post({ kind: 'written' });
  }

  /** Ends the thread once its connection is closed. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const worker = this.#worker;
    if (worker === undefined) return;
    // Referenced again, so the process waits for the thread to close its connection instead of ending
    // with the store's close still under way.
    worker.ref();
    worker.postMessage({ kind: 'close' } satisfies CheckpointerRequest);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, 5000);
    });
    await Promise.race([this.#exited, timeout]);
    clearTimeout(timer);
    await worker.terminate();
  }

  #post(request: CheckpointerRequest): void {
    this.#worker ??= this.#start();
    this.#worker.postMessage(request);
  }

  #start(): Worker {
    const { onCheckpoint } = this.#options;
    const data: CheckpointerData = {
      path: this.#path,
      busyTimeoutMs: this.#options.busyTimeoutMs,
      intervalMs: this.#options.intervalMs ?? 100,
    };
    const worker = new Worker(this.#options.workerUrl ?? workerScript('checkpoint-worker'), {
      workerData: data,
    });
    // An idle checkpointer must not keep the process alive; the store closes it.
    worker.unref();
    this.#exited = new Promise((resolve) => worker.once('exit', () => resolve()));
    worker.on('message', (reply: CheckpointerReply) => onCheckpoint?.(reply));
    // A thread that fails leaves checkpoints to the store's connection (the backstop): nothing is lost.
    worker.on('error', (err) => onCheckpoint?.({ kind: 'failed', error: err.message }));
    return worker;
  }
}
