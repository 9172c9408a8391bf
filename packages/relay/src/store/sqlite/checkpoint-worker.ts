/**
 * The checkpointer's thread (checkpointer.ts): copies committed pages from the write-ahead log into the
 * database with a connection of its own, so the event loop never waits for that copy or its syncs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { CheckpointerData, CheckpointerReply, CheckpointerRequest } from './checkpoint-protocol.js';

const port = parentPort!;
const { path, busyTimeoutMs, intervalMs } = workerData as CheckpointerData;
// fileMustExist: the store created the database; this thread never creates one where it has gone.
const db = new Database(path, { fileMustExist: true });
db.pragma(`busy_timeout = ${busyTimeoutMs}`);
// A checkpoint syncs the log before it copies and the database after, unless synchronous is OFF.
db.pragma('synchronous = NORMAL');
db.pragma('wal_autocheckpoint = 0');

let timer: NodeJS.Timeout | undefined;

function checkpoint(): void {
  timer = undefined;
  let reply: CheckpointerReply;
  try {
    // PASSIVE: copies what it can without waiting for readers or stopping the writer.
    const [row] = db.pragma('wal_checkpoint(PASSIVE)') as {
      busy: number;
      log: number;
      checkpointed: number;
    }[];
    reply = { kind: 'checkpointed', log: row?.log ?? 0, checkpointed: row?.checkpointed ?? 0 };
  } catch (err) {
    reply = { kind: 'failed', error: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
}

port.on('message', (request: CheckpointerRequest) => {
  if (request.kind === 'written') {
    timer ??= setTimeout(checkpoint, intervalMs);
    return;
  }
  if (timer !== undefined) clearTimeout(timer);
  db.close();
  port.close();
});
