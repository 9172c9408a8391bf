/**
 * The summary of a run: each headline figure with its baseline ratio and, where the project has one, its
 * target and whether it is met; printed as a table.
 */
import { ratio, sig } from './stats.mjs';

const fmt = (x, unit = '') => (Number.isFinite(x) ? `${sig(x, 3).toLocaleString('en')}${unit}` : '-');
const status = (met) => (met === null ? 'n/a' : met ? 'met' : 'NOT MET');

function why(section) {
  if (section === undefined) return 'not run';
  return section.skipped ?? (section.error ? `error: ${section.error.split('\n')[0]}` : undefined);
}

/** Rows { figure, value, baseline, target, status, note } from a results object. */
export function summarizeResults(results) {
  const rows = [];
  const verifyRate = results.verify?.verifyPerSecond;
  rows.push({
    figure: 'Ed25519 verify, 1 core (baseline)',
    value: fmt(verifyRate, '/s'),
    baseline: '-',
    target: '-',
    status: why(results.verify) ?? '',
  });
  if (results.verify?.validateMessagePerSecond) {
    rows.push({
      figure: 'core validateMessage, 1 core',
      value: fmt(results.verify.validateMessagePerSecond, '/s'),
      baseline: `${fmt(ratio(results.verify.validateMessagePerSecond, verifyRate))} x verify`,
      target: '-',
      status: '',
    });
  }

  const ingest = results.ingest;
  const ingestSkip = why(ingest);
  const bare = ingest?.bareFastify?.requestsPerSecond;
  rows.push({
    figure: `bare Fastify POST, c=${ingest?.concurrency ?? '-'} (baseline)`,
    value: fmt(bare, ' req/s'),
    baseline: '-',
    target: '-',
    status: ingestSkip ?? '',
  });
  const single = ingest?.single?.messagesPerSecond;
  const singleRatio = ratio(single, verifyRate);
  rows.push({
    figure: `ingest, single messages, c=${ingest?.concurrency ?? '-'}`,
    value: fmt(single, ' msg/s'),
    baseline: `${fmt(singleRatio)} x verify; ${fmt(ratio(single, bare))} x bare Fastify`,
    target: '>= 0.6 x verify',
    status: ingestSkip ?? status(singleRatio === null ? null : singleRatio >= 0.6),
  });
  const batch = ingest?.batch?.messagesPerSecond;
  const batchRatio = ratio(batch, verifyRate);
  rows.push({
    figure: `ingest, batches of 100, c=${ingest?.batchConcurrency ?? '-'}`,
    value: fmt(batch, ' msg/s'),
    baseline: `${fmt(batchRatio)} x verify; ${fmt(ratio(batch, bare))} x bare Fastify`,
    target: '>= 0.9 x verify',
    status: ingestSkip ?? status(batchRatio === null ? null : batchRatio >= 0.9),
  });

  const fanout = results.fanout;
  const fanoutSkip = why(fanout);
  const counts = fanout && !fanoutSkip ? Object.keys(fanout).map(Number) : [1000, 10000];
  for (const count of counts) {
    const f = fanout?.[count];
    const largest = count === Math.max(...counts);
    rows.push({
      figure: `publish-to-delivery p50 / p99, ${count.toLocaleString('en')} subs`,
      value: f ? `${fmt(f.delivery.p50Ms, ' ms')} / ${fmt(f.delivery.p99Ms, ' ms')}` : '-',
      baseline: f
        ? `${fmt(f.matchesPerIntent.mean)} matches/intent; POST p50 ${fmt(f.postResponse.p50Ms, ' ms')}`
        : '-',
      target: largest ? 'p99 <= 50 ms' : '-',
      status:
        fanoutSkip ??
        (f === undefined ? 'not run' : largest ? status(f.delivery.p99Ms <= 50 && f.missing === 0) : ''),
    });
  }

  const matching = results.matching;
  const index = matching?.index;
  const hub = matching?.hubPublish;
  const indexOk = index && !index.skipped;
  const hubOk = hub && !hub.skipped;
  if (indexOk) {
    rows.push({
      figure: `matching per intent, ${index.small.subscriptions} vs ${index.large.subscriptions.toLocaleString('en')} subs`,
      value: `${fmt(index.small.nsPerEvent, ' ns')} / ${fmt(index.large.nsPerEvent, ' ns')}`,
      baseline: `${fmt(index.ratio)} x (scan: ${fmt(index.large.scanNsPerEvent, ' ns')})`,
      target: '<= 2 x',
      status: status(index.ratio <= 2),
    });
  }
  if (hubOk) {
    rows.push({
      figure: `hub.publish per intent, ${hub.small.subscriptions} vs ${hub.large.subscriptions.toLocaleString('en')} subs`,
      value: `${fmt(hub.small.nsPerPublish, ' ns')} / ${fmt(hub.large.nsPerPublish, ' ns')}`,
      baseline: `${fmt(hub.ratio)} x; ${fmt(hub.small.deliveriesPerPublish)} / ${fmt(hub.large.deliveriesPerPublish)} deliveries`,
      target: indexOk ? '-' : '<= 2 x',
      status: indexOk ? '' : status(hub.ratio <= 2),
    });
  }
  if (!indexOk && !hubOk) {
    rows.push({
      figure: 'matching per intent',
      value: '-',
      baseline: '-',
      target: '<= 2 x',
      status: why(matching) ?? index?.skipped ?? 'skipped',
    });
  }

  const query = results.query;
  const querySkip = why(query);
  const stored = query?.storedIntents;
  if (query && !querySkip) {
    for (const [kind, k] of Object.entries(query.kinds)) {
      rows.push({
        figure: `  query ${kind}`,
        value: `${fmt(k.p50Ms, ' ms')} / ${fmt(k.p99Ms, ' ms')}`,
        baseline: `${fmt(k.meanReturned)} returned`,
        target: '',
        status: '',
      });
    }
  }
  rows.push({
    figure: `query p50 / p99, all kinds, ${stored ? stored.toLocaleString('en') : '-'} intents`,
    value: query?.overall ? `${fmt(query.overall.p50Ms, ' ms')} / ${fmt(query.overall.p99Ms, ' ms')}` : '-',
    baseline: '-',
    target: 'p99 <= 5 ms at 1,000,000',
    status:
      querySkip ??
      (stored === 1_000_000
        ? status(query.overall.p99Ms <= 5)
        : `${status(query.overall.p99Ms <= 5)} (at ${stored.toLocaleString('en')})`),
  });

  const memory = results.memory;
  const memorySkip = why(memory);
  const labels = {
    wsOnePerConnection: 'WebSocket, 1 sub/connection',
    wsSixteenPerConnection: 'WebSocket, 16 subs/connection',
    sse: 'SSE',
  };
  for (const [name, label] of Object.entries(labels)) {
    const m = memory?.[name];
    const bytes = m?.rssBytesPerSubscription;
    const primary = name === 'wsOnePerConnection';
    rows.push({
      figure: `RSS per idle subscription, ${label}`,
      value: Number.isFinite(bytes) ? fmt(bytes / 1024, ' KB') : '-',
      baseline: m?.subscriptions
        ? `${m.subscriptions.toLocaleString('en')} subs; heap ${fmt(m.heapBytesPerSubscription / 1024, ' KB')}`
        : '-',
      target: primary ? '<= 20 KB' : '-',
      status:
        memorySkip ??
        m?.skipped ??
        (m?.error ? `error: ${m.error.split('\n')[0]}` : primary ? status(bytes <= 20 * 1024) : ''),
    });
  }
  return rows;
}

/** The rows as a fixed-width text table. */
export function formatTable(rows) {
  const columns = ['figure', 'value', 'baseline', 'target', 'status'];
  const headers = {
    figure: 'Figure',
    value: 'Value',
    baseline: 'Baseline / context',
    target: 'Target',
    status: 'Status',
  };
  const widths = columns.map((c) => Math.max(headers[c].length, ...rows.map((r) => String(r[c]).length)));
  const line = (r) =>
    columns
      .map((c, i) => String(r[c]).padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The rows as a Markdown table, for bench/RESULTS.md. */
export function formatMarkdown(rows) {
  const cell = (value) => String(value).replaceAll('|', '\\|');
  return [
    '| Figure | Value | Baseline / context | Target | Status |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) => `| ${[r.figure.trim(), r.value, r.baseline, r.target, r.status].map(cell).join(' | ')} |`,
    ),
  ].join('\n');
}
