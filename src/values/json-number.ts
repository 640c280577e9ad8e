/**
 * A JSON number as the engine sees it: its source text plus, when the text is *comparable*
 * (docs/semantics.md §2.4: exactly the shortest round-trip decimal of a finite double, as Java's
 * `Double.toString` prints it), that double. Equality of two numbers: both comparable with the same
 * double, or byte-identical text. `numberFromText` runs once per event number, so it is hot: short
 * mantissas (≤ 15 digits) take a fast path with no string building.
 */

/**
 * A JSON number as the engine sees it: its source text plus, when the text is *comparable*
 * (docs/semantics.md §2.4: exactly the shortest round-trip decimal of a finite double), that double.
 * Equality of two numbers: both comparable with the same double, or byte-identical text.
 */
export interface JsonNumber {
  /** The number exactly as spelled in the JSON source (`300.0`, `3e2`, `9007199254740993`). */
  readonly text: string;
  /** The double value when the text is comparable (with `-0` normalised to `0`), else `undefined`. */
  readonly value: number | undefined;
}

/** Smallest normal double; below it Java's 2-digit rule can differ from JS `String(x)`. */
const MIN_NORMAL = 2.2250738585072014e-308;

/**
 * Builds the {@link JsonNumber} for a JSON number token.
 *
 * Hot: called for every number of every event. A non-zero text whose mantissa has at most 15
 * digits and whose value is a normal double is always comparable, so it skips the exact
 * comparison; only long, zero, huge or subnormal spellings take the slow path.
 *
 * @param text - A syntactically valid JSON number token (`-0`, `300.0`, `3e2`, `1e400`).
 * @returns The number; `value` is set iff the text is comparable (docs/semantics.md §2.4), `-0` as `0`.
 */
export function numberFromText(text: string): JsonNumber {
  const x = Number(text);
  if (!Number.isFinite(x)) return { text, value: undefined };
  if (x === 0) return { text, value: hasZeroMantissa(text) ? 0 : undefined };
  if (hasFewDigits(text) && Math.abs(x) >= MIN_NORMAL) return { text, value: x };
  const comparable = normalizeDecimal(text) === normalizeDecimal(javaDoubleToString(x));
  return { text, value: comparable ? (x === 0 ? 0 : x) : undefined };
}

/**
 * Builds the {@link JsonNumber} for a number of an event that was already parsed into JavaScript
 * values, where the source spelling is lost.
 *
 * Such a number is read as if its JSON text were `String(x)` (the shortest round-trip spelling), so
 * an object event and its `JSON.stringify` text always match alike, including the few subnormals
 * that Java prints differently (`5e-324` is not comparable, so it matches the literal `5e-324` by text).
 *
 * @param x - The number.
 * @returns `numberFromText(String(x))`; for NaN and ±Infinity, which JSON cannot spell, `value` is `undefined`.
 */
export function numberFromValue(x: number): JsonNumber {
  if (!Number.isFinite(x)) return { text: String(x), value: undefined };
  return numberFromText(String(x));
}

/**
 * Equality of two JSON numbers (docs/semantics.md §2.4): both comparable with the same double, or
 * byte-identical source text.
 *
 * @param a - One number.
 * @param b - The other number.
 * @returns Whether a pattern literal `a` matches event value `b` (the relation is symmetric).
 */
export function numbersEqual(a: JsonNumber, b: JsonNumber): boolean {
  if (a.value !== undefined && b.value !== undefined && a.value === b.value) return true;
  return a.text === b.text;
}

/**
 * Whether the mantissa of `text` (the part before any exponent) has at most 15 digits. Any such
 * decimal in the normal range survives a trip through a double and back (15 is DBL_DIG), and no
 * other decimal of at most 15 digits rounds to the same double, so the text is comparable.
 */
function hasFewDigits(text: string): boolean {
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (++digits > 15) return false;
    } else if (c === 101 || c === 69) {
      return true;
    }
  }
  return true;
}

/** Whether every mantissa digit of `text` is 0 (so the text is exactly zero, whatever its exponent). */
function hasZeroMantissa(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 49 && c <= 57) return false;
    if (c === 101 || c === 69) return true;
  }
  return true;
}

/**
 * The exact decimal value of a number text in a canonical form: `-?<digits>e<exp>` with no leading
 * or trailing zeros in `digits`, or `0` for zero (of either sign). Linear in the text length.
 */
function normalizeDecimal(text: string): string {
  let i = 0;
  let negative = false;
  if (text[0] === '-') {
    negative = true;
    i = 1;
  } else if (text[0] === '+') {
    i = 1;
  }
  let ePos = text.indexOf('e', i);
  if (ePos < 0) ePos = text.indexOf('E', i);
  const mantissa = ePos < 0 ? text.slice(i) : text.slice(i, ePos);
  const exponent = ePos < 0 ? 0 : Number(text.slice(ePos + 1));
  const dot = mantissa.indexOf('.');
  const intPart = dot < 0 ? mantissa : mantissa.slice(0, dot);
  const fracPart = dot < 0 ? '' : mantissa.slice(dot + 1);
  const all = intPart + fracPart;
  let start = 0;
  while (start < all.length && all.charCodeAt(start) === 48) start++;
  if (start === all.length) return '0';
  let end = all.length;
  while (all.charCodeAt(end - 1) === 48) end--;
  const exp10 = exponent - fracPart.length + (all.length - end);
  return `${negative ? '-' : ''}${all.slice(start, end)}e${exp10}`;
}

/**
 * The decimal Java's `Double.toString` (JDK 19+, Giulietti's algorithm) picks for a finite double:
 * the shortest decimal that rounds to `x`, except that when that has one significant digit Java
 * chooses the closest decimal of at most two digits. The two differ only for a few subnormals
 * (`Double.MIN_VALUE` prints as `4.9E-324`, not `5e-324`).
 */
function javaDoubleToString(x: number): string {
  const shortest = String(x);
  const ax = Math.abs(x);
  if (ax === 0 || ax >= MIN_NORMAL) return shortest;
  const norm = normalizeDecimal(shortest);
  const m = /^(-?)\de(-?\d+)$/.exec(norm);
  if (m === null) return shortest;
  const sign = m[1] ?? '';
  const exp = Number(m[2]);
  // Every decimal of at most two digits that rounds to x is c × 10^e with c in 10..99 and
  // e in {exp-2, exp-1} (9.9e-324 sits below 1e-323). The winner is the one closest to x's exact
  // value k × 2^-1074; distances compare exactly after scaling by 2^1074 × 10^(2-exp).
  const k = BigInt(Math.round(ax / Number.MIN_VALUE));
  const scaledX = k * 10n ** BigInt(2 - exp);
  const pow2 = 2n ** 1074n;
  let best = '';
  let bestDist = -1n;
  for (const shift of [0n, 1n]) {
    for (let c = 10n; c <= 99n; c++) {
      const e = exp - 2 + Number(shift);
      if (Number(`${sign}${c}e${e}`) !== x) continue;
      const dist = absBig(c * 10n ** shift * pow2 - scaledX);
      if (bestDist < 0n || dist < bestDist || (dist === bestDist && c % 2n === 0n)) {
        best = `${sign}${c}e${e}`;
        bestDist = dist;
      }
    }
  }
  return best === '' ? shortest : best;
}

function absBig(v: bigint): bigint {
  return v < 0n ? -v : v;
}
