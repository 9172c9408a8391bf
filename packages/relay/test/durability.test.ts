/**
 * What the relay does around the disk sync of each commit (spec/relay-api.md#durability): nothing is
 * announced before its sync, and a sync that fails stops the store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Datasync } from '../src/store/sqlite/wal-sync.js';
import { errorOf, make, post, startRelay, stopRelay, T0, type TestRelay } from './relay-fixtures.js';

let dir: string;
let relay: TestRelay | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'intentcast-durability-'));
});
afterEach(async () => {
  if (relay) await stopRelay(relay);
  relay = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** A datasync whose next calls the test holds, releases or fails. */
function controlledSync() {
  const held: ((err: NodeJS.ErrnoException | null) => void)[] = [];
  let hold = false;
  const datasync: Datasync = (_fd, done) => {
    if (hold) held.push(done);
    else done(null);
  };
  return {
    datasync,
    hold: () => {
      hold = true;
    },
    release: (err: NodeJS.ErrnoException | null = null) => {
      hold = false;
      for (const done of held.splice(0)) done(err);
    },
    held: () => held.length,
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('while a commit waits for its sync', () => {
  test('stream catch-up does not read it, and neither do webhook lanes', async () => {
    const sync = controlledSync();
    const store = openSqliteStore(join(dir, 'relay.sqlite'), { datasync: sync.datasync });
    relay = await startRelay({ store });
    const first = make.intent({ at: T0 });
    expect((await post(relay.app, first)).statusCode).toBe(201);

    sync.hold();
    const second = make.intent({ at: T0 + 1 });
    const pending = post(relay.app, second);
    await expect.poll(() => sync.held()).toBe(1);
    // Committed, visible to this connection, but not on disk: catch-up stops before it.
    expect(store.lastSeq()).toBe(1);
    expect(store.intentsAfter(0, 10).map((e) => e.message.id)).toEqual([first.id]);
    sync.release();
    expect((await pending).statusCode).toBe(201);
    expect(store.intentsAfter(0, 10).map((e) => e.message.id)).toEqual([first.id, second.id]);
  });
});

describe('a sync that fails', () => {
  test('stops the store: the sender hears that retrying is safe, and nothing more is written', async () => {
    const sync = controlledSync();
    const store = openSqliteStore(join(dir, 'relay.sqlite'), { datasync: sync.datasync });
    relay = await startRelay({ store });
    expect((await relay.app.inject('/readyz')).statusCode).toBe(200);

    sync.hold();
    const lost = make.intent({ at: T0 });
    const pending = post(relay.app, lost);
    await expect.poll(() => sync.held()).toBe(1);
    sync.release(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
    const res = await pending;
    expect(res.statusCode).toBe(500);
    expect(errorOf(res)).toMatchObject({ code: 'ERR_INTERNAL' });
    expect(errorOf(res).message).toMatch(/sending it again is safe/);

    // Nothing is written after the failure, not even a message that needs no thread.
    const next = await post(relay.app, make.intent({ at: T0 + 1 }));
    expect(next.statusCode).toBe(500);
    await tick();
    expect(store.failure?.()?.message).toMatch(/could not sync its write-ahead log \(EIO/);
    await expect(store.deleteThreads([lost.id])).rejects.toThrow(/takes no more writes/);
    await expect(
      store.webhooks!.createEndpoint({
        id: 'ep',
        owner: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
        url: 'https://hooks.example/x',
        filter: {},
        events: ['intent.created'],
        description: null,
        secret: 'whsec_x',
        previousSecret: null,
        previousSecretUntil: null,
        enabled: true,
        disabled: null,
        failingSince: null,
        failures: 0,
        created: T0,
        updated: T0,
      } as never),
    ).rejects.toThrow(/takes no more writes/);
    // Load balancers take it out of service, with the reason.
    const ready = await relay.app.inject('/readyz');
    expect(ready.statusCode).toBe(503);
    expect(errorOf(ready)).toMatchObject({ code: 'ERR_UNAVAILABLE' });
    expect(errorOf(ready).message).toMatch(/restarts/);
  });
});
