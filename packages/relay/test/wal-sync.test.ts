import {
  closeSync,
  type fdatasync,
  fstatSync,
  mkdtempSync,
  openSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SyncThread } from '../src/store/sqlite/sync-thread.js';
import { WalSync } from '../src/store/sqlite/wal-sync.js';

/** A datasync that waits to be released, so a test decides when each sync ends. */
function heldDatasync() {
  const calls: { fd: number; done: (err: NodeJS.ErrnoException | null) => void }[] = [];
  const datasync = ((fd: number, done: (err: NodeJS.ErrnoException | null) => void) => {
    calls.push({ fd, done });
  }) as typeof fdatasync;
  return { datasync, calls };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('WalSync', () => {
  let dir: string;
  let db: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'intentcast-wal-sync-'));
    db = join(dir, 'relay.sqlite');
    writeFileSync(`${db}-wal`, 'log');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('syncs the log for real', async () => {
    const wal = new WalSync(db);
    await expect(wal.sync()).resolves.toBeUndefined();
    wal.close();
  });

  it('resolves only once the sync it waits for has ended', async () => {
    const { datasync, calls } = heldDatasync();
    const wal = new WalSync(db, datasync);
    let settled = false;
    const first = wal.sync().then(() => {
      settled = true;
    });
    await tick();
    expect(calls).toHaveLength(1);
    expect(settled).toBe(false);
    calls[0]!.done(null);
    await first;
    expect(settled).toBe(true);
    wal.close();
  });

  it('makes callers that arrive during a sync wait for a new one, and share it', async () => {
    const { datasync, calls } = heldDatasync();
    const wal = new WalSync(db, datasync);
    const order: string[] = [];
    const first = wal.sync().then(() => order.push('first'));
    // These writes happened after the running sync began, so it may not cover them.
    const second = wal.sync().then(() => order.push('second'));
    const third = wal.sync().then(() => order.push('third'));
    await tick();
    expect(calls).toHaveLength(1);
    calls[0]!.done(null);
    await first;
    await tick();
    expect(order).toEqual(['first']);
    expect(calls).toHaveLength(2);
    calls[1]!.done(null);
    await Promise.all([second, third]);
    expect(order).toEqual(['first', 'second', 'third']);
    expect(calls).toHaveLength(2);
    wal.close();
  });

  it('reports a failed sync to its callers, and the next sync starts afresh', async () => {
    const { datasync, calls } = heldDatasync();
    const wal = new WalSync(db, datasync);
    const failed = wal.sync();
    const queued = wal.sync();
    await tick();
    calls[0]!.done(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }));
    await expect(failed).rejects.toThrow('EIO');
    await tick();
    calls[1]!.done(null);
    await expect(queued).resolves.toBeUndefined();
    wal.close();
  });

  it('fails clearly when the log is missing, and opens the new file when it is replaced', async () => {
    const { datasync, calls } = heldDatasync();
    const wal = new WalSync(db, datasync);
    const first = wal.sync();
    await tick();
    calls[0]!.done(null);
    await first;

    rmSync(`${db}-wal`);
    await expect(wal.sync()).rejects.toThrow(/ENOENT/);

    writeFileSync(`${db}-wal`, 'a new log');
    const again = wal.sync();
    await tick();
    expect(calls).toHaveLength(2);
    // The descriptor synced is the new file's, not the deleted one's.
    expect(fstatSync(calls[1]!.fd).nlink).toBe(1);
    expect(fstatSync(calls[1]!.fd).ino).toBe(statSync(`${db}-wal`).ino);
    calls[1]!.done(null);
    await again;
    wal.close();
  });

  it("syncs through a thread of its own, off libuv's shared pool, reporting errors as fdatasync does", async () => {
    const thread = new SyncThread();
    try {
      const wal = new WalSync(db, thread.datasync);
      await expect(wal.sync()).resolves.toBeUndefined();
      wal.close();
      const fd = openSync(`${db}-wal`, 'r');
      closeSync(fd);
      await expect(
        new Promise((resolve, reject) => thread.datasync(fd, (err) => (err ? reject(err) : resolve(null)))),
      ).rejects.toMatchObject({ code: 'EBADF' });
    } finally {
      await thread.close();
    }
  });

  it('goes on syncing through fs.fdatasync when its thread cannot start', async () => {
    const thread = new SyncThread(new URL('./fixtures/broken-crypto-worker.mjs', import.meta.url));
    try {
      const wal = new WalSync(db, thread.datasync);
      await expect(wal.sync()).resolves.toBeUndefined();
      await expect(wal.sync()).resolves.toBeUndefined();
      wal.close();
    } finally {
      await thread.close();
    }
  });
});
