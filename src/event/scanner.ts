/**
 * The matcher's single-pass event scanner. It reads JSON text once, left to right (character by
 * character in a copy of its code units, `code-units.ts`; unread containers by regex), follows object
 * keys through the {@link PathTable} and extracts only leaves on paths some rule uses, with their
 * array coordinates (docs/semantics.md §2.2, §2.5); everything else is validated and skipped without
 * building strings or objects. Duplicate keys are all kept, numbers keep their text. Iterative
 * (an explicit stack; an object's run of scalar members in one tight loop): nesting depth is
 * unbounded. Malformed JSON anywhere throws InvalidEventError with the same reason as the event
 * reader of parse-event.ts (it is asked for the reason).
 * One concept in one file, past 500 lines on purpose: the text scanner, its skips and the two
 * object walks fill the same `EventFields` the same way, and read best side by side.
 */

import { InvalidEventError } from './errors.js';
import { eventFromValue, isEventObject, parseEventText } from './parse-event.js';
import type { EventObject, EventValue } from './parse-event.js';
import type { EventFields } from './scanner-fields.js';
import type { LeafValue } from '../values/leaf-value.js';
import type { PathNode, PathTable } from '../compile/path-table.js';
import { stepByCodes, stepByKey } from '../compile/path-table.js';
import { numberFromSpan, numberFromValue, readNumber, readNumberEnd } from '../values/json-number.js';
import { codeUnitsOf } from './code-units.js';
import { scanJsonString } from './json-lexical.js';
import { canStop, enterTop, startLookahead } from './trusted-stop.js';

const OBJECT = 0;
const ARRAY = 1;

// Reused scan stack (hot: one scan at a time, never reallocated in steady state).
const stackKind: number[] = [];
const stackNode: (PathNode | undefined)[] = [];
const stackContext: number[] = [];
const stackArray: number[] = [];
const stackIndex: number[] = [];

/** Node reached by the last key read (a second return value of {@link readKey}). */
let keyNode: PathNode | undefined;

/**
 * Throws the event reader's error for malformed text. Only reached on the error path, so asking the
 * full reader for its reason costs nothing on valid events.
 */
function fail(text: string): never {
  parseEventText(text);
  throw new InvalidEventError('Malformed JSON');
}

/** Deepest nesting (in containers) that {@link SKIP_CONTAINER} validates in one call. */
const SKIP_DEPTH = 5;

/**
 * A sticky regex that matches exactly one valid JSON object or array nested at most
 * {@link SKIP_DEPTH} containers deep (strict RFC 8259: no trailing commas, no leading zeros, no
 * control characters in strings). Irregexp runs it several times faster than `JSON.parse` and than
 * a JavaScript character loop, so unused subtrees (geometry arrays, blobs) are validated and
 * skipped in one call. After each element it accepts only `,` followed by another element, or the
 * closing bracket, so it never accepts what the event reader rejects; when it fails (invalid or
 * deeper text) the scanner's own loop takes over and reports the error exactly.
 *
 * @param whitespace - Whether whitespace may stand between tokens. Without it the regex only
 *   matches compact JSON (as `JSON.stringify` writes it) and runs about 1.25 times as fast.
 */
function skipRegex(whitespace: boolean): RegExp {
  const w = whitespace ? '[ \\t\\n\\r]*' : '';
  const num = '-?(?:0|[1-9]\\d*)(?:\\.\\d+)?(?:[eE][+-]?\\d+)?';
  // Strings as runs of plain characters between escapes (the unrolled loop: fewer backtrack entries).
  const str = '"[^"\\\\\\x00-\\x1f]*(?:\\\\(?:["\\\\/bfnrt]|u[0-9a-fA-F]{4})[^"\\\\\\x00-\\x1f]*)*"';
  let value = `(?:${num}|${str}|true|false|null)`;
  let container = '';
  for (let depth = 0; depth < SKIP_DEPTH; depth++) {
    const array = `\\[${w}(?:${value}${w}(?:,${w}(?!\\])|(?=\\])))*\\]`;
    const object = `\\{${w}(?:${str}${w}:${w}${value}${w}(?:,${w}(?=")|(?=\\})))*\\}`;
    container = `(?:${array}|${object})`;
    value = `(?:${num}|${str}|true|false|null|${array}|${object})`;
  }
  return new RegExp(container, 'y');
}

