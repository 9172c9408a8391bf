/**
 * Relays faked with undici's MockAgent: a well-known document, receipts signed with the relay's key, and
 * hand-made event streams.
 */
import {
  canonicalJson,
  didKeyFromPublicKey,
  generateKeyPair,
  jwkFromKeyPair,
  type KeyPair,
  nobleBackend,
  signingInput,
  toHex,
  utf8,
} from '@intentcast/core';
import { MockAgent } from 'undici';
import type { Receipt } from '../src/index.js';

export function signReceipt(
  key: KeyPair,
  id: string,
  seq: number,
  received = '2026-03-05T08:00:01.250Z',
): Receipt {
  const relay = didKeyFromPublicKey(key.publicKey);
  const input = signingInput('receipt', utf8(canonicalJson({ id, received, relay, seq })));
  return { relay, id, seq, received, sig: toHex(nobleBackend.sign(input, key.secretKey)) };
}

/** A MockAgent that refuses every request it was not told about. */
export function mockAgent(): MockAgent {
  const agent = new MockAgent();
  agent.disableNetConnect();
  return agent;
}

export interface MockRelay {
  origin: string;
  key: KeyPair;
  did: string;
  pool: ReturnType<MockAgent['get']>;
  /** Stores every message posted, answering 201 with a good receipt. */
  storesMessages(): void;
}

export function mockRelay(agent: MockAgent, origin: string): MockRelay {
  const key = generateKeyPair();
  const did = didKeyFromPublicKey(key.publicKey);
  const pool = agent.get(origin);
  pool
    .intercept({ path: '/.well-known/intentcast', method: 'GET' })
    .reply(200, {
      protocol: ['intentcast/1'],
      relay: { did, jwk: jwkFromKeyPair({ publicKey: key.publicKey }) },
    })
    .persist();
  let seq = 0;
  return {
    origin,
    key,
    did,
    pool,
    storesMessages() {
      pool
        .intercept({ path: '/v1/messages', method: 'POST' })
        .reply((request) => {
          const message = JSON.parse(String(request.body)) as { id: string };
          seq += 1;
          return { statusCode: 201, data: { receipt: signReceipt(key, message.id, seq) } };
        })
        .persist();
    },
  };
}

/** The text of an event stream carrying `events` as the relay frames them. */
export function eventStream(events: { seq: number; kind?: string; message: unknown }[]): string {
  return events
    .map(
      ({ seq, kind, message }) =>
        `id: ${seq}\nevent: ${kind ?? 'intent'}\ndata: ${JSON.stringify(message)}\n\n`,
    )
    .join('');
}
