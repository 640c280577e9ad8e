/**
 * Reads a PutEvents `Detail`: strict JSON (RFC 8259, what Jackson accepts by default) whose top level
 * is an object, returned compacted for the envelope. Tokens are copied as written, so number spellings,
 * string escapes and duplicate keys survive. One pass, explicit stack: any depth, megabyte strings.
 * It accepts exactly what the event reader (parse-event.ts) accepts and shares its lexical rules
 * (json-lexical.ts); the drivers differ: this one copies tokens, that one decodes them into a tree.
 */

import { isDigit, isJsonWhitespace, scanJsonNumber, scanJsonString } from '../event/json-lexical.js';
import { isCompactJsonObject } from '../event/scanner.js';

const OBJECT = 0;
const ARRAY = 1;

/** What the reader expects next. */
const EXPECT_VALUE = 0;
const EXPECT_FIRST_KEY = 1; // after '{': a key or '}'
const EXPECT_KEY = 2; // after ',' in an object
const EXPECT_FIRST_ELEMENT = 3; // after '[': a value or ']'
const EXPECT_SEPARATOR = 4; // after a value: ',' or a closer (or the end at top level)

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
  // Most details are already compact (SDKs send JSON.stringify's output): one regex call accepts
  // them as they are. It accepts nothing the event reader rejects; what it does not accept is read
  // below. PutEvents ran 1.17–1.22 times as fast with it (design note 012, tenth pass).
  if (isCompactJsonObject(text)) return text;
  const n = text.length;
  const parts: string[] = [];
  const stack: number[] = [];
  let runStart = 0;
  let i = 0;
  let state = EXPECT_VALUE;

  for (;;) {
    // Drop whitespace, keeping the run of text before it.
    if (i < n && isJsonWhitespace(text.charCodeAt(i))) {
      if (i > runStart) parts.push(text.slice(runStart, i));
      while (i < n && isJsonWhitespace(text.charCodeAt(i))) i++;
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
          i = scanJsonString(text, i);
          if (i < 0) return undefined;
          state = EXPECT_SEPARATOR;
        } else if (c === 0x2d || isDigit(c)) {
          // Negative when malformed; a leading zero (`01`) ends the token and fails at the separator.
          i = scanJsonNumber(text, i);
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
        i = scanJsonString(text, i);
        if (i < 0) return undefined;
        if (i < n && isJsonWhitespace(text.charCodeAt(i))) {
          parts.push(text.slice(runStart, i));
          while (i < n && isJsonWhitespace(text.charCodeAt(i))) i++;
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
