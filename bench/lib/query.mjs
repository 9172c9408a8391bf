/**
 * Filtered query latency: GET /v1/intents against a relay (child process) whose store holds the query
 * corpus, one request at a time, with a mix of filters; p50/p99 per kind of filter and overall.
 */
import { createReadStream } from 'node:fs';
import { Pool } from 'undici';
import { startChild } from './child.mjs';
import { CATEGORIES, CURRENCIES, NAMESPACES, prng, REGIONS, WORDS } from './corpus.mjs';
import { queryCorpus } from './query-corpus.mjs';
import { summarize } from './stats.mjs';

const RELAY = new URL('./relay-server.mjs', import.meta.url).pathname;
const HOUR_MS = 60 * 60 * 1000;

/** The kinds of query and how to make one; `meta` describes the corpus (its time span). */
const KINDS = {
  category: (pick) => ({ category: pick(Object.keys(NAMESPACES)) }),
  subcategory: (pick) => ({ category: pick(CATEGORIES) }),
  region: (pick) => ({ region: pick(REGIONS)[0] }),
  country: (pick) => ({ region: pick(REGIONS)[0].slice(0, 2) }),
  budget: (pick, rand) => {
    const min = Math.floor(rand() * 2000);
    return {
      currency: pick(CURRENCIES),
      budgetMin: String(min),
      budgetMax: String(min + 50 + Math.floor(rand() * 500)),
    };
  },
  near: (pick, rand) => {
    const [, lat, lon] = pick(REGIONS);
    return {
      near: `${(lat + (rand() - 0.5) * 0.4).toFixed(3)},${(lon + (rand() - 0.5) * 0.4).toFixed(3)},${5 + Math.floor(rand() * 20)}`,
    };
  },
  text: (pick, rand) => ({ q: rand() < 0.5 ? pick(WORDS) : `${pick(WORDS)} ${pick(WORDS)}` }),
  since: (_pick, rand, meta) => ({
    since: new Date(meta.newest - (1 + Math.floor(rand() * 47)) * HOUR_MS).toISOString(),
  }),
  combined: (pick, rand) => ({
    category: pick(Object.keys(NAMESPACES)),
    region: pick(REGIONS)[0].slice(0, 2),
    currency: pick(CURRENCIES),
    budgetMax: String(200 + Math.floor(rand() * 3000)),
  }),
  unfiltered: () => ({}),
};

/**
 * `perKind` queries of each kind, interleaved, one at a time, stopping early after `maxSeconds`; the
 * corpus of `count` intents is built first unless cached.
 */
export async function measureQuery({ count, perKind, warmup, maxSeconds, cacheDir, log }) {
  const corpus = await queryCorpus({ count, cacheDir, log });
  const meta = {
    ...corpus.meta,
    newest: corpus.meta.createdBase + corpus.meta.count * corpus.meta.createdStep,
  };
  const rand = prng(2024);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const plan = [];
  for (const [kind, make] of Object.entries(KINDS)) {
    for (let i = 0; i < perKind; i++) plan.push({ kind, query: make(pick, rand, meta) });
  }
  // Interleave the kinds, so that no kind gets a warmer cache than another.
  for (let i = plan.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [plan[i], plan[j]] = [plan[j], plan[i]];
  }

  // A relay that has been serving has its store in the operating system's cache; this virtual machine's
  // host reclaims that cache when it is idle, which would make the first queries read from disk.
  await readWhole(corpus.path);
  const relay = await startChild(RELAY, { dbPath: corpus.path, synchronous: 'FULL' });
  const pool = new Pool(relay.info.origin, { connections: 1 });
  try {
    const get = async (query) => {
      const start = performance.now();
      const res = await pool.request({ path: `/v1/intents?${new URLSearchParams(query)}`, method: 'GET' });
      const text = await res.body.text();
      const ms = performance.now() - start;
      if (res.statusCode !== 200)
        throw new Error(
          `GET /v1/intents?${new URLSearchParams(query)}: ${res.statusCode} ${text.slice(0, 200)}`,
        );
      return { ms, returned: JSON.parse(text).intents.length };
    };
    const warmUntil = performance.now() + (maxSeconds * 1000) / 5;
    for (let i = 0; i < warmup && performance.now() < warmUntil; i++) await get(plan[i % plan.length].query);
    const byKind = new Map();
    const all = [];
    const deadline = performance.now() + maxSeconds * 1000;
    for (const { kind, query } of plan) {
      if (performance.now() > deadline) break;
      const { ms, returned } = await get(query);
      all.push(ms);
      const entry = byKind.get(kind) ?? { samples: [], returned: 0, empty: 0, example: query };
      entry.samples.push(ms);
      entry.returned += returned;
      if (returned === 0) entry.empty++;
      byKind.set(kind, entry);
    }
    const kinds = {};
    for (const [kind, entry] of byKind) {
      kinds[kind] = {
        ...summarize(entry.samples),
        meanReturned: Math.round((entry.returned / entry.samples.length) * 10) / 10,
        emptyPages: entry.empty,
        example: new URLSearchParams(entry.example).toString(),
      };
    }
    return {
      storedIntents: count,
      cachedCorpus: corpus.cached,
      corpusBuildSeconds: Math.round(corpus.buildSeconds),
      pageSize: 'relay default',
      stoppedByTime: all.length < plan.length,
      overall: summarize(all),
      kinds,
      serverMemory: await relay.call('memory'),
    };
  } finally {
    await pool.close();
    await relay.stop();
  }
}

/** Reads a file through once, so that its pages are in the operating system's cache. */
async function readWhole(path) {
  for await (const _chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    // Nothing to do with the bytes: reading them is the point.
  }
}
