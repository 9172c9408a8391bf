/**
 * The sync thread's script (sync-thread.ts): syncs a file descriptor of the process with fdatasync, one
 * request at a time, and says when it is done.
 */
import { fdatasyncSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';

const port = parentPort!;

port.on('message', (request: { id: number; fd: number }) => {
  try {
    fdatasyncSync(request.fd);
    port.postMessage({ id: request.id });
  } catch (err) {
    const { message, code } = err as NodeJS.ErrnoException;
    port.postMessage({ id: request.id, error: { message, code } });
  }
});
