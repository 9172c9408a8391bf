import type { OperatorInfo, RelayOptions } from '../options.js';
import { listPolicy } from '../options.js';
import type { RelayConfig } from './types.js';

/** The `buildRelay` options a configuration stands for (all but the store, key and collaborators). */
export type ConfiguredOptions = Required<
  Pick<
    RelayOptions,
    | 'logger'
    | 'limits'
    | 'retention'
    | 'operator'
    | 'trustProxy'
    | 'webhooks'
    | 'metrics'
    | 'docs'
    | 'cryptoWorkers'
  >
> &
  Pick<RelayOptions, 'keyPolicy' | 'cors' | 'categories'>;

/**
 * Maps a checked configuration to `buildRelay` options.
 *
 * @example
 * const { config } = await loadConfig({ file: 'relay.yaml' });
 * const relay = await buildRelay({ ...relayOptionsFromConfig(config), store, key });
 */
export function relayOptionsFromConfig(config: RelayConfig): ConfiguredOptions {
  const { limits, rateLimit, keys } = config;
  const operator: OperatorInfo = {};
  if (config.operator.name !== undefined) operator.name = config.operator.name;
  if (config.operator.email !== undefined) operator.email = config.operator.email;
  if (config.operator.url !== undefined) operator.url = config.operator.url;
  return {
    logger: { level: config.logLevel },
    limits: {
      bodyLimit: limits.bodyLimit,
      maxBatch: limits.maxBatch,
      defaultPageSize: limits.defaultPageSize,
      maxPageSize: limits.maxPageSize,
      challengeTtlMs: limits.challengeTtlMs,
      maxChallenges: limits.maxChallenges,
      tokenTtlMs: limits.tokenTtlMs,
      threadCacheSize: limits.threadCacheSize,
      maxCommitBatch: limits.maxCommitBatch,
      rateLimitPerIp: rateLimit.perIp,
      rateLimitPerKey: rateLimit.perKey,
      rateLimitWindowMs: rateLimit.windowMs,
      stream: { ...limits.stream },
    },
    retention: { ...config.retention },
    cryptoWorkers: config.ingest.workers,
    operator,
    trustProxy: config.trustProxy,
    webhooks: { ...config.webhooks },
    metrics: config.metrics.enabled
      ? {
          processMetrics: config.metrics.processMetrics,
          ...(config.metrics.token === undefined ? {} : { token: config.metrics.token }),
        }
      : false,
    docs: config.docs.enabled,
    ...(keys.allow.length > 0 || keys.deny.length > 0
      ? { keyPolicy: listPolicy({ allow: keys.allow, deny: keys.deny }) }
      : {}),
    ...(config.cors.origins.length > 0 ? { cors: { origins: config.cors.origins } } : {}),
    ...(config.categories.allow.length > 0 ? { categories: config.categories.allow } : {}),
  };
}
