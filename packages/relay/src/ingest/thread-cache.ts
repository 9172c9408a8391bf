import type { ThreadSnapshot } from '@intentcast/core';

/**
 * Thread snapshots for the lifecycle check. Two tiers:
 * - staged: threads with messages admitted but not yet committed; their snapshot includes those messages
 *   and is never evicted, so the next message of the thread is judged against it;
 * - committed: a bounded LRU of snapshots that match the store, rebuilt from the store on a miss.
 */
export class ThreadCache {
  readonly #capacity: number;
  readonly #committed = new Map<string, ThreadSnapshot>();
  readonly #staged = new Map<string, { snapshot: ThreadSnapshot; pending: number }>();

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** The latest snapshot of a thread, staged or committed, if it is cached. */
  get(thread: string): ThreadSnapshot | undefined {
    const staged = this.#staged.get(thread);
    if (staged) return staged.snapshot;
    const snapshot = this.#committed.get(thread);
    if (snapshot) {
      this.#committed.delete(thread);
      this.#committed.set(thread, snapshot);
    }
    return snapshot;
  }

  /** Keeps a snapshot that matches the store. */
  remember(thread: string, snapshot: ThreadSnapshot): void {
    this.#committed.delete(thread);
    this.#committed.set(thread, snapshot);
    while (this.#committed.size > this.#capacity)
      this.#committed.delete(this.#committed.keys().next().value!);
  }

  /** Records the snapshot after a message that has been admitted and waits for its commit. */
  stage(thread: string, snapshot: ThreadSnapshot): void {
    const staged = this.#staged.get(thread);
    if (staged) {
      staged.snapshot = snapshot;
      staged.pending++;
    } else {
      this.#staged.set(thread, { snapshot, pending: 1 });
      this.#committed.delete(thread);
    }
  }

  /** One staged message of the thread was committed; once none wait, the snapshot matches the store. */
  committed(thread: string): void {
    const staged = this.#staged.get(thread);
    if (!staged) return;
    staged.pending--;
    if (staged.pending === 0) {
      this.#staged.delete(thread);
      this.remember(thread, staged.snapshot);
    }
  }

  /** True while a message of the thread waits for its commit. */
  hasPending(thread: string): boolean {
    return this.#staged.has(thread);
  }

  /** Forgets a thread (it was purged). */
  evict(thread: string): void {
    this.#committed.delete(thread);
  }

  /** Forgets everything: after a failed commit, only the store is known to be right. */
  reset(): void {
    this.#staged.clear();
    this.#committed.clear();
  }
}
