import type { Intent, Money, TimeWindow } from '@intentcast/core';

/** `149.90 EUR`. */
export function money(value: Money | undefined): string | undefined {
  return value === undefined ? undefined : `${value.amount} ${value.currency}`;
}

/** A budget as a range: `up to 180.00 EUR`, `100.00–180.00 EUR`. */
export function budget(value: Intent['body']['budget']): string | undefined {
  if (value === undefined) return undefined;
  return value.min === undefined
    ? `up to ${value.max} ${value.currency}`
    : `${value.min}–${value.max} ${value.currency}`;
}

/** A protocol timestamp, readable and still exact: `2026-03-05 08:00 UTC`. */
export function time(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(value);
  return match === null ? value : `${match[1]} ${match[2]} UTC`;
}

/** `2026-03-05 → 2026-03-07`. */
export function dates(value: TimeWindow | undefined): string | undefined {
  if (value === undefined) return undefined;
  return `${value.start.slice(0, 10)} → ${value.end.slice(0, 10)}`;
}

/** Bytes with a binary unit: `1.5 MiB`. */
export function bytes(value: number | undefined): string | undefined {
  if (value === undefined) return undefined;
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let n = value;
  let unit = 0;
  while (n >= 1024 && unit < units.length - 1) {
    n /= 1024;
    unit++;
  }
  return `${unit === 0 ? n : n.toFixed(1)} ${units[unit]}`;
}

/** A duration in seconds: `3 d 4 h`, `5 min 2 s`. */
export function duration(seconds: number): string {
  const s = Math.floor(seconds);
  const parts: [number, string][] = [
    [Math.floor(s / 86_400), 'd'],
    [Math.floor((s % 86_400) / 3600), 'h'],
    [Math.floor((s % 3600) / 60), 'min'],
    [s % 60, 's'],
  ];
  const first = parts.findIndex(([n]) => n > 0);
  if (first === -1) return '0 s';
  return parts
    .slice(first, first + 2)
    .filter(([n]) => n > 0)
    .map(([n, unit]) => `${n} ${unit}`)
    .join(' ');
}
