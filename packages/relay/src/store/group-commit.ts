/**
 * Group commit: records submitted while a commit is scheduled or running wait and go into the next single
 * transaction, so one durable write (one fsync) serves many requests. Each submitter's promise settles
 * only once its own record is committed (or the commit failed). At most one commit runs at a time, so
 * records are committed in the order they were submitted.
 */
export interface GroupCommitOptions<R, E> {
  /** Commits records atomically, in order, returning one result per record. */
  commit(records: R[]): Promise<E[]>;
  /** Called once per commit, with the results in order, before any submitter hears of them. */
  committed(results: E[]): void;
  /** The most records one transaction takes. */
  maxBatch: number;
  /** Told of a failed commit, or of an error thrown by `committed`. */
  onError(err: unknown): void;
}

interface Entry<R, E> {
  record: R;
  resolve(result: E): void;
  reject(err: unknown): void;
}

export class GroupCommitter<R, E> {
  readonly #options: GroupCommitOptions<R, E>;
  #queue: Entry<R, E>[] = [];
  #draining: Promise<void> | undefined;

  constructor(options: GroupCommitOptions<R, E>) {
    this.#options = options;
  }

  /** Queues a record for the next commit; resolves with its result once that commit is durable. */
  submit(record: R): Promise<E> {
    return new Promise<E>((resolve, reject) => {
      this.#queue.push({ record, resolve, reject });
      this.#schedule();
    });
  }

  /** Resolves once every record submitted so far has been committed or failed. */
  async flush(): Promise<void> {
    while (this.#draining) await this.#draining;
  }

  /** How many records wait for a commit. */
  get pending(): number {
    return this.#queue.length;
  }

  #schedule(): void {
    if (this.#draining) return;
    // setImmediate, not a microtask: requests read in the same turn of the event loop join the batch.
    this.#draining = new Promise<void>((resolve) => {
      setImmediate(() => {
        this.#drain().finally(() => {
          this.#draining = undefined;
          resolve();
          if (this.#queue.length > 0) this.#schedule();
        });
      });
    });
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch = this.#queue.splice(0, this.#options.maxBatch);
      let results: E[];
      try {
        results = await this.#options.commit(batch.map((entry) => entry.record));
      } catch (err) {
        // Records queued behind a failed commit may build on it (an offer on an intent in the failed
        // batch), so they fail with it and their senders get an error. (A commit whose disk sync failed
        // may have stored its records; the store then takes no more writes.)
        const failed = batch.concat(this.#queue.splice(0));
        this.#options.onError(err);
        for (const entry of failed) entry.reject(err);
        return;
      }
      try {
        this.#options.committed(results);
      } catch (err) {
        this.#options.onError(err);
      }
      batch.forEach((entry, i) => {
        entry.resolve(results[i]!);
      });
      // Let the event loop read more requests before the next batch, so they can join it.
      if (this.#queue.length > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
}
