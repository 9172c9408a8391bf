#!/usr/bin/env node
/**
 * The Intentcast benchmark: `npm run bench` (full: about 4 minutes once its caches exist, 15 the first
 * time) or `npm run bench -- --quick` (under a minute once its caches exist). It measures the built
 * packages (run `npm run build` first), writes bench/results/latest.json and latest.md, and prints a table. `--only ingest,query` runs some sections;
 * `--set query.count=200000` changes one setting of the profile; `--profile` makes every child process
 * (relay, baseline, clients) write a CPU profile to bench/results/profiles/.
 * Sections: verify, ingest, fanout, matching, query, memory.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { profileChildren } from './lib/child.mjs';
import { describeMachine } from './lib/machine.mjs';
import { formatMarkdown, formatTable, summarizeResults } from './lib/report.mjs';

const SECTIONS = ['verify', 'ingest', 'fanout', 'matching', 'query', 'memory'];

const PROFILES = {
  quick: {
    verify: { seconds: 1 },
    matching: { small: 100, large: 10_000, events: 1_000, rounds: 5, catchAll: 2 },
    ingest: {
      single: 6_000,
      batched: 12_000,
      concurrency: 64,
      batchConcurrency: 4,
      seconds: 2.5,
      warmup: 256,
      cryptoWorkers: 1,
    },
    fanout: {
      subscriptionCounts: [1_000, 10_000],
      catchAll: 10,
      perConnection: 10,
      intents: 300,
      ratePerSecond: 100,
    },
    query: { count: 100_000, perKind: 40, warmup: 50, maxSeconds: 6 },
    memory: { count: 1_000, catchAll: 10 },
  },
  full: {
    verify: { seconds: 3 },
    matching: { small: 100, large: 10_000, events: 2_000, rounds: 5, catchAll: 2 },
    ingest: {
      single: 60_000,
      batched: 150_000,
      concurrency: 64,
      batchConcurrency: 4,
      seconds: 15,
      warmup: 512,
      cryptoWorkers: 1,
    },
    fanout: {
      subscriptionCounts: [1_000, 10_000],
      catchAll: 10,
      perConnection: 10,
      intents: 2_000,
      ratePerSecond: 100,
    },
    query: { count: 1_000_000, perKind: 200, warmup: 200, maxSeconds: 90 },
    memory: { count: 10_000, catchAll: 10 },
  },
};

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    set: { type: 'string', multiple: true, default: [] },
    profile: { type: 'boolean', default: false },
    out: { type: 'string', default: new URL('./results/latest.json', import.meta.url).pathname },
  },
});
const mode = values.quick ? 'quick' : 'full';
const profile = structuredClone(PROFILES[mode]);
// --set query.count=200000 overrides one number of the profile (repeatable).
for (const assignment of values.set) {
  const match = /^(\w+)\.(\w+)=(\d+(?:\.\d+)?)$/.exec(assignment);
  if (!match || !(match[1] in profile) || !(match[2] in profile[match[1]])) {
    throw new Error(`--set: expected section.key=number naming a known setting, got ${assignment}`);
  }
  profile[match[1]][match[2]] = Number(match[3]);
}
const only = values.only ? new Set(values.only.split(',').map((s) => s.trim())) : new Set(SECTIONS);
for (const name of only)
  if (!SECTIONS.includes(name))
    throw new Error(`--only: unknown section ${name}; known: ${SECTIONS.join(', ')}`);
const resultsDir = new URL('./results/', import.meta.url).pathname;
const cacheDir = new URL('./results/cache/', import.meta.url).pathname;
mkdirSync(resultsDir, { recursive: true });
if (values.profile) profileChildren(new URL('./results/profiles/', import.meta.url).pathname);

const log = (line) => process.stderr.write(`${line}\n`);
const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)}s`;

/** The relay package is imported lazily, so a missing build is reported instead of crashing the run. */
async function relayAvailable() {
  try {
    const relay = await import('@intentcast/relay');
    return typeof relay.buildRelay === 'function' && typeof relay.openSqliteStore === 'function'
      ? undefined
      : 'the built relay does not export buildRelay and openSqliteStore';
  } catch (err) {
    return `the relay package is not built (${String(err?.message ?? err).split('\n')[0]}); run npm run build`;
  }
}

