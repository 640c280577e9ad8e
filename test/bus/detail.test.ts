/**
 * Tests of compactDetail, PutEvents' strict Detail reader: what it compacts and how, what it rejects,
 * depth and size, and that it accepts exactly what the event reader accepts.
 */

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compactDetail } from '../../src/bus/detail.js';
import { parseEventText } from '../../src/event/parse-event.js';

/** Containers nested in a parsed JSON value, itself included. */
function depthOf(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let deepest = 0;
  for (const v of Object.values(value)) deepest = Math.max(deepest, depthOf(v));
  return deepest + 1;
}

/** Whether the event reader accepts `text` as an event (a JSON object). */
function eventReaderAccepts(text: string): boolean {
  try {
    parseEventText(text);
    return true;
  } catch {
    return false;
  }
}

describe('compactDetail', () => {
  test.each([
    ['{}', '{}'],
    [' { } ', '{}'],
    ['{"a": 1}', '{"a":1}'],
    ['{\n  "a" : [ 1.0 , -2e+3, 0.5E-1 ] ,\t"b": {"c": null, "d": true, "e": false}\r\n}', '{"a":[1.0,-2e+3,0.5E-1],"b":{"c":null,"d":true,"e":false}}'],
    ['{"s": "a b\\" \\\\ \\u00e9 \\n"}', '{"s":"a b\\" \\\\ \\u00e9 \\n"}'],
    ['{"dup": 1, "dup": 2}', '{"dup":1,"dup":2}'],
    ['{"__proto__": {"x": []}}', '{"__proto__":{"x":[]}}'],
    ['{"a":[[],[{}]]}', '{"a":[[],[{}]]}'],
  ])('should compact %j', (input, expected) => {
    expect(compactDetail(input)).toBe(expected);
  });

  test('should return the same string when there is no whitespace', () => {
    const text = '{"a":[1,2,{"b":"c d"}]}';
    expect(compactDetail(text)).toBe(text);
  });

  test.each([
    ['NotJSON'],
    ['[]'],
    ['"NotJSON"'],
    ['null'],
    ['1'],
    ['{{}'],
    ['{"a":1,}'],
    ['{"a":[1,]}'],
    ['{"a" 1}'],
    ["{'a':1}"],
    ['{"a":01}'],
    ['{"a":1.}'],
    ['{"a":.5}'],
    ['{"a":+1}'],
    ['{"a":1e}'],
    ['{"a":NaN}'],
    ['{"a":tru}'],
    ['{"a":"\\x"}'],
    ['{"a":"\\u12G4"}'],
    ['{"a":"tab\there"}'],
    ['{"a":"unterminated}'],
    ['{} {}'],
    ['{}x'],
    ['{"a":1'],
    ['{"a":[1}'],
    ['{"a":{]}'],
    [''],
    ['   '],
  ])('should reject %j', (input) => {
    expect(compactDetail(input)).toBeUndefined();
  });

  test('should read 10,000 levels of nesting without recursion', () => {
    const depth = 10_000;
    const text = `{"a": ${'['.repeat(depth)}${']'.repeat(depth)}}`;
    expect(compactDetail(text)).toBe(`{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`);
    expect(compactDetail(`{"a": ${'['.repeat(depth)}${']'.repeat(depth - 1)}}`)).toBeUndefined();
  });

  test('should read a 1 MB string', () => {
    const big = 'x'.repeat(1024 * 1024);
    expect(compactDetail(`{ "big" : "${big}" }`)).toBe(`{"big":"${big}"}`);
  });

  test('should accept compact details as they are and read the rest the long way, as the event reader does', () => {
    // Compact text takes one regex call when at most five containers deep; deeper or spaced text,
    // and text one edit away from valid, takes the character loop.
    const nested = fc.tuple(fc.jsonValue({ maxDepth: 2 }), fc.array(fc.boolean(), { minLength: 3, maxLength: 8 })).map(([v, wraps]) =>
      wraps.reduce<unknown>((inner, inArray) => (inArray ? [1, inner] : { k: inner, n: null }), v),
    );
    const compact = fc.oneof(fc.jsonValue({ maxDepth: 4 }), nested).map((v) => JSON.stringify({ v }));
    const edited = fc.tuple(compact, fc.nat(), fc.constantFrom('', ' ', ',', '"', '}', ']', '\\', '\u0001', '0', '-', 'e', '\ud800')).map(([text, at, c]) => {
      const i = at % text.length;
      return text.slice(0, i) + c + text.slice(i + 1);
    });
    const seen = { compact: 0, deep: 0, rejected: 0 };
    fc.assert(
      fc.property(fc.oneof(compact, edited), (text) => {
        const out = compactDetail(text);
        expect(out !== undefined, text).toBe(eventReaderAccepts(text));
        if (out === undefined) {
          seen.rejected++;
          return;
        }
        if (!/[ \t\n\r]/.test(text.replace(/"(?:[^"\\]|\\.)*"/g, ''))) {
          expect(out).toBe(text);
          seen.compact++;
          if (depthOf(JSON.parse(text)) > 5) seen.deep++;
        }
      }),
      { seed: 20261207, numRuns: 2000 },
    );
    expect(seen.compact).toBeGreaterThan(500);
    expect(seen.deep).toBeGreaterThan(20);
    expect(seen.rejected).toBeGreaterThan(200);
  });

  test('should accept exactly what the event reader accepts, and keep its meaning', () => {
    const pieces = fc.constantFrom('{', '}', '[', ']', ',', ':', ' ', '\n', '"a"', '"\\u00e9"', '"\\x"', '"\t"', '0', '01', '-', '1.5', '2e', '3E+4', 'true', 'nul', 'null');
    const nearJson = fc.oneof(
      fc.array(pieces, { maxLength: 12 }).map((p) => `{${p.join('')}`),
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v, null, 1)),
    );
    const seen = { accepted: 0, rejected: 0 };
    fc.assert(
      fc.property(nearJson, (text) => {
        const compact = compactDetail(text);
        expect(compact !== undefined, text).toBe(eventReaderAccepts(text));
        if (compact === undefined) {
          seen.rejected++;
          return;
        }
        seen.accepted++;
        expect(JSON.parse(compact)).toEqual(JSON.parse(text));
      }),
      { seed: 20261127, numRuns: 1500 },
    );
    expect(seen.accepted).toBeGreaterThan(100);
    expect(seen.rejected).toBeGreaterThan(100);
  });
});
