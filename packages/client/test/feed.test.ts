import { createIntent, generateKeyPair, type Intent } from '@intentcast/core';
import { describe, expect, it } from 'vitest';
import { type InvalidMessage, MemoryKeystore, Vendor } from '../src/index.js';
import { acceptsTerms, next, TERMS, until } from './fixtures.js';
import { eventStream, mockAgent, mockRelay } from './mock-relay.js';

const HOUR = 3_600_000;

function intentAbout(description: string, times: { now?: number; expires?: number } = {}): Intent {
  const body = { what: { category: 'lodging.hotel', description, quantity: 1 }, terms: [TERMS], offerCap: 3 };
  return createIntent(body, generateKeyPair().secretKey, times);
}

/** True when the iterator has nothing ready: its next() does not settle before a macrotask. */
async function nothingReady<T>(iterator: AsyncIterator<T>): Promise<boolean> {
  const marker = Symbol('pending');
  const later = new Promise((resolve) => setTimeout(() => resolve(marker), 0));
  return (await Promise.race([iterator.next(), later])) === marker;
}

describe('feeds over several relays', () => {
  it('yields each verified message once, whichever relays carry it, and reports the others', async () => {
    const agent = mockAgent();
    const a = mockRelay(agent, 'https://a.example');
    const b = mockRelay(agent, 'https://b.example');
    const room = intentAbout('A quiet room');
    const flat = intentAbout('A flat for a week');
    const villa = intentAbout('A villa');
    // A copy of a message already yielded is skipped unseen, so the forgery is of one no relay carries.
    const tampered = { ...villa, body: { ...villa.body, offerCap: 9 } };
    const expired = intentAbout('A room last month', {
      now: Date.now() - 3 * 24 * HOUR,
      expires: Date.now() - HOUR,
    });
    const streams: Record<string, string> = {
      [a.origin]: eventStream([
        { seq: 1, message: room },
        { seq: 2, message: tampered },
        { seq: 3, message: expired },
      ]),
      [b.origin]: eventStream([
        { seq: 5, message: room },
        { seq: 6, message: flat },
      ]),
    };
    const requested: string[] = [];
    for (const relay of [a, b]) {
      relay.pool
        .intercept({ path: (path) => path.startsWith('/v1/stream?'), method: 'GET' })
        .reply((request) => {
          requested.push(`${relay.origin}${request.path}`);
          const first = request.path.endsWith('cursor=0');
          return { statusCode: 200, data: first ? streams[relay.origin]! : ': nothing new\n\n' };
        })
        .persist();
    }
    const reports: InvalidMessage[] = [];
    const vendor = new Vendor({
      relays: [a.origin, b.origin],
      keystore: new MemoryKeystore(),
      profile: { name: 'Casa Azul' },
      policy: acceptsTerms,
      dispatcher: agent,
      stream: 'sse',
      // The mocked streams end at once; the reconnection waits long enough to stay out of the test.
      backoff: { initialMs: 60_000 },
      onInvalid: (report) => reports.push(report),
    });
    const controller = new AbortController();
    const feed = vendor.intents({ category: 'lodging', region: 'PT' }, { signal: controller.signal });
    const iterator = feed[Symbol.asyncIterator]();

    const got = [await next(iterator), await next(iterator)];
    await until(
      () => feed.cursors()[a.origin] === 3 && feed.cursors()[b.origin] === 6,
      'both streams handled',
    );

    expect(got.map((intent) => intent.id).sort()).toEqual([room.id, flat.id].sort());
    expect(got.find((intent) => intent.id === flat.id)!.relay).toBe(b.origin);
    expect(await nothingReady(iterator)).toBe(true);
    expect(reports.map((r) => [r.relay, r.seq, r.code, r.path])).toEqual([
      [a.origin, 2, 'ERR_ID_MISMATCH', '/id'],
      [a.origin, 3, 'ERR_EXPIRED', '/expires'],
    ]);
    expect(requested.sort()).toEqual([
      `${a.origin}/v1/stream?category=lodging&region=PT&cursor=0`,
      `${b.origin}/v1/stream?category=lodging&region=PT&cursor=0`,
    ]);
    controller.abort();
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
  });

  it('ends with the relay error when the relay refuses the subscription itself', async () => {
    const agent = mockAgent();
    const a = mockRelay(agent, 'https://a.example');
    a.pool.intercept({ path: (path) => path.startsWith('/v1/stream?'), method: 'GET' }).reply(400, {
      error: { code: 'ERR_FILTER_INVALID', message: 'region: "pt" is not a region code', path: '/region' },
    });
    const vendor = new Vendor({
      relays: [a.origin],
      keystore: new MemoryKeystore(),
      profile: { name: 'Casa Azul' },
      policy: acceptsTerms,
      dispatcher: agent,
      stream: 'sse',
    });
    const iterator = vendor.intents({ region: 'pt' })[Symbol.asyncIterator]();

    await expect(iterator.next()).rejects.toMatchObject({
      code: 'ERR_FILTER_INVALID',
      message: 'region: "pt" is not a region code',
      path: '/region',
    });
    expect(vendor.health()[0]!.lastError?.code).toBe('ERR_FILTER_INVALID');
  });

  it('resumes from the cursors it is given, and can be iterated only once', async () => {
    const agent = mockAgent();
    const a = mockRelay(agent, 'https://a.example');
    const room = intentAbout('A quiet room');
    a.pool
      .intercept({ path: '/v1/stream?q=quiet&cursor=41', method: 'GET' })
      .reply(200, eventStream([{ seq: 42, message: room }]));
    a.pool
      .intercept({ path: (path) => path.startsWith('/v1/stream?'), method: 'GET' })
      .reply(200, '')
      .persist();
    const vendor = new Vendor({
      relays: [a.origin],
      keystore: new MemoryKeystore(),
      profile: { name: 'Casa Azul' },
      policy: acceptsTerms,
      dispatcher: agent,
      stream: 'sse',
      backoff: { initialMs: 60_000 },
    });
    const controller = new AbortController();
    const feed = vendor.intents({ q: 'quiet' }, { signal: controller.signal, cursors: { [a.origin]: 41 } });
    const iterator = feed[Symbol.asyncIterator]();

    expect((await next(iterator)).id).toBe(room.id);
    expect(feed.cursors()).toEqual({ [a.origin]: 42 });
    expect(() => feed[Symbol.asyncIterator]()).toThrow('a feed can be iterated only once');
    controller.abort();
  });
});
