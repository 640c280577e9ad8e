/**
 * The iteration order of a Java `HashSet<String>` after inserting strings in a given order. event-ruler
 * keeps anything-but wildcard operands in a HashSet and checks their syntax in its iteration order, so
 * when several are invalid, the one AWS reports is the first in that order, not the first written.
 * Assumes no bucket is ever treeified (a bucket would need 8 colliding strings in a table of 64+).
 */

/**
 * Java's `String.hashCode()` over UTF-16 code units.
 *
 * @param s - The string.
 * @returns The 32-bit signed hash.
 */
export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/**
 * Orders distinct strings as a `java.util.HashSet` built by adding `values` in order would iterate.
 *
 * @param values - Strings in insertion order; duplicates are dropped like `add` drops them.
 * @returns The distinct strings in HashSet iteration order.
 */
export function javaHashSetOrder(values: readonly string[]): string[] {
  const distinct: string[] = [];
  const seen = new Set<string>();
  for (const v of values) {
    if (!seen.has(v)) {
      seen.add(v);
      distinct.push(v);
    }
  }
  // HashMap starts at 16 buckets and doubles whenever the size exceeds 3/4 of the table.
  let buckets = 16;
  while (distinct.length > buckets * 0.75) buckets *= 2;
  const indexed = distinct.map((v, order) => {
    const h = javaStringHash(v);
    return { v, order, bucket: (h ^ (h >>> 16)) & (buckets - 1) };
  });
  // Splitting buckets on resize keeps insertion order inside each bucket.
  indexed.sort((a, b) => a.bucket - b.bucket || a.order - b.order);
  return indexed.map((e) => e.v);
}