async function main() {
  const results = {
    mode,
    startedAt: new Date().toISOString(),
    machine: describeMachine(),
    profile,
    sectionSeconds: {},
  };
  const relayMissing = await relayAvailable();
  const needsRelay = new Set(['matching', 'ingest', 'fanout', 'query', 'memory']);
  const needsStreams = new Set(['matching', 'fanout', 'memory']);
  const streamsMissing = async () => (await import('./lib/relay-package.mjs')).streamsMissing();

  // The signed intents the HTTP sections send: made once, up front, by worker threads.
  let corpus;
  const ingestCount = profile.ingest.single + profile.ingest.batched;
  const httpIntents = async () => {
    if (corpus) return corpus;
    const { cachedIntentTexts } = await import('./lib/signing.mjs');
    const count = 512 + ingestCount + profile.fanout.intents;
    const texts = await cachedIntentTexts({ count, cacheDir, log: (line) => log(`[${elapsed()}] ${line}`) });
    corpus = {
      verify: texts.slice(0, 512),
      single: texts.slice(512, 512 + profile.ingest.single),
      batched: texts.slice(512 + profile.ingest.single, 512 + ingestCount),
      fanout: texts.slice(512 + ingestCount),
    };
    return corpus;
  };

  const run = async (name, fn) => {
    if (!only.has(name)) return;
    const missing =
      (needsRelay.has(name) && relayMissing) || (needsStreams.has(name) && (await streamsMissing()));
    if (missing) {
      results[name] = { skipped: missing };
      log(`[${elapsed()}] ${name}: skipped (${missing})`);
      return;
    }
    log(`[${elapsed()}] ${name}`);
    const start = performance.now();
    try {
      results[name] = await fn();
      results.sectionSeconds[name] = Math.round((performance.now() - start) / 100) / 10;
    } catch (err) {
      results[name] = { error: String(err?.stack ?? err) };
      log(`[${elapsed()}] ${name} failed: ${err?.stack ?? err}`);
    }
  };

  await run('verify', async () => {
    const { measureVerify } = await import('./lib/verify.mjs');
    return measureVerify((await httpIntents()).verify, profile.verify);
  });
  await run('ingest', async () => {
    const { measureIngest } = await import('./lib/ingest.mjs');
    const texts = await httpIntents();
    return measureIngest({ ...profile.ingest, single: texts.single, batched: texts.batched });
  });
  await run('fanout', async () => {
    const { measureFanout } = await import('./lib/fanout.mjs');
    // Latency is measured well below saturation: at most a quarter of the single-message ingest rate.
    const ingestRate = results.ingest?.single?.messagesPerSecond;
    const ratePerSecond = Number.isFinite(ingestRate)
      ? Math.max(10, Math.min(profile.fanout.ratePerSecond, Math.round(ingestRate / 4)))
      : profile.fanout.ratePerSecond;
    return measureFanout({ ...profile.fanout, ratePerSecond, texts: (await httpIntents()).fanout });
  });
  await run('matching', async () => {
    const { measureMatching } = await import('./lib/matching.mjs');
    return measureMatching(profile.matching);
  });
  await run('query', async () => {
    const { measureQuery } = await import('./lib/query.mjs');
    return measureQuery({ ...profile.query, cacheDir, log: (line) => log(`[${elapsed()}] ${line}`) });
  });
  await run('memory', async () => {
    const { measureMemory } = await import('./lib/memory.mjs');
    return measureMemory(profile.memory);
  });

  results.machine.loadAverageAtEnd = os.loadavg().map((x) => Math.round(x * 100) / 100);
  results.seconds = Math.round((performance.now() - started) / 100) / 10;
  results.summary = summarizeResults(results);
  writeFileSync(values.out, `${JSON.stringify(results, null, 2)}\n`);
  const markdown = `${values.out.endsWith('.json') ? values.out.slice(0, -'.json'.length) : values.out}.md`;
  writeFileSync(markdown, `${formatMarkdown(results.summary)}\n`);
  const m = results.machine;
  console.log(
    `Intentcast benchmark (${mode}), ${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, ` +
      `load ${m.loadAverageAtStart[0]} -> ${m.loadAverageAtEnd[0]}, ${results.seconds} s\n`,
  );
  console.log(formatTable(results.summary));
  console.log(`\nWrote ${values.out} and ${markdown}`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
