import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { CheckpointerReply } from '../src/store/sqlite/checkpoint-protocol.js';
import { Checkpointer } from '../src/store/sqlite/checkpointer.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { make, post, startRelay, stopRelay, T0 } from './relay-fixtures.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'intentcast-checkpoint-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const size = (path: string) => statSync(path, { throwIfNoEntry: false })?.size ?? 0;

describe('the checkpointer thread', () => {
  test('copies what the relay commits from the log into the database, while the store stays open', async () => {
    const path = join(dir, 'relay.sqlite');
    const checkpoints: CheckpointerReply[] = [];
    const store = openSqliteStore(path, { onCheckpoint: (outcome) => checkpoints.push(outcome) });
    const relay = await startRelay({ store });
    try {
      const before = size(path);
      for (let i = 0; i < 40; i++) {
        const res = await post(relay.app, make.intent({ at: T0 + i }));
        expect(res.statusCode).toBe(201);
      }
      await expect
        .poll(() => checkpoints.some((c) => c.kind === 'checkpointed' && c.checkpointed > 0))
        .toBe(true);
      expect(checkpoints.filter((c) => c.kind === 'failed')).toEqual([]);
      // The pages are in the database file itself now, not only in the log.
      expect(size(path)).toBeGreaterThan(before);
    } finally {
      await stopRelay(relay);
    }
  });

  test('a store closed right after its writes keeps them all', async () => {
    const path = join(dir, 'relay.sqlite');
    const relay = await startRelay({ store: openSqliteStore(path) });
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) {
      const intent = make.intent({ at: T0 + i });
      ids.push(intent.id);
      expect((await post(relay.app, intent)).statusCode).toBe(201);
    }
    await stopRelay(relay);
    const reopened = openSqliteStore(path);
    try {
      for (const id of ids) expect((await reopened.getMessage(id))?.message.id).toBe(id);
      expect(reopened.lastSeq()).toBe(25);
    } finally {
      await reopened.close();
    }
  });

  test('can be left out: the store then checkpoints in its commits, as SQLite does by default', async () => {
    const path = join(dir, 'relay.sqlite');
    const checkpoints: CheckpointerReply[] = [];
    const store = openSqliteStore(path, {
      checkpointThread: false,
      onCheckpoint: (outcome) => checkpoints.push(outcome),
    });
    const relay = await startRelay({ store });
    try {
      expect((await post(relay.app, make.intent({ at: T0 }))).statusCode).toBe(201);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(checkpoints).toEqual([]);
    } finally {
      await stopRelay(relay);
    }
  });

  test('a thread that cannot open the database is reported, not thrown, and closes', async () => {
    const outcomes: CheckpointerReply[] = [];
    const checkpointer = new Checkpointer(join(dir, 'gone', 'relay.sqlite'), {
      busyTimeoutMs: 100,
      onCheckpoint: (outcome) => outcomes.push(outcome),
    });
    checkpointer.written();
    await expect.poll(() => outcomes.length).toBeGreaterThan(0);
    expect(outcomes[0]).toMatchObject({
      kind: 'failed',
      error: expect.stringMatching(/directory does not exist/),
    });
    await checkpointer.close();
    checkpointer.written();
  });

  test('a checkpointer that was never written to starts no thread, and closes at once', async () => {
    const checkpointer = new Checkpointer(join(dir, 'never.sqlite'), { busyTimeoutMs: 100 });
    await checkpointer.close();
    expect(size(join(dir, 'never.sqlite'))).toBe(0);
  });
});
