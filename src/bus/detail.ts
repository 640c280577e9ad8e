/**
 * Reads a PutEvents `Detail`: strict JSON (RFC 8259, what Jackson accepts by default) whose top level
 * is an object, returned compacted (whitespace between tokens removed) for the envelope. Tokens are
 * copied as written, so number spellings (`1.0`, `1e3`), string escapes and duplicate keys survive
 * unchanged. One pass, an explicit stack, no recursion: any nesting depth and megabyte strings are fine.
 */

const OBJECT = 0;
const ARRAY = 1;

/** What the reader expects next. */
const EXPECT_VALUE = 0;
const EXPECT_FIRST_KEY = 1; // after '{': a key or '}'
const EXPECT_KEY = 2; // after ',' in an object
const EXPECT_FIRST_ELEMENT = 3; // after '[': a value or ']'
const EXPECT_SEPARATOR = 4; // after a value: ',' or a closer (or the end at top level)

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isHex(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** Index just past the string token starting at `start` (a `"`), or -1 when it is malformed. */
function scanString(text: string, start: number): number {
  const n = text.length;
  let j = start + 1;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === 0x22) return j + 1;
    if (c === 0x5c) {
      const e = text.charCodeAt(j + 1);
      if (e === 0x75) {
        for (let k = 2; k < 6; k++) if (!isHex(text.charCodeAt(j + k))) return -1;
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

/** Index just past the number token starting at `start`, or -1 when it is malformed. */
function scanNumber(text: string, start: number): number {
  let j = start;
  if (text.charCodeAt(j) === 0x2d) j++;
  const first = text.charCodeAt(j);
  if (first === 0x30) j++;
  else if (first >= 0x31 && first <= 0x39) while (isDigit(text.charCodeAt(j))) j++;
  else return -1;
  if (text.charCodeAt(j) === 0x2e) {
    j++;
    if (!isDigit(text.charCodeAt(j))) return -1;
    while (isDigit(text.charCodeAt(j))) j++;
  }
  const e = text.charCodeAt(j);
  if (e === 0x65 || e === 0x45) {
    j++;
    const sign = text.charCodeAt(j);
    if (sign === 0x2b || sign === 0x2d) j++;
    if (!isDigit(text.charCodeAt(j))) return -1;
    while (isDigit(text.charCodeAt(j))) j++;
  }
  return j;
}

/**
 * Validates a Detail and compacts it.
 *
 * @param text - The Detail text as sent.
 * @returns The same JSON with insignificant whitespace removed, or `undefined` when the text is not
 *   well-formed JSON or its top level is not an object (AWS's `MalformedDetail`).
 *
 * @example
 * ```ts
 * compactDetail('{"a": [1.0, "x y"]}'); // '{"a":[1.0,"x y"]}'
 * compactDetail('[]');                  // undefined
 * ```
 */
export function compactDetail(text: string): string | undefined {
  const n = text.length;
  const parts: string[] = [];
  const stack: number[] = [];
  let runStart = 0;
  let i = 0;
  let state = EXPECT_VALUE;

  for (;;) {
    // Drop whitespace, keeping the run of text before it.
    if (i < n && isWhitespace(text.charCodeAt(i))) {
      if (i > runStart) parts.push(text.slice(runStart, i));
      while (i < n && isWhitespace(text.charCodeAt(i))) i++;
      runStart = i;
    }
    if (state === EXPECT_SEPARATOR && stack.length === 0) break;
    if (i >= n) return undefined;
    const c = text.charCodeAt(i);

    switch (state) {
      case EXPECT_VALUE: {
        // The top-level value must be an object.
        if (stack.length === 0 && c !== 0x7b) return undefined;
        if (c === 0x7b) {
          stack.push(OBJECT);
          state = EXPECT_FIRST_KEY;
          i++;
        } else if (c === 0x5b) {
          stack.push(ARRAY);
          state = EXPECT_FIRST_ELEMENT;
          i++;
        } else if (c === 0x22) {
          i = scanString(text, i);
          if (i < 0) return undefined;
          state = EXPECT_SEPARATOR;
        } else if (c === 0x2d || isDigit(c)) {
          i = scanNumber(text, i);
          if (i < 0) return undefined;
          state = EXPECT_SEPARATOR;
        } else if (text.startsWith('true', i)) {
          i += 4;
          state = EXPECT_SEPARATOR;
        } else if (text.startsWith('false', i)) {
          i += 5;
          state = EXPECT_SEPARATOR;
        } else if (text.startsWith('null', i)) {
          i += 4;
          state = EXPECT_SEPARATOR;
        } else {
          return undefined;
        }
        break;
      }
      case EXPECT_FIRST_KEY:
      case EXPECT_KEY: {
        if (c === 0x7d && state === EXPECT_FIRST_KEY) {
          stack.pop();
          state = EXPECT_SEPARATOR;
          i++;
          break;
        }
        if (c !== 0x22) return undefined;
        i = scanString(text, i);
        if (i < 0) return undefined;
        if (i < n && isWhitespace(text.charCodeAt(i))) {
          parts.push(text.slice(runStart, i));
          while (i < n && isWhitespace(text.charCodeAt(i))) i++;
          runStart = i;
        }
        if (text.charCodeAt(i) !== 0x3a) return undefined;
        i++;
        state = EXPECT_VALUE;
        break;
      }
      case EXPECT_FIRST_ELEMENT: {
        if (c === 0x5d) {
          stack.pop();
          state = EXPECT_SEPARATOR;
          i++;
        } else {
          state = EXPECT_VALUE;
        }
        break;
      }
      default: {
        // EXPECT_SEPARATOR inside a container.
        const top = stack[stack.length - 1];
        if (c === 0x2c) {
          state = top === OBJECT ? EXPECT_KEY : EXPECT_VALUE;
          i++;
        } else if ((c === 0x7d && top === OBJECT) || (c === 0x5d && top === ARRAY)) {
          stack.pop();
          i++;
        } else {
          return undefined;
        }
      }
    }
  }

  // Only whitespace may follow the top-level object (already skipped above).
  if (i !== n) return undefined;
  if (parts.length === 0) return runStart === 0 ? text : text.slice(runStart);
  if (runStart < n) parts.push(text.slice(runStart, n));
  return parts.join('');
}
