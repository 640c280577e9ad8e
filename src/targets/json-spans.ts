/**
 * A view of an event's JSON text as a tree of source spans: every value knows where it starts and
 * ends in the text, so target input can be built from the event's own spelling of each value (number
 * texts such as `1.50` and string escapes such as `\"` are kept, never decoded and re-encoded).
 * The reader is iterative (events nested thousands deep are fine) and expects text that the strict
 * event reader (`parseEventText`) has already accepted.
 */

import { isJsonWhitespace, scanJsonNumber, scanJsonString } from '../event/json-lexical.js';

/** A JSON value of the event, as a span of its text. */
export type SpanNode = SpanObject | SpanArray | SpanLeaf;

/** An object: its members in document order (duplicates kept). */
export interface SpanObject {
  readonly kind: 'object';
  readonly start: number;
  end: number;
  readonly members: Array<readonly [key: string, value: SpanNode]>;
}

/** An array. */
export interface SpanArray {
  readonly kind: 'array';
  readonly start: number;
  end: number;
  readonly items: SpanNode[];
}

/** A string, number, `true`, `false` or `null`. For a string, `start`/`end` include the quotes. */
export interface SpanLeaf {
  readonly kind: 'string' | 'number' | 'literal';
  readonly start: number;
  readonly end: number;
}

/**
 * Reads valid JSON text into spans.
 *
 * @param text - JSON text already validated by the strict event reader.
 * @returns The root value.
 */
export function readSpans(text: string): SpanNode {
  const stack: Array<SpanObject | SpanArray> = [];
  let pendingKey = '';
  let root: SpanNode | undefined;
  let i = 0;
  const n = text.length;
  const attach = (node: SpanNode): void => {
    const top = stack[stack.length - 1];
    if (top === undefined) root = node;
    else if (top.kind === 'object') top.members.push([pendingKey, node]);
    else top.items.push(node);
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isJsonWhitespace(c) || c === 0x2c /* , */ || c === 0x3a /* : */) {
      i++;
      continue;
    }
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      const node: SpanObject | SpanArray =
        c === 0x7b ? { kind: 'object', start: i, end: i, members: [] } : { kind: 'array', start: i, end: i, items: [] };
      attach(node);
      stack.push(node);
      i++;
      continue;
    }
    if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      const node = stack.pop();
      if (node !== undefined) node.end = i + 1;
      i++;
      continue;
    }
    if (c === 0x22 /* " */) {
      const end = scanJsonString(text, i);
      const stop = end < 0 ? n : end;
      const top = stack[stack.length - 1];
      if (top?.kind === 'object' && isKeyPosition(text, stop)) {
        // A key without escapes is its own text; only one with escapes is decoded.
        pendingKey = hasEscape(text, i + 1, stop - 1) ? (JSON.parse(text.slice(i, stop)) as string) : text.slice(i + 1, stop - 1);
      } else {
        attach({ kind: 'string', start: i, end: stop });
      }
      i = stop;
      continue;
    }
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const end = scanJsonNumber(text, i);
      const stop = end < 0 ? n : end;
      attach({ kind: 'number', start: i, end: stop });
      i = stop;
      continue;
    }
    // true, false, null
    const length = c === 0x66 /* f */ ? 5 : 4;
    attach({ kind: 'literal', start: i, end: i + length });
    i += length;
  }
  return root ?? { kind: 'literal', start: 0, end: 0 };
}

/** Whether `text[start, end)` holds a backslash. */
function hasEscape(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === 0x5c) return true;
  return false;
}

/**
 * Where the whole text's value lies, without reading inside it: from its first to its last
 * character that is not whitespace. Enough for {@link compactText} of the whole value.
 *
 * @param text - JSON text of one value, already validated.
 * @returns The value's extent and kind.
 */
export function wholeSpan(text: string): SpanExtent {
  let start = 0;
  let end = text.length;
  while (start < end && isJsonWhitespace(text.charCodeAt(start))) start++;
  while (end > start && isJsonWhitespace(text.charCodeAt(end - 1))) end--;
  const c = text.charCodeAt(start);
  return { kind: c === 0x7b ? 'object' : c === 0x5b ? 'array' : c === 0x22 ? 'string' : c === 0x2d || (c >= 0x30 && c <= 0x39) ? 'number' : 'literal', start, end };
}

/** Where a value lies in its text, and its kind: what {@link compactText} needs of a span. */
export interface SpanExtent {
  readonly kind: SpanNode['kind'];
  readonly start: number;
  readonly end: number;
}

/** Whether the next non-whitespace character after `from` is a colon (the string was a key). */
function isKeyPosition(text: string, from: number): boolean {
  let j = from;
  while (isJsonWhitespace(text.charCodeAt(j))) j++;
  return text.charCodeAt(j) === 0x3a;
}

/**
 * The compact text of a value: its source with every whitespace character outside strings removed,
 * which is how AWS writes the envelope it delivers (docs/semantics.md: the envelope is compact JSON).
 *
 * @param text - The whole JSON text.
 * @param node - The value.
 * @returns The value's compact text.
 */
export function compactText(text: string, node: SpanExtent): string {
  if (node.kind !== 'object' && node.kind !== 'array') return text.slice(node.start, node.end);
  let out = '';
  let runStart = node.start;
  let i = node.start;
  while (i < node.end) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const end = scanJsonString(text, i);
      i = end < 0 ? node.end : end;
      continue;
    }
    if (isJsonWhitespace(c)) {
      out += text.slice(runStart, i);
      while (i < node.end && isJsonWhitespace(text.charCodeAt(i))) i++;
      runStart = i;
      continue;
    }
    i++;
  }
  return out + text.slice(runStart, node.end);
}

/**
 * The member of an object with the given key; the last one when the key is repeated (a JSON
 * reader that builds a map, as AWS's does, keeps the last value).
 *
 * @param node - An object node.
 * @param key - The member name.
 * @returns The member's value, or `undefined`.
 */
export function memberOf(node: SpanObject, key: string): SpanNode | undefined {
  for (let k = node.members.length - 1; k >= 0; k--) {
    const member = node.members[k];
    if (member !== undefined && member[0] === key) return member[1];
  }
  return undefined;
}
