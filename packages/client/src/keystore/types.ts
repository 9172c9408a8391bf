import {
  type Ed25519Jwk,
  type Intent,
  IntentcastError,
  isValidSealKey,
  type SealPrivateKey,
} from '@intentcast/core';

/**
 * A buyer's key for one intent: the Ed25519 key that signed it, the seal key it published, and the intent.
 *
 * @example
 * const record = await keystore.get(keyName('intent', intent.id)); // { kind: 'intent', intent, signingKey, sealKey }
 */
export interface IntentKeyRecord {
  kind: 'intent';
  /** The signed intent, so that replies and a withdrawal can refer to it. */
  intent: Intent;
  /** The Ed25519 key pair, as a private JWK. */
  signingKey: Ed25519Jwk;
  /** The X25519 key pair whose public half is the intent's `sealKey`, when it has one. */
  sealKey?: SealPrivateKey;
  created: string;
}

/**
 * A vendor's long-lived Ed25519 identity.
 *
 * @example
 * await keystore.put(keyName('identity', 'default'), { kind: 'identity', signingKey: jwkFromKeyPair(key), created });
 */
export interface IdentityRecord {
  kind: 'identity';
  signingKey: Ed25519Jwk;
  created: string;
}

/**
 * The X25519 key pair a vendor published in one offer, to open what the buyer seals in reply.
 *
 * @example
 * const record = await keystore.get(keyName('seal', reply.ref)); // opens what the buyer sealed to that offer
 */
export interface SealKeyRecord {
  kind: 'seal';
  /** The offer that published it. */
  offer: string;
  thread: string;
  sealKey: SealPrivateKey;
  created: string;
}

/**
 * Any record a keystore holds; `kind` tells them apart.
 *
 * @example
 * const record = await keystore.get(keyName('intent', intentId));
 * if (record?.kind === 'intent') console.log(record.intent.body.what);
 */
export type KeyRecord = IntentKeyRecord | IdentityRecord | SealKeyRecord;

/**
 * Where the SDK keeps private keys. Names are `<kind>.<id>`: `intent.<intent id>`, `identity.<name>`,
 * `seal.<offer id>` (see keyName). Implementations keep records as JSON and must keep them private.
 *
 * @example
 * const keystore: Keystore = new MemoryKeystore();
 * await keystore.put(keyName('identity', 'default'), { kind: 'identity', signingKey, created });
 */
export interface Keystore {
  get(name: string): Promise<KeyRecord | undefined>;
  /** Stores the record, replacing any of the same name; resolves once it is durable. */
  put(name: string, record: KeyRecord): Promise<void>;
  /** True when there was a record to delete. */
  delete(name: string): Promise<boolean>;
  /** The names held, in no particular order; only those that start with `prefix` when given. */
  list(prefix?: string): Promise<string[]>;
}

const NAME_RE = /^(intent|identity|seal)\.[A-Za-z0-9_-]{1,128}$/;

/**
 * The name of a record: its kind and an id (an intent id, an identity's name, an offer id).
 *
 * @example
 * keyName('intent', intent.id); // 'intent.5f0c…'
 */
export function keyName(kind: KeyRecord['kind'], id: string): string {
  const name = `${kind}.${id}`;
  assertKeyName(name);
  return name;
}

/**
 * Checks that a record name has the form `<kind>.<id>`, with an id of 1 to 128 letters, digits, `_` or
 * `-`: it is safe as a file name. Throws a TypeError.
 *
 * @example
 * assertKeyName('identity.default');
 */
export function assertKeyName(name: string): void {
  if (typeof name !== 'string' || !NAME_RE.test(name)) {
    throw new TypeError(
      `key name: expected intent.<id>, identity.<id> or seal.<id> (id of 1 to 128 of A-Z a-z 0-9 _ -), got ${JSON.stringify(name)}`,
    );
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isPrivateJwk = (value: unknown, crv: string) =>
  isObject(value) &&
  value.kty === 'OKP' &&
  value.crv === crv &&
  typeof value.x === 'string' &&
  typeof value.d === 'string';

/**
 * Checks the form of a record read back from storage, and that its kind matches its name. The keys
 * themselves are checked when they are imported. Throws ERR_KEY_INVALID.
 *
 * @example
 * assertKeyRecord(JSON.parse(text), 'identity.default');
 */
export function assertKeyRecord(value: unknown, name: string): asserts value is KeyRecord {
  const fail = (what: string): never => {
    throw new IntentcastError('ERR_KEY_INVALID', `keystore record ${name}: ${what}`);
  };
  if (!isObject(value)) fail('is not an object');
  const record = value as Record<string, unknown>;
  if (record.kind !== name.slice(0, name.indexOf('.'))) fail(`has kind ${JSON.stringify(record.kind)}`);
  if (typeof record.created !== 'string') fail('has no creation time');
  if (record.kind !== 'seal' && !isPrivateJwk(record.signingKey, 'Ed25519'))
    fail('has no private Ed25519 JWK');
  if (record.kind === 'intent') {
    if (!isObject(record.intent) || record.intent.type !== 'intent') fail('has no intent');
    if (record.sealKey !== undefined && !isPrivateJwk(record.sealKey, 'X25519'))
      fail('has a malformed seal key');
  }
  if (record.kind === 'seal') {
    if (typeof record.offer !== 'string' || typeof record.thread !== 'string')
      fail('names no offer or thread');
    if (!isPrivateJwk(record.sealKey, 'X25519')) fail('has no private X25519 JWK');
    if (!isValidSealKey({ kty: 'OKP', crv: 'X25519', x: (record.sealKey as { x: string }).x })) {
      fail('has an unusable seal key');
    }
  }
}
