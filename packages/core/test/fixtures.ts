/**
 * Shared test fixtures: fixed keys, fixed times and fixed nonces, so every message the tests build is the
 * same on every run, plus helpers to derive broken variants of a valid message.
 */
import {
  type ConfirmBody,
  createConfirm,
  createIntent,
  createOffer,
  createReply,
  createWithdraw,
  type Ed25519Backend,
  fromHex,
  type Intent,
  type IntentBody,
  type KeyPair,
  keyPairFromSecretKey,
  type Message,
  type MessageType,
  messageId,
  messageSigningInput,
  nobleBackend,
  type Offer,
  type OfferBody,
  type Reply,
  type ReplyBody,
  type TermsRef,
  toHex,
  type WithdrawBody,
} from '@intentcast/core';

export const SECOND = 1000;
export const HOUR = 60 * 60 * SECOND;
export const DAY = 24 * HOUR;

/** The time every fixture is built at. */
export const NOW = Date.UTC(2026, 0, 15, 12);

/** A clock at which every fixture message is live: after all were created, before any expires. */
export const LIVE = { now: NOW + 12 * HOUR } as const;

/** RFC 8032 section 7.1, test 1: a published seed and the public key it gives. */
export const RFC8032_TEST1 = {
  seed: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
  publicKey: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
} as const;

export const buyer: KeyPair = keyPairFromSecretKey(fromHex('b1'.repeat(32)));
export const vendor: KeyPair = keyPairFromSecretKey(fromHex('5e'.repeat(32)));
/** A key that takes part in nothing: its signatures must never pass for another author's. */
export const stranger: KeyPair = keyPairFromSecretKey(fromHex('0d'.repeat(32)));

/** Encodings of the Ed25519 points of small order (and so refused as keys), by the order of the point. */
export const SMALL_ORDER_POINTS = {
  identity: `01${'00'.repeat(31)}`,
  order2: `ec${'ff'.repeat(30)}7f`,
  order4: '00'.repeat(32),
  order8: 'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
} as const;

const BASE58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Base58btc, written out here so that tests do not check the library's encoder against itself. */
export function base58btc(bytes: Uint8Array): string {
  let n = 0n;
  for (const byte of bytes) n = n * 256n + BigInt(byte);
  let out = '';
  while (n > 0n) {
    out = BASE58_ALPHABET[Number(n % 58n)] + out;
    n /= 58n;
  }
  for (const byte of bytes) {
    if (byte !== 0) break;
    out = `1${out}`;
  }
  return out;
}

/** A did:key for any 32 bytes under any multicodec prefix, with no checks: for building bad authors. */
export function rawDidKey(publicKeyHex: string, multicodec: readonly number[] = [0xed, 0x01]): string {
  const bytes = Uint8Array.from([...multicodec, ...fromHex(publicKeyHex)]);
  return `did:key:z${base58btc(bytes)}`;
}

export const TERMS: TermsRef = {
  uri: 'https://terms.example/no-tracking/v1',
  sha256: '6f1ed002ab5595859014ebf0951522d9e6e4d2c4b7ed37bd2a85cbf4cbff7a0c',
};

export const NONCES: Record<MessageType, string> = {
  intent: '00112233445566778899aabbccddeeff',
  offer: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
  reply: 'a0a1a2a3a4a5a6a7a8a9aaabacadaeaf',
  withdraw: 'f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff',
  confirm: '1234567890abcdef1234567890abcdef',
};

export function intentBody(overrides: Partial<IntentBody> = {}): IntentBody {
  return {
    what: {
      category: 'lodging.hotel',
      description: 'A quiet double room near the river, two nights',
      attributes: { beds: 1, breakfast: true, view: 'river' },
      quantity: 1,
    },
    where: { region: 'PT-11' },
    when: { start: '2026-03-10T14:00:00Z', end: '2026-03-12T11:00:00Z' },
    budget: { currency: 'EUR', min: '90.00', max: '180.00' },
    terms: [TERMS],
    offerCap: 5,
    ...overrides,
  };
}

export function offerBody(overrides: Partial<OfferBody> = {}): OfferBody {
  return {
    description: 'Double room, river side, breakfast included',
    price: { amount: '164.50', currency: 'EUR' },
    quantity: 1,
    when: { start: '2026-03-10T14:00:00Z', end: '2026-03-12T11:00:00Z' },
    terms: TERMS,
    vendor: { name: 'Casa do Rio', url: 'https://casa-do-rio.example/' },
    ...overrides,
  };
}

export interface FixtureOptions {
  /** Creation time as an offset from NOW. */
  after?: number;
  /** Lifetime in milliseconds; the builders' default unless given. */
  ttl?: number;
  ext?: Record<string, unknown>;
  backend?: Ed25519Backend;
}

