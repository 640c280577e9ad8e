/**
 * Tests of event flattening (docs/semantics.md §2.2, §2.5): paths, transparent arrays, empty containers,
 * duplicates, and array coordinates.
 */

import { describe, expect, test } from 'vitest';
import { describeLocation, FlatEvent, flattenEvent, isConsistent } from '../../src/event/flatten.js';
import type { Occurrence } from '../../src/event/flatten.js';
import type { LeafValue } from '../../src/values/leaf-value.js';

/** A leaf as plain data: numbers as their text prefixed with `#`. */
function show(v: LeafValue): unknown {
  return typeof v === 'object' && v !== null ? `#${v.text}` : v;
}

/** Occurrences as `[path, value, coords]` triples with coords as `array:index` strings. */
function triples(event: string | object): [string, unknown, string[]][] {
  return flattenEvent(event).occurrences.map((o: Occurrence) => [o.path, show(o.value), o.coords.map((c) => `${c.array}:${c.index}`)]);
}

describe('flattenEvent', () => {
  test('should join object keys with dots', () => {
    expect(triples('{"a":{"b":{"c":"x"}},"d":1}')).toEqual([
      ['a.b.c', 'x', []],
      ['d', '#1', []],
    ]);
  });

  test.each([
    ['{"a":[[[["x"]]]]}', [['a', 'x', ['0:0', '1:0', '2:0']]]],
    ['{"a":[1,2]}', [['a', '#1', []], ['a', '#2', []]]],
    ['{"a":["x",["y"]]}', [['a', 'x', []], ['a', 'y', ['0:1']]]],
  ])('should make arrays transparent: %s', (event, expected) => {
    expect(triples(event)).toEqual(expected);
  });

  test.each(['{"a":{}}', '{"a":[]}', '{"a":[[]]}', '{"a":[{}]}', '{}', '{"a":[[],{}]}'])(
    'should yield nothing for empty arrays and objects: %s',
    (event) => {
      expect(flattenEvent(event).occurrences).toEqual([]);
      expect(flattenEvent(event).at('a')).toEqual([]);
    },
  );

  test('should land dotted keys and nested keys on the same path, keeping both values', () => {
    const flat = flattenEvent('{"a":{"b":"nested"},"a.b":"dotted"}');
    expect(flat.at('a.b').map((o) => o.value)).toEqual(['nested', 'dotted']);
  });

  test('should keep every value of a duplicate key (streaming semantics, docs/semantics.md §2.2)', () => {
    expect(flattenEvent('{"a":"y","a":"x"}').at('a').map((o) => o.value)).toEqual(['y', 'x']);
  });

  test('should keep null, booleans, empty strings and number texts as leaves', () => {
    expect(triples('{"n":null,"t":true,"f":false,"e":"","x":3.0e2}')).toEqual([
      ['n', null, []],
      ['t', true, []],
      ['f', false, []],
      ['e', '', []],
      ['x', '#3.0e2', []],
    ]);
  });

  test('should treat empty keys as ordinary path steps (Q14 fixed)', () => {
    expect(triples('{"":"x","a":{"":"y"}}')).toEqual([
      ['', 'x', []],
      ['a.', 'y', []],
    ]);
  });

  test('should keep a JSON string that contains JSON as a string', () => {
    expect(triples({ detail: '{"k":"v"}' })).toEqual([['detail', '{"k":"v"}', []]]);
  });

  test('should record a coordinate for each enclosing object or array element (docs/semantics.md §2.5)', () => {
    expect(triples('{"a":[{"b":1,"c":[2,3]},{"b":4}],"d":"x"}')).toEqual([
      ['a.b', '#1', ['0:0']],
      ['a.c', '#2', ['0:0']],
      ['a.c', '#3', ['0:0']],
      ['a.b', '#4', ['0:1']],
      ['d', 'x', []],
    ]);
    const flat = flattenEvent('{"a":[{"b":1,"c":[2,3]},{"b":4}],"d":"x"}');
    expect(flat.arrayPaths).toEqual(['a', 'a.c']);
  });

  test('should record nested arrays of objects outermost first', () => {
    expect(triples('{"a":[{"b":[{"c":1},{"d":2}]}]}')).toEqual([
      ['a.b.c', '#1', ['0:0', '1:0']],
      ['a.b.d', '#2', ['0:0', '1:1']],
    ]);
  });

  test('should share the coords array of occurrences in the same element', () => {
    const [b, c] = flattenEvent('{"a":[{"b":1,"c":2}]}').occurrences;
    expect(b!.coords).toBe(c!.coords);
  });

  test('should flatten a parsed object like its JSON text', () => {
    const value = { a: [{ b: 1, c: ['x', null] }, [true]], '__proto__x': 2 };
    expect(triples(value)).toEqual(triples(JSON.stringify(value)));
  });

  test('should return a FlatEvent unchanged', () => {
    const flat = flattenEvent('{"a":1}');
    expect(flattenEvent(flat)).toBe(flat);
    expect(flat).toBeInstanceOf(FlatEvent);
  });

  test('should flatten 10,000-deep nesting and 20,000-element arrays', () => {
    const depth = 10_000;
    const deep = '{"a":'.repeat(depth) + '[{"b":1}]' + '}'.repeat(depth);
    const flat = flattenEvent(deep);
    expect(flat.occurrences).toHaveLength(1);
    expect(flat.occurrences[0]!.path).toBe(`${'a.'.repeat(depth)}b`);
    const wide = flattenEvent({ a: Array.from({ length: 20_000 }, (_, i) => ({ b: i })) });
    expect(wide.at('a.b')).toHaveLength(20_000);
    expect(wide.at('a.b')[19_999]!.coords).toEqual([{ array: 0, index: 19_999 }]);
  });
});

describe('isConsistent', () => {
  test('should require equal indexes only for arrays both sides mention', () => {
    expect(isConsistent([{ array: 0, index: 1 }], new Map([[0, 1]]))).toBe(true);
    expect(isConsistent([{ array: 0, index: 1 }], new Map([[0, 2]]))).toBe(false);
    expect(isConsistent([{ array: 0, index: 1 }], new Map([[3, 2]]))).toBe(true);
    expect(isConsistent([], new Map([[0, 2]]))).toBe(true);
  });
});

describe('describeLocation', () => {
  test('should insert element indexes after each array path', () => {
    const flat = flattenEvent('{"a":[{"b":[{"c":1}]},{"d":[[{"e":2}]]}],"f":[1]}');
    expect(flat.occurrences.map((o) => describeLocation(flat, o))).toEqual(['a[0].b[0].c', 'a[1].d[0][0].e', 'f']);
  });
});
