import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { didKeyFromPublicKey, generateKeyPair, jwkFromKeyPair } from '@intentcast/core';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { backupDataDir } from '../src/backup/backup.js';
import { inspectDatabase, OperatorError } from '../src/backup/inspect.js';
import { restoreDataDir } from '../src/backup/restore.js';
import { type CliIo, runCli } from '../src/cli/program.js';
import { dataPaths } from '../src/config/data-dir.js';
import { loadOrCreateRelayKey } from '../src/key-file.js';
import { SCHEMA_VERSION } from '../src/store/sqlite/migrations.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import {
  intentBody,
  make,
  post,
  postAll,
  startRelay,
  stopRelay,
  T0,
  type TestRelay,
} from './relay-fixtures.js';

const root = mkdtempSync(join(tmpdir(), 'intentcast-backup-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const started: TestRelay[] = [];
afterEach(async () => {
  for (const relay of started.splice(0)) await stopRelay(relay);
});

let dirs = 0;
const fresh = (name: string) => join(root, `${name}-${dirs++}`);

/** A relay running on a data directory, with `n` intents stored. */
async function runningRelay(n: number): Promise<{ relay: TestRelay; data: string }> {
  const data = fresh('data');
  mkdirSync(data);
  const relay = await startRelay({ path: dataPaths(data).database });
  started.push(relay);
  for (let i = 0; i < n; i++) {
    await postAll(relay.app, make.intent({ at: T0 + i }, intentBody({}, { description: `Room ${i}` })));
  }
  return { relay, data };
}

function rows(path: string): { seq: number; json: string }[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT seq, json FROM messages ORDER BY seq').all() as { seq: number; json: string }[];
  } finally {
    db.close();
  }
}

async function failure(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(OperatorError);
  return (err as Error).message;
}

function captureIo(): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    env: {},
    cwd: root,
    stdout: (text: string) => {
      io.out += text;
    },
    stderr: (text: string) => {
      io.err += text;
    },
  };
  return io;
}

