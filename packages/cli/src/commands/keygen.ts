import { didKeyFromPublicKey, generateKeyPair, jwkFromKeyPair } from '@intentcast/core';
import type { Context } from '../context.js';
import { UsageError, writeSecretFile } from '../io.js';
import { EXIT } from '../report.js';

export interface KeygenOptions {
  /** The file to write the private JWK to. Without it, the JWK goes to standard output. */
  out?: string;
  /** Replace `out` if it exists. */
  force?: boolean;
}

/**
 * `intentcast keygen [--out FILE] [--force]`: makes a fresh Ed25519 key and writes it as a private JWK.
 * With `--out`, the key goes to a new file of mode 600 and the did:key to standard output; without it, the
 * key goes to standard output and the did:key to standard error, so `> key.json` captures only the key.
 *
 * @example
 * await keygen({ out: 'buyer.jwk' }, context); // prints did:key:z6Mk…
 */
export async function keygen(options: KeygenOptions, { io, backend }: Context): Promise<number> {
  if (options.force && options.out === undefined) throw new UsageError('--force needs --out');
  const keyPair = generateKeyPair(backend);
  const did = didKeyFromPublicKey(keyPair.publicKey);
  const text = `${JSON.stringify(jwkFromKeyPair(keyPair), null, 2)}\n`;
  if (options.out === undefined) {
    io.stdout.write(text);
    io.stderr.write(`${did}\n`);
  } else {
    await writeSecretFile(options.out, text, options.force === true);
    io.stdout.write(`${did}\n`);
  }
  return EXIT.ok;
}
