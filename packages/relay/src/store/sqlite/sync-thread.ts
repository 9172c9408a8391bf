import { fdatasync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { workerScript } from '../../worker-script.js';

type Done = (err: NodeJS.ErrnoException | null) => void;

/**
 * fdatasync on a thread of the store's own. Node's asynchronous fdatasync runs in libuv's shared pool of
 * four threads, where DNS lookups (webhook targets, whose names users choose) and other file work also
 * wait: a few slow lookups would hold every commit. Here a sync waits for nothing but the disk. Should the
 * thread fail (its script missing from a bundle, say), syncs go on through fs.fdatasync: a thread's failure
 * is not the disk's, and must not stop the store.
 *
 * @example
 * const thread = new SyncThread();
 * const wal = new WalSync(path, thread.datasync);
 */
export class SyncThread {
  #worker: Worker | undefined;
  /** The thread failed: syncs go through libuv's pool from now on. */
  #broken = false;
  readonly #waiting = new Map<number, { fd: number; done: Done }>();
  #next = 1;
  readonly #url: URL | undefined;

  /** `workerUrl`: the worker script; by default the package's built `sync-worker.js`. */
  constructor(workerUrl?: URL) {
    this.#url = workerUrl;
  }

  /** Syncs `fd`, as fs.fdatasync does, and calls `done` when the disk has it. */
  readonly datasync = (fd: number, done: Done): void => {
    if (this.#broken) {
      fdatasync(fd, done);
      return;
    }
    const worker = this.#start();
    const id = this.#next++;
    this.#waiting.set(id, { fd, done });
    // Referenced while a sync is under way: the process waits for it.
    worker.ref();
    worker.postMessage({ id, fd });
  };

  /** Ends the thread; syncs under way are answered first. */
  async close(): Promise<void> {
    const worker = this.#worker;
    if (worker === undefined) return;
    this.#worker = undefined;
    worker.removeAllListeners('exit');
    await worker.terminate();
    this.#broken = true;
    this.#retryAll();
  }

  #start(): Worker {
    if (this.#worker !== undefined) return this.#worker;
    const worker = new Worker(this.#url ?? workerScript('sync-worker'));
    worker.unref();
    worker.on('message', (reply: { id: number; error?: { message: string; code?: string } }) => {
      const waiting = this.#waiting.get(reply.id);
      this.#waiting.delete(reply.id);
      if (this.#waiting.size === 0) worker.unref();
      if (waiting === undefined) return;
      const { error } = reply;
      waiting.done(error ? Object.assign(new Error(error.message), { code: error.code }) : null);
    });
    const failed = () => {
      if (this.#worker === worker) this.#worker = undefined;
      this.#broken = true;
      this.#retryAll();
    };
    worker.on('error', failed);
    worker.on('exit', failed);
    this.#worker = worker;
    return worker;
  }

  /** Syncs what the thread was asked to and did not answer, through libuv's pool. */
  #retryAll(): void {
    const waiting = [...this.#waiting.values()];
    this.#waiting.clear();
    for (const { fd, done } of waiting) fdatasync(fd, done);
  }
}
