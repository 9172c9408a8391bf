import { assertKeyName, type KeyRecord, keyName } from '@intentcast/client';
import {
  didKeyFromPublicKey,
  formatTimestamp,
  IntentcastError,
  jwkFromKeyPair,
  keyPairFromJwk,
} from '@intentcast/core';
import type { Context } from '../context.js';
import { readJsonObject, UsageError } from '../io.js';
import { painter, writeJson } from '../output.js';
import { EXIT } from '../report.js';
import { Session, type SessionOptions } from '../session.js';

export interface KeysOptions extends Pick<SessionOptions, 'keys'> {
  json?: boolean;
}

/** The Ed25519 signing key of a record; a seal record has none. */
function signingJwk(record: KeyRecord) {
  return record.kind === 'seal' ? undefined : record.signingKey;
}

function checkName(name: string): void {
  try {
    assertKeyName(name);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/**
 * `intentcast keys list`: the names of the keystore's records, with the did:key of each signing key. No
 * private part is ever printed.
 *
 * @example
 * await keysList({ json: true }, context);
 */
export async function keysList(options: KeysOptions, { io, backend }: Context): Promise<number> {
  const session = new Session(options, io, backend);
  try {
    const names = (await session.keystore.list()).sort();
    const entries = [];
    for (const name of names) {
      const record = await session.keystore.get(name);
      if (record === undefined) continue;
      const jwk = signingJwk(record);
      const did = jwk === undefined ? undefined : didKeyFromPublicKey(keyPairFromJwk(jwk, backend).publicKey);
      entries.push({
        name,
        kind: record.kind,
        ...(did === undefined ? {} : { did }),
        created: record.created,
      });
    }
    if (options.json) writeJson(io, { keys: entries });
    else {
      const paint = painter(io);
      for (const entry of entries)
        io.stdout.write(`${paint('cyan', entry.name)} ${entry.did ?? '(seal key)'}\n`);
    }
    return EXIT.ok;
  } finally {
    await session.close();
  }
}

/**
 * `intentcast keys export NAME [--private]`: prints the public JWK of a record's signing key; with
 * `--private`, the private JWK, and a warning on standard error.
 *
 * @example
 * await keysExport('identity.default', {}, context); // {"kty":"OKP","crv":"Ed25519","x":"…"}
 */
export async function keysExport(
  name: string,
  options: KeysOptions & { private?: boolean },
  { io, backend }: Context,
): Promise<number> {
  checkName(name);
  const session = new Session(options, io, backend);
  try {
    const record = await session.keystore.get(name);
    if (record === undefined) throw new IntentcastError('ERR_NOT_FOUND', `the keystore holds no ${name}`);
    const jwk = signingJwk(record);
    if (jwk === undefined) throw new UsageError(`${name} is a seal key; only signing keys are exported`);
    const pair = keyPairFromJwk(jwk, backend);
    if (options.private) {
      io.stderr.write('warning: this is the private key; whoever holds it can sign as it\n');
      io.stdout.write(`${JSON.stringify(jwkFromKeyPair(pair), null, 2)}\n`);
    } else {
      io.stdout.write(`${JSON.stringify(jwkFromKeyPair({ publicKey: pair.publicKey }), null, 2)}\n`);
    }
    return EXIT.ok;
  } finally {
    await session.close();
  }
}

/**
 * `intentcast keys import FILE [--name NAME]`: stores a private Ed25519 JWK as a vendor identity
 * (`identity.default` unless named) and prints its did:key. An existing record is never replaced.
 *
 * @example
 * await keysImport('vendor.jwk', { name: 'identity.default' }, context);
 */
export async function keysImport(
  file: string,
  options: KeysOptions & { name?: string },
  { io, backend }: Context,
): Promise<number> {
  const name = options.name ?? keyName('identity', 'default');
  checkName(name);
  if (!name.startsWith('identity.'))
    throw new UsageError('--name: only identity.<name> records can be imported');
  const jwk = await readJsonObject(file, io);
  const pair = keyPairFromJwk(jwk, backend);
  if (pair.secretKey === undefined) {
    throw new IntentcastError('ERR_KEY_INVALID', `${JSON.stringify(file)}: JWK has no private part "d"`, {
      path: '/d',
    });
  }
  const session = new Session(options, io, backend);
  try {
    if ((await session.keystore.get(name)) !== undefined) {
      throw new UsageError(`the keystore already holds ${name}; it is never replaced`);
    }
    await session.keystore.put(name, {
      kind: 'identity',
      signingKey: jwkFromKeyPair(pair),
      created: formatTimestamp(Date.now()),
    });
    const did = didKeyFromPublicKey(pair.publicKey);
    if (options.json) writeJson(io, { name, did });
    else io.stdout.write(`${name} ${did}\n`);
    return EXIT.ok;
  } finally {
    await session.close();
  }
}
