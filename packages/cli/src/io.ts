import { randomBytes } from 'node:crypto';
import { type FileHandle, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { IntentcastError, LIMITS, parseJson } from '@intentcast/core';

/** Where a command reads and writes. The process streams in use; collecting buffers in tests. */
export interface Io {
  stdin: AsyncIterable<Uint8Array | string>;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  /** The environment: INTENTCAST_KEYS, INTENTCAST_RELAY, NO_COLOR. None unless given. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Stop a long-running command (watch, relay) on SIGINT and SIGTERM. Default false. */
  signals?: boolean;
}

/** The streams of this process. */
export function processIo(): Io {
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    signals: true,
  };
}

/**
 * A failure that is the caller's to fix rather than the input's: a bad option, a file that cannot be read
 * or written. The command exits with status 2.
 */
export class UsageError extends Error {
  override name = 'UsageError' as const;
}

const FS_REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'a parent is not a directory',
  EEXIST: 'file already exists',
};

function fsFailure(action: string, path: string, err: unknown): UsageError {
  const code = (err as NodeJS.ErrnoException).code;
  const reason = (code !== undefined && FS_REASONS[code]) || (err as Error).message;
  return new UsageError(`cannot ${action} ${JSON.stringify(path)}: ${reason}`, { cause: err });
}

function tooLarge(size: string): IntentcastError {
  return new IntentcastError('ERR_TOO_LARGE', `input is ${size} bytes; the limit is ${LIMITS.maxTextBytes}`);
}

/**
 * Reads a whole input: the file at `path`, or standard input when `path` is `-`. Anything longer than the
 * protocol's largest JSON text is refused (ERR_TOO_LARGE) before more of it is read into memory.
 */
export async function readInput(path: string, io: Io): Promise<Uint8Array> {
  if (path === '-') return readStream(io.stdin);
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r');
    const { size } = await handle.stat();
    if (size > LIMITS.maxTextBytes) throw tooLarge(String(size));
    // Read as a stream even so: a pipe or device reports size 0 however much it holds.
    return await readStream(handle.createReadStream({ autoClose: false }));
  } catch (err) {
    if (err instanceof IntentcastError) throw err;
    throw fsFailure('read', path, err);
  } finally {
    await handle?.close();
  }
}

async function readStream(stream: AsyncIterable<Uint8Array | string>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
    length += bytes.length;
    if (length > LIMITS.maxTextBytes) throw tooLarge(`more than ${LIMITS.maxTextBytes}`);
    chunks.push(bytes);
  }
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/**
 * Reads an input that must hold one JSON object, parsed under the protocol's strict rules. Throws ERR_JSON,
 * ERR_TOO_LARGE or ERR_TOO_DEEP for text that is not such JSON, ERR_SCHEMA for JSON that is not an object.
 */
export async function readJsonObject(path: string, io: Io): Promise<Record<string, unknown>> {
  const value = parseJson(await readInput(path, io));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new IntentcastError('ERR_SCHEMA', 'expected a JSON object', { path: '' });
  }
  return value;
}

/**
 * Writes a secret file readable by its owner alone (mode 600). An existing file is left untouched unless
 * `replace` is set; it is then replaced in one rename, so no reader ever sees a partial key and the new file
 * never inherits the old one's permissions.
 */
export async function writeSecretFile(path: string, text: string, replace: boolean): Promise<void> {
  if (!replace) {
    await writeNew(path, text).catch((err: unknown) => {
      const exists = (err as NodeJS.ErrnoException).code === 'EEXIST';
      throw exists
        ? new UsageError(`${JSON.stringify(path)} already exists; add --force to replace it`)
        : fsFailure('write', path, err);
    });
    return;
  }
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeNew(temporary, text);
    await rename(temporary, path);
  } catch (err) {
    await unlink(temporary).catch(() => {});
    throw fsFailure('write', path, err);
  }
}

async function writeNew(path: string, text: string): Promise<void> {
  // 'wx' fails when the path exists, symbolic links included, so nothing is followed or overwritten.
  const handle = await open(path, 'wx', 0o600);
  try {
    // The mode given to open is narrowed by the umask; set it outright so it is exactly 600.
    await handle.chmod(0o600);
    await handle.writeFile(text);
  } catch (err) {
    await handle.close();
    await unlink(path).catch(() => {});
    throw err;
  }
  await handle.close();
}
