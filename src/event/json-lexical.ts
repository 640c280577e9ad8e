/**
 * The RFC 8259 lexical rules shared by the library's strict JSON readers (the event reader of
 * parse-event.ts, the PutEvents Detail check of bus/detail.ts, and the matcher's scanner for strings
 * with escapes): whitespace, digits, the number grammar and string validation, written once so the
 * readers cannot drift apart. Hot: called per character or per token; pure functions over char
 * codes, no allocation.
 */

/**
 * Whether a UTF-16 code unit is JSON whitespace (space, tab, line feed, carriage return).
 *
 * @param c - A code unit, or `NaN` past the end of the text.
 * @returns `true` for the four whitespace characters only.
 */
export function isJsonWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/**
 * Whether a UTF-16 code unit is an ASCII digit `0`-`9`.
 *
 * @param c - A code unit, or `NaN` past the end of the text.
 * @returns `true` for `0`-`9`.
 */
export function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/**
 * Whether a UTF-16 code unit is a hexadecimal digit, as in a `\uXXXX` escape.
 *
 * @param c - A code unit, or `NaN` past the end of the text.
 * @returns `true` for `0`-`9`, `A`-`F` and `a`-`f`.
 */
export function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/**
 * Scans the longest number token the RFC 8259 grammar allows at `start`:
 * `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`. A leading zero ends the integer part, so
 * `01` scans as `0`; a caller that sees a digit right after the token knows it had leading zeros.
 *
 * @param text - The JSON text.
 * @param start - Index of the token's first character (`-` or a digit).
 * @returns The index just past the token, or, when the grammar fails, `~i` (a negative number)
 *   where `i` is the index of the offending character (`text.length` at the end of the text).
 */
export function scanJsonNumber(text: string, start: number): number {
  let i = start;
  if (text.charCodeAt(i) === 0x2d /* - */) i++;
  const first = text.charCodeAt(i);
  if (first === 0x30) i++;
  else if (isDigit(first)) while (isDigit(text.charCodeAt(i))) i++;
  else return ~i;
  if (text.charCodeAt(i) === 0x2e /* . */) {
    i++;
    if (!isDigit(text.charCodeAt(i))) return ~i;
    while (isDigit(text.charCodeAt(i))) i++;
  }
  const e = text.charCodeAt(i);
  if (e === 0x65 || e === 0x45) {
    i++;
    const sign = text.charCodeAt(i);
    if (sign === 0x2b || sign === 0x2d) i++;
    if (!isDigit(text.charCodeAt(i))) return ~i;
    while (isDigit(text.charCodeAt(i))) i++;
  }
  return i;
}

/**
 * Validates the string token starting at `start` without decoding it: every escape is one of
 * RFC 8259's (`\" \\ \/ \b \f \n \r \t \uXXXX`) and no character below U+0020 appears unescaped.
 * Linear in the token's length.
 *
 * @param text - The JSON text.
 * @param start - Index of the opening `"`.
 * @returns The index just past the closing `"`, or -1 when the token is malformed or unterminated.
 */
export function scanJsonString(text: string, start: number): number {
  const n = text.length;
  let j = start + 1;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === 0x22) return j + 1;
    if (c === 0x5c) {
      const e = text.charCodeAt(j + 1);
      if (e === 0x75 /* u */) {
        for (let k = 2; k < 6; k++) if (!isHexDigit(text.charCodeAt(j + k))) return -1;
        j += 6;
        continue;
      }
      // " \ / b f n r t
      if (e === 0x22 || e === 0x5c || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74) {
        j += 2;
        continue;
      }
      return -1;
    }
    if (c < 0x20) return -1;
    j++;
  }
  return -1;
}
