/**
 * `equals-ignore-case` as event-ruler defines it (docs/semantics.md §3.7): the pattern is compiled, per
 * code point `c`, into the alternatives `lower(c)` and `upper(c)` (full, locale-independent
 * mappings); the event string is never transformed. Alternatives differ in length (`ß` vs `SS`),
 * so matching runs a tiny NFA over positions of the event string: |p| steps over a set of live
 * positions. No character's lower form is a proper prefix of its upper form or the reverse, so in
 * practice the set holds one position; at worst it grows by one per step (O(|p|²)), never
 * exponentially, and the event string's length never matters beyond the characters compared.
 */

/** A compiled ignore-case pattern. */
export interface IgnoreCasePattern {
  /** The pattern as written. */
  readonly source: string;
  /**
   * One entry per code point of `source`: the distinct strings that code point may match, lower
   * case first. `"Straße"` gives `[["s","S"],["t","T"],["r","R"],["a","A"],["ß","SS"],["e","E"]]`.
   */
  readonly alternatives: readonly (readonly string[])[];
}

/**
 * Compiles an ignore-case pattern. Iterates by code point, so supplementary characters keep their
 * case mappings (event-ruler iterates UTF-16 units and mangles them: quirk Q6, fixed here).
 *
 * @param p - The pattern string (the operand of `equals-ignore-case`).
 * @returns The compiled pattern.
 */
export function compileIgnoreCase(p: string): IgnoreCasePattern {
  const alternatives: string[][] = [];
  for (const c of p) {
    const lower = c.toLowerCase();
    const upper = c.toUpperCase();
    alternatives.push(lower === upper ? [lower] : [lower, upper]);
  }
  return { source: p, alternatives };
}

/**
 * Advances a set of positions of `s` over the pattern, left to right.
 *
 * @returns The distinct positions reached after consuming every alternative (possibly none).
 */
function forward(p: IgnoreCasePattern, s: string): number[] {
  let positions = [0];
  for (const alts of p.alternatives) {
    const next: number[] = [];
    for (const pos of positions) {
      for (const alt of alts) {
        if (s.startsWith(alt, pos)) {
          const end = pos + alt.length;
          if (!next.includes(end)) next.push(end);
        }
      }
    }
    if (next.length === 0) return next;
    positions = next;
  }
  return positions;
}

/**
 * Whether `s` equals the pattern under the per-code-point rule. Hot for fields with
 * `equals-ignore-case` patterns; allocation is a few small arrays per call.
 *
 * @param p - The compiled pattern.
 * @param s - The event string, untransformed.
 * @returns Whether some choice of alternatives spells exactly `s`.
 */
export function equalsIgnoreCase(p: IgnoreCasePattern, s: string): boolean {
  return forward(p, s).includes(s.length);
}

/**
 * Whether `s` starts with something matching the pattern (`{"prefix":{"equals-ignore-case":p}}`).
 *
 * @param p - The compiled pattern.
 * @param s - The event string.
 * @returns Whether a prefix of `s` matches; always true for the empty pattern.
 */
export function startsWithIgnoreCase(p: IgnoreCasePattern, s: string): boolean {
  return p.alternatives.length === 0 || forward(p, s).length > 0;
}

/**
 * Whether `s` ends with something matching the pattern (`{"suffix":{"equals-ignore-case":p}}`).
 * Runs the NFA right to left from the end of `s`.
 *
 * @param p - The compiled pattern.
 * @param s - The event string.
 * @returns Whether a suffix of `s` matches; always true for the empty pattern.
 */
export function endsWithIgnoreCase(p: IgnoreCasePattern, s: string): boolean {
  let positions = [s.length];
  for (let i = p.alternatives.length - 1; i >= 0; i--) {
    const alts = p.alternatives[i] ?? [];
    const next: number[] = [];
    for (const pos of positions) {
      for (const alt of alts) {
        const start = pos - alt.length;
        if (start >= 0 && s.startsWith(alt, start) && !next.includes(start)) next.push(start);
      }
    }
    if (next.length === 0) return false;
    positions = next;
  }
  return true;
}
