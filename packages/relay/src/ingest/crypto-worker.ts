/**
 * A thread of the ingest crypto pool (crypto-pool.ts): checks messages with core's validateMessage and
 * signs receipts with the relay key. It holds no other state; the event loop keeps everything else.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createNodeBackend } from '@intentcast/core/node';
import { relayIdentity } from '../identity.js';
import { signReceipt } from '../receipt.js';
import { checkMessage } from './crypto.js';
import type { WorkerData, WorkerReply, WorkerRequest } from './crypto-protocol.js';

const port = parentPort!;
const { publicKey, secretKey } = workerData as WorkerData;
const backend = createNodeBackend();
const identity = relayIdentity({ publicKey, secretKey }, backend);

port.on('message', (request: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    if (request.kind === 'validate') {
      // A message that passes is known to the sender already: only refusals travel back in full.
      const results = request.texts.map((text, i) => {
        const verdict = checkMessage(text, backend, request.nows[i]!);
        return verdict.ok ? null : verdict;
      });
      reply = { job: request.job, results };
    } else {
      reply = { job: request.job, results: request.facts.map((fact) => signReceipt(identity, fact)) };
    }
  } catch (err) {
    reply = { job: request.job, error: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
