import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

  test('a process whose last work is closing the store finishes the close', () => {
    // The thread is unreferenced while idle; closing must reference it, or the process would end with the
    // close (and whatever follows it) still pending.
    const script = `
      import { rmSync } from 'node:fs';
      import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
      import { buildRelay, openSqliteStore } from '@intentcast/relay';
      import { createIntent, generateKeyPair } from '@intentcast/core';
      const dir = process.argv[1];
      const store = openSqliteStore(join(dir, 'relay.sqlite'));
      const app = await buildRelay({ store, key: generateKeyPair() });
      const intent = createIntent({ what: { category: 'lodging.hotel', description: 'a room', quantity: 1 },
        terms: [{ uri: 'https://t.example/a', sha256: 'a1'.repeat(32) }], offerCap: 5 }, generateKeyPair().secretKey);
      const res = await app.inject({ method: 'POST', url: '/v1/messages', payload: intent });
      if (res.statusCode !== 201) throw new Error(res.body);
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    `;
    const target = join(dir, 'child');
    mkdirSync(target);
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script, target], {
      cwd: fileURLToPath(new URL('.', import.meta.url)),
      encoding: 'utf8',
      timeout: 15_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(existsSync(target)).toBe(false);
  });
});
