import { IntentcastError } from './errors.js';
import type { Timestamp } from './types.js';

/**
 * Milliseconds since the epoch of a protocol timestamp that has already matched the schema's pattern.
 * Throws ERR_TIME_INVALID for a date that does not exist (such as February 30) or a year outside 0001 to
 * 9999: the Gregorian calendar of RFC 3339 has no year 0.
 *
 * @example
 * parseTimestamp('2026-03-02T09:00:00Z'); // 1772442000000
 * parseTimestamp('2026-02-30T09:00:00Z'); // throws ERR_TIME_INVALID
 */
export function parseTimestamp(value: Timestamp, path?: string): number {
  const ms = Date.parse(value);
  // Date.parse rolls impossible days over (2026-02-30 becomes March 2); a round trip catches it.
  const iso = Number.isNaN(ms) ? '' : new Date(ms).toISOString();
  const expected = value.length === 20 ? `${value.slice(0, 19)}.000Z` : value;
  if (iso !== expected || value.startsWith('0000')) {
    throw new IntentcastError(
      'ERR_TIME_INVALID',
      `${JSON.stringify(value)} is not a real UTC time`,
      path ? { path } : {},
    );
  }
  return ms;
}

/**
 * Formats a time as a protocol timestamp with whole seconds, the form this software writes.
 *
 * @example
 * formatTimestamp(Date.UTC(2026, 10, 23, 9, 30)); // '2026-11-23T09:30:00Z'
 */
export function formatTimestamp(time: number | Date): Timestamp {
  const ms = typeof time === 'number' ? time : time.getTime();
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