describe('backup', () => {
  test('copies a running relay, while it keeps writing, as one consistent state', async () => {
    const { relay, data } = await runningRelay(20);
    let writing = true;
    let written = 20;
    const writer = (async () => {
      while (writing) {
        const res = await post(relay.app, make.intent({ at: T0 + 1000 + written }));
        expect(res.statusCode).toBe(201);
        written++;
      }
    })();
    const out = fresh('backup.sqlite');
    const report = await backupDataDir({ data, out });
    writing = false;
    await writer;

    expect(report).toMatchObject({ path: out, schemaVersion: SCHEMA_VERSION });
    const copied = rows(out);
    const live = rows(dataPaths(data).database);
    // Every commit up to some point, byte for byte, and none after it.
    expect(copied.length).toBeGreaterThanOrEqual(20);
    expect(copied).toEqual(live.slice(0, copied.length));
    expect(report.messages).toBe(copied.length);
    expect(report.lastSeq).toBe(copied.at(-1)!.seq);
    expect(written).toBeGreaterThan(20);
  });

  test('writes one self-contained file, and nothing beside it', async () => {
    const { data } = await runningRelay(3);
    const dir = fresh('out');
    mkdirSync(dir);
    await backupDataDir({ data, out: join(dir, 'relay.bak') });
    expect(readdirSync(dir)).toEqual(['relay.bak']);
    const db = new Database(join(dir, 'relay.bak'), { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    db.close();
  });

  test('refuses to overwrite a file unless forced, and names what is missing', async () => {
    const { data } = await runningRelay(1);
    const out = fresh('existing.sqlite');
    writeFileSync(out, 'keep me');
    expect(await failure(backupDataDir({ data, out }))).toBe(
      `${out} exists; choose another name or pass --force to replace it`,
    );
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    await backupDataDir({ data, out, force: true });
    expect(inspectDatabase(out).messages).toBe(1);

    const nowhere = fresh('nowhere');
    expect(await failure(backupDataDir({ data: nowhere, out: fresh('x') }))).toBe(
      `no relay store at ${join(nowhere, 'relay.sqlite')}`,
    );
    const noDir = join(fresh('missing-dir'), 'relay.bak');
    expect(await failure(backupDataDir({ data, out: noDir }))).toBe(
      `the directory of ${noDir} does not exist`,
    );
  });
});

describe('restore', () => {
  test('into an empty directory: the relay starts on it with every message and its key', async () => {
    const { data } = await runningRelay(5);
    const { key: original } = await loadOrCreateRelayKey(dataPaths(data).key);
    const out = fresh('backup.sqlite');
    await backupDataDir({ data, out });
    const target = fresh('restored');
    const report = await restoreDataDir({ from: out, data: target, key: dataPaths(data).key });
    expect(report).toMatchObject({ messages: 5, lastSeq: 5, replaced: false, keyInstalled: true });
    expect(statSync(dataPaths(target).key).mode & 0o777).toBe(0o600);
    expect(rows(dataPaths(target).database)).toEqual(rows(dataPaths(data).database));

    const key = (await loadOrCreateRelayKey(dataPaths(target).key)).key;
    const store = openSqliteStore(dataPaths(target).database);
    const restored = await startRelay({ store, key });
    started.push(restored);
    const res = await post(restored.app, make.intent({ at: T0 + 99 }));
    expect(res.json().receipt.seq).toBe(6);
    // The same key, so the same identity: receipts signed before the restore still name this relay.
    expect(restored.app.relayDid).toBe(didKeyFromPublicKey(original.publicKey));
  });

  test('a directory that holds anything is refused unless forced; forced, a stale log is removed', async () => {
    const { data } = await runningRelay(2);
    const out = fresh('backup.sqlite');
    await backupDataDir({ data, out });
    const target = fresh('occupied');
    mkdirSync(target);
    writeFileSync(dataPaths(target).database, 'an old store');
    writeFileSync(`${dataPaths(target).database}-wal`, 'a log that belongs to the old store');
    expect(await failure(restoreDataDir({ from: out, data: target }))).toBe(
      `${target} is not empty (relay.sqlite, relay.sqlite-wal). Its store has a write-ahead log: a relay may be running on it. Stop the relay, then pass --force to replace its store.`,
    );
    expect(readFileSync(dataPaths(target).database, 'utf8')).toBe('an old store');

    const report = await restoreDataDir({ from: out, data: target, force: true });
    expect(report).toMatchObject({ messages: 2, replaced: true, keyInstalled: false });
    expect(existsSync(`${dataPaths(target).database}-wal`)).toBe(false);
    const store = openSqliteStore(dataPaths(target).database);
    expect(store.lastSeq()).toBe(2);
    await store.close();
  });

  test('a damaged backup is refused, and the directory is not touched', async () => {
    const { data } = await runningRelay(30);
    const out = fresh('backup.sqlite');
    await backupDataDir({ data, out });
    const bytes = readFileSync(out);
    // Overwrite a page in the middle with garbage: the b-tree no longer holds together.
    bytes.fill(0x5a, 2 * 4096, 3 * 4096);
    const damaged = fresh('damaged.sqlite');
    writeFileSync(damaged, bytes);
    const target = fresh('untouched');
    const message = await failure(restoreDataDir({ from: damaged, data: target }));
    expect(message).toMatch(
      new RegExp(`^(${damaged} fails SQLite's integrity check|cannot read ${damaged})`),
    );
    expect(existsSync(target)).toBe(false);

    const notSqlite = fresh('text.sqlite');
    writeFileSync(
      notSqlite,
      'not a database at all, just some text that is long enough to have a header'.repeat(20),
    );
    expect(await failure(restoreDataDir({ from: notSqlite, data: target }))).toBe(
      `${notSqlite} is not a SQLite database`,
    );
  });

  test('a backup from a newer relay, or a key file without a private key, is refused', async () => {
    const { data } = await runningRelay(1);
    const out = fresh('backup.sqlite');
    await backupDataDir({ data, out });
    const db = new Database(out);
    db.prepare('INSERT INTO schema_version VALUES (?, ?, ?)').run(SCHEMA_VERSION + 1, 'later', T0);
    db.close();
    expect(await failure(restoreDataDir({ from: out, data: fresh('t') }))).toBe(
      `${out} has schema version ${SCHEMA_VERSION + 1}; this relay knows versions up to ${SCHEMA_VERSION}`,
    );

    const good = fresh('good.sqlite');
    await backupDataDir({ data, out: good });
    const publicOnly = fresh('public.json');
    const { d: _d, ...publicJwk } = jwkFromKeyPair(generateKeyPair()) as unknown as Record<string, string>;
    writeFileSync(publicOnly, JSON.stringify(publicJwk));
    const target = fresh('t');
    expect(await failure(restoreDataDir({ from: good, data: target, key: publicOnly }))).toMatch(
      new RegExp(`^${publicOnly} is not a relay key \\(a private Ed25519 JWK\\)`),
    );
    expect(existsSync(target)).toBe(false);
  });
});

describe('the commands', () => {
  test('backup, then restore, through the command line', async () => {
    const { data } = await runningRelay(4);
    const out = fresh('cli.sqlite');
    const backup = captureIo();
    expect(await runCli(['backup', '--data', data, '--out', out], backup)).toEqual({ exitCode: 0 });
    expect(backup.out).toMatch(
      new RegExp(
        `^backed up ${dataPaths(data).database} to ${out} in \\d+ ms\\nintegrity ok: 4 messages, last seq 4, schema version ${SCHEMA_VERSION}, [0-9.]+ MiB\\n$`,
      ),
    );
    const target = fresh('cli-restored');
    const restore = captureIo();
    expect(await runCli(['restore', '--from', out, '--data', target], restore)).toEqual({ exitCode: 0 });
    expect(restore.out).toContain(`restored ${out} into ${dataPaths(target).database}\n`);
    expect(restore.out).toContain('relay key: kept as it was');

    const again = captureIo();
    expect(await runCli(['restore', '--from', out, '--data', target], again)).toEqual({ exitCode: 1 });
    expect(again.err).toMatch(/^intentcast-relay: .* is not empty \(relay\.sqlite\)\. Stop the relay/);
  });

  test('the data directory may come from INTENTCAST_DATA; a missing option is a usage error', async () => {
    const { data } = await runningRelay(1);
    const io = { ...captureIo(), env: { INTENTCAST_DATA: data } };
    const out = fresh('env.sqlite');
    expect(await runCli(['backup', '--out', out], io)).toEqual({ exitCode: 0 });
    expect(inspectDatabase(out).messages).toBe(1);
    const usage = captureIo();
    expect(await runCli(['backup', '--data', data], usage)).toEqual({ exitCode: 2 });
    expect(usage.err).toBe("error: required option '--out <file>' not specified\n");
  });
});
