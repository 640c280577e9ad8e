/**
 * Strings the compiled rules hash and keep: one hash of a string key (path-table steps, condition
 * keys, the copies below), and flat copies of kept strings that share no memory with a pattern's
 * text.
 */

/**
 * A 32-bit hash of a string over all its UTF-16 code units (a small integer: map keys need no
 * boxing).
 *
 * @param key - The string.
 * @returns The hash.
 */
export function hashKey(key: string): number {
  return hashSpan(key, 0, key.length);
}

/**
 * {@link hashKey} of `text.slice(start, end)`, without slicing.
 *
 * @param text - Any string.
 * @param start - First index.
 * @param end - Index after the last.
 * @returns The hash.
 */
export function hashSpan(text: string, start: number, end: number): number {
  let h = end - start;
  for (let i = start; i < end; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return h;
}

/**
 * {@link hashKey} of the string whose code units are `codes[start, end)`: the scanner hashes keys
 * in its copy of the text's code units, which it reads faster than the text.
 *
 * @param codes - Code units.
 * @param start - First index.
 * @param end - Index after the last.
 * @returns The hash.
 */
export function hashCodes(codes: ArrayLike<number>, start: number, end: number): number {
  let h = end - start;
  for (let i = start; i < end; i++) h = (Math.imul(h, 31) + (codes[i] as number)) | 0;
  return h;
}

/**
 * A flat copy of a string that shares no memory with others. Strings sliced from a pattern's text
 * keep that whole text alive, and concatenations are chains of parts; V8 builds both only for
 * strings of 13 or more code units. The copies of short strings go through {@link recentCopies},
 * so the many rules that repeat a value (a `source`, a `detail-type`) share one copy.
 *
 * @param s - A string a compiled rule keeps.
 * @returns `s` itself when shorter than 13 code units, else a flat copy (shared when recent).
 */
export function own(s: string): string {
  const n = s.length;
  if (n < 13) return s;
  if (n > RECENT_MAX_LENGTH) return copy(s);
  const slot = hashKey(s) & (RECENT_SLOTS - 1);
  const seen = recentCopies[slot];
  if (seen === s) return seen;
  const fresh = copy(s);
  recentCopies[slot] = fresh;
  return fresh;
}

function copy(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}

/**
 * The last flat copies {@link own} made, by hash (a direct-mapped cache: a new string replaces the
 * one in its slot). Bounded: at most {@link RECENT_SLOTS} strings of up to
 * {@link RECENT_MAX_LENGTH} code units stay alive after their rules are gone.
 */
const RECENT_SLOTS = 256;
const RECENT_MAX_LENGTH = 64;
const recentCopies: (string | undefined)[] = new Array<string | undefined>(RECENT_SLOTS).fill(undefined);
