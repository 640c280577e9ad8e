/**
 * A JSON number as the engine sees it: its source text plus, when the text is *comparable*
 * (docs/semantics.md §2.4: exactly the shortest round-trip decimal of a finite double, as Java's
 * `Double.toString` prints it), that double. Equality of two numbers: both comparable with the same
 * double, or byte-identical text. The event scanner reads every number on a path some rule uses
 * with `readNumber` or `numberFromSpan`, in place and without building strings (design note 012);
 * patterns and parsed objects use `numberFromText`.
 * One concept in one file, past 500 lines on purpose: the readers of the three sources must give
 * the same number for the same text, and share the comparability test that decides it.
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

/** Exact powers of ten as doubles (10^0 .. 10^22 are all exactly representable). */
const POW10: readonly number[] = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

/**
 * A number token of an event text, read in place: the double is computed from the digits and the
 * source spelling is sliced out only if someone asks for `text` (a string-keyed lookup: an exact
 * number literal that is not comparable). One object per number on a path some rule reads.
 */
class SpanNumber implements JsonNumber {
  /**
   * One instance kept for the life of the module and never read, so that the hidden class every
   * instance shares outlives garbage collections. V8's optimized code holds the hidden classes it
   * was specialized for weakly: a forced full collection (`gc()`, as benchmarks and memory tests
   * call it) that found no number alive, the normal state between two matches, freed the class and
   * with it the optimized code of the scanner, the walk and the value index, which ran unoptimized
   * until compiled again (design note 017). It has no value, so its `value` field holds anything
   * from the start and later numbers keep its class.
   */
  static readonly keptForItsClass = new SpanNumber('', 0, 0, undefined);

  readonly value: number | undefined;
  private source: string;
  private readonly start: number;
  private readonly end: number;
  private spelled: string | undefined = undefined;

  constructor(source: string, start: number, end: number, value: number | undefined) {
    this.source = source;
    this.start = start;
    this.end = end;
    this.value = value;
  }

  /** The token's text, sliced from the event on first use (the event text is then let go). */
  get text(): string {
    let t = this.spelled;
    if (t === undefined) {
      t = this.source.slice(this.start, this.end);
      this.spelled = t;
      this.source = '';
    }
    return t;
  }
}

/**
 * Builds the {@link JsonNumber} for the number token `text[start, end)`, exactly as
 * `numberFromText(text.slice(start, end))` would, without slicing in the common cases.
 *
 * Hot: runs for every number of an event on a path some rule reads. Fast paths, all exact:
 * - a mantissa of at most 15 digits without exponent and at most 22 fraction digits (plain
 *   integers, prices, short decimals): the double is `m / 10^f`, one correctly rounded division
 *   of two exact doubles, and the text is comparable (at most 15 digits, normal range);
 * - more than 17 significant digits: never comparable (no double's shortest decimal has more), so
 *   the double is not even computed;
 * - 16 or 17 significant digits (coordinates, most doubles printed by other programs): an
 *   estimate of the double is printed with `String` and compared digit by digit with the text;
 *   equal digits prove both the value (the shortest decimal of a double reads back as that double)
 *   and comparability; otherwise the exact double is read with `Number` and checked the same way.
 * Everything else (exponents, subnormals) takes {@link numberFromText}.
 *
 * @param text - The event text.
 * @param start - Index of the token's first character (`-` or a digit).
 * @param end - Index after the token (a valid JSON number token).
 * @returns The number; `value` is set iff the token is comparable (docs/semantics.md §2.4).
 */
