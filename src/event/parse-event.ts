/**
 * Reads an event into a small JSON tree that keeps what `JSON.parse` loses: the source text of every
 * number (as a {@link JsonNumber}) and every duplicate key (docs/semantics.md §2.2 point 5: event-ruler's
 * streaming reader keeps both values). The reader is strict RFC 8259 JSON and iterative (an explicit
 * stack, no recursion), so events nested 10,000 deep and 1 MB strings are fine. Object keys are kept
 * in arrays of `[key, value]` pairs, so `__proto__` and `constructor` are plain data.
 */

import { InvalidEventError } from './errors.js';
import { isDigit, isJsonWhitespace, scanJsonNumber } from './json-lexical.js';
import type { LeafValue } from '../values/leaf-value.js';
import { numberFromText, numberFromValue } from '../values/json-number.js';

/** One member of an event object: its key and its value, in document order. */
export type EventMember = readonly [key: string, value: EventValue];

/**
 * A JSON object of an event. Members keep document order and duplicates:
 * `{"a":1,"a":2}` has two members named `a`.
 */
export interface EventObject {
  readonly kind: 'object';
  readonly members: readonly EventMember[];
}

/** A JSON array of an event. */
export type EventArray = readonly EventValue[];

/** Any JSON value of an event: a leaf ({@link LeafValue}), an object or an array. */
export type EventValue = LeafValue | EventObject | EventArray;

/**
 * Tells an {@link EventObject} apart from the other {@link EventValue}s.
 *
 * @param value - Any event value.
 * @returns `true` for an object node.
 */
export function isEventObject(value: EventValue): value is EventObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'members' in value;
}

/**
 * Reads an event given as JSON text or as an already-parsed JavaScript value.
 *
 * @param event - JSON text, or a parsed value (see {@link eventFromValue} for how JS values map).
 * @returns The event's top-level object.
 * @throws {@link InvalidEventError} if the text is not valid JSON or the top level is not an object.
 */
export function parseEvent(event: string | object): EventObject {
  return typeof event === 'string' ? parseEventText(event) : eventFromValue(event);
}

// ---------------------------------------------------------------------------------------------
// JSON text

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Container being filled while reading text: an object (waiting for the value of `key`) or an array. */
interface TextFrame {
  readonly members: EventMember[] | undefined;
  readonly items: EventValue[] | undefined;
  readonly node: EventObject | EventArray;
  key: string;
}

/**
 * Reads an event from JSON text: strict JSON (no comments, trailing commas, leading zeros, NaN, or
 * text after the value), iterative, linear in the text length.
 *
 * @param text - The event as JSON text.
 * @returns The event's top-level object, with duplicate keys and number texts kept.
 * @throws {@link InvalidEventError} with a `reason` naming the problem and its 0-based position,
 *   e.g. `Unexpected character 'x' at position 12`, or `Event must be a JSON object`.
 */
export function parseEventText(text: string): EventObject {
  const reader = new TextReader(text);
  const root = reader.readDocument();
  if (!isEventObject(root)) throw new InvalidEventError('Event must be a JSON object');
  return root;
}

