import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPair, IntentcastError, jwkFromKeyPair } from '@intentcast/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileKeystore, type IdentityRecord, type Keystore, keyName, MemoryKeystore } from '../src/index.js';

const identity = (): IdentityRecord => ({
  kind: 'identity',
  signingKey: jwkFromKeyPair(generateKeyPair()),
  created: '2026-03-05T08:00:00Z',
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'intentcast-keystore-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe.each([
  ['MemoryKeystore', () => new MemoryKeystore()],
  ['FileKeystore', () => new FileKeystore(join(dir, 'keys'))],
] as const)('%s', (_name, make: () => Keystore) => {
  it('stores, lists, replaces and deletes records by name', async () => {
    const keystore = make();
    const first = identity();
    const second = identity();
    expect(await keystore.get('identity.default')).toBeUndefined();
    await keystore.put('identity.default', first);
    await keystore.put('identity.backup', second);
    expect(await keystore.get('identity.default')).toEqual(first);
    expect((await keystore.list('identity.')).sort()).toEqual(['identity.backup', 'identity.default']);
    expect(await keystore.list('intent.')).toEqual([]);
    await keystore.put('identity.default', second);
    expect(await keystore.get('identity.default')).toEqual(second);
    expect(await keystore.delete('identity.default')).toBe(true);
    expect(await keystore.delete('identity.default')).toBe(false);
    expect(await keystore.list()).toEqual(['identity.backup']);
  });

  it('refuses names that are not <kind>.<id>', async () => {
    const keystore = make();
    for (const name of ['../etc/passwd', 'identity.', 'wallet.main', 'identity.a/b']) {
      await expect(keystore.get(name)).rejects.toThrow(TypeError);
    }
    expect(() => keyName('seal', '../x')).toThrow(
      'key name: expected intent.<id>, identity.<id> or seal.<id> (id of 1 to 128 of A-Z a-z 0-9 _ -), got "seal.../x"',
    );
  });
});

describe('FileKeystore', () => {
  it('keeps each record in a file of mode 600, in a directory of mode 700', async () => {
    const keys = join(dir, 'keys');
    const keystore = new FileKeystore(keys);
    await keystore.put('identity.default', identity());
    await keystore.put('identity.backup', identity());

    expect((await stat(keys)).mode & 0o777).toBe(0o700);
    const files = (await readdir(keys)).sort();
    expect(files).toEqual(['identity.backup.json', 'identity.default.json']);
    for (const file of files) expect((await stat(join(keys, file))).mode & 0o777).toBe(0o600);
  });

  it('takes an existing directory back to mode 700', async () => {
    const keys = join(dir, 'loose');
    await mkdir(keys, { mode: 0o755 });
    await chmod(keys, 0o755);
    await new FileKeystore(keys).put('identity.default', identity());
    expect((await stat(keys)).mode & 0o777).toBe(0o700);
  });

  it('replaces a record whole, leaving no temporary file behind', async () => {
    const keys = join(dir, 'keys');
    const keystore = new FileKeystore(keys);
    const record = identity();
    await keystore.put('identity.default', identity());
    await keystore.put('identity.default', record);
    expect(await readdir(keys)).toEqual(['identity.default.json']);
    expect(JSON.parse(await readFile(join(keys, 'identity.default.json'), 'utf8'))).toEqual(record);
    expect(await new FileKeystore(keys).get('identity.default')).toEqual(record);
  });

  it('refuses a record that is not one, naming it', async () => {
    const keys = join(dir, 'keys');
    const keystore = new FileKeystore(keys);
    await keystore.put('identity.default', identity());
    await writeFile(join(keys, 'identity.default.json'), '{"kind":"seal"}');
    await expect(keystore.get('identity.default')).rejects.toThrow(
      new IntentcastError('ERR_KEY_INVALID', 'keystore record identity.default: has kind "seal"'),
    );
    await writeFile(join(keys, 'identity.default.json'), 'not json');
    await expect(keystore.get('identity.default')).rejects.toThrow(
      new IntentcastError('ERR_KEY_INVALID', 'keystore record identity.default: is not an object'),
    );
  });
});
