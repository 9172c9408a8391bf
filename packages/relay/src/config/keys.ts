import { isIP } from 'node:net';
import { isValidDidKey } from '@intentcast/core';
import { validateFilter } from '../filter.js';
import { DEFAULT_LIMITS, DEFAULT_RETENTION } from '../options.js';
import { DEFAULT_STREAM_LIMITS } from '../stream/limits.js';
import { resolveWebhookOptions } from '../webhooks/options.js';

/**
 * Every configuration key of the relay, once: its type and range, default, environment variable, command
 * line flag, and what it means. The loader, the validator, `config check` and the README's reference all
 * read this table.
 */

/** What a key holds. Each check returns undefined for a good value, or what is wrong with it. */
export type KeyKind =
  | { type: 'integer'; min: number; max: number; unit?: 'ms' | 'bytes' }
  | { type: 'number'; min: number; max: number }
  | { type: 'boolean' }
  | { type: 'string'; check?: (value: string) => string | undefined }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'list'; maxItems: number; item: (value: string) => string | undefined }
  | { type: 'trustProxy' };

export interface ConfigKey {
  /** Dotted path in the file: `limits.maxBatch` is `{ limits: { maxBatch } }`. */
  path: string;
  kind: KeyKind;
  /** The value when no source sets the key; absent for keys that stay unset. */
  default?: unknown;
  /** The environment variable that sets it. */
  env?: string;
  /** The command line flag that sets it, as commander spells it: `--port <number>`. */
  flag?: string;
  /** Masked by `config check`; never logged. */
  secret?: boolean;
  description: string;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const SYNCHRONOUS_MODES = ['FULL', 'NORMAL', 'EXTRA'] as const;

const MAX_DAYS = 36_500;
const WEBHOOK_DEFAULTS = resolveWebhookOptions();
const YEAR_MS = 365 * 86_400_000;

const didKey = (value: string) => (isValidDidKey(value) ? undefined : 'expected an Ed25519 did:key');

const category = (value: string) => {
  const checked = validateFilter({ category: value });
  if (!checked.ok) return 'expected a dotted category name (lodging.hotel) or an https:// or urn: URI';
  return checked.value.categories?.length === 1 ? undefined : 'expected one category, not a list';
};

function origin(value: string): string | undefined {
  if (value === '*') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'expected an origin like https://app.example, or *';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'expected an http or https origin';
  return url.origin === value ? undefined : `expected an origin without path or slash: ${url.origin}`;
}

const host = (value: string) =>
  isIP(value) !== 0 || /^[A-Za-z0-9]([A-Za-z0-9.-]{0,252})$/.test(value)
    ? undefined
    : 'expected an IP address or a host name';

const email = (value: string) =>
  /^[^\s@]{1,64}@[^\s@]{1,253}$/.test(value) ? undefined : 'expected an email address';

function webUrl(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? undefined : 'expected an http(s) URL';
  } catch {
    return 'expected an http(s) URL';
  }
}

const text = (max: number) => (value: string) =>
  value.length === 0 || value.length > max ? `expected 1 to ${max} characters` : undefined;

const token = (value: string) =>
  /^[!-~]{16,256}$/.test(value) ? undefined : 'expected 16 to 256 printable ASCII characters without spaces';

