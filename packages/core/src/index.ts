export { compareAmounts } from './amount.js';
export {
  type BuildOptions,
  createConfirm,
  createIntent,
  createOffer,
  createReply,
  createWithdraw,
  DEFAULT_TTL_MS,
} from './builders.js';
export { canonicalBytes, canonicalJson, messageId } from './canonical.js';
export type { Ed25519Backend } from './ed25519/backend.js';
export { nobleBackend } from './ed25519/noble.js';
export {
  concatBytes,
  equalBytes,
  fromBase64url,
  fromHex,
  fromUtf8,
  randomBytes,
  toBase64url,
  toHex,
  utf8,
} from './encoding.js';
export {
  ERROR_CATALOGUE,
  ERROR_CODES,
  type ErrorCode,
  type Failure,
  fromFailure,
  IntentcastError,
  isIntentcastError,
  type Result,
  toFailure,
} from './errors.js';
export { assertJsonValue, escapePointer, type JsonValue, parseJson } from './json.js';
export {
  assertPublicKey,
  didKeyFromPublicKey,
  type Ed25519Jwk,
  generateKeyPair,
  isValidDidKey,
  jwkFromKeyPair,
  type KeyPair,
  keyPairFromJwk,
  keyPairFromSecretKey,
  publicKeyFromDidKey,
} from './keys.js';
export {
  type ApplyOptions,
  applyToThread,
  assertApplies,
  checkThreadMessage,
  foldThread,
  type Negotiation,
  type NegotiationStatus,
  startThread,
  type ThreadSnapshot,
  type ThreadState,
  threadState,
} from './lifecycle.js';
export { LIMITS } from './limits.js';
export { authSigningInput, type Receipt, receiptSigningInput, verifyReceipt } from './receipt.js';
export { assertSealedContent, SCHEMA_IDS, SCHEMAS } from './schemas.js';
export {
  assertSealKey,
  assertSealPrivateKey,
  generateSealKeyPair,
  isValidSealKey,
  type SealKeyPair,
  type SealPrivateKey,
} from './seal-keys.js';
export {
  type OpenOptions,
  openSealed,
  openSealedString,
  SEALED_HEADER,
  type SealedFor,
  type SealedMessage,
  type SealOptions,
  seal,
} from './sealed.js';
export { newNonce, type SignableMessage, type SignOptions, signMessage } from './sign.js';
export { messageSigningInput, type SignaturePurpose, signingInput } from './signing-input.js';
export { formatTimestamp, parseTimestamp } from './time.js';
export * from './types.js';
export {
  assertMessage,
  isValidMessage,
  parseMessage,
  type VerifyOptions,
  validateMessage,
  verifyMessage,
} from './validate.js';
export {
  generateWebhookSecret,
  isValidWebhookSecret,
  parseWebhook,
  type SignWebhookInput,
  signWebhook,
  validateWebhook,
  verifyWebhook,
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_TOLERANCE_SEC,
  type WebhookDelivery,
  type WebhookEvent,
  type WebhookEventData,
  type WebhookEventType,
  type WebhookHeaderInput,
  type WebhookHeaders,
  type WebhookMessageData,
  type WebhookValidateOptions,
  type WebhookVerifyOptions,
} from './webhook.js';
