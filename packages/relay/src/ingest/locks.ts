/**
 * Per-key mutual exclusion for async work: calls for the same key run one after another, in call order;
 * calls for different keys run concurrently. The ingest path locks a thread while it checks a message
 * against the thread and queues it, so two messages of one thread are never judged against the same state.
 */
export class KeyedMutex {
  readonly #tails = new Map<string, Promise<void>>();

  /** Runs `fn` once every earlier call holding `key` has finished. */
  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.runAll([key], fn);
  }

  /**
   * Runs `fn` holding every key. A call joins the queue of each of its keys at once, so callers are ordered
   * the same way in every queue they share and cannot deadlock.
   */
  async runAll<T>(keys: readonly string[], fn: () => Promise<T>): Promise<T> {
    const waits: Promise<void>[] = [];
    const releases: (() => void)[] = [];
    for (const key of new Set(keys)) {
      const previous = this.#tails.get(key) ?? Promise.resolve();
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      const tail = previous.then(() => held);
      this.#tails.set(key, tail);
      waits.push(previous);
      releases.push(() => {
        release();
        if (this.#tails.get(key) === tail) this.#tails.delete(key);
      });
    }
    await Promise.all(waits);
    try {
      return await fn();
    } finally {
      for (const release of releases) release();
    }
  }

  /** How many keys are held or waited for. */
  get size(): number {
    return this.#tails.size;
  }
}
