/**
 * Ingest over HTTP: signed intents POSTed to a relay in a child process with its durable (synchronous=FULL)
 * SQLite store in a fresh temporary directory, one message per request and in batches of 100; and the
 * bare-Fastify baseline with the same bodies, load generator and concurrency.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChild } from './child.mjs';
import { runLoad } from './load.mjs';
import { summarize } from './stats.mjs';

const RELAY = new URL('./relay-server.mjs', import.meta.url).pathname;
const FASTIFY = new URL('./fastify-server.mjs', import.meta.url).pathname;

function loadSummary(result, messagesPerRequest = 1) {
  return {
    requests: result.completed,
    messages: result.completed * messagesPerRequest,
    seconds: Math.round(result.seconds * 100) / 100,
    requestsPerSecond: Math.round(result.perSecond),
    messagesPerSecond: Math.round(result.perSecond * messagesPerRequest),
    failed: result.failed,
    ...(result.failures.length > 0 ? { failures: result.failures } : {}),
    ranOutOfMessages: result.ranOutOfItems,
    latency: summarize(result.latencies),
  };
}

/** True when a batch answer says every message was stored or already known. */
function batchAccepted(status, text) {
  if (status !== 200) return false;
  const { results } = JSON.parse(text);
  return Array.isArray(results) && results.every((r) => r.ok === true);
}

/**
 * `single`, `batched`: signed intent texts (distinct). `concurrency`: requests in flight for single
 * messages and the baseline; `batchConcurrency` for batches; each phase stops after `seconds`.
 */
export async function measureIngest({
  single,
  batched,
  concurrency,
  batchConcurrency,
  seconds,
  warmup,
  cryptoWorkers,
}) {
  const result = { concurrency, batchConcurrency, batchSize: 100, synchronous: 'FULL', cryptoWorkers };

  const bare = await startChild(FASTIFY, {});
  try {
    const items = single.map((body) => ({ path: '/echo', body }));
    const run = await runLoad({ origin: bare.info.origin, items, concurrency, maxSeconds: seconds, warmup });
    result.bareFastify = loadSummary(run);
  } finally {
    await bare.stop();
  }

  const dir = mkdtempSync(join(tmpdir(), 'intentcast-bench-ingest-'));
  try {
    const relay = await startChild(RELAY, {
      dbPath: join(dir, 'relay.sqlite'),
      synchronous: 'FULL',
      cryptoWorkers,
    });
    try {
      const items = single.map((body) => ({ path: '/v1/messages', body }));
      const run = await runLoad({
        origin: relay.info.origin,
        items,
        concurrency,
        maxSeconds: seconds,
        warmup,
        accept: (status) => status === 201,
      });
      result.single = loadSummary(run);

      const batches = [];
      for (let i = 0; i + 100 <= batched.length; i += 100) {
        batches.push({ path: '/v1/messages', body: `{"messages":[${batched.slice(i, i + 100).join(',')}]}` });
      }
      const batchRun = await runLoad({
        origin: relay.info.origin,
        items: batches,
        concurrency: batchConcurrency,
        maxSeconds: seconds,
        warmup: Math.min(2, batches.length),
        accept: batchAccepted,
      });
      result.batch = loadSummary(batchRun, 100);
      result.serverMemory = await relay.call('memory');
    } finally {
      await relay.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return result;
}
