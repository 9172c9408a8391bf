import { canonicalJson, type Ed25519Backend, nobleBackend, toHex } from '@intentcast/core';
import { describe, expect, it } from 'vitest';
import { authSigningInput, backoffDelay, filterParams, verifyReceipt } from '../src/index.js';
import { type SseEvent, SseParser } from '../src/stream/sse-parser.js';

describe('SseParser', () => {
  const parse = (chunks: string[]) => {
    const events: SseEvent[] = [];
    const parser = new SseParser((event) => events.push(event));
    for (const chunk of chunks) parser.push(chunk);
    return events;
  };

  it.each([
    { description: 'LF line ends', chunks: ['retry: 2000\n\nid: 7\nevent: intent\ndata: {"a":1}\n\n'] },
    {
      description: 'CRLF split across chunks',
      chunks: ['id: 7\r', '\nevent: intent\r\ndata: {"a"', ':1}\r\n\r', '\n'],
    },
    { description: 'CR alone, and comments', chunks: [': ping\r\rid: 7\revent: intent\rdata: {"a":1}\r\r'] },
  ])('reads $description', ({ chunks }) => {
    expect(parse(chunks)).toEqual([{ id: '7', event: 'intent', data: '{"a":1}' }]);
  });

  it('joins data lines, keeps the last id and dispatches nothing without data', () => {
    expect(parse(['event: close\n\ndata: a\ndata: b\n\nid: 9\ndata:c\n\n'])).toEqual([
      { id: undefined, event: 'message', data: 'a\nb' },
      { id: '9', event: 'message', data: 'c' },
    ]);
  });
});

describe('backoffDelay', () => {
  it('grows exponentially to the ceiling, between half of it and all of it', () => {
    const low = (n: number) => backoffDelay(n, { initialMs: 100, maxMs: 1_000 }, () => 0);
    const high = (n: number) => backoffDelay(n, { initialMs: 100, maxMs: 1_000 }, () => 1);
    expect([0, 1, 2, 3, 4, 40].map(low)).toEqual([50, 100, 200, 400, 500, 500]);
    expect([0, 1, 2, 3, 4, 40].map(high)).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });
});

describe('filterParams', () => {
  it('writes lists with commas and a circle as lat,lon,radius', () => {
    expect(
      filterParams({
        category: ['lodging', 'travel'],
        near: { lat: 38.7, lon: -9.14, radiusKm: 5 },
        currency: 'EUR',
        budgetMax: '150',
      }),
    ).toEqual({ category: 'lodging,travel', near: '38.7,-9.14,5', currency: 'EUR', budgetMax: '150' });
  });
});

// The examples of spec/relay-api.md#receipts and spec/auth.md#answer: the relay key and the client key are
// made from 32 bytes 0x2a and 0x01.
const RELAY = 'did:key:z6MkgAnvkP45uNxwCKeNdt6wrYkEjpYX4f7Nrd8MQqFL8Fbn';
const RECEIPT = {
  relay: RELAY,
  id: '5f0c1b2a'.repeat(8),
  seq: 1042,
  received: '2026-03-05T08:00:01.250Z',
  sig: 'a54aaaac93ccc05692e3685333015027758e58f2b38f415c5fbbfe93e09b89730456a588acc998cd5083c394b98c4b6a0df13622b0ca2e0270ac3a7bc574a305',
};

describe('verifyReceipt', () => {
  it('accepts the example receipt of the spec', () => {
    expect(verifyReceipt(RECEIPT, RELAY)).toBe(true);
  });

  it.each([
    {
      description: 'another relay',
      change: { relay: 'did:key:z6Mkon3Necd6NkkyfoGoHxid2znGc59LU3K7mubaRcFbLfLX' },
    },
    { description: 'another seq', change: { seq: 1043 } },
    { description: 'a time without milliseconds', change: { received: '2026-03-05T08:00:01Z' } },
    { description: 'a flipped signature bit', change: { sig: `b${RECEIPT.sig.slice(1)}` } },
    { description: 'an extra member', change: { note: 'x' } },
  ])('refuses $description', ({ change }) => {
    expect(verifyReceipt({ ...RECEIPT, ...change }, RELAY)).toBe(false);
  });

  it('never throws, whatever it is given, and uses the backend it is given', () => {
    for (const junk of [null, 7, 'receipt', [], { ...RECEIPT, seq: Number.NaN }]) {
      expect(verifyReceipt(junk, RELAY)).toBe(false);
    }
    const refusing: Ed25519Backend = { ...nobleBackend, name: 'refusing', verify: () => false };
    expect(verifyReceipt(RECEIPT, RELAY, { backend: refusing })).toBe(false);
  });
});

describe('authSigningInput', () => {
  it('reproduces the example answer of spec/auth.md', () => {
    const key = 'did:key:z6Mkon3Necd6NkkyfoGoHxid2znGc59LU3K7mubaRcFbLfLX';
    const challenge = '9c'.repeat(32);
    const input = authSigningInput(challenge, key, RELAY);
    const payload = canonicalJson({ challenge, key, relay: RELAY });
    expect(new TextDecoder().decode(input)).toBe(`intentcast/1/auth\0${payload}`);
    expect(toHex(nobleBackend.sign(input, new Uint8Array(32).fill(1)))).toBe(
      '5bf3d64c1c707de197d1b4f6244639ad839201d90b8e5d3c69cfe233fb5506db12d6fbc0a1d37b267d8db913fde5ffbc53271462a0793eeea693338beb932e0b',
    );
  });
});
