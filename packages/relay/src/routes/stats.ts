import { formatTimestamp } from '@intentcast/core';
import type { FastifyInstance } from 'fastify';
import type { RelayMetrics } from '../metrics/metrics.js';
import { errorResponses } from '../schemas.js';
import { SOFTWARE } from '../version.js';

/** A counter summed over its label values, and split by one label. */
interface Tally {
  total: number;
  by: Record<string, number>;
}

const count = { type: 'integer', minimum: 0 } as const;
const counts = { type: 'object', additionalProperties: count } as const;

function tallySchema(by: 'byType' | 'byCode', description: string) {
  return {
    type: 'object',
    description,
    properties: { total: count, [by]: counts },
    required: ['total', by],
    additionalProperties: false,
  } as const;
}

const statsSchema = {
  type: 'object',
  properties: {
    relay: { type: 'string', description: "The relay's did:key." },
    software: {
      type: 'object',
      properties: { name: { type: 'string' }, version: { type: 'string' } },
      required: ['name', 'version'],
      additionalProperties: false,
    },
    time: { type: 'string', description: "The relay's clock when it answered." },
    uptimeSeconds: { type: 'number', minimum: 0 },
    messages: {
      type: 'object',
      properties: {
        accepted: tallySchema('byType', 'Messages answered with a receipt (replays included), by type.'),
        stored: tallySchema('byType', 'Messages committed to the store, by type.'),
        rejected: tallySchema('byCode', 'Messages refused, by error code.'),
      },
      required: ['accepted', 'stored', 'rejected'],
      additionalProperties: false,
    },
    store: {
      type: 'object',
      properties: {
        lastSeq: count,
        databaseBytes: count,
        walBytes: count,
        threads: { ...counts, description: 'Threads kept, by stored state.' },
      },
      required: ['lastSeq'],
      additionalProperties: false,
    },
    streams: {
      type: 'object',
      properties: { subscriptions: count, intents: count, mailbox: count },
      required: ['subscriptions', 'intents', 'mailbox'],
      additionalProperties: false,
    },
  },
  required: ['relay', 'software', 'time', 'uptimeSeconds', 'messages', 'store'],
  additionalProperties: false,
} as const;

/** Reads one metric of the registry (running its collect function, for gauges); undefined when absent. */
async function read(metrics: RelayMetrics, name: string, label?: string): Promise<Tally | undefined> {
  const metric = metrics.registry.getSingleMetric(name);
  if (metric === undefined) return undefined;
  const tally: Tally = { total: 0, by: {} };
  for (const { value, labels } of (await metric.get()).values) {
    tally.total += value;
    const key = label === undefined ? undefined : labels[label];
    if (key !== undefined) tally.by[String(key)] = (tally.by[String(key)] ?? 0) + value;
  }
  return tally;
}

/** The store and stream figures, from the gauges the metrics registered for what the relay has. */
async function gauges(metrics: RelayMetrics) {
  const [lastSeq, bytes, threads, subscriptions, live] = await Promise.all([
    read(metrics, 'intentcast_store_last_seq'),
    read(metrics, 'intentcast_store_bytes', 'file'),
    read(metrics, 'intentcast_store_threads', 'state'),
    read(metrics, 'intentcast_stream_subscriptions'),
    read(metrics, 'intentcast_stream_live_subscriptions', 'kind'),
  ]);
  return {
    store: {
      lastSeq: lastSeq?.total ?? 0,
      ...(bytes === undefined
        ? {}
        : { databaseBytes: bytes.by.database ?? 0, walBytes: bytes.by.wal ?? 0, threads: threads?.by ?? {} }),
    },
    ...(subscriptions === undefined
      ? {}
      : {
          streams: {
            subscriptions: subscriptions.total,
            intents: live?.by.intents ?? 0,
            mailbox: live?.by.mailbox ?? 0,
          },
        }),
  };
}

/**
 * `GET /v1/stats`: a summary of the relay's activity for people and dashboards (the web console shows
 * it), read from the same registry as `GET /metrics`, so both always agree. It is served while the metrics
 * are on. The figures are aggregates: nothing in them tells one key or thread from another, so the route
 * is public even when `/metrics` needs the operator token. Store sizes and thread counts are read at most
 * every 30 seconds (counting threads is not free); the message counters and `lastSeq` are exact.
 */
export function registerStatsRoute(app: FastifyInstance): void {
  const metrics = app.relayMetrics;
  if (metrics === undefined) return;
  let startedAt = app.clock();
  app.addHook('onReady', async () => {
    startedAt = app.clock();
  });
  app.get(
    '/v1/stats',
    {
      schema: {
        summary: 'Relay statistics',
        description:
          'Messages accepted, stored and refused, the store, live streams, uptime and version: the figures of GET /metrics as JSON.',
        response: { 200: statsSchema, ...errorResponses },
      },
    },
    async () => {
      const [accepted, stored, rejected, figures] = await Promise.all([
        read(metrics, 'intentcast_messages_accepted_total', 'type'),
        read(metrics, 'intentcast_messages_stored_total', 'type'),
        read(metrics, 'intentcast_messages_rejected_total', 'code'),
        gauges(metrics),
      ]);
      const now = app.clock();
      return {
        relay: app.relayDid,
        software: SOFTWARE,
        time: formatTimestamp(now),
        uptimeSeconds: Math.max(0, now - startedAt) / 1000,
        messages: {
          accepted: { total: accepted?.total ?? 0, byType: accepted?.by ?? {} },
          stored: { total: stored?.total ?? 0, byType: stored?.by ?? {} },
          rejected: { total: rejected?.total ?? 0, byCode: rejected?.by ?? {} },
        },
        ...figures,
      };
    },
  );
}
