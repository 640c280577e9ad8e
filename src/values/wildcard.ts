/**
 * The `wildcard` operator (docs/semantics.md §3.6) and event-ruler's wildcard complexity score (§5).
 * A glob is split on its unescaped `*` into literal segments; the whole string must match, so the
 * first and last segments are anchored and the middle ones are found greedily left to right, which
 * is linear-ish (no backtracking: taking the leftmost occurrence of each segment is always safe).
 * The complexity score lives in wildcard-complexity.ts and is re-exported here.
 */

/** A compiled wildcard: the literal pieces between unescaped `*`, escapes resolved. */
export interface CompiledWildcard {
  /** The glob as written. */
  readonly source: string;
  /**
   * `segments[0] * segments[1] * ... * segments[n]`; a glob without `*` has exactly one segment.
   * `"a*b\\*c*"` gives `["a", "b*c", ""]`.
   */
  readonly segments: readonly string[];
}

/** UTF-8 length of the code point starting at `s[i]` as Java encodes it (a lone surrogate is `?`). */
function utf8Length(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 0x80) return 1;
  if (c < 0x800) return 2;
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = s.charCodeAt(i + 1);
    return d >= 0xdc00 && d <= 0xdfff ? 4 : 1;
  }
  if (c >= 0xdc00 && c <= 0xdfff) return 1;
  return 3;
}

/**
 * Checks wildcard syntax as event-ruler does.
 *
 * Positions are 1 + the UTF-8 byte offset in `w` (event-ruler counts in the value with its leading
 * `"`): `"a**"` → pos 2, `"é**"` → pos 3, `"abc\\"` → pos 4.
 *
 * @param w - The glob as written (after JSON unescaping).
 * @returns `"Consecutive wildcard characters at pos N"` (N is the first `*` of the pair),
 *   `"Invalid escape character at pos N"` (N is the backslash), or `undefined` when valid.
 */
export function checkWildcard(w: string): string | undefined {
  let pos = 1;
  for (let i = 0; i < w.length; ) {
    const c = w.charCodeAt(i);
    if (c === 42 /* * */) {
      if (w.charCodeAt(i + 1) === 42) return `Consecutive wildcard characters at pos ${pos}`;
    } else if (c === 92 /* \ */) {
      const next = w.charCodeAt(i + 1);
      if (next !== 42 && next !== 92) return `Invalid escape character at pos ${pos}`;
      i += 2;
      pos += 2;
      continue;
    }
    const n = utf8Length(w, i);
    pos += n;
    i += n === 4 ? 2 : 1;
  }
  return undefined;
}

/**
 * Compiles a glob for {@link matchesWildcard}.
 *
 * @param w - A glob that passes {@link checkWildcard}.
 * @returns The compiled glob.
 * @throws Error if `w` fails {@link checkWildcard} (validation must run first).
 */
export function compileWildcard(w: string): CompiledWildcard {
  const problem = checkWildcard(w);
  if (problem !== undefined) throw new Error(`Invalid wildcard ${JSON.stringify(w)}: ${problem}`);
  const segments: string[] = [];
  let current = '';
  for (let i = 0; i < w.length; i++) {
    const c = w[i];
    if (c === '\\') {
      current += w[i + 1] ?? '';
      i++;
    } else if (c === '*') {
      segments.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  segments.push(current);
  return { source: w, segments };
}

/**
 * Whether the whole of `s` matches the glob; `*` stands for any run of characters, including none.
 * Case-sensitive. Linear apart from `indexOf`: `*a*a*a*b` against 100,000 `a`s answers at once.
 * Hot for fields with wildcard patterns: no allocation per call.
 *
 * @param c - The compiled glob.
 * @param s - The event string.
 * @returns Whether `s` matches.
 */
export function matchesWildcard(c: CompiledWildcard, s: string): boolean {
  return matchesSegments(c.segments, s);
}

/**
 * {@link matchesWildcard} given only the segments of the compiled glob (for callers that keep the
 * segments without the rest of the {@link CompiledWildcard}).
 *
 * @param segs - `CompiledWildcard.segments`.
 * @param s - The event string.
 * @returns Whether `s` matches.
 */
export function matchesSegments(segs: readonly string[], s: string): boolean {
  const first = segs[0] ?? '';
  if (segs.length === 1) return s === first;
  const last = segs[segs.length - 1] ?? '';
  if (s.length < first.length + last.length) return false;
  if (!s.startsWith(first) || !s.endsWith(last)) return false;
  let pos = first.length;
  const end = s.length - last.length;
  for (let k = 1; k < segs.length - 1; k++) {
    const seg = segs[k] ?? '';
    if (seg.length === 0) continue;
    const at = s.indexOf(seg, pos);
    if (at < 0 || at + seg.length > end) return false;
    pos = at + seg.length;
  }
  return true;
}

/**
 * Whether a glob has exactly one `*` and no backslash: the common shape (`uploads/*`, `*.png`,
 * `img-*.jpg`), which {@link matchesLoneStar} checks on the glob's own text, with no compiled
 * segments to keep.
 *
 * @param w - A glob that passes {@link checkWildcard}.
 * @returns Whether `w` is a lone-star glob.
 */
export function isLoneStar(w: string): boolean {
  const star = w.indexOf('*');
  return star >= 0 && w.indexOf('*', star + 1) < 0 && w.indexOf('\\') < 0;
}

/**
 * {@link matchesWildcard} for a glob that {@link isLoneStar}: `s` starts with the text before the
 * `*` and ends with the text after it, without overlap. Hot: no allocation, one pass over the two
 * literal ends.
 *
 * @param w - A lone-star glob.
 * @param s - The event string.
 * @returns Whether `s` matches.
 */
export function matchesLoneStar(w: string, s: string): boolean {
  const star = w.indexOf('*');
  const n = s.length;
  const m = w.length;
  if (n < m - 1) return false;
  for (let i = 0; i < star; i++) if (s.charCodeAt(i) !== w.charCodeAt(i)) return false;
  for (let i = 1; i < m - star; i++) if (s.charCodeAt(n - i) !== w.charCodeAt(m - i)) return false;
  return true;
}

export { wildcardComplexity } from './wildcard-complexity.js';
