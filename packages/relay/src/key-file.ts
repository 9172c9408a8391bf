import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { generateKeyPair, jwkFromKeyPair, type KeyPair, keyPairFromJwk } from '@intentcast/core';

/**
 * Loads the relay key from a private JWK file, or on first start generates one and writes it with mode
 * 600. The key is the relay's identity: losing it makes every receipt and token it signed unverifiable
 * under a new key.
 *
 * @example
 * const { key, created } = await loadOrCreateRelayKey('./data/relay-key.json');
 */
export async function loadOrCreateRelayKey(path: string): Promise<{ key: KeyPair; created: boolean }> {
  let text: string | undefined;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (text === undefined) {
    const key = generateKeyPair();
    // 'wx' fails if another process created the file meanwhile, rather than replacing its key.
    await writeFile(path, `${JSON.stringify(jwkFromKeyPair(key), null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    await chmod(path, 0o600);
    return { key, created: true };
  }
  const pair = keyPairFromJwk(JSON.parse(text));
  if (pair.secretKey === undefined)
    throw new Error(`${path} holds a public key; the relay needs its private JWK`);
  if (((await stat(path)).mode & 0o077) !== 0) await chmod(path, 0o600);
  return { key: { publicKey: pair.publicKey, secretKey: pair.secretKey }, created: false };
}
