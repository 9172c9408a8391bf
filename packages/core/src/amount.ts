/**
 * Compares two decimal amount strings that match the protocol's amount pattern, exactly (no floating point).
 * Returns a negative number, zero or a positive number as `a` is less than, equal to or greater than `b`.
 *
 * @example
 * compareAmounts('10.5', '10.50'); // 0
 * compareAmounts('9.99', '10');    // < 0
 */
export function compareAmounts(a: string, b: string): number {
  const [ai = '', af = ''] = a.split('.');
  const [bi = '', bf = ''] = b.split('.');
  if (ai.length !== bi.length) return ai.length - bi.length;
  if (ai !== bi) return ai < bi ? -1 : 1;
  const width = Math.max(af.length, bf.length);
  const pa = af.padEnd(width, '0');
  const pb = bf.padEnd(width, '0');
  return pa === pb ? 0 : pa < pb ? -1 : 1;
}