/** Quotes a character for a message: `'x'`, or `U+000A` for control and unpaired characters. */
function describeChar(code: number): string {
  if (code < 0x20 || code === 0x7f || (code >= 0xd800 && code <= 0xdfff)) {
    return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return `'${String.fromCharCode(code)}'`;
}

class TextReader {
  private readonly text: string;
  private pos = 0;

  constructor(text: string) {
    this.text = text;
  }

  /** Reads the whole text as one JSON value followed only by whitespace. */
  readDocument(): EventValue {
    const stack: TextFrame[] = [];
    let value: EventValue;
    for (;;) {
      // Expecting a value.
      this.skipWhitespace();
      const c = this.text.charCodeAt(this.pos);
      if (c === 0x7b /* { */) {
        this.pos++;
        this.skipWhitespace();
        const members: EventMember[] = [];
        const node: EventObject = { kind: 'object', members };
        if (this.text.charCodeAt(this.pos) === 0x7d /* } */) {
          this.pos++;
          value = node;
        } else {
          stack.push({ members, items: undefined, node, key: this.readKey() });
          continue;
        }
      } else if (c === 0x5b /* [ */) {
        this.pos++;
        this.skipWhitespace();
        const items: EventValue[] = [];
        if (this.text.charCodeAt(this.pos) === 0x5d /* ] */) {
          this.pos++;
          value = items;
        } else {
          stack.push({ members: undefined, items, node: items, key: '' });
          continue;
        }
      } else if (c === QUOTE) {
        value = this.readString();
      } else if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
        value = numberFromText(this.readNumber());
      } else if (c === 0x74 /* t */ && this.text.startsWith('true', this.pos)) {
        this.pos += 4;
        value = true;
      } else if (c === 0x66 /* f */ && this.text.startsWith('false', this.pos)) {
        this.pos += 5;
        value = false;
      } else if (c === 0x6e /* n */ && this.text.startsWith('null', this.pos)) {
        this.pos += 4;
        value = null;
      } else {
        throw this.unexpected();
      }

      // A value is complete: attach it, then close as many containers as the text closes.
      for (;;) {
        const top = stack[stack.length - 1];
        if (top === undefined) {
          this.skipWhitespace();
          if (this.pos < this.text.length) throw this.unexpected();
          return value;
        }
        if (top.members !== undefined) top.members.push([top.key, value]);
        else top.items?.push(value);
        this.skipWhitespace();
        const next = this.text.charCodeAt(this.pos);
        if (next === 0x2c /* , */) {
          this.pos++;
          if (top.members !== undefined) {
            this.skipWhitespace();
            top.key = this.readKey();
          }
          break;
        }
        if (next === (top.members !== undefined ? 0x7d : 0x5d)) {
          this.pos++;
          stack.pop();
          value = top.node;
          continue;
        }
        throw this.unexpected();
      }
    }
  }

  /** Reads `"key"` and the `:` after it; `pos` is at the opening quote. */
  private readKey(): string {
    if (this.text.charCodeAt(this.pos) !== QUOTE) throw this.unexpected();
    const key = this.readString();
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) !== 0x3a /* : */) throw this.unexpected();
    this.pos++;
    return key;
  }

  private skipWhitespace(): void {
    const text = this.text;
    let i = this.pos;
    while (isJsonWhitespace(text.charCodeAt(i))) i++;
    this.pos = i;
  }

  /** Reads a string; `pos` is at the opening quote. Linear: unescaped runs are sliced, not copied per char. */
  private readString(): string {
    const text = this.text;
    const start = this.pos;
    let i = start + 1;
    let runStart = i;
    let parts: string[] | undefined;
    for (;;) {
      if (i >= text.length) throw new InvalidEventError(`Unterminated string starting at position ${start}`);
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        const run = text.slice(runStart, i);
        this.pos = i + 1;
        if (parts === undefined) return run;
        parts.push(run);
        return parts.join('');
      }
      if (c < 0x20) {
        throw new InvalidEventError(`Unescaped control character ${describeChar(c)} in string at position ${i}`);
      }
      if (c !== BACKSLASH) {
        i++;
        continue;
      }
      parts ??= [];
      parts.push(text.slice(runStart, i));
      const e = text.charCodeAt(i + 1);
      switch (e) {
        case QUOTE: parts.push('"'); break;
        case BACKSLASH: parts.push('\\'); break;
        case 0x2f: parts.push('/'); break;
        case 0x62: parts.push('\b'); break;
        case 0x66: parts.push('\f'); break;
        case 0x6e: parts.push('\n'); break;
        case 0x72: parts.push('\r'); break;
        case 0x74: parts.push('\t'); break;
        case 0x75: {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
            throw new InvalidEventError(`Invalid \\u escape in string at position ${i}`);
          }
          parts.push(String.fromCharCode(parseInt(hex, 16)));
          i += 4;
          break;
        }
        default:
          if (Number.isNaN(e)) throw new InvalidEventError(`Unterminated string starting at position ${start}`);
          throw new InvalidEventError(`Invalid escape character ${describeChar(e)} in string at position ${i}`);
      }
      i += 2;
      runStart = i;
    }
  }

  /** Reads a number token per RFC 8259 and returns its text; `pos` is at `-` or a digit. */
  private readNumber(): string {
    const text = this.text;
    const start = this.pos;
    const end = scanJsonNumber(text, start);
    if (end < 0) throw this.unexpectedAt(~end, 'in a number');
    // The grammar ends a token at a leading 0, and only there can a digit follow the token.
    if (isDigit(text.charCodeAt(end))) {
      throw new InvalidEventError(`Leading zeros are not allowed in a number at position ${start}`);
    }
    this.pos = end;
    return text.slice(start, end);
  }

  private unexpected(): InvalidEventError {
    return this.unexpectedAt(this.pos, '');
  }

  private unexpectedAt(at: number, where: string): InvalidEventError {
    const suffix = where === '' ? '' : ` ${where}`;
    if (at >= this.text.length) return new InvalidEventError(`Unexpected end of input${suffix} at position ${at}`);
    return new InvalidEventError(`Unexpected character ${describeChar(this.text.charCodeAt(at))}${suffix} at position ${at}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Already-parsed JavaScript values

/** Container being converted: its source, the keys still to visit (objects) and the output. */
interface ValueFrame {
  readonly source: object;
  /** Own enumerable keys for an object, `undefined` for an array. */
  readonly keys: string[] | undefined;
  readonly length: number;
  next: number;
  readonly members: EventMember[] | undefined;
  readonly items: EventValue[] | undefined;
  /** The enclosing container, for building locations in messages. */
  readonly parent: ValueFrame | undefined;
  /** This container's step from its parent: `.a`, `["a b"]` or `[2]`; `$` for the top level. */
  readonly step: string;
}

/** What a JS value stands for in JSON, after `toJSON` and unboxing; `skip` is what JSON.stringify omits. */
type Prepared =
  | { readonly t: 'leaf'; readonly v: LeafValue }
  | { readonly t: 'container'; readonly v: object; readonly isArray: boolean }
  | { readonly t: 'skip' };

const SKIP: Prepared = { t: 'skip' };

/**
 * Converts an already-parsed JavaScript value into an event tree, the way `JSON.stringify` would see
 * it, so that a value and its JSON text give the same event. Iterative: nesting depth is unbounded.
 *
 * Mapping (decisions where JSON has no answer):
 * - strings, booleans, `null` as themselves; `toJSON()` is called first when present (Dates become
 *   ISO strings); boxed primitives are unboxed;
 * - finite numbers via `numberFromValue` (text `String(x)`); `-0` equals `0`;
 * - **non-finite numbers (`NaN`, `Infinity`) throw**: JSON cannot express them and silently turning
 *   them into `null` (as `JSON.stringify` does) could make an event match a `[null]` pattern;
 * - **bigint becomes a number with the bigint's decimal text** (`JSON.stringify` would throw);
 * - `undefined`, functions and symbols: object members are skipped, array elements become `null`,
 *   exactly as `JSON.stringify` does;
 * - arrays by index `0..length-1` (holes are `null`); other objects by own enumerable string keys
 *   (so a `Map` or `Set` is an empty object, as in `JSON.stringify`); `__proto__` keys are plain data;
 * - a circular reference throws.
 *
 * @param value - The parsed event.
 * @returns The event's top-level object.
 * @throws {@link InvalidEventError} when the top level is not a plain JSON object (`Event must be a
 *   JSON object`), for a non-finite number (`Number NaN at $.a is not valid JSON`), or for a
 *   circular reference (`Circular reference at $.a.b`).
 */
export function eventFromValue(value: unknown): EventObject {
  const top = prepare(value, '', () => '$');
  if (top.t !== 'container' || top.isArray) throw new InvalidEventError('Event must be a JSON object');
  const rootMembers: EventMember[] = [];
  const active = new Set<object>([top.v]);
  const keys = Object.keys(top.v);
  const stack: ValueFrame[] = [
    { source: top.v, keys, length: keys.length, next: 0, members: rootMembers, items: undefined, parent: undefined, step: '$' },
  ];
  for (;;) {
    const frame = stack[stack.length - 1];
    if (frame === undefined) break;
    if (frame.next >= frame.length) {
      stack.pop();
      active.delete(frame.source);
      continue;
    }
    const index = frame.next++;
    const key = frame.keys === undefined ? String(index) : (frame.keys[index] as string);
    const step = (): string => (frame.keys === undefined ? `[${index}]` : describeKey(key));
    const where = (): string => locate(frame) + step();
    const raw: unknown = (frame.source as Record<string, unknown>)[key];
    const child = prepare(raw, key, where);
    let out: EventValue;
    if (child.t === 'skip') {
      if (frame.items === undefined) continue;
      out = null;
    } else if (child.t === 'leaf') {
      out = child.v;
    } else {
      if (active.has(child.v)) throw new InvalidEventError(`Circular reference at ${where()}`);
      active.add(child.v);
      if (child.isArray) {
        const items: EventValue[] = [];
        const length = (child.v as unknown[]).length;
        stack.push({ source: child.v, keys: undefined, length, next: 0, members: undefined, items, parent: frame, step: step() });
        out = items;
      } else {
        const members: EventMember[] = [];
        const childKeys = Object.keys(child.v);
        stack.push({
          source: child.v,
          keys: childKeys,
          length: childKeys.length,
          next: 0,
          members,
          items: undefined,
          parent: frame,
          step: step(),
        });
        out = { kind: 'object', members };
      }
    }
    if (frame.members !== undefined) frame.members.push([key, out]);
    else frame.items?.push(out);
  }
  return { kind: 'object', members: rootMembers };
}

/** The location of a container, `$.a[2]`, built only when a message needs it. */
function locate(frame: ValueFrame): string {
  const steps: string[] = [];
  for (let f: ValueFrame | undefined = frame; f !== undefined; f = f.parent) steps.push(f.step);
  return steps.reverse().join('');
}

/** `.a` for identifier-like keys, `["a b"]` otherwise, for readable locations. */
function describeKey(key: string): string {
  return /^[A-Za-z_$][\w$-]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** Applies `toJSON` and unboxing, then classifies the value. */
function prepare(raw: unknown, key: string, where: () => string): Prepared {
  let value = raw;
  if (typeof value === 'object' && value !== null) {
    const toJSON: unknown = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') value = (toJSON as (k: string) => unknown).call(value, key);
  }
  if (value instanceof Number || value instanceof String || value instanceof Boolean || value instanceof BigInt) {
    value = value.valueOf();
  }
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return { t: 'leaf', v: value };
    case 'number':
      if (!Number.isFinite(value)) throw new InvalidEventError(`Number ${String(value)} at ${where()} is not valid JSON`);
      return { t: 'leaf', v: numberFromValue(value) };
    case 'bigint':
      return { t: 'leaf', v: numberFromText(value.toString()) };
    case 'object':
      if (value === null) return { t: 'leaf', v: null };
      return { t: 'container', v: value, isArray: Array.isArray(value) };
    default:
      return SKIP;
  }
}
