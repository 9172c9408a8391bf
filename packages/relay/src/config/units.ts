/**
 * Durations and sizes as operators write them: `90s`, `15m`, `1h`, `30d`; `64KiB`, `1MiB`. A plain
 * integer is taken in the key's own unit (milliseconds, bytes).
 */

const DURATION_UNITS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

const SIZE_UNITS: Readonly<Record<string, number>> = {
  B: 1,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
};

function withUnit(text: string, units: Readonly<Record<string, number>>): number | undefined {
  const match = /^([0-9]+(?:\.[0-9]+)?) *([A-Za-z]*)$/.exec(text.trim());
  if (match === null) return undefined;
  const factor = match[2] === '' ? 1 : units[match[2]!];
  if (factor === undefined) return undefined;
  const value = Number(match[1]) * factor;
  return Number.isSafeInteger(value) ? value : undefined;
}

/**
 * Milliseconds from `"1500"`, `"90s"`, `"15m"`, `"1h"` or `"2d"`; undefined for anything else.
 *
 * @example
 * parseDuration('15m'); // 900000
 */
export function parseDuration(text: string): number | undefined {
  return withUnit(text, DURATION_UNITS);
}

/**
 * Bytes from `"65536"`, `"64KiB"`, `"1MiB"` or `"1GiB"`; undefined for anything else.
 *
 * @example
 * parseSize('1MiB'); // 1048576
 */
export function parseSize(text: string): number | undefined {
  return withUnit(text, SIZE_UNITS);
}
