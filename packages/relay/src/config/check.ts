import { isIP } from 'node:net';
import type { ConfigKey, KeyKind } from './keys.js';
import { parseDuration, parseSize } from './units.js';

/** A value converted to its key's type, or what is wrong with it. */
export type Checked = { ok: true; value: unknown } | { ok: false; message: string };

const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** A value as an error message shows it: JSON, cut short. */
export function show(value: unknown): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

const ok = (value: unknown): Checked => ({ ok: true, value });
const bad = (message: string): Checked => ({ ok: false, message });

function integerHint(kind: Extract<KeyKind, { type: 'integer' }>): string {
  const range =
    kind.max === Number.MAX_SAFE_INTEGER
      ? `a positive integer`
      : `an integer from ${kind.min} to ${kind.max}`;
  if (kind.unit === 'ms') return `${range} (milliseconds, or a duration like 90s, 15m, 1h, 2d)`;
  if (kind.unit === 'bytes') return `${range} (bytes, or a size like 64KiB, 1MiB)`;
  return range;
}

function checkInteger(kind: Extract<KeyKind, { type: 'integer' }>, value: unknown): Checked {
  let n: number | undefined;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string') {
    const t = value.trim();
    n =
      kind.unit === 'ms'
        ? parseDuration(t)
        : kind.unit === 'bytes'
          ? parseSize(t)
          : /^[0-9]+$/.test(t)
            ? Number(t)
            : undefined;
  }
  if (n === undefined || !Number.isSafeInteger(n) || n < kind.min || n > kind.max) {
    return bad(`expected ${integerHint(kind)}, got ${show(value)}`);
  }
  return ok(n);
}

function checkBoolean(value: unknown, text: boolean): Checked {
  if (typeof value === 'boolean') return ok(value);
  if (text && typeof value === 'string') {
    const t = value.trim().toLowerCase();
    if (t === 'true' || t === '1' || t === 'yes') return ok(true);
    if (t === 'false' || t === '0' || t === 'no') return ok(false);
  }
  return bad(`expected true or false, got ${show(value)}`);
}

/** Items of a list: an array, or text with comma-separated items; trimmed, empty items dropped. */
function listItems(value: unknown): string[] | undefined {
  const parts = typeof value === 'string' ? [value] : Array.isArray(value) ? value : undefined;
  if (parts === undefined || !parts.every((p) => typeof p === 'string')) return undefined;
  return parts.flatMap((p: string) => p.split(',').map((s) => s.trim())).filter((s) => s !== '');
}

function checkList(kind: Extract<KeyKind, { type: 'list' }>, value: unknown): Checked {
  const items = listItems(value);
  if (items === undefined) return bad(`expected a list of strings, got ${show(value)}`);
  if (items.length > kind.maxItems)
    return bad(`expected at most ${kind.maxItems} items, got ${items.length}`);
  for (const [i, item] of items.entries()) {
    const problem = kind.item(item);
    if (problem !== undefined) return bad(`item ${i} ${show(item)}: ${problem}`);
  }
  return ok([...new Set(items)]);
}

function proxyAddress(value: string): boolean {
  if (PROXY_RANGES.has(value) || isIP(value) !== 0) return true;
  const slash = value.indexOf('/');
  if (slash < 0) return false;
  const version = isIP(value.slice(0, slash));
  const prefix = value.slice(slash + 1);
  return version !== 0 && /^[0-9]{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

const TRUST_PROXY_HINT =
  'expected true, false, or proxy addresses (IPs, CIDRs, loopback, linklocal, uniquelocal)';

function checkTrustProxy(value: unknown, text: boolean): Checked {
  if (typeof value === 'boolean') return ok(value);
  if (text && typeof value === 'string' && /^(true|false)$/i.test(value.trim())) {
    return ok(value.trim().toLowerCase() === 'true');
  }
  const items = listItems(value);
  if (items === undefined || items.length === 0) return bad(`${TRUST_PROXY_HINT}, got ${show(value)}`);
  const wrong = items.find((item) => !proxyAddress(item));
  if (wrong !== undefined) return bad(`${show(wrong)} is not an IP address or CIDR; ${TRUST_PROXY_HINT}`);
  return ok([...new Set(items)]);
}

/**
 * Checks one value of `key` and converts it to the key's type. `text` is true for values that arrive as
 * text (environment variables, flags), which are parsed; values from a file must already have the type
 * (except durations and sizes, which may be written with units).
 *
 * @example
 * checkValue(KEYS_BY_PATH.get('listen.port')!, '8080', true); // { ok: true, value: 8080 }
 */
export function checkValue(key: ConfigKey, value: unknown, text: boolean): Checked {
  const { kind } = key;
  switch (kind.type) {
    case 'integer':
      if (typeof value === 'string' && !text && kind.unit === undefined) {
        return bad(`expected ${integerHint(kind)}, got the string ${show(value)}`);
      }
      return checkInteger(kind, value);
    case 'number': {
      const n =
        typeof value === 'string' && text && /^[0-9]+(\.[0-9]+)?$/.test(value.trim()) ? Number(value) : value;
      return typeof n === 'number' && Number.isFinite(n) && n >= kind.min && n <= kind.max
        ? ok(n)
        : bad(`expected a number from ${kind.min} to ${kind.max}, got ${show(value)}`);
    }
    case 'boolean':
      return checkBoolean(value, text);
    case 'string': {
      if (typeof value !== 'string') return bad(`expected a string, got ${show(value)}`);
      const problem = kind.check?.(value);
      return problem === undefined ? ok(value) : bad(`${problem}, got ${show(value)}`);
    }
    case 'enum':
      return typeof value === 'string' && kind.values.includes(value)
        ? ok(value)
        : bad(`expected one of ${kind.values.join(', ')}, got ${show(value)}`);
    case 'list':
      return checkList(kind, value);
    case 'trustProxy':
      return checkTrustProxy(value, text);
  }
}

/** Edit distance, to suggest the key an unknown one was probably meant to be. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1;
      row.push(Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost));
    }
    previous = row;
  }
  return previous[b.length]!;
}

/** The known name closest to `name`, if it is close enough to be a likely misspelling. */
export function closest(name: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const candidate of known) {
    const d = distance(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
