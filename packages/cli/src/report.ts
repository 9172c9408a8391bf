import { type Failure, isIntentcastError } from '@intentcast/core';
import { CommanderError } from 'commander';
import type { Io } from './io.js';
import { UsageError } from './io.js';

/** The exit statuses of the intentcast command (documented in the README). */
export const EXIT = {
  ok: 0,
  /** The input was read but failed a protocol check. */
  invalid: 1,
  /** A usage error, or a file that could not be read or written. */
  usage: 2,
  /** A fault in this program. */
  internal: 3,
} as const;

/**
 * One line for a failed protocol check: `CODE: message (at /json/pointer)`, without the pointer when the
 * failure concerns the input as a whole.
 *
 * @example
 * formatFailure({ ok: false, code: 'ERR_EXPIRED', message: 'message expired at …', path: '/expires' });
 * // 'ERR_EXPIRED: message expired at … (at /expires)'
 */
export function formatFailure(failure: Pick<Failure, 'code' | 'message' | 'path'>): string {
  const at = failure.path ? ` (at ${failure.path})` : '';
  return `${failure.code}: ${failure.message}${at}`;
}

/** Tells the user what went wrong and returns the exit status for it. Every error ends up here. */
export function reportError(err: unknown, io: Io): number {
  if (err instanceof CommanderError) {
    // Commander has already printed its message (or the help or version asked for).
    return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (err instanceof UsageError) {
    io.stderr.write(`error: ${err.message}\n`);
    return EXIT.usage;
  }
  if (isIntentcastError(err)) {
    io.stderr.write(`${formatFailure(err)}\n`);
    return EXIT.invalid;
  }
  const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
  io.stderr.write(`internal error: ${detail}\n`);
  return EXIT.internal;
}
