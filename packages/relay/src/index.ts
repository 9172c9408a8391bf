/**
 * @intentcast/relay: the Intentcast relay as a library. `buildRelay` makes the HTTP server (Fastify) from a
 * store and a key; `openSqliteStore` is the reference store; `verifyReceipt` checks a relay's receipts.
 *
 * @example
 * import { buildRelay, openSqliteStore } from '@intentcast/relay';
 * import { generateKeyPair } from '@intentcast/core';
 * const relay = await buildRelay({ store: openSqliteStore('./relay.sqlite'), key: generateKeyPair() });
 * await relay.listen({ port: 8787 });
 */
export { buildRelay } from './app.js';
export type { Authenticate } from './auth/authenticate.js';
export { authSigningInput } from './auth/challenges.js';
export { CONSOLE_CSP, type ConsoleOptions, consolePlugin } from './console.js';
export type { EventSink, EventSource, StoredEvent } from './events.js';
export {
  type FilterQuery,
  type IntentFilter,
  matchesFilter,
  parseFilter,
  validateFilter,
} from './filter.js';
export { loadOrCreateRelayKey } from './key-file.js';
export {
  DEFAULT_LIMITS,
  DEFAULT_RETENTION,
  type KeyPolicy,
  listPolicy,
  type OperatorInfo,
  type RelayLimits,
  type RelayOptions,
  type RetentionOptions,
  type StreamHub,
} from './options.js';
export { type Receipt, receiptSigningInput, verifyReceipt } from './receipt.js';
export { openSqliteStore, type SqliteStoreOptions } from './store/sqlite/sqlite-store.js';
export type {
  IntentPage,
  IntentQuery,
  NewRecord,
  StateFilter,
  Store,
  StoredMessage,
  StoredThreadState,
  ThreadRecord,
} from './store/store.js';
export {
  benchMatching,
  createHub,
  DEFAULT_STREAM_LIMITS,
  type Hub,
  resolveStreamLimits,
  type StreamLimits,
  type StreamPluginOptions,
  streamPlugin,
} from './stream/index.js';
export { SOFTWARE } from './version.js';
