import { IntentcastError, type SignableMessage, signMessage } from '@intentcast/core';
import type { Context } from '../context.js';
import { readJsonObject, UsageError } from '../io.js';
import { readSigningKey } from '../key.js';
import { EXIT } from '../report.js';

export interface SignOptions {
  /** The private JWK file to sign with. */
  key: string;
}

/**
 * `intentcast sign FILE --key KEYFILE`: completes an unsigned message (fills in `author` and `nonce` when
 * missing, computes `id` and `sig`), checks it against every rule but expiry, and prints it as JSON.
 * FILE may be `-` for standard input.
 *
 * @example
 * await sign('draft.json', { key: 'buyer.jwk' }, context); // prints the signed message
 */
export async function sign(file: string, options: SignOptions, context: Context): Promise<number> {
  if (file === '-' && options.key === '-') {
    throw new UsageError('the message and the key cannot both come from standard input');
  }
  const message = await readJsonObject(file, context.io);
  const key = await readSigningKey(options.key, context);
  // Core refuses a foreign author too, but cannot say which two keys differ; the user needs both.
  if (message.author !== undefined && message.author !== key.did) {
    throw new IntentcastError(
      'ERR_KEY_INVALID',
      `author is ${JSON.stringify(message.author)} but the key is ${key.did}; ` +
        'sign with the author key, or remove author to sign as the key',
      { path: '/author' },
    );
  }
  const signed = signMessage(message as unknown as SignableMessage, key.secretKey, {
    backend: context.backend,
  });
  context.io.stdout.write(`${JSON.stringify(signed, null, 2)}\n`);
  return EXIT.ok;
}
