import type { Context, RelayStats } from './context.js';
import { facts, h, short } from './dom.js';
import { showError } from './errors.js';
import { bytes, duration } from './format.js';

const REFRESH_MS = 10_000;

type Json = Record<string, unknown>;

const record = (value: unknown): Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
const text = (value: unknown): string | undefined =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;

/** The well-known document's parts people care about: key, software, retention, limits, operator. */
function infoFacts(document: Json, did: string): HTMLElement {
  const software = record(document.software);
  const limits = record(document.limits);
  const rate = record(limits.rateLimit);
  const operator = record(document.operator);
  return facts([
    ['Relay key', short(did)],
    ['Software', [text(software.name), text(software.version)].filter(Boolean).join(' ')],
    ['Protocol', Array.isArray(document.protocol) ? document.protocol.join(', ') : undefined],
    ['Retention', text(record(document.retention).description)],
    ['Largest message', bytes(Number(limits.maxMessageBytes) || undefined)],
    ['Batch', limits.maxBatch === undefined ? undefined : `${text(limits.maxBatch)} messages`],
    [
      'Rate limit',
      rate.perIp === undefined
        ? undefined
        : `${text(rate.perIp)} requests per ${text(rate.windowSeconds)} s per address`,
    ],
    ['Operator', text(operator.name) ?? text(operator.url)],
  ]);
}

function statsFacts(stats: RelayStats): HTMLElement {
  const { messages, store, streams } = stats;
  const threads = store.threads;
  return facts([
    ['Messages stored', messages.stored.total],
    ['Accepted', messages.accepted.total],
    ['Refused', messages.rejected.total],
    ['Last seq', store.lastSeq],
    [
      'Threads',
      threads === undefined
        ? undefined
        : Object.entries(threads)
            .map(([state, n]) => `${n} ${state}`)
            .join(', ') || 'none',
    ],
    [
      'Store size',
      bytes(store.databaseBytes === undefined ? undefined : store.databaseBytes + (store.walBytes ?? 0)),
    ],
    ['Live streams', streams?.subscriptions],
    ['Up for', duration(stats.uptimeSeconds)],
  ]);
}

/**
 * The relay panel of the feed page: who the relay is (well-known document) and what it has done
 * (`GET /v1/stats`), refreshed every 10 seconds and on demand.
 */
export function relayPanel(context: Context, signal: AbortSignal): { element: HTMLElement; refresh(): void } {
  const info = h('div', { class: 'info' }, h('p', {}, 'Loading…'));
  const stats = h('div', { class: 'stats', 'data-stats': '' });
  const errors = h('div');
  const element = h(
    'section',
    { class: 'panel', 'aria-labelledby': 'relay-heading' },
    h('h2', { id: 'relay-heading' }, 'Relay'),
    info,
    h('h3', {}, 'Activity'),
    stats,
    errors,
  );

  context.info(signal).then(
    (relay) => info.replaceChildren(infoFacts(relay.document, relay.did)),
    (err: unknown) => showError(errors, err, 'Reading the well-known document failed'),
  );

  let pending = false;
  const refresh = () => {
    if (pending || signal.aborted) return;
    pending = true;
    context
      .stats(signal)
      .then(
        (figures) => {
          stats.replaceChildren(
            figures === undefined
              ? h('p', {}, 'This relay does not publish statistics (its metrics are off).')
              : statsFacts(figures),
          );
          showError(errors, undefined);
        },
        (err: unknown) => {
          if (!signal.aborted) showError(errors, err, 'Reading the statistics failed');
        },
      )
      .finally(() => {
        pending = false;
      });
  };
  refresh();
  const timer = setInterval(refresh, REFRESH_MS);
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
  return { element, refresh };
}
