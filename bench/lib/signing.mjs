/**
 * Signed intents in bulk, made by a pool of worker threads (one per core) in deterministic order.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { GENERATOR_VERSION, makeKeys } from './corpus.mjs';

const CHUNK = 2_000;

/**
 * Makes intents `start`..`start+count-1` and hands them to `onChunk(texts, firstIndex)` in index order;
 * `onChunk` may be async (the next chunks are signed meanwhile). Intent i is created at
 * `createdBase + i * createdStep` and lives `lifetimeMs`.
 */
export async function signIntents(options, onChunk) {
  const {
    count,
    start = 0,
    keyCount = 64,
    seed = 1,
    run = Date.now(),
    createdBase,
    createdStep = 0,
    lifetimeMs,
  } = options;
  const keys = makeKeys(keyCount).map(({ did, jwk }) => ({ did, jwk }));
  const threads = Math.max(1, Math.min(availableParallelism(), options.threads ?? availableParallelism()));
  const workers = Array.from(
    { length: threads },
    () => new Worker(new URL('./sign-worker.mjs', import.meta.url), { workerData: { keys } }),
  );
  const pending = new Map();
  for (const worker of workers) {
    worker.on('message', ({ id, texts }) => pending.get(id)?.resolve(texts));
    worker.on('error', (err) => {
      for (const job of pending.values()) job.reject(err);
    });
  }
  const jobs = [];
  for (let first = start, id = 0; first < start + count; first += CHUNK, id++) {
    jobs.push({ id, start: first, count: Math.min(CHUNK, start + count - first) });
  }
  const submit = (job, worker) =>
    new Promise((resolve, reject) => {
      pending.set(job.id, { resolve, reject });
      worker.postMessage({ ...job, seed, run, createdBase, createdStep, lifetimeMs });
    }).finally(() => pending.delete(job.id));
  try {
    // Keep two jobs per worker in flight and consume results in order.
    const inFlight = [];
    let next = 0;
    const fill = () => {
      while (next < jobs.length && inFlight.length < threads * 2) {
        const job = jobs[next];
        inFlight.push({ job, promise: submit(job, workers[next % threads]) });
        next++;
      }
    };
    fill();
    while (inFlight.length > 0) {
      const { job, promise } = inFlight.shift();
      const texts = await promise;
      fill();
      await onChunk(texts, job.start);
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** All the texts of `signIntents` in one array, for the smaller sets. */
export async function signIntentTexts(options) {
  const all = [];
  await signIntents(options, (texts) => {
    for (const text of texts) all.push(text);
  });
  return all;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * `count` intents for the HTTP sections, created now and valid for 7 days, kept in `cacheDir` and reused
 * for 5 days: each run stores them in a fresh relay, so the same intents can be sent again. Signing is
 * preparation, not part of any figure; the cache only makes the runs shorter.
 */
export async function cachedIntentTexts({ count, cacheDir, log }) {
  mkdirSync(cacheDir, { recursive: true });
  const name = `http-intents-${count}-gen${GENERATOR_VERSION}.json`;
  const path = join(cacheDir, name);
  if (existsSync(path)) {
    const cached = JSON.parse(readFileSync(path, 'utf8'));
    if (Date.now() - cached.madeAt < 5 * DAY_MS && cached.texts.length === count) return cached.texts;
  }
  // Drop this size's stale file and any other size's file too old to be used again.
  for (const file of readdirSync(cacheDir)) {
    if (!file.startsWith('http-intents-')) continue;
    const stale = Date.now() - statSync(join(cacheDir, file)).mtimeMs > 5 * DAY_MS;
    if (stale || file.startsWith(`http-intents-${count}-`)) rmSync(join(cacheDir, file), { force: true });
  }
  log(`signing ${count.toLocaleString('en')} intents`);
  const madeAt = Date.now();
  const texts = await signIntentTexts({
    count,
    seed: 5,
    run: madeAt,
    keyCount: 64,
    createdBase: madeAt - 1000,
    lifetimeMs: 7 * DAY_MS,
  });
  writeFileSync(path, JSON.stringify({ madeAt, texts }));
  return texts;
}