export function numberFromSpan(text: string, start: number, end: number): JsonNumber {
  let i = start;
  const negative = text.charCodeAt(i) === 0x2d;
  if (negative) i++;
  // The mantissa's digits from the first non-zero one: the first 15 in `m` (exact), the rest in `low`.
  let m = 0;
  let low = 0;
  /** Digits from the first non-zero one to the end of the mantissa, and to the last non-zero one. */
  let digits = 0;
  let significant = 0;
  let fraction = 0;
  /** Significant digits before the point, zeros after the point before the first significant digit, the last significant digit. */
  let integral = 0;
  let leadingZeros = 0;
  let last = 0;
  let c = text.charCodeAt(i);
  if (c === 0x30) {
    c = text.charCodeAt(++i);
  } else {
    // The integer part: it starts with a significant digit (JSON allows no other leading zero).
    for (; i < end && c >= 0x30 && c <= 0x39; c = text.charCodeAt(++i)) {
      const d = c - 0x30;
      if (d !== 0) {
        last = d;
        significant = digits + 1;
      }
      if (++digits <= 15) m = m * 10 + d;
      else low = low * 10 + d;
    }
    integral = digits;
  }
  if (i < end && c === 0x2e) {
    for (c = text.charCodeAt(++i); i < end && c >= 0x30 && c <= 0x39; c = text.charCodeAt(++i)) {
      fraction++;
      const d = c - 0x30;
      if (digits === 0) {
        if (d === 0) {
          leadingZeros++;
          continue;
        }
      }
      if (d !== 0) {
        last = d;
        significant = digits + 1;
      }
      if (++digits <= 15) m = m * 10 + d;
      else low = low * 10 + d;
    }
  }
  if (i < end) return numberFromText(text.slice(start, end)); // an exponent
  if (digits <= 15 && fraction <= 22) {
    // m < 10^15 is exact, so m / 10^f is the correctly rounded value of the text.
    if (m === 0) return new SpanNumber(text, start, end, 0);
    const x = m / (POW10[fraction] as number);
    return new SpanNumber(text, start, end, negative ? -x : x);
  }
  if (significant > 17) return new SpanNumber(text, start, end, undefined);
  if (significant < 16 || fraction > 22 || digits > 22) return numberFromText(text.slice(start, end));
  return longDecimal(text, start, end, negative, m, low, digits - 15, fraction, integral > 0 ? integral - 1 : -(leadingZeros + 1), significant, last);
}

/**
 * The number of an exponent-free token `text[start, end)` of 16 or 17 significant digits (then
 * maybe zeros): its value is `(m * 10^extra + low) / 10^fraction`. An estimate of the double is
 * computed in double-double arithmetic and {@link shortestVerdict} decides, without printing,
 * whether the text is that double's shortest decimal; when too close to call, the estimate is
 * printed with `String` and compared digit by digit, and failing that the exact double is read with
 * `Number` and checked the same way.
 *
 * @param lead - The power of ten of the first significant digit (2 for `123.4`, -3 for `0.001`).
 * @param significant - Significant digits (16 or 17).
 * @param last - The last significant digit.
 */
function longDecimal(
  text: string,
  start: number,
  end: number,
  negative: boolean,
  m: number,
  low: number,
  extra: number,
  fraction: number,
  lead: number,
  significant: number,
  last: number,
): JsonNumber {
  const magnitude = divideExactly(m, POW10[extra] as number, low, POW10[fraction] as number);
  const estimate = negative ? -magnitude : magnitude;
  // The power of ten of the last significant digit: the spacing of decimals as long as the text.
  const spacing = lead - significant + 1;
  if (magnitude >= 1e-290 && magnitude <= 1e290 && spacing >= -22 && spacing <= 22) {
    const verdict = shortestVerdict(magnitude, RESIDUAL[0] as number, spacing >= 0 ? (POW10[spacing] as number) : 1 / (POW10[-spacing] as number), last);
    if (verdict === SHORTEST) return new SpanNumber(text, start, end, estimate);
    if (verdict === NOT_SHORTEST) return new SpanNumber(text, start, end, undefined);
  }
  const checked = Number.isFinite(estimate) && Math.abs(estimate) >= MIN_NORMAL;
  if (checked && sameDigits(String(estimate), text, start, end)) return new SpanNumber(text, start, end, estimate);
  const spelled = text.slice(start, end);
  const x = Number(spelled);
  if (!Number.isFinite(x) || !(Math.abs(x) >= MIN_NORMAL)) return numberFromText(spelled);
  // The estimate was the double itself and its shortest decimal differs from the text.
  if (checked && x === estimate) return new SpanNumber(text, start, end, undefined);
  return new SpanNumber(text, start, end, sameDigits(String(x), text, start, end) ? x : undefined);
}

