import {
  type VerifyOptions as CheckOptions,
  isIntentcastError,
  type Result,
  toFailure,
  validateMessage,
} from '@intentcast/core';
import { InvalidArgumentError } from 'commander';
import type { Context } from '../context.js';
import { readInput } from '../io.js';
import { EXIT, formatFailure } from '../report.js';

export interface VerifyOptions {
  /** The time to check expiry against, in epoch milliseconds; the current time unless given. */
  now?: number;
  /** False to skip the expiry and clock-skew checks. */
  time?: boolean;
  /** Print a JSON object on standard output instead of text. */
  json?: boolean;
}

const RFC3339_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i;

/**
 * Parses the value of `--now`: an RFC 3339 date and time with a zone, such as 2026-11-23T09:30:00Z.
 *
 * @example
 * parseNow('2026-11-23T09:30:00Z'); // 1795426200000
 */
export function parseNow(value: string): number {
  const ms = RFC3339_RE.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new InvalidArgumentError('expected an RFC 3339 time such as 2026-11-23T09:30:00Z.');
  }
  return ms;
}

/**
 * `intentcast verify FILE [--now TIME | --no-time] [--json]`: checks a signed message completely, in the
 * order the spec gives, and exits 0 when it is valid, 1 when it is not. FILE may be `-` for standard input.
 *
 * @example
 * await verify('offer.json', { now: Date.parse('2026-11-23T09:30:00Z') }, context); // prints valid <id>
 */
export async function verify(
  file: string,
  options: VerifyOptions,
  { io, backend }: Context,
): Promise<number> {
  const check: CheckOptions = { backend, checkTime: options.time !== false };
  if (options.now !== undefined) check.now = options.now;
  const result = await readAndValidate(file, io, check);
  if (options.json) {
    const output = result.ok ? { ok: true, id: result.value } : result;
    io.stdout.write(`${JSON.stringify(output)}\n`);
  } else if (result.ok) {
    io.stdout.write(`valid ${result.value}\n`);
  } else {
    io.stderr.write(`${formatFailure(result)}\n`);
  }
  return result.ok ? EXIT.ok : EXIT.invalid;
}

async function readAndValidate(
  file: string,
  io: Context['io'],
  check: CheckOptions,
): Promise<Result<string>> {
  let bytes: Uint8Array;
  try {
    bytes = await readInput(file, io);
  } catch (err) {
    // An oversized input is the message's fault, so it is a verdict; an unreadable file is not.
    if (isIntentcastError(err)) return toFailure(err);
    throw err;
  }
  const result = validateMessage(bytes, check);
  return result.ok ? { ok: true, value: result.value.id } : result;
}
