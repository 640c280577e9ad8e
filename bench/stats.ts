// Small statistics the bench's timings share.

/**
 * The median of some numbers (the mean of the two middle ones for an even count).
 *
 * @param values - The numbers (not modified).
 * @returns Their median; `NaN` for none.
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