/** Index after the token read by the last {@link readNumber} that returned a number (a second return value). */
export let readNumberEnd = 0;

/**
 * Reads the JSON number token at `pos` in one pass, validating it, when it is a plain decimal:
 * `-?(0|[1-9][0-9]*)(\.[0-9]+)?` with at most 15 integer digits and no exponent. Returns the same
 * number as `numberFromSpan` over the token and leaves the index after the token in
 * {@link readNumberEnd}; returns `undefined` for anything else (an exponent, a malformed token, a
 * long integer part), and the caller validates and reads the token the general way.
 *
 * Hot: the event scanner reads every number on a path some rule uses with it (coordinates, prices,
 * counts). Integer and fraction digits are gathered by two plain loops (the first 15 significant
 * digits exactly in one double, the rest in another), with no per-digit bookkeeping. Most
 * 16-digit mantissas are settled by one division and an ulp test; the others, and 17-digit ones,
 * by `longDecimal` ({@link shortestVerdict}, as `numberFromSpan` decides them).
 *
 * @param text - The event text.
 * @param codes - Its code units (the scanner's copy of them, `event/code-units.ts`), read in place of
 *   `charCodeAt`; past the token's end they must hold a code unit that is no digit, `.`, `e` or `E`.
 * @param pos - Index of the token's first character (`-` or a digit).
 * @returns The number, or `undefined` when the token is not a short plain decimal.
 */
export function readNumber(text: string, codes: ArrayLike<number>, pos: number): JsonNumber | undefined {
  let i = pos;
  const negative = codes[i] === 0x2d;
  if (negative) i++;
  let m = 0;
  let c = codes[i] as number;
  let intDigits = 0;
  if (c === 0x30) {
    c = codes[++i] as number;
    if (c >= 0x30 && c <= 0x39) return undefined;
  } else if (c >= 0x31 && c <= 0x39) {
    const first = i;
    do {
      m = m * 10 + (c - 0x30);
      c = codes[++i] as number;
    } while (c >= 0x30 && c <= 0x39);
    intDigits = i - first;
    if (intDigits > 15) return undefined;
  } else return undefined;
  if (c !== 0x2e) {
    if (c === 0x65 || c === 0x45) return undefined;
    readNumberEnd = i;
    return new SpanNumber(text, pos, i, m === 0 ? 0 : negative ? -m : m);
  }
  const fractionStart = ++i;
  c = codes[i] as number;
  if (!(c >= 0x30 && c <= 0x39)) return undefined;
  let leadingZeros = 0;
  if (intDigits === 0) {
    while (c === 0x30) c = codes[++i] as number;
    leadingZeros = i - fractionStart;
  }
  // The first 15 significant digits, exactly.
  const limit = i + 15 - intDigits;
  while (c >= 0x30 && c <= 0x39 && i < limit) {
    m = m * 10 + (c - 0x30);
    c = codes[++i] as number;
  }
  if (!(c >= 0x30 && c <= 0x39)) {
    if (c === 0x65 || c === 0x45) return undefined;
    readNumberEnd = i;
    const fraction = i - fractionStart;
    if (m === 0) return new SpanNumber(text, pos, i, 0);
    if (fraction > 22) return numberFromSpan(text, pos, i);
    // m < 10^15 is exact, so m / 10^f is the correctly rounded value of the text.
    const x = m / (POW10[fraction] as number);
    return new SpanNumber(text, pos, i, negative ? -x : x);
  }
  // The digits past the first 15.
  const lowStart = i;
  let low = 0;
  do {
    low = low * 10 + (c - 0x30);
    c = codes[++i] as number;
  } while (c >= 0x30 && c <= 0x39);
  if (c === 0x65 || c === 0x45) return undefined;
  readNumberEnd = i;
  const extra = i - lowStart;
  // Trailing zeros are not significant; when they reach back to the point, leave it to numberFromSpan.
  let lastAt = i - 1;
  while (codes[lastAt] === 0x30) lastAt--;
  if (lastAt < fractionStart || extra > 7) return numberFromSpan(text, pos, i);
  const significant = 15 + extra - (i - 1 - lastAt);
  if (significant > 17) return new SpanNumber(text, pos, i, undefined);
  const fraction = i - fractionStart;
  if (significant < 16 || fraction > 22) return numberFromSpan(text, pos, i);
  const lead = intDigits > 0 ? intDigits - 1 : -(leadingZeros + 1);
  const last = (codes[lastAt] as number) - 0x30;
  const spacing = lead - significant + 1;
  if (significant === 16) {
    // Sixteen digits whose integer N is below 2^53: N / 10^f is one correctly rounded division of
    // exact doubles. Where 16-digit decimals lie farther apart than x's ulp (coordinates, most
    // values under 2^53 / 10^15), no other decimal of 16 or fewer digits can round to x (it would
    // lie within an ulp of T), so T is x's shortest decimal without further checks.
    const n = m * (POW10[extra] as number) + low;
    if (n < 9007199254740992) {
      const x = n / (POW10[fraction] as number);
      F[0] = x;
      const ulp = ULP[((U[HIGH] as number) >>> 20) & 0x7ff] as number;
      // 10^spacing > ulp, in exact arithmetic (a power of two times a power of ten up to 10^22).
      if (spacing >= 0 ? (POW10[spacing] as number) > ulp : ulp * (POW10[-spacing] as number) < 1) {
        return new SpanNumber(text, pos, i, negative ? -x : x);
      }
    }
  }
  // The double-double estimate and its shortest-decimal verdict, and past them what is too close to call.
  return longDecimal(text, pos, i, negative, m, low, extra, fraction, lead, significant, last);
}

