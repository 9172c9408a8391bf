import { messageId } from '@intentcast/core';
import type { Context } from '../context.js';
import { readJsonObject } from '../io.js';
import { EXIT } from '../report.js';

/**
 * `intentcast id FILE`: prints the id of a message, the SHA-256 of its canonical form without `id` and
 * `sig`. The message need not be valid or signed, only a JSON object under the protocol's strict JSON rules;
 * an `id` it carries is ignored, not checked. FILE may be `-` for standard input.
 *
 * @example
 * await id('intent.json', context); // prints 64 hexadecimal digits
 */
export async function id(file: string, { io }: Context): Promise<number> {
  const message = await readJsonObject(file, io);
  io.stdout.write(`${messageId(message)}\n`);
  return EXIT.ok;
}