/** {@link skipRegex} for any JSON. */
const SKIP_CONTAINER = skipRegex(true);
/** {@link skipRegex} for compact JSON, tried first until it fails once in a scan. */
const SKIP_COMPACT = skipRegex(false);

/**
 * Whether the text being scanned may be compact: true at the start of every scan, false once
 * {@link SKIP_COMPACT} failed on it (whitespace between tokens, or anything it cannot match), so a
 * scan wastes at most one failed compact attempt.
 */
let compact = true;

/** Skips one container at `pos` with {@link SKIP_CONTAINER}; returns the index after it, or -1. */
function skipContainer(text: string, pos: number): number {
  try {
    if (compact) {
      SKIP_COMPACT.lastIndex = pos;
      if (SKIP_COMPACT.test(text)) return SKIP_COMPACT.lastIndex;
      compact = false;
    }
    SKIP_CONTAINER.lastIndex = pos;
    return SKIP_CONTAINER.test(text) ? SKIP_CONTAINER.lastIndex : -1;
  } catch {
    // Irregexp's backtrack stack can overflow on huge input; the character loop handles it.
    return -1;
  }
}

/**
 * Whether `text`, whole, is one valid JSON object in compact form (no whitespace between tokens)
 * at most {@link SKIP_DEPTH} containers deep: one call of the validating skip regex, several times
 * as fast as a JavaScript character loop. `false` decides nothing (whitespace, deeper nesting,
 * malformed text, or input too big for the regex): the caller reads the text the long way.
 *
 * @param text - Any text.
 * @returns Whether the regex accepted the whole text as an object.
 */
export function isCompactJsonObject(text: string): boolean {
  if (text.charCodeAt(0) !== 0x7b) return false;
  try {
    SKIP_COMPACT.lastIndex = 0;
    return SKIP_COMPACT.test(text) && SKIP_COMPACT.lastIndex === text.length;
  } catch {
    // Irregexp's backtrack stack can overflow on huge input.
    return false;
  }
}

/**
 * Skips the container at `pos` in trusted mode: the validating {@link skipContainer} first (irregexp
 * validates as fast as a JavaScript loop can count brackets), and where it fails (deeper nesting,
 * or text it rejects) {@link skipContainerUnchecked} instead of the strict character loop. Returns
 * the index after the container, or -1.
 */
function skipTrusted(text: string, codes: Uint16Array, pos: number): number {
  const end = skipContainer(text, pos);
  return end >= 0 ? end : skipContainerUnchecked(text, codes, pos);
}

/**
 * Skips the container opening at `pos` without validating it (trusted mode): counts brackets and
 * jumps over strings (a quote preceded by an odd run of backslashes is escaped). Returns the index
 * after the bracket that closes it, or -1 if the text ends first (the strict loop then reports the
 * error). Never looks at a character twice except the backslashes before a quote, and always ends.
 * Malformed text inside is not noticed, as `trusted` documents.
 */
function skipContainerUnchecked(text: string, codes: Uint16Array, pos: number): number {
  const n = text.length;
  let depth = 0;
  for (let i = pos; i < n; i++) {
    const c = codes[i] as number;
    if (c === 0x22) {
      let q = i;
      for (;;) {
        q = text.indexOf('"', q + 1);
        if (q < 0) return -1;
        let b = q - 1;
        while (codes[b] === 0x5c) b--;
        if (((q - 1 - b) & 1) === 0) break;
      }
      i = q;
    } else if (c === 0x7b || c === 0x5b) {
      depth++;
    } else if (c === 0x7d || c === 0x5d) {
      if (--depth === 0) return i + 1;
    }
  }
  return -1;
}

/** Index of the first non-whitespace character at or after `i`. Hot: the whitespace test inlined. */
function ws(codes: Uint16Array, i: number): number {
  for (;;) {
    const c = codes[i] as number;
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
    else return i;
  }
}