/** Veltkamp's splitting constant for doubles, 2^27 + 1. */
const SPLIT = 134217729;

/** The rounding error of `a * b` (Dekker's exact product: `a * b` equals the product plus this). */
function productError(a: number, b: number, p: number): number {
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

/**
 * `(m * scale + low) / divisor` for exact doubles `m < 10^15`, `scale`, `low < 10^7` and a power of
 * ten `divisor`, evaluated in double-double arithmetic: almost always the correctly rounded quotient.
 * Only an estimate: `longDecimal` proves it with the shortest decimal or falls back.
 */
function divideExactly(m: number, scale: number, low: number, divisor: number): number {
  const p = m * scale;
  const pe = productError(m, scale, p);
  const hi = p + low;
  // hi + lo is exactly m * scale + low (two-sum of p and low, plus the product's error).
  const bv = hi - p;
  const lo = p - (hi - bv) + (low - bv) + pe;
  const q = hi / divisor;
  const qp = q * divisor;
  const rem = hi - qp - productError(q, divisor, qp) + lo;
  const x = q + rem / divisor;
  RESIDUAL[0] = q - x + rem / divisor;
  return x;
}

/**
 * `T - x` for the text T and the double x of the last {@link divideExactly} (a second return
 * value; a typed array slot, as a double kept in a module variable would be boxed on every store).
 */
const RESIDUAL = new Float64Array(1);

// The bits of a double (no allocation): F and U view the same 8 bytes.
const F = new Float64Array(1);
const U = new Uint32Array(F.buffer);
/** Index of the low 32 bits of a double in U (1 on a big-endian machine). */
const LOW = ((): number => {
  F[0] = 1;
  return U[0] === 0 ? 0 : 1;
})();
const HIGH = 1 - LOW;

/** The unit in the last place of a normal double, by its biased exponent: 2^(e - 1075). */
const ULP = Float64Array.from({ length: 2047 }, (_, e) => 2 ** (e - 1075));

/** {@link shortestVerdict}: the text is the shortest decimal of the double. */
const SHORTEST = 1;
/** {@link shortestVerdict}: it is not. */
const NOT_SHORTEST = 2;
/** {@link shortestVerdict}: too close to call in double arithmetic (ask `String`). */
const UNSURE = 0;

/**
 * Decides, without printing, whether a decimal text T of n = 16 or 17 significant digits is the
 * shortest decimal of the positive double x (as `String(x)` and Java's `Double.toString` print
 * normal doubles), given delta = T - x to about 2^-52 relative accuracy, the spacing s of n-digit
 * decimals at T's magnitude and T's last significant digit d. The shortest decimal is the one of
 * fewest digits inside x's rounding interval, the nearest to x among those. So T is it exactly when:
 * T lies inside the interval (x is then T's double), neither (n-1)-digit neighbour of T
 * (T - d*s below x, T + (10-d)*s above) does, and T is the nearest n-digit decimal to x
 * (|delta| < s/2). Every comparison keeps a margin of 2^-16 of a gap; inside a margin the answer
 * is {@link UNSURE}.
 */
function shortestVerdict(x: number, delta: number, s: number, d: number): number {
  // Half the gaps to the neighbouring doubles: the ulp above; below, half of it at a power of two.
  F[0] = x;
  const high = U[HIGH] as number;
  const up = (ULP[(high >>> 20) & 0x7ff] as number) / 2;
  const down = (high & 0xfffff) === 0 && U[LOW] === 0 ? up / 2 : up;
  const margin = up * 2 ** -16;
  if (delta >= 0 ? delta > up - margin : -delta > down - margin) return UNSURE;
  const below = d * s - delta;
  const above = (10 - d) * s + delta;
  if (below < down - margin || above < up - margin) return NOT_SHORTEST;
  if (below <= down + margin || above <= up + margin) return UNSURE;
  const half = s / 2;
  const distance = Math.abs(delta);
  if (distance < half - margin) return SHORTEST;
  return distance > half + margin ? NOT_SHORTEST : UNSURE;
}

/**
 * Whether `printed` (a `String(x)` of a finite non-zero double) and the exponent-free number token
 * `text[start, end)` spell the same decimal value: same sign, same significant digits, same
 * position of the decimal point. Allocates nothing.
 */
function sameDigits(printed: string, text: string, start: number, end: number): boolean {
  // Usually the text is itself a shortest decimal, spelled the same way (one native comparison).
  if (printed.length === end - start && text.startsWith(printed, start)) return true;
  let p = 0;
  let t = start;
  const pn = printed.charCodeAt(0) === 0x2d;
  if (pn !== (text.charCodeAt(t) === 0x2d)) return false;
  if (pn) {
    p = 1;
    t++;
  }
  const pLen = printed.length;
  for (let k = p; k < pLen; k++) {
    const c = printed.charCodeAt(k);
    if (c === 0x65) return sameDigitsExponent(printed, text, start, end);
  }
  // Both are plain decimals: compare the exponents of their first significant digits, then digits.
  const pe = leadExponent(printed, p, pLen);
  const te = leadExponent(text, t, end);
  if (pe !== te) return false;
  let a = firstNonZero(printed, p, pLen);
  let b = firstNonZero(text, t, end);
  for (;;) {
    if (a < pLen && printed.charCodeAt(a) === 0x2e) a++;
    if (b < end && text.charCodeAt(b) === 0x2e) b++;
    if (a >= pLen) return onlyZeros(text, b, end);
    if (b >= end) return onlyZeros(printed, a, pLen);
    if (printed.charCodeAt(a) !== text.charCodeAt(b)) return false;
    a++;
    b++;
  }
}

/** {@link sameDigits} when `String` chose exponent notation (below 1e-6 or from 1e21): rare, allocating. */
function sameDigitsExponent(printed: string, text: string, start: number, end: number): boolean {
  return normalizeDecimal(printed) === normalizeDecimal(text.slice(start, end));
}

/** Index of the first digit 1-9 in `s[from, to)`, or `to`. */
function firstNonZero(s: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x31 && c <= 0x39) return i;
  }
  return to;
}

/** Whether `s[from, to)` holds only `0` and `.`. */
function onlyZeros(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x30 && c !== 0x2e) return false;
  }
  return true;
}

/**
 * The power of ten of the first significant digit of the plain decimal `s[from, to)` (digits and at
 * most one dot, not zero): 2 for `123.4`, -3 for `0.001`.
 */
function leadExponent(s: string, from: number, to: number): number {
  let dot = to;
  for (let i = from; i < to; i++) {
    if (s.charCodeAt(i) === 0x2e) {
      dot = i;
      break;
    }
  }
  const lead = firstNonZero(s, from, to);
  return lead < dot ? dot - lead - 1 : dot - lead;
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
