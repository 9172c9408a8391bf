import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { assertKeyName, assertKeyRecord, type KeyRecord, type Keystore } from '../keystore/types.js';

const FILE_RE = /^((?:intent|identity|seal)\.[A-Za-z0-9_-]{1,128})\.json$/;

function hasCode(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code;
}

/**
 * A keystore in a directory of its own: one JSON file per record (`<name>.json`, mode 600) in a directory
 * of mode 700. A write goes to a temporary file that is synced and then renamed over the old one, so a
 * crash leaves either the old record or the new one, never half of one.
 *
 * @example
 * const keystore = new FileKeystore(join(homedir(), '.intentcast', 'keys'));
 * const vendor = new Vendor({ relays, keystore, profile, policy });
 */
export class FileKeystore implements Keystore {
  readonly directory: string;
  #ready: Promise<void> | undefined;

  constructor(directory: string) {
    if (typeof directory !== 'string' || directory === '') {
      throw new TypeError('FileKeystore: "directory" expected a path');
    }
    this.directory = directory;
  }

  async get(name: string): Promise<KeyRecord | undefined> {
    assertKeyName(name);
    let text: string;
    try {
      text = await readFile(this.#path(name), 'utf8');
    } catch (err) {
      if (hasCode(err, 'ENOENT')) return undefined;
      throw err;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined;
    }
    assertKeyRecord(value, name);
    return value;
  }

  async put(name: string, record: KeyRecord): Promise<void> {
    assertKeyName(name);
    assertKeyRecord(record, name);
    await this.#prepare();
    const target = this.#path(name);
    const temporary = join(this.directory, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
    const file = await open(temporary, 'wx', 0o600);
    try {
      await file.writeFile(`${JSON.stringify(record, null, 2)}\n`, 'utf8');
      await file.sync();
    } catch (err) {
      await file.close();
      await unlink(temporary).catch(() => {});
      throw err;
    }
    await file.close();
    await rename(temporary, target);
    await this.#syncDirectory();
  }

  async delete(name: string): Promise<boolean> {
    assertKeyName(name);
    try {
      await unlink(this.#path(name));
    } catch (err) {
      if (hasCode(err, 'ENOENT')) return false;
      throw err;
    }
    await this.#syncDirectory();
    return true;
  }

  async list(prefix = ''): Promise<string[]> {
    let files: string[];
    try {
      files = await readdir(this.directory);
    } catch (err) {
      if (hasCode(err, 'ENOENT')) return [];
      throw err;
    }
    return files.flatMap((file) => {
      const name = FILE_RE.exec(file)?.[1];
      return name?.startsWith(prefix) ? [name] : [];
    });
  }

  #path(name: string): string {
    return join(this.directory, `${name}.json`);
  }

  /** Creates the directory, or takes it back to mode 700 if it exists with a looser one. */
  #prepare(): Promise<void> {
    this.#ready ??= (async () => {
      await mkdir(this.directory, { recursive: true, mode: 0o700 });
      await chmod(this.directory, 0o700);
    })().catch((err: unknown) => {
      this.#ready = undefined;
      throw err;
    });
    return this.#ready;
  }

  /** Makes a rename or unlink durable; platforms that cannot sync a directory skip it. */
  async #syncDirectory(): Promise<void> {
    let handle: Awaited<ReturnType<typeof open>> | undefined;
    try {
      handle = await open(this.directory, 'r');
      await handle.sync();
    } catch (err) {
      if (!hasCode(err, 'EISDIR') && !hasCode(err, 'EPERM') && !hasCode(err, 'EINVAL')) throw err;
    } finally {
      await handle?.close();
    }
  }
}
