import type { StreamLimits } from '../stream/limits.js';
import type { LOG_LEVELS, SYNCHRONOUS_MODES } from './keys.js';

/** Who may set the client address through X-Forwarded-For: nobody, any proxy, or these proxies. */
export type TrustProxy = boolean | string[];

/**
 * The relay's effective configuration: every key of keys.ts, checked, with defaults filled in. Made by
 * `loadConfig` from a file, the environment and flags.
 */
export interface RelayConfig {
  listen: { host: string; port: number };
  /** Absolute path of the data directory. */
  dataDir: string;
  logLevel: (typeof LOG_LEVELS)[number];
  operator: { name?: string; email?: string; url?: string };
  store: { synchronous: (typeof SYNCHRONOUS_MODES)[number]; busyTimeoutMs: number };
  ingest: { workers: number };
  console: { enabled: boolean };
  limits: {
    bodyLimit: number;
    maxBatch: number;
    defaultPageSize: number;
    maxPageSize: number;
    challengeTtlMs: number;
    maxChallenges: number;
    tokenTtlMs: number;
    threadCacheSize: number;
    maxCommitBatch: number;
    stream: StreamLimits;
  };
  rateLimit: { perIp: number; perKey: number; windowMs: number };
  retention: { days: number; intervalMs: number };
  categories: { allow: string[] };
  keys: { allow: string[]; deny: string[] };
  webhooks: {
    enabled: boolean;
    allowPrivateTargets: boolean;
    allowHttpTargets: boolean;
    maxEndpointsPerKey: number;
    timeoutMs: number;
    concurrency: number;
    disableAfterMs: number;
    rotationOverlapMs: number;
    historyMs: number;
  };
  cors: { origins: string[] };
  trustProxy: TrustProxy;
  metrics: { enabled: boolean; token?: string; processMetrics: boolean };
  docs: { enabled: boolean };
}