/**
 * Index of the closing quote of the string opening at `pos` if the string is clean (no escapes, no
 * control characters), else -1 (the slow path then validates it or reports the error). Hot: one
 * character loop over the string only, so text in containers skipped by the regex, or after the
 * last string read, is never looked at twice.
 */
function cleanStringEnd(codes: Uint16Array, pos: number): number {
  for (let i = pos + 1; ; i++) {
    const c = codes[i] as number;
    if (c === 0x22) return i;
    // Also true for the zeros past the end of the text (event/code-units.ts): the slow path reports it.
    if (!(c >= 0x20) || c === 0x5c) return -1;
  }
}

/** Validates a string starting at its opening quote and returns the index after its closing quote. */
function skipString(text: string, codes: Uint16Array, pos: number): number {
  const end = cleanStringEnd(codes, pos);
  return end >= 0 ? end + 1 : skipStringSlow(text, pos);
}

/**
 * {@link skipString} for strings with escapes: validates them with the lexical rules shared with the
 * event reader. Not hot (escaped strings are rare); throws the reader's error for a malformed one.
 */
function skipStringSlow(text: string, pos: number): number {
  const after = scanJsonString(text, pos);
  return after >= 0 ? after : fail(text);
}

/** Decodes the string between `start` (after the opening quote) and `end` (the closing quote). */
function decodeString(text: string, start: number, end: number): string {
  let out = '';
  let run = start;
  let i = start;
  while (i < end) {
    if (text.charCodeAt(i) !== 0x5c) {
      i++;
      continue;
    }
    out += text.slice(run, i);
    const e = text.charCodeAt(i + 1);
    switch (e) {
      case 0x62: out += '\b'; break;
      case 0x66: out += '\f'; break;
      case 0x6e: out += '\n'; break;
      case 0x72: out += '\r'; break;
      case 0x74: out += '\t'; break;
      case 0x75:
        out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
        i += 4;
        break;
      default:
        out += String.fromCharCode(e);
    }
    i += 2;
    run = i;
  }
  return out + text.slice(run, end);
}

/** Index just past the closing quote of the string last read by {@link readString}. */
let stringEnd = 0;

/** Reads a string value at its opening quote; returns it and leaves the end in `stringEnd`. */
function readString(text: string, codes: Uint16Array, pos: number): string {
  const end = cleanStringEnd(codes, pos);
  if (end >= 0) {
    stringEnd = end + 1;
    return text.slice(pos + 1, end);
  }
  const after = skipStringSlow(text, pos);
  stringEnd = after;
  return decodeString(text, pos + 1, after - 1);
}

/**
 * Validates a number token at `pos` (a `-` or digit) and returns the index after it. Hot: kept as
 * an unrolled loop rather than json-lexical's `scanJsonNumber`, which measured slower per number.
 */
function skipNumber(text: string, codes: Uint16Array, pos: number): number {
  let i = pos;
  if (codes[i] === 0x2d) i++;
  let c = codes[i] as number;
  if (c === 0x30) {
    i++;
    c = codes[i] as number;
    if (c >= 0x30 && c <= 0x39) fail(text);
  } else if (c >= 0x31 && c <= 0x39) {
    do c = codes[++i] as number;
    while (c >= 0x30 && c <= 0x39);
  } else fail(text);
  if (c === 0x2e) {
    c = codes[++i] as number;
    if (!(c >= 0x30 && c <= 0x39)) fail(text);
    do c = codes[++i] as number;
    while (c >= 0x30 && c <= 0x39);
  }
  if (c === 0x65 || c === 0x45) {
    c = codes[++i] as number;
    if (c === 0x2b || c === 0x2d) c = codes[++i] as number;
    if (!(c >= 0x30 && c <= 0x39)) fail(text);
    do c = codes[++i] as number;
    while (c >= 0x30 && c <= 0x39);
  }
  return i;
}

/**
 * Reads `"key" :` at `pos` and follows the key from `from`; the node reached (or `undefined`) is left
 * in `keyNode`. Returns the index after the colon. Hot: escape-free keys are followed in place
 * (no substring); only keys with escapes are decoded.
 */
