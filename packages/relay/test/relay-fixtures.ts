/**
 * Builders for relay tests: fixed keys, a clock the test moves, signed messages, a relay on an in-memory
 * (or given) store, and helpers to post messages and get access tokens.
 */
import {
  canonicalJson,
  createConfirm,
  createIntent,
  createOffer,
  createReply,
  createWithdraw,
  didKeyFromPublicKey,
  type Intent,
  type IntentBody,
  keyPairFromSecretKey,
  type Message,
  type Offer,
  type OfferBody,
  type Reply,
  type ReplyBody,
  signingInput,
  type TermsRef,
  toHex,
  utf8,
} from '@intentcast/core';
import { createNodeBackend } from '@intentcast/core/node';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildRelay } from '../src/app.js';
import type { RelayOptions } from '../src/options.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** 2026-01-15T12:00:00Z: the time tests start at. */
export const T0 = Date.UTC(2026, 0, 15, 12);

export const backend = createNodeBackend();

export const BUYER = new Uint8Array(32).fill(1);
export const VENDOR_A = new Uint8Array(32).fill(2);
export const VENDOR_B = new Uint8Array(32).fill(3);
export const VENDOR_C = new Uint8Array(32).fill(4);
export const STRANGER = new Uint8Array(32).fill(9);
export const RELAY_SEED = new Uint8Array(32).fill(42);

export function didOf(secretKey: Uint8Array): string {
  return didKeyFromPublicKey(keyPairFromSecretKey(secretKey, backend).publicKey);
}

export const TERMS: TermsRef = { uri: 'https://terms.example/no-stalking', sha256: 'a1'.repeat(32) };

/** A clock the test sets and moves. */
export class TestClock {
  now: number;
  constructor(start = T0) {
    this.now = start;
  }
  readonly read = (): number => this.now;
  advance(ms: number): void {
    this.now += ms;
  }
}

export function intentBody(
  change: Partial<IntentBody> = {},
  what: Partial<IntentBody['what']> = {},
): IntentBody {
  return {
    what: {
      category: 'lodging.hotel',
      description: 'A quiet double room near the river',
      quantity: 1,
      ...what,
    },
    terms: [TERMS],
    offerCap: 5,
    ...change,
  };
}

export function offerBody(change: Partial<OfferBody> = {}): OfferBody {
  return {
    description: 'Double room, river view',
    price: { amount: '120.00', currency: 'EUR' },
    quantity: 1,
    terms: TERMS,
    vendor: { name: 'Hotel Example' },
    ...change,
  };
}

export interface Timing {
  at: number;
  expires?: number;
}

const opts = (t: Timing) => ({
  now: t.at,
  backend,
  ...(t.expires === undefined ? {} : { expires: t.expires }),
});

export const make = {
  intent: (t: Timing, body: IntentBody = intentBody(), by = BUYER): Intent => createIntent(body, by, opts(t)),
  offer: (t: Timing, to: Intent | Offer | Reply, by = VENDOR_A, body: OfferBody = offerBody()): Offer =>
    createOffer(to, body, by, opts(t)),
  reply: (t: Timing, offer: Offer, body: ReplyBody, by = BUYER): Reply =>
    createReply(offer, body, by, opts(t)),
  accept: (t: Timing, offer: Offer, by = BUYER): Reply =>
    createReply(offer, { decision: 'accept', terms: offer.body.terms }, by, opts(t)),
  withdraw: (t: Timing, target: Intent | Offer, by: Uint8Array) =>
    createWithdraw(target, { reason: 'no-longer-needed' }, by, opts(t)),
  confirm: (t: Timing, accept: Reply, by = VENDOR_A) =>
    createConfirm(accept, { reference: 'B-1' }, by, opts(t)),
};

export interface TestRelay {
  app: FastifyInstance;
  store: Store;
  clock: TestClock;
}

/** A relay on an in-memory store (or `path`), with the test clock and the fixed relay key. */
export async function startRelay(
  options: Omit<Partial<RelayOptions>, 'clock'> & { path?: string; clock?: TestClock } = {},
): Promise<TestRelay> {
  const clock = options.clock ?? new TestClock();
  const store = options.store ?? openSqliteStore(options.path ?? ':memory:');
  const { path: _path, clock: _clock, ...rest } = options;
  const app = await buildRelay({
    key: keyPairFromSecretKey(RELAY_SEED, backend),
    backend,
    ...rest,
    store,
    clock: clock.read,
  });
  return { app, store, clock };
}

export async function stopRelay(relay: TestRelay): Promise<void> {
  await relay.app.close();
  await relay.store.close();
}

export function post(app: FastifyInstance, body: unknown, headers: Record<string, string> = {}) {
  return app.inject({
    method: 'POST',
    url: '/v1/messages',
    headers: { 'content-type': 'application/json', ...headers },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Posts messages one at a time, failing the test if any is refused. */
export async function postAll(app: FastifyInstance, ...messages: Message[]): Promise<void> {
  for (const message of messages) {
    const res = await post(app, message);
    if (res.statusCode !== 201) throw new Error(`${message.type} refused: ${res.statusCode} ${res.body}`);
  }
}

export function errorOf(res: LightMyRequestResponse): { code: string; message: string; path?: string } {
  return (res.json() as { error: { code: string; message: string; path?: string } }).error;
}

/** Signs a challenge answer the way spec/auth.md says. */
export function answerChallenge(challenge: string, seed: Uint8Array, relay: string) {
  const key = didOf(seed);
  const input = signingInput('auth', utf8(canonicalJson({ challenge, key, relay })));
  return { key, challenge, sig: toHex(backend.sign(input, seed)) };
}

/** Gets an access token for a key through the challenge routes. */
export async function tokenFor(app: FastifyInstance, seed: Uint8Array): Promise<string> {
  const key = didOf(seed);
  const challenge = await app.inject({ method: 'POST', url: '/v1/auth/challenge', payload: { key } });
  if (challenge.statusCode !== 200) throw new Error(`challenge: ${challenge.body}`);
  const answer = answerChallenge(challenge.json().challenge, seed, app.relayDid);
  const token = await app.inject({ method: 'POST', url: '/v1/auth/token', payload: answer });
  if (token.statusCode !== 200) throw new Error(`token: ${token.body}`);
  return token.json().token as string;
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
