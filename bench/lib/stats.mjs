/** Small statistics helpers shared by the benchmark sections. */

/** The q-quantile (0..1) of an ascending array, by the nearest-rank method. */
export function quantile(sorted, q) {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** p50/p90/p99/max/mean of a list of millisecond samples, rounded to microseconds. */
export function summarize(samples) {
  const sorted = Float64Array.from(samples).sort();
  const round = (x) => Math.round(x * 1000) / 1000;
  let sum = 0;
  for (const x of sorted) sum += x;
  return {
    count: sorted.length,
    p50Ms: round(quantile(sorted, 0.5)),
    p90Ms: round(quantile(sorted, 0.9)),
    p99Ms: round(quantile(sorted, 0.99)),
    maxMs: round(sorted.length === 0 ? Number.NaN : sorted[sorted.length - 1]),
    meanMs: round(sorted.length === 0 ? Number.NaN : sum / sorted.length),
  };
}

/** Rounds to `digits` significant digits, for figures printed and stored. */
export function sig(x, digits = 3) {
  if (!Number.isFinite(x) || x === 0) return x;
  const scale = 10 ** (digits - 1 - Math.floor(Math.log10(Math.abs(x))));
  return Math.round(x * scale) / scale;
}

/** A ratio rounded to three significant digits, or null when either side is missing. */
export function ratio(value, base) {
  if (!Number.isFinite(value) || !Number.isFinite(base) || base === 0) return null;
  return sig(value / base);
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Seconds since `start` (a performance.now() value). */
export function secondsSince(start) {
  return (performance.now() - start) / 1000;
}