function buildOptions(type: MessageType, options: FixtureOptions) {
  const now = NOW + (options.after ?? 0);
  return {
    now,
    nonce: NONCES[type],
    ...(options.ttl === undefined ? {} : { expires: now + options.ttl }),
    ...(options.ext === undefined ? {} : { ext: options.ext }),
    ...(options.backend === undefined ? {} : { backend: options.backend }),
  };
}

export function makeIntent(body: IntentBody = intentBody(), options: FixtureOptions = {}): Intent {
  return createIntent(body, buyer.secretKey, buildOptions('intent', options));
}

export function makeOffer(
  answering: Intent | Offer | Reply = makeIntent(),
  body: OfferBody = offerBody(),
  options: FixtureOptions = {},
): Offer {
  return createOffer(answering, body, vendor.secretKey, buildOptions('offer', { after: HOUR, ...options }));
}

export function makeReply(
  offer: Offer = makeOffer(),
  body: ReplyBody = { decision: 'accept', terms: TERMS },
  options: FixtureOptions = {},
): Reply {
  return createReply(offer, body, buyer.secretKey, buildOptions('reply', { after: 2 * HOUR, ...options }));
}

export function makeConfirm(
  accept: Reply = makeReply(),
  body: ConfirmBody = { reference: 'CDR-2026-0310-17', text: 'See you on the tenth.' },
  options: FixtureOptions = {},
): Message<'confirm'> {
  return createConfirm(
    accept,
    body,
    vendor.secretKey,
    buildOptions('confirm', { after: 3 * HOUR, ...options }),
  );
}

/** The buyer withdraws the intent. */
export function makeWithdraw(
  intent: Intent = makeIntent(),
  body: WithdrawBody = { reason: 'chose-other' },
  options: FixtureOptions = {},
): Message<'withdraw'> {
  return createWithdraw(
    intent,
    body,
    buyer.secretKey,
    buildOptions('withdraw', { after: 4 * HOUR, ...options }),
  );
}

/** One valid message of each type, all of one thread. */
export function sampleMessages(): { [T in MessageType]: Message<T> } {
  const intent = makeIntent();
  const offer = makeOffer(intent);
  const reply = makeReply(offer);
  return {
    intent,
    offer,
    reply,
    withdraw: makeWithdraw(intent),
    confirm: makeConfirm(reply),
  };
}

/** A plain, mutable copy of a message, typed loosely so tests can break it. */
export type Draft = Record<string, unknown>;

function unescapeToken(token: string): string {
  return token.replaceAll('~1', '/').replaceAll('~0', '~');
}

/**
 * A deep copy of `value` with each JSON Pointer in `changes` set to its value; `undefined` deletes the
 * member. The result is not re-signed, so its id no longer matches unless the change is to `id` or `sig`.
 */
export function changed(value: object, changes: Record<string, unknown>): Draft {
  const copy = structuredClone(value) as Draft;
  for (const [pointer, newValue] of Object.entries(changes)) {
    const tokens = pointer.split('/').slice(1).map(unescapeToken);
    const last = tokens.pop();
    if (last === undefined) throw new Error(`cannot change the root (${JSON.stringify(pointer)})`);
    let node = copy as Record<string, unknown>;
    for (const token of tokens) {
      const next = node[token];
      if (typeof next !== 'object' || next === null) throw new Error(`no object at ${pointer}`);
      node = next as Record<string, unknown>;
    }
    if (newValue === undefined) delete node[last];
    else
      Object.defineProperty(node, last, {
        value: newValue,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return copy;
}

/**
 * Gives `content` (a message without, or with stale, `id` and `sig`) a correct id and a signature by
 * `secretKey`, without validating anything: for messages that must fail only the rule under test.
 */
export function forge(content: object, secretKey: Uint8Array = buyer.secretKey): Draft {
  const { id: _id, sig: _sig, ...rest } = content as Draft;
  const id = messageId(rest);
  const sig = toHex(nobleBackend.sign(messageSigningInput(id), secretKey));
  return { ...rest, id, sig };
}

const SEED_BY_AUTHOR = new Map<string, Uint8Array>();

/** The secret key behind a fixture author, for re-signing. */
export function secretKeyOf(author: string): Uint8Array {
  if (SEED_BY_AUTHOR.size === 0) {
    for (const pair of [buyer, vendor, stranger]) {
      SEED_BY_AUTHOR.set(didOf(pair), pair.secretKey);
    }
  }
  const seed = SEED_BY_AUTHOR.get(author);
  if (seed === undefined) throw new Error(`no fixture key for ${author}`);
  return seed;
}

function didOf(pair: KeyPair): string {
  return rawDidKey(toHex(pair.publicKey));
}

/** `changed`, then signed again by the message's own author, so only the changed values are wrong. */
export function resigned(message: Message, changes: Record<string, unknown>): Draft {
  return forge(changed(message, changes), secretKeyOf(message.author));
}