function readKey(text: string, codes: Uint16Array, pos: number, from: PathNode | undefined): number {
  if (codes[pos] !== 0x22) fail(text);
  let i: number;
  if (from === undefined) {
    i = skipString(text, codes, pos);
    keyNode = undefined;
  } else {
    const end = cleanStringEnd(codes, pos);
    if (end >= 0) {
      keyNode = stepByCodes(from, codes, pos + 1, end);
      i = end + 1;
    } else {
      i = skipStringSlow(text, pos);
      keyNode = stepByKey(from, decodeString(text, pos + 1, i - 1));
    }
  }
  if (codes[i] !== 0x3a) {
    i = ws(codes, i);
    if (codes[i] !== 0x3a) fail(text);
  }
  return i + 1;
}

/**
 * Reads the scalar value (number, `true`, `false`, `null`) at `pos` on path `node` and returns the
 * index after it; strings and containers are the caller's. Throws the reader's error for anything
 * else. Strings stay inline in both callers: folded in here, they made the scan 2-4% slower
 * (paired, CityLots EXACT, COMPLEX_ARRAYS, COMBO and mixed envelopes).
 */
function scanScalar(text: string, codes: Uint16Array, pos: number, c: number, node: PathNode | undefined, context: number, fields: EventFields): number {
  if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
    if (node === undefined || node.leafId < 0) return skipNumber(text, codes, pos);
    // Plain decimals are validated and read in one pass; anything else the general way.
    const number = readNumber(text, codes, pos);
    if (number !== undefined) {
      fields.add(node.leafId, number, context);
      return readNumberEnd;
    }
    const end = skipNumber(text, codes, pos);
    fields.add(node.leafId, numberFromSpan(text, pos, end), context);
    return end;
  }
  if (c === 0x74 && codes[pos + 1] === 0x72 && codes[pos + 2] === 0x75 && codes[pos + 3] === 0x65) {
    if (node !== undefined && node.leafId >= 0) fields.add(node.leafId, true, context);
    return pos + 4;
  }
  if (
    c === 0x66 &&
    codes[pos + 1] === 0x61 &&
    codes[pos + 2] === 0x6c &&
    codes[pos + 3] === 0x73 &&
    codes[pos + 4] === 0x65
  ) {
    if (node !== undefined && node.leafId >= 0) fields.add(node.leafId, false, context);
    return pos + 5;
  }
  if (c === 0x6e && codes[pos + 1] === 0x75 && codes[pos + 2] === 0x6c && codes[pos + 3] === 0x6c) {
    if (node !== undefined && node.leafId >= 0) fields.add(node.leafId, null, context);
    return pos + 4;
  }
  return fail(text);
}

/** Whether the last {@link scanMembers} stopped at a container value (else it closed its object). */
let memberContainer = false;

/**
 * Reads an object's members from the key at `pos` for as long as their values are scalars, in one
 * tight loop (most members of events are: envelope fields, properties, coordinate points), so the
 * scanner's general loop, with its stack and container checks, runs once per container rather than
 * once per value. Stops at a member whose value is an object or array, leaving the value's index
 * returned, its node in `keyNode` and {@link memberContainer} set; or after the object's closing
 * brace, returning the index after it with {@link memberContainer} clear.
 *
 * @param from - The object's path node (`undefined` inside what no rule reads).
 * @param context - The object's array context.
 */
function scanMembers(text: string, codes: Uint16Array, pos: number, from: PathNode | undefined, context: number, fields: EventFields): number {
  for (;;) {
    pos = readKey(text, codes, pos, from);
    const node = keyNode;
    let c = codes[pos] as number;
    if (c <= 0x20) {
      pos = ws(codes, pos);
      c = codes[pos] as number;
    }
    if (c === 0x22) {
      if (node !== undefined && node.leafId >= 0) {
        fields.add(node.leafId, readString(text, codes, pos), context);
        pos = stringEnd;
      } else {
        pos = skipString(text, codes, pos);
      }
    } else if (c === 0x7b || c === 0x5b) {
      memberContainer = true;
      return pos;
    } else {
      pos = scanScalar(text, codes, pos, c, node, context, fields);
    }
    let d = codes[pos] as number;
    if (d <= 0x20) {
      pos = ws(codes, pos);
      d = codes[pos] as number;
    }
    if (d === 0x2c) {
      pos++;
      if ((codes[pos] as number) <= 0x20) pos = ws(codes, pos);
      continue;
    }
    if (d !== 0x7d) fail(text);
    memberContainer = false;
    return pos + 1;
  }
}

