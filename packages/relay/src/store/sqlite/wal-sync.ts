import { closeSync, fdatasync, fstatSync, openSync, statSync } from 'node:fs';

/** The fdatasync system call in callback form: fs.fdatasync, or a thread's (sync-thread.ts). */
export type Datasync = (fd: number, done: (err: NodeJS.ErrnoException | null) => void) => void;

/**
 * Makes committed transactions durable without stopping the event loop.
 *
 * The store runs SQLite with `synchronous = NORMAL` in WAL mode: a commit appends its frames to the
 * write-ahead log and returns without syncing it. `sync()` then syncs the log off the event loop (the
 * store's own sync thread, by default), and the store acknowledges the commit only once that is done.
 * Every acknowledged transaction is therefore on disk: either in the log (this sync), or already copied
 * into the database by a checkpoint, which under NORMAL syncs the log before it copies and the database
 * after. SQLite's own FULL mode would make the same guarantee with the same system call, but inside the
 * commit, holding the event loop for every disk sync.
 *
 * Syncs are coalesced: callers that arrive while one is running share the next one, which starts when the
 * running one ends, since their writes may have missed the running one.
 */
export class WalSync {
  readonly #path: string;
  readonly #datasync: Datasync;
  #fd: number | undefined;
  #inode = 0;
  #running: Promise<void> | undefined;
  #next: Promise<void> | undefined;

  /**
   * `databasePath` is the database file; its log is the file beside it with `-wal` appended. `datasync`
   * is the system call (tests slow it down or make it fail).
   */
  constructor(databasePath: string, datasync: Datasync = fdatasync) {
    this.#path = `${databasePath}-wal`;
    this.#datasync = datasync;
  }

  /** Resolves once everything written to the log before the call is on disk. */
  sync(): Promise<void> {
    if (this.#running === undefined) return this.#start();
    this.#next ??= this.#running.then(
      () => this.#start(),
      () => this.#start(),
    );
    return this.#next;
  }

  /** Resolves once the syncs asked for so far have ended, starting none. */
  settled(): Promise<void> {
    const last = this.#next ?? this.#running;
    return last === undefined
      ? Promise.resolve()
      : last.then(
          () => {},
          () => {},
        );
  }

  /** Closes the file descriptor; later syncs open it again. */
  close(): void {
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
  }

  #start(): Promise<void> {
    this.#next = undefined;
    const running = new Promise<void>((resolve, reject) => {
      let fd: number;
      try {
        fd = this.#descriptor();
      } catch (err) {
        reject(err);
        return;
      }
      this.#datasync(fd, (err) => (err ? reject(err) : resolve()));
    });
    this.#running = running;
    const done = () => {
      if (this.#running === running) this.#running = undefined;
    };
    running.then(done, done);
    return running;
  }

  /**
   * A descriptor of the log as it is now. SQLite deletes the log only when its last connection closes, so
   * while the store is open the file stays the same; the inode check makes a replaced file harmless anyway.
   */
  #descriptor(): number {
    const inode = statSync(this.#path).ino;
    if (this.#fd !== undefined && inode === this.#inode) return this.#fd;
    this.close();
    this.#fd = openSync(this.#path, 'r');
    this.#inode = fstatSync(this.#fd).ino;
    return this.#fd;
  }
}