const LIMIT_KEYS: ConfigKey[] = [
  {
    path: 'limits.bodyLimit',
    kind: { type: 'integer', min: 1024, max: 64 * 1024 ** 2, unit: 'bytes' },
    default: DEFAULT_LIMITS.bodyLimit,
    env: 'INTENTCAST_BODY_LIMIT',
    flag: '--body-limit <bytes>',
    description: 'Largest request body.',
  },
  {
    path: 'limits.maxBatch',
    kind: { type: 'integer', min: 1, max: 1000 },
    default: DEFAULT_LIMITS.maxBatch,
    env: 'INTENTCAST_MAX_BATCH',
    flag: '--max-batch <n>',
    description: 'Most messages in one `POST /v1/messages` batch.',
  },
  {
    path: 'limits.defaultPageSize',
    kind: { type: 'integer', min: 1, max: 10_000 },
    default: DEFAULT_LIMITS.defaultPageSize,
    description: 'Intents per page of `GET /v1/intents` when `limit` is not given.',
  },
  {
    path: 'limits.maxPageSize',
    kind: { type: 'integer', min: 1, max: 10_000 },
    default: DEFAULT_LIMITS.maxPageSize,
    description: 'Largest `limit` of `GET /v1/intents`.',
  },
  {
    path: 'limits.challengeTtlMs',
    kind: { type: 'integer', min: 1000, max: 3_600_000, unit: 'ms' },
    default: DEFAULT_LIMITS.challengeTtlMs,
    description: 'How long an auth challenge can be answered.',
  },
  {
    path: 'limits.maxChallenges',
    kind: { type: 'integer', min: 1, max: 10_000_000 },
    default: DEFAULT_LIMITS.maxChallenges,
    description: 'Open auth challenges kept; the oldest are dropped first.',
  },
  {
    path: 'limits.tokenTtlMs',
    kind: { type: 'integer', min: 1000, max: 86_400_000, unit: 'ms' },
    default: DEFAULT_LIMITS.tokenTtlMs,
    description: 'How long an access token is valid.',
  },
  {
    path: 'limits.threadCacheSize',
    kind: { type: 'integer', min: 1, max: 10_000_000 },
    default: DEFAULT_LIMITS.threadCacheSize,
    description: 'Thread snapshots kept in memory for the lifecycle check.',
  },
  {
    path: 'limits.maxCommitBatch',
    kind: { type: 'integer', min: 1, max: 100_000 },
    default: DEFAULT_LIMITS.maxCommitBatch,
    description: 'Most messages committed in one transaction.',
  },
];

const STREAM_DESCRIPTIONS: Readonly<Record<keyof typeof DEFAULT_STREAM_LIMITS, string>> = {
  maxSubscriptions: 'Stream subscriptions open at once on the whole relay.',
  maxSubscriptionsPerKey: 'Stream subscriptions open at once by one authenticated key.',
  maxSubscriptionsPerAddress: 'Stream subscriptions open at once without a token from one client address.',
  maxSubscriptionsPerConnection: 'Subscriptions on one WebSocket connection.',
  maxBufferedBytes: 'Bytes a stream consumer may leave unread before it is cut off.',
  maxQueuedEvents: 'Events a stream consumer may leave unflushed before it is cut off.',
  maxFrameBytes: 'Largest WebSocket frame a client may send.',
  maxPendingFrames: 'Frames a WebSocket client may send while its auth is checked.',
  pageSize: 'Stored events read per page while a subscription catches up.',
  drainTimeoutMs: 'How long catch-up waits for a slow consumer before cutting it off.',
  heartbeatMs: 'Interval of SSE heartbeats.',
  pingIntervalMs: 'Interval of WebSocket pings.',
  closeGraceMs: 'How long a cut-off connection may read its last frames.',
  retryMs: 'The `retry:` delay SSE clients are told to wait before reconnecting.',
};

const STREAM_KEYS: ConfigKey[] = (
  Object.entries(DEFAULT_STREAM_LIMITS) as [keyof typeof DEFAULT_STREAM_LIMITS, number][]
).map(([name, value]) => ({
  path: `limits.stream.${name}`,
  kind: {
    type: 'integer',
    min: 1,
    max: Number.MAX_SAFE_INTEGER,
    ...(name.endsWith('Ms')
      ? { unit: 'ms' as const }
      : name.endsWith('Bytes')
        ? { unit: 'bytes' as const }
        : {}),
  },
  default: value,
  description: STREAM_DESCRIPTIONS[name],
}));