/**
 * Scans an event given as JSON text into `fields`.
 *
 * Hot: this is the engine's main per-event cost. Keys are followed through the path table without
 * substrings; unused subtrees are validated and dropped (by one regex call when they are at most
 * {@link SKIP_DEPTH} deep and valid, else character by character).
 *
 * With `trusted`, a container no rule reads into that the regex cannot skip is passed by bracket
 * counting ({@link skipTrusted}) instead of the validating character loop, and the scan stops in
 * the top-level object once every top-level key rules read has been read and none can come again
 * ({@link canStop}) (see `MatchOptions.trusted`): what is read is still checked, so on malformed
 * text this either throws InvalidEventError or returns fields of some reading of the text; it
 * always ends.
 *
 * @param text - The event as JSON text.
 * @param table - The paths rules use.
 * @param fields - Receives the occurrences (call `reset` first).
 * @param trusted - Skip unread containers without validating them.
 * @throws {@link InvalidEventError} if the text is not valid JSON or not an object (in trusted mode:
 *   if the parts it reads are not).
 */
export function scanEventText(text: string, table: PathTable, fields: EventFields, trusted = false): void {
  const n = text.length;
  const codes = codeUnitsOf(text);
  compact = true;
  let pos = ws(codes, 0);
  if (codes[pos] !== 0x7b) fail(text);
  let sp = 0;
  let node: PathNode | undefined = table.root;
  let context = -1;
  /** With `trusted`: the root steps the early stop looks for ({@link startLookahead}), else `null`. */
  const lookahead = startLookahead(trusted, table.root);
  for (;;) {
    // A value starts at `pos` (after whitespace); `node` is its path, `context` its array context.
    let c = codes[pos] as number;
    if (c <= 0x20) {
      pos = ws(codes, pos);
      c = codes[pos] as number;
    }
    // A container no used path reaches into (an object whose path has no further steps counts too).
    let skipped = -1;
    if ((node === undefined && (c === 0x7b || c === 0x5b)) || (c === 0x7b && node !== undefined && node.stepSet === undefined)) {
      // Trusted text: a top-level member no rule reads may be where the rest need not be read.
      if (sp === 1 && lookahead !== null && canStop(text, pos, lookahead, fields)) {
        // The stack's one frame holds the root: let it go, as closing the object would.
        stackNode[0] = undefined;
        return;
      }
      skipped = trusted ? skipTrusted(text, codes, pos) : skipContainer(text, pos);
    }
    if (skipped >= 0) {
      pos = skipped;
    } else if (c === 0x7b || c === 0x5b) {
      let inner = context;
      if (node !== undefined && sp > 0 && stackKind[sp - 1] === ARRAY) {
        inner = fields.newElement(stackArray[sp - 1] as number, stackIndex[sp - 1] as number, context);
      }
      pos = ws(codes, pos + 1);
      const close = c === 0x7b ? 0x7d : 0x5d;
      if (codes[pos] === close) {
        pos++;
      } else {
        stackKind[sp] = c === 0x7b ? OBJECT : ARRAY;
        stackNode[sp] = node;
        stackContext[sp] = inner;
        stackArray[sp] = c === 0x5b && node !== undefined ? fields.newArray(node) : -1;
        stackIndex[sp] = 0;
        if (sp === 1 && lookahead !== null) enterTop(node);
        sp++;
        context = inner;
        if (c === 0x5b) continue;
        pos = scanMembers(text, codes, pos, node, inner, fields);
        if (memberContainer) {
          node = keyNode;
          continue;
        }
        // Every member was a scalar: the object is closed.
        sp--;
        stackNode[sp] = undefined;
      }
    } else if (c === 0x22) {
      if (node !== undefined && node.leafId >= 0) {
        fields.add(node.leafId, readString(text, codes, pos), context);
        pos = stringEnd;
      } else {
        pos = skipString(text, codes, pos);
      }
    } else {
      pos = scanScalar(text, codes, pos, c, node, context, fields);
    }

    // A value is complete: continue its container, closing as many as the text closes.
    for (;;) {
      let d = codes[pos] as number;
      if (d <= 0x20) {
        pos = ws(codes, pos);
        d = codes[pos] as number;
      }
      if (sp === 0) {
        if (pos !== n) fail(text);
        return;
      }
      const top = sp - 1;
      const isObject = stackKind[top] === OBJECT;
      if (d === 0x2c) {
        // Trusted text: once every top-level key rules read has been read and none can come again,
        // the rest is not read.
        if (top === 0 && lookahead !== null && canStop(text, pos, lookahead, fields)) {
          stackNode[0] = undefined;
          return;
        }
        pos++;
        if ((codes[pos] as number) <= 0x20) pos = ws(codes, pos);
        context = stackContext[top] as number;
        if (isObject) {
          pos = scanMembers(text, codes, pos, stackNode[top], context, fields);
          if (memberContainer) {
            node = keyNode;
            break;
          }
          // The rest of the members were scalars: the object is closed.
          sp--;
          stackNode[sp] = undefined;
          continue;
        } else {
          stackIndex[top] = (stackIndex[top] as number) + 1;
          node = stackNode[top];
        }
        break;
      }
      if (d !== (isObject ? 0x7d : 0x5d)) fail(text);
      pos++;
      sp--;
      stackNode[sp] = undefined;
    }
  }
}

