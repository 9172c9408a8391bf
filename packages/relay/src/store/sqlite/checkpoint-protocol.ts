/** What the checkpointer's thread is started with. */
export interface CheckpointerData {
  path: string;
  busyTimeoutMs: number;
  /** How long after a write the thread checkpoints; writes meanwhile join that checkpoint. */
  intervalMs: number;
}

/** The store wrote to the log; or the thread is to close its connection and end. */
export type CheckpointerRequest = { kind: 'written' } | { kind: 'close' };

/** The outcome of one checkpoint: frames in the log, and frames copied into the database. */
export type CheckpointerReply =
  | { kind: 'checkpointed'; log: number; checkpointed: number }
  | { kind: 'failed'; error: string };
