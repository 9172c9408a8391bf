/** What both entry points (Node and browser) export. */

// From core, so that an application needs one import for what it handles every day: the message types,
// the typed error and its codes, and amount comparison.
export {
  type Confirm,
  type ConfirmBody,
  compareAmounts,
  type ErrorCode,
  type Intent,
  type IntentBody,
  IntentcastError,
  isIntentcastError,
  type Message,
  type Offer,
  type OfferBody,
  type Reply,
  type ReplyBody,
  type Withdraw,
  type WithdrawBody,
} from '@intentcast/core';
export { type BackoffOptions, backoffDelay, DEFAULT_BACKOFF } from './backoff.js';
export type {
  BuyerMail,
  BuyerThread,
  CastOptions,
  CastResult,
  Contact,
  IntentInput,
  ReplyOptions,
} from './buyer.js';
export { relayError } from './errors.js';
export { Feed, type FeedOptions } from './feed.js';
export { filterParams, type IntentFilter } from './filter.js';
export type { RelayHealth } from './health.js';
export { IndexedDbKeystore } from './keystore/indexeddb.js';
export { MemoryKeystore } from './keystore/memory.js';
export {
  assertKeyName,
  assertKeyRecord,
  type IdentityRecord,
  type IntentKeyRecord,
  type KeyRecord,
  type Keystore,
  keyName,
  type SealKeyRecord,
} from './keystore/types.js';
export type { ClientOptions } from './options.js';
export { authSigningInput, type Receipt, verifyReceipt } from './receipt.js';
export {
  type IntentQuery,
  RelayClient,
  type RelayClientOptions,
  type RelayConfig,
  type RelayInfo,
  type RelayThread,
} from './relay-client.js';
export { type Published, type RelayFailure, type RelayReceipt, RelaySet } from './relay-set.js';
export type { StreamOptions, StreamSink, StreamSpec } from './stream/types.js';
export {
  fetchHttpClient,
  type HttpClient,
  type HttpRequest,
  type HttpResponse,
  type Transport,
  type WebSocketFactory,
  type WebSocketLike,
} from './transport.js';
export type { VendorMail } from './vendor.js';
export type {
  OfferInput,
  RevisionInput,
  VendorPolicy,
  VendorProfile,
} from './vendor-offer.js';
export type { InvalidHandler, InvalidMessage, Received } from './verify.js';