/**
 * Scans an event given as a parsed JavaScript value into `fields`, with the same results as
 * {@link scanEventText} on its JSON text. Plain data (objects with `Object.prototype` or no
 * prototype, arrays, strings, finite numbers, booleans, null, `undefined`) is walked directly;
 * anything else (a `toJSON` method, a class instance or boxed primitive, `NaN`, a bigint, nesting
 * deeper than {@link PLAIN_DEPTH}, which includes cycles) makes it start over with the event
 * reader's `eventFromValue`, so every conversion rule and error is the event reader's.
 * Iterative. A getter on the event may run twice when it starts over.
 *
 * @param event - The parsed event.
 * @param table - The paths rules use.
 * @param fields - Receives the occurrences (call `reset` first).
 * @throws {@link InvalidEventError} for a value that is not a JSON object (see `eventFromValue`).
 */
export function scanEventValue(event: object, table: PathTable, fields: EventFields): void {
  if (scanPlainValue(event, table, fields)) return;
  fields.reset(table.leafCapacity);
  scanEventTree(eventFromValue(event), table, fields);
}

/** Deepest plain nesting walked directly; deeper values (and cycles) go to the event reader. */
const PLAIN_DEPTH = 256;

const NOT_PLAIN = 0;
const PLAIN_OBJECT = 1;
const PLAIN_ARRAY = 2;

/**
 * Whether a container is plain data whose JSON form is itself: an array or an object with the
 * standard prototype (or none), without a `toJSON` method.
 */
function plainKind(v: object): number {
  const proto: unknown = Object.getPrototypeOf(v);
  const isArray = Array.isArray(v);
  if (isArray ? proto !== Array.prototype : proto !== Object.prototype && proto !== null) return NOT_PLAIN;
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return NOT_PLAIN;
  return isArray ? PLAIN_ARRAY : PLAIN_OBJECT;
}

/** A container of a plain event being walked. */
interface PlainFrame {
  readonly source: object;
  /** Own enumerable keys for an object, `undefined` for an array. */
  readonly keys: readonly string[] | undefined;
  readonly length: number;
  next: number;
  /** The path node, or `undefined` inside a subtree no rule reads (validated only). */
  readonly node: PathNode | undefined;
  readonly context: number;
  readonly arrayId: number;
}

/**
 * Walks a plain event into `fields` as {@link scanEventTree} walks the event reader's tree of it.
 * Returns false as soon as it meets something that is not plain data (the caller starts over).
 */
