import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Message } from '@intentcast/core';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION } from '../src/store/sqlite/migrations.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';
import {
  BUYER,
  DAY,
  didOf,
  errorOf,
  HOUR,
  intentBody,
  make,
  post,
  postAll,
  RELAY_SEED,
  startRelay,
  stopRelay,
  T0,
  TestClock,
  VENDOR_A,
  VENDOR_B,
  VENDOR_C,
} from './relay-fixtures.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'intentcast-store-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A store whose commits can be made to fail, and which counts them. */
function faultyStore(inner: Store) {
  const state = { commits: 0, failNext: false };
  const store = new Proxy(inner, {
    get(target, property) {
      if (property === 'commit') {
        return (records: Parameters<Store['commit']>[0]) => {
          state.commits++;
          if (state.failNext) {
            state.failNext = false;
            return Promise.reject(new Error('disk full'));
          }
          return target.commit(records);
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store, state };
}

describe('SQLite store: schema', () => {
  test('migrations run once, are recorded, and the journal is WAL', async () => {
    const path = join(dir, 'relay.sqlite');
    await openSqliteStore(path).close();
    await openSqliteStore(path).close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT version, description FROM schema_version').all()).toEqual(
      MIGRATIONS.map(({ version, description }) => ({ version, description })),
    );
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  test('a database written by newer software is refused', async () => {
    const path = join(dir, 'relay.sqlite');
    await openSqliteStore(path).close();
    const db = new Database(path);
    db.prepare('INSERT INTO schema_version VALUES (?, ?, ?)').run(SCHEMA_VERSION + 1, 'from the future', 0);
    db.close();
    expect(() => openSqliteStore(path)).toThrow(`the database has schema version ${SCHEMA_VERSION + 1}`);
  });
});

describe('restart on the same data', () => {
  test('nothing is lost, cursors stay valid, seq continues, and the lifecycle is rebuilt from the store', async () => {
    const path = join(dir, 'relay.sqlite');
    const clock = new TestClock();
    const first = await startRelay({ path, clock });
    const intents: Message[] = [];
    for (let i = 0; i < 12; i++) intents.push(make.intent({ at: T0 - i * 1000 }));
    const capped = make.intent({ at: T0 }, intentBody({ offerCap: 2 }));
    const offers = [make.offer({ at: T0 }, capped, VENDOR_A), make.offer({ at: T0 }, capped, VENDOR_B)];
    await postAll(first.app, ...intents, capped, ...offers);
    const texts = new Map<string, string>();
    for (const m of [...intents, capped, ...offers])
      texts.set(m.id, (await first.store.getMessage(m.id))!.text);
    const page1 = (await first.app.inject('/v1/intents?limit=5')).json();
    const page2Before = (await first.app.inject(`/v1/intents?limit=5&cursor=${page1.next}`)).json();
    const lastSeq = first.store.lastSeq();
    await stopRelay(first);

    const second = await startRelay({ path, clock });
    expect(second.store.lastSeq()).toBe(lastSeq);
    for (const [id, text] of texts) {
      expect((await second.store.getMessage(id))?.text).toBe(text);
      const res = await second.app.inject({ url: `/v1/messages/${id}` });
      if (res.statusCode === 200) expect(JSON.stringify(res.json().message)).toBe(text);
    }
    expect((await second.app.inject(`/v1/intents?limit=5&cursor=${page1.next}`)).json()).toEqual(page2Before);
    const refused = await post(second.app, make.offer({ at: T0 }, capped, VENDOR_C));
    expect(errorOf(refused).code).toBe('ERR_LIFECYCLE_OFFER_CAP');
    const again = await post(second.app, make.intent({ at: T0 }));
    expect(again.json().receipt.seq).toBe(lastSeq + 1);
    await stopRelay(second);
  });
});

describe('retention', () => {
  test('purges an expired intent and its whole thread after the retention period, and nothing else', async () => {
    const relay = await startRelay({ retention: { days: 30 } });
    const short = make.intent({ at: T0, expires: T0 + HOUR });
    const offer = make.offer({ at: T0 }, short, VENDOR_A);
    const reply = make.reply({ at: T0 }, offer, { decision: 'question', text: 'When?' });
    const long = make.intent({ at: T0, expires: T0 + 100 * DAY });
    await postAll(relay.app, short, offer, reply, long);
    expect((await relay.app.inject('/.well-known/intentcast')).json().retention.expiredThreadDays).toBe(30);

    relay.clock.advance(HOUR + 30 * DAY - 1);
    expect(await relay.app.purgeExpired()).toBe(0);
    relay.clock.advance(1);
    expect(await relay.app.purgeExpired()).toBe(1);
    for (const m of [short, offer, reply]) expect(await relay.store.getMessage(m.id)).toBeUndefined();
    expect(relay.store.mailboxAfter(didOf(BUYER), 0, 10)).toEqual([]);
    expect(relay.store.mailboxAfter(didOf(VENDOR_A), 0, 10)).toEqual([]);
    expect((await relay.store.getMessage(long.id))?.message).toEqual(long);
    // The thread is gone from the lifecycle cache too.
    const late = await post(
      relay.app,
      make.reply({ at: relay.clock.now }, offer, { decision: 'decline', reason: 'price' }),
    );
    expect(errorOf(late).code).toBe('ERR_LIFECYCLE_UNKNOWN_REF');
    // A seq is never reused, even once the newest messages were purged.
    const next = await post(relay.app, make.intent({ at: relay.clock.now }));
    expect(next.json().receipt.seq).toBe(5);
    await stopRelay(relay);
  });

  test('the retention timer is unref-ed and stopped on close', async () => {
    const relay = await startRelay({ retention: { days: 0, intervalMs: 10 } });
    await relay.app.ready();
    await postAll(relay.app, make.intent({ at: T0, expires: T0 + HOUR }));
    relay.clock.advance(2 * HOUR);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(relay.store.lastSeq()).toBe(1);
    expect(await relay.store.expiredThreads(relay.clock.now, 10)).toEqual([]);
    await stopRelay(relay);
  });
});

describe('group commit', () => {
  test('messages arriving together share transactions; each gets its own receipt', async () => {
    const { store, state } = faultyStore(openSqliteStore(join(dir, 'relay.sqlite')));
    const relay = await startRelay({ store });
    await relay.app.ready();
    const intents = Array.from({ length: 40 }, () => make.intent({ at: T0 }));
    const results = await Promise.all(intents.map((m) => post(relay.app, m)));
    expect(results.every((r) => r.statusCode === 201)).toBe(true);
    const seqs = results.map((r) => r.json().receipt.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(state.commits).toBeLessThan(40);
    await stopRelay(relay);
  });

  test('a failed commit stores nothing of its messages, answers ERR_INTERNAL, and the relay recovers', async () => {
    const { store, state } = faultyStore(openSqliteStore(':memory:'));
    const relay = await startRelay({ store });
    const intent = make.intent({ at: T0 });
    await postAll(relay.app, intent);
    state.failNext = true;
    const offer = make.offer({ at: T0 }, intent, VENDOR_A);
    const failed = await post(relay.app, { messages: [offer, make.intent({ at: T0 })] });
    expect(failed.json().results.map((r: { error: { code: string } }) => r.error.code)).toEqual([
      'ERR_INTERNAL',
      'ERR_INTERNAL',
    ]);
    expect(relay.store.lastSeq()).toBe(1);
    state.failNext = true;
    const single = await post(relay.app, offer);
    expect(single.statusCode).toBe(500);
    expect(errorOf(single).code).toBe('ERR_INTERNAL');
    // The failed offer left no trace in the lifecycle: it can be sent again.
    const retried = await post(relay.app, offer);
    expect(retried.statusCode).toBe(201);
    expect(retried.json().receipt.seq).toBe(2);
    await stopRelay(relay);
  });
});

describe('EventSource', () => {
  test('replays intents and mailboxes after a seq, oldest first', async () => {
    const relay = await startRelay();
    const intent = make.intent({ at: T0 });
    const offer = make.offer({ at: T0 }, intent, VENDOR_A);
    const reply = make.reply({ at: T0 }, offer, { decision: 'question', text: 'When?' });
    const other = make.intent({ at: T0 });
    await postAll(relay.app, intent, offer, reply, other);
    const { store } = relay;
    expect(store.lastSeq()).toBe(4);
    expect(store.intentsAfter(0, 10).map((e) => [e.seq, e.message.id])).toEqual([
      [1, intent.id],
      [4, other.id],
    ]);
    expect(store.intentsAfter(1, 10).map((e) => e.seq)).toEqual([4]);
    expect(store.intentsAfter(0, 1).map((e) => e.seq)).toEqual([1]);
    expect(store.mailboxAfter(didOf(BUYER), 0, 10)).toEqual([
      { seq: 2, message: offer, recipients: [didOf(BUYER)], receivedAt: T0 },
    ]);
    expect(store.mailboxAfter(didOf(VENDOR_A), 0, 10).map((e) => e.message.id)).toEqual([reply.id]);
    expect(store.mailboxAfter(didOf(VENDOR_A), 3, 10)).toEqual([]);
    await stopRelay(relay);
  });
});

test('the relay key decides the relay did:key', async () => {
  const relay = await startRelay();
  const { did } = (await relay.app.inject('/.well-known/intentcast')).json().relay;
  expect(did).toBe(didOf(RELAY_SEED));
  await stopRelay(relay);
});
