import type { Io } from './io.js';

const CODES = { bold: 1, dim: 2, red: 31, green: 32, yellow: 33, cyan: 36 } as const;

/** A colour name of `paint`. */
export type Colour = keyof typeof CODES;

/**
 * Colours text for a terminal: only when standard output is a TTY and NO_COLOR is unset (no-color.org).
 *
 * @example
 * const paint = painter(io); io.stdout.write(`${paint('green', 'ok')}\n`);
 */
export function painter(io: Io): (colour: Colour, text: string) => string {
  const on = io.stdout.isTTY === true && !io.env?.NO_COLOR;
  return (colour, text) => (on ? `\u001b[${CODES[colour]}m${text}\u001b[0m` : text);
}

/** Writes one line of JSON. */
export function writeJson(io: Io, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value)}\n`);
}

/** What a publish reports per relay: stored (with the receipt's seq) or failed (with the code). */
export interface PublishOutcome {
  receipts: { relay: string; receipt: { seq: number } }[];
  failures: { relay: string; error: { code: string; message: string } }[];
}

/** One status line per relay, for the outcome of a publish. */
export function writeRelayStatus(io: Io, outcome: PublishOutcome): void {
  const paint = painter(io);
  for (const { relay, receipt } of outcome.receipts) {
    io.stdout.write(`  ${paint('green', 'stored')} ${relay} (seq ${receipt.seq})\n`);
  }
  for (const { relay, error } of outcome.failures) {
    io.stdout.write(`  ${paint('red', 'failed')} ${relay} ${error.code}: ${error.message}\n`);
  }
}

/** The outcome of a publish as JSON members. */
export function relayStatusJson(outcome: PublishOutcome) {
  return {
    relays: [
      ...outcome.receipts.map(({ relay, receipt }) => ({ relay, ok: true, seq: receipt.seq })),
      ...outcome.failures.map(({ relay, error }) => ({
        relay,
        ok: false,
        code: error.code,
        message: error.message,
      })),
    ],
  };
}