function scanPlainValue(event: object, table: PathTable, fields: EventFields): boolean {
  if (plainKind(event) !== PLAIN_OBJECT) return false;
  const rootKeys = Object.keys(event);
  const stack: PlainFrame[] = [{ source: event, keys: rootKeys, length: rootKeys.length, next: 0, node: table.root, context: -1, arrayId: -1 }];
  for (;;) {
    const frame = stack[stack.length - 1];
    if (frame === undefined) return true;
    if (frame.next >= frame.length) {
      stack.pop();
      continue;
    }
    const index = frame.next++;
    const keys = frame.keys;
    let node: PathNode | undefined;
    let raw: unknown;
    if (keys !== undefined) {
      const key = keys[index] as string;
      raw = (frame.source as Record<string, unknown>)[key];
      node = frame.node === undefined ? undefined : stepByKey(frame.node, key);
    } else {
      raw = (frame.source as unknown[])[index];
      node = frame.node;
    }
    let leaf: LeafValue;
    switch (typeof raw) {
      case 'string':
      case 'boolean':
        leaf = raw;
        break;
      case 'number':
        if (!Number.isFinite(raw)) return false;
        if (node === undefined || node.leafId < 0) continue;
        leaf = numberFromValue(raw);
        break;
      case 'object': {
        if (raw === null) {
          leaf = null;
          break;
        }
        const kind = plainKind(raw);
        if (kind === NOT_PLAIN || stack.length >= PLAIN_DEPTH) return false;
        let context = frame.context;
        if (node !== undefined && keys === undefined) context = fields.newElement(frame.arrayId, index, frame.context);
        const childKeys = kind === PLAIN_OBJECT ? Object.keys(raw) : undefined;
        stack.push({
          source: raw,
          keys: childKeys,
          length: childKeys !== undefined ? childKeys.length : (raw as unknown[]).length,
          next: 0,
          node,
          context,
          arrayId: kind === PLAIN_ARRAY && node !== undefined ? fields.newArray(node) : -1,
        });
        continue;
      }
      case 'undefined':
      case 'function':
      case 'symbol':
        // JSON.stringify drops such members and writes null for such array elements.
        if (keys !== undefined) continue;
        leaf = null;
        break;
      default:
        return false;
    }
    if (node !== undefined && node.leafId >= 0) fields.add(node.leafId, leaf, frame.context);
  }
}

/** A container being walked: its values, the path node, the array context, the array id. */
interface TreeFrame {
  readonly object: EventObject | undefined;
  readonly array: readonly EventValue[] | undefined;
  readonly node: PathNode;
  readonly context: number;
  readonly arrayId: number;
  next: number;
}

/**
 * Walks an event tree (from the event reader) into `fields`, visiting only used paths.
 *
 * @param root - The event's top-level object.
 * @param table - The paths rules use.
 * @param fields - Receives the occurrences (call `reset` first).
 */
function scanEventTree(root: EventObject, table: PathTable, fields: EventFields): void {
  const stack: TreeFrame[] = [{ object: root, array: undefined, node: table.root, context: -1, arrayId: -1, next: 0 }];
  for (;;) {
    const frame = stack[stack.length - 1];
    if (frame === undefined) return;
    let node: PathNode | undefined;
    let value: EventValue;
    let index = 0;
    if (frame.object !== undefined) {
      const member = frame.object.members[frame.next++];
      if (member === undefined) {
        stack.pop();
        continue;
      }
      node = stepByKey(frame.node, member[0]);
      if (node === undefined) continue;
      value = member[1];
    } else {
      const items = frame.array as readonly EventValue[];
      if (frame.next >= items.length) {
        stack.pop();
        continue;
      }
      index = frame.next++;
      node = frame.node;
      value = items[index] as EventValue;
    }
    if (Array.isArray(value) || isEventObject(value)) {
      const context = frame.array !== undefined ? fields.newElement(frame.arrayId, index, frame.context) : frame.context;
      if (isEventObject(value)) {
        stack.push({ object: value, array: undefined, node, context, arrayId: -1, next: 0 });
      } else {
        stack.push({ object: undefined, array: value as readonly EventValue[], node, context, arrayId: fields.newArray(node), next: 0 });
      }
      continue;
    }
    if (node.leafId >= 0) fields.add(node.leafId, value as LeafValue, frame.context);
  }
}