export const CONFIG_KEYS: readonly ConfigKey[] = [
  {
    path: 'listen.host',
    kind: { type: 'string', check: host },
    default: '127.0.0.1',
    env: 'HOST',
    flag: '--host <address>',
    description: 'Address to listen on; `0.0.0.0` or `::` for every interface.',
  },
  {
    path: 'listen.port',
    kind: { type: 'integer', min: 0, max: 65_535 },
    default: 8787,
    env: 'PORT',
    flag: '--port <number>',
    description: 'Port to listen on; 0 for any free port.',
  },
  {
    path: 'dataDir',
    kind: { type: 'string', check: text(4096) },
    default: './data',
    env: 'INTENTCAST_DATA',
    flag: '--data <dir>',
    description: 'Data directory: the store and the relay key. In a file, relative to the file.',
  },
  {
    path: 'logLevel',
    kind: { type: 'enum', values: LOG_LEVELS },
    default: 'info',
    env: 'LOG_LEVEL',
    flag: '--log-level <level>',
    description: 'Log level of the JSON logs on standard output.',
  },
  {
    path: 'operator.name',
    kind: { type: 'string', check: text(200) },
    env: 'INTENTCAST_OPERATOR_NAME',
    flag: '--operator-name <name>',
    description: 'Who runs the relay, published in `/.well-known/intentcast`.',
  },
  {
    path: 'operator.email',
    kind: { type: 'string', check: email },
    env: 'INTENTCAST_OPERATOR_EMAIL',
    flag: '--operator-email <email>',
    description: 'Operator contact address, published.',
  },
  {
    path: 'operator.url',
    kind: { type: 'string', check: webUrl },
    env: 'INTENTCAST_OPERATOR_URL',
    flag: '--operator-url <url>',
    description: 'Operator web page, published.',
  },
  {
    path: 'store.synchronous',
    kind: { type: 'enum', values: SYNCHRONOUS_MODES },
    default: 'FULL',
    env: 'INTENTCAST_SYNCHRONOUS',
    flag: '--synchronous <mode>',
    description: 'SQLite durability: FULL syncs every commit (a receipted message survives power loss).',
  },
  {
    path: 'console.enabled',
    kind: { type: 'boolean' },
    default: true,
    env: 'INTENTCAST_CONSOLE',
    description: 'Serve the web console (live feed of intents, buyer page) at /.',
  },
  {
    path: 'ingest.workers',
    kind: { type: 'integer', min: 0, max: 64 },
    default: 1,
    env: 'INTENTCAST_INGEST_WORKERS',
    flag: '--ingest-workers <number>',
    description:
      'Worker threads that check signatures and sign receipts beside the event loop; 0 does it in the loop.',
  },
  {
    path: 'store.busyTimeoutMs',
    kind: { type: 'integer', min: 1, max: 600_000, unit: 'ms' },
    default: 5000,
    description: 'How long to wait for a lock held by another connection (a backup, say).',
  },
  ...LIMIT_KEYS,
  ...STREAM_KEYS,
  {
    path: 'rateLimit.perIp',
    kind: { type: 'integer', min: 1, max: 10_000_000 },
    default: DEFAULT_LIMITS.rateLimitPerIp,
    env: 'INTENTCAST_RATE_LIMIT',
    flag: '--rate-limit <n>',
    description: 'Requests per window from one client address without a token.',
  },
  {
    path: 'rateLimit.perKey',
    kind: { type: 'integer', min: 1, max: 10_000_000 },
    default: DEFAULT_LIMITS.rateLimitPerKey,
    env: 'INTENTCAST_RATE_LIMIT_KEY',
    flag: '--rate-limit-key <n>',
    description: 'Requests per window from one authenticated key.',
  },
  {
    path: 'rateLimit.windowMs',
    kind: { type: 'integer', min: 1000, max: 86_400_000, unit: 'ms' },
    default: DEFAULT_LIMITS.rateLimitWindowMs,
    description: 'The rate-limit window.',
  },
  {
    path: 'retention.days',
    kind: { type: 'number', min: 0, max: MAX_DAYS },
    default: DEFAULT_RETENTION.days,
    env: 'INTENTCAST_RETENTION_DAYS',
    flag: '--retention-days <n>',
    description: 'Days after an intent expires that it and its whole thread are deleted, whatever its state.',
  },
  {
    path: 'retention.intervalMs',
    kind: { type: 'integer', min: 1000, max: YEAR_MS, unit: 'ms' },
    default: DEFAULT_RETENTION.intervalMs,
    description: 'How often the retention purge runs.',
  },
  {
    path: 'categories.allow',
    kind: { type: 'list', maxItems: 1000, item: category },
    default: [],
    env: 'INTENTCAST_CATEGORIES',
    flag: '--category <name>',
    description:
      'Categories the relay accepts intents in: a dotted name also admits its children, a URI only itself. Empty: every category.',
  },
  {
    path: 'keys.allow',
    kind: { type: 'list', maxItems: 100_000, item: didKey },
    default: [],
    env: 'INTENTCAST_ALLOW_KEYS',
    flag: '--allow-key <did>',
    description: 'If not empty, only these keys may post messages (others get ERR_KEY_DENIED).',
  },
  {
    path: 'keys.deny',
    kind: { type: 'list', maxItems: 100_000, item: didKey },
    default: [],
    env: 'INTENTCAST_DENY_KEYS',
    flag: '--deny-key <did>',
    description: 'Keys that may not post messages (ERR_KEY_DENIED).',
  },
  {
    path: 'webhooks.enabled',
    kind: { type: 'boolean' },
    default: WEBHOOK_DEFAULTS.enabled,
    env: 'INTENTCAST_WEBHOOKS',
    description: 'Serve webhook registration and deliver webhooks (spec/relay-webhooks.md).',
  },
  {
    path: 'webhooks.allowPrivateTargets',
    kind: { type: 'boolean' },
    default: WEBHOOK_DEFAULTS.allowPrivateTargets,
    env: 'INTENTCAST_WEBHOOKS_ALLOW_PRIVATE',
    description:
      'Allow webhook targets on loopback, private and link-local addresses. Only for relays whose every key is trusted.',
  },
  {
    path: 'webhooks.allowHttpTargets',
    kind: { type: 'boolean' },
    default: WEBHOOK_DEFAULTS.allowHttpTargets,
    description: 'Allow `http:` webhook URLs; deliveries go over HTTPS otherwise.',
  },
  {
    path: 'webhooks.maxEndpointsPerKey',
    kind: { type: 'integer', min: 1, max: 1000 },
    default: WEBHOOK_DEFAULTS.maxEndpointsPerKey,
    description: 'Webhook endpoints one key may register.',
  },
  {
    path: 'webhooks.timeoutMs',
    kind: { type: 'integer', min: 1000, max: 120_000, unit: 'ms' },
    default: WEBHOOK_DEFAULTS.timeoutMs,
    description: 'How long one delivery attempt may take, connecting included.',
  },
  {
    path: 'webhooks.concurrency',
    kind: { type: 'integer', min: 1, max: 1024 },
    default: WEBHOOK_DEFAULTS.concurrency,
    description: 'Endpoints with an attempt in flight at once.',
  },
  {
    path: 'webhooks.disableAfterMs',
    kind: { type: 'integer', min: 60_000, max: 30 * 86_400_000, unit: 'ms' },
    default: WEBHOOK_DEFAULTS.disableAfterMs,
    description: 'An endpoint failing this long without a success is disabled.',
  },
  {
    path: 'webhooks.rotationOverlapMs',
    kind: { type: 'integer', min: 60_000, max: 30 * 86_400_000, unit: 'ms' },
    default: WEBHOOK_DEFAULTS.rotationOverlapMs,
    description: 'How long the previous secret still signs deliveries after a rotation.',
  },
  {
    path: 'webhooks.historyMs',
    kind: { type: 'integer', min: 60_000, max: YEAR_MS, unit: 'ms' },
    default: WEBHOOK_DEFAULTS.historyMs,
    description: 'How long finished deliveries stay listed.',
  },
  {
    path: 'cors.origins',
    kind: { type: 'list', maxItems: 1000, item: origin },
    default: [],
    env: 'INTENTCAST_CORS_ORIGINS',
    flag: '--cors-origin <origin>',
    description: 'Browser origins allowed to call the relay, or `*` for any. Empty: no CORS headers.',
  },
  {
    path: 'trustProxy',
    kind: { type: 'trustProxy' },
    default: false,
    env: 'INTENTCAST_TRUST_PROXY',
    flag: '--trust-proxy [value]',
    description:
      'Take the client address from X-Forwarded-For sent by these proxies: a list of addresses and CIDRs (or `loopback`, `linklocal`, `uniquelocal`), `true` for any peer, `false` for none.',
  },
  {
    path: 'metrics.enabled',
    kind: { type: 'boolean' },
    default: true,
    env: 'INTENTCAST_METRICS',
    description: 'Serve Prometheus metrics at `GET /metrics`.',
  },
  {
    path: 'metrics.token',
    kind: { type: 'string', check: token },
    env: 'INTENTCAST_METRICS_TOKEN',
    secret: true,
    description: 'If set, `/metrics` requires `Authorization: Bearer <token>`.',
  },
  {
    path: 'metrics.processMetrics',
    kind: { type: 'boolean' },
    default: true,
    description: 'Include the Node.js process metrics (CPU, memory, event loop, GC).',
  },
  {
    path: 'docs.enabled',
    kind: { type: 'boolean' },
    default: true,
    env: 'INTENTCAST_DOCS',
    description: 'Serve the OpenAPI document at `/openapi.json` and its browsable page at `/docs`.',
  },
];

/** The groups (objects) of the file: every proper prefix of a key path. */
export const CONFIG_GROUPS: ReadonlySet<string> = new Set(
  CONFIG_KEYS.flatMap((key) => {
    const parts = key.path.split('.');
    return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('.'));
  }),
);

export const KEYS_BY_PATH: ReadonlyMap<string, ConfigKey> = new Map(
  CONFIG_KEYS.map((key) => [key.path, key]),
);
