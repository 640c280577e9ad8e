/**
 * Tests of the reference evaluator against the tables of docs/semantics.md §2.3–§2.7 (array consistency,
 * exists:false order, null vs missing, objects, types), plus robustness on large and deep events.
 */

import { describe, expect, test } from 'vitest';
import { matchesPattern, matchingSubRules, searchSubRule } from '../../src/match/reference.js';
import { flattenEvent } from '../../src/event/flatten.js';
import { InvalidEventError } from '../../src/event/errors.js';
import { parsePattern } from '../../src/pattern/parse.js';

function matches(pattern: string, event: string | object): boolean {
  return matchesPattern(parsePattern(pattern), event);
}

describe('matchesPattern', () => {
  describe('should apply array consistency (docs/semantics.md §2.5)', () => {
    test.each([
      ['{"a":{"b":[1],"c":[4]}}', '{"a":[{"b":1,"c":2},{"b":3,"c":4}]}', false],
      ['{"a":{"b":[1],"c":[4]}}', '{"a":[{"b":1,"c":4},{"b":3,"c":2}]}', true],
      ['{"a":{"b":[2],"c":[3]}}', '{"a":[{"b":[1,2],"c":3}]}', true],
      ['{"a":{"b":[2],"c":[3]}}', '{"a":[{"b":[1,2]},{"c":3}]}', false],
      ['{"a":{"b":{"c":[1],"d":[2]}}}', '{"a":[{"b":[{"c":1},{"d":2}]}]}', false],
      ['{"a":{"b":{"c":[1],"d":[2]}}}', '{"a":[{"b":{"c":1}},{"b":{"d":2}}]}', false],
      ['{"x":[1],"a":{"b":[2]}}', '{"x":[1,5],"a":[{"b":2}]}', true],
      ['{"a":{"b":[1],"c":[4]}}', '{"a":[{"b":1,"c":2},{"b":1,"c":4}]}', true],
      ['{"a":{"b":[1,3],"c":[2]}}', '{"a":[{"b":1,"c":9},{"b":3,"c":2}]}', true],
      [
        '{"employees":{"firstName":["Anna"],"lastName":["Jones"]}}',
        '{"employees":[[{"firstName":"John","lastName":"Doe"},{"firstName":"Anna","lastName":"Smith"}],[{"firstName":"Peter","lastName":"Jones"}]]}',
        false,
      ],
      [
        '{"employees":{"firstName":["Anna"],"lastName":["Smith"]}}',
        '{"employees":[[{"firstName":"John","lastName":"Doe"},{"firstName":"Anna","lastName":"Smith"}],[{"firstName":"Peter","lastName":"Jones"}]]}',
        true,
      ],
    ])('%s vs %s -> %s', (pattern, event, expected) => {
      expect(matches(pattern, event)).toBe(expected);
    });
  });

  describe('should decide exists:false relative to the paths sorted before it (Q2)', () => {
    test.each([
      ['{"a":{"b":[1],"c":[{"exists":false}]}}', '{"a":[{"b":1},{"c":4}]}', true],
      ['{"a":{"b":[{"exists":false}],"c":[4]}}', '{"a":[{"b":1},{"c":4}]}', false],
      ['{"b":{"d":[2],"e":[{"exists":false}]}}', '{"b":[{"d":2},{"e":1}]}', true],
      ['{"b":{"a":[{"exists":false}],"d":[2]}}', '{"b":[{"d":2},{"a":1}]}', false],
      ['{"a":{"b":[1],"c":[{"exists":false}]}}', '{"a":[{"b":1,"c":4}]}', false],
      ['{"a":{"b":[1],"c":[{"exists":false}]}}', '{"a":[{"b":1,"c":4},{"b":1}]}', true],
    ])('%s vs %s -> %s', (pattern, event, expected) => {
      expect(matches(pattern, event)).toBe(expected);
    });
  });

  describe('should treat null, missing and empty as docs/semantics.md §2.6 says', () => {
    const patterns = ['[null]', '[""]', '[{"exists":true}]', '[{"exists":false}]', '[{"anything-but":"x"}]'];
    test.each([
      ['missing key', '{}', [false, false, false, true, false]],
      ['null', '{"f":null}', [true, false, true, false, true]],
      ['empty string', '{"f":""}', [false, true, true, false, true]],
      ['empty array', '{"f":[]}', [false, false, false, true, false]],
      ['[null]', '{"f":[null]}', [true, false, true, false, true]],
      ['empty object', '{"f":{}}', [false, false, false, true, false]],
      ['object', '{"f":{"k":1}}', [false, false, false, true, false]],
    ])('for %s', (_name, event, expected) => {
      expect(patterns.map((leaf) => matches(`{"f":${leaf}}`, event))).toEqual(expected);
    });
  });

  describe('should treat objects as non-leaves (docs/semantics.md §2.7)', () => {
    test.each([
      ['{"detail":{"c-count":[{"exists":false}]}}', '{"detail":{"c-count":{"c1":100}}}', true],
      ['{"detail":{"c-count":[{"exists":true}]}}', '{"detail":{"c-count":{"c1":100}}}', false],
      ['{"a":{"b":["x"]}}', '{"a":1}', false],
      ['{"a":{"b":[{"exists":false}]}}', '{"a":1}', true],
      ['{"detail":{"k":["v"]}}', '{"detail":"{\\"k\\":\\"v\\"}"}', false],
    ])('%s vs %s -> %s', (pattern, event, expected) => {
      expect(matches(pattern, event)).toBe(expected);
    });
  });

  describe('should keep value types apart (docs/semantics.md §2.3, §2.4)', () => {
    test.each([
      ['{"a":["1"]}', '{"a":1}', false],
      ['{"a":[1]}', '{"a":"1"}', false],
      ['{"a":[true]}', '{"a":"true"}', false],
      ['{"a":[null]}', '{"a":"null"}', false],
      ['{"a":[300]}', '{"a":300.0}', true],
      ['{"a":[300]}', '{"a":3.0e2}', true],
      ['{"a":[300]}', '{"a":300.0000000000000001}', false],
      ['{"a":[12345678901234567890]}', '{"a":12345678901234567890}', true],
      ['{"a":[{"prefix":""}]}', '{"a":5}', false],
      ['{"a":[{"numeric":[">",100]}]}', '{"a":"300"}', false],
    ])('%s vs %s -> %s', (pattern, event, expected) => {
      expect(matches(pattern, event)).toBe(expected);
    });
  });

  describe('should apply paths, duplicates and arrays (docs/semantics.md §1.2, §2.2)', () => {
    test.each([
      ['{"a":{"b":["x"]}}', '{"a.b":"x"}', true],
      ['{"a.b":["x"]}', '{"a":{"b":"x"}}', true],
      ['{"a":["x"]}', '{"a":"y","a":"x"}', true],
      ['{"a":["y"]}', '{"a":"y","a":"x"}', true],
      ['{"a":["x"]}', '{"a":[[[["x"]]]]}', true],
      ['{"":["x"]}', '{"":"x"}', true],
      ['{"a":{"":["x"]}}', '{"a":{"":"x"}}', true],
      ['{"a":[{"anything-but":"x"}]}', '{"a":["x","y"]}', true],
      ['{"a":[{"anything-but":"x"}]}', '{"a":["x"]}', false],
      ['{"a":[{"anything-but":"x"}]}', '{"a":[]}', false],
    ])('%s vs %s -> %s', (pattern, event, expected) => {
      expect(matches(pattern, event)).toBe(expected);
    });
  });

  describe('should OR the elements of a leaf array, exists:false included', () => {
    test.each([
      ['{"a":[{"exists":false},"x"]}', '{}', true],
      ['{"a":[{"exists":false},"x"]}', '{"a":"x"}', true],
      ['{"a":[{"exists":false},"x"]}', '{"a":"y"}', false],
      ['{"a":[{"exists":true},{"exists":false}]}', '{"a":"y"}', true],
      ['{"a":[{"exists":true},{"exists":false}]}', '{}', true],
      ['{"a":{"b":[1],"c":[{"exists":false},5]}}', '{"a":[{"b":1,"c":4},{"c":5}]}', false],
      ['{"a":{"b":[1],"c":[{"exists":false},5]}}', '{"a":[{"b":1},{"c":5}]}', true],
    ])('%s vs %s -> %s', (pattern, event, expected) => {
      expect(matches(pattern, event)).toBe(expected);
    });
  });

  describe('should match if any $or branch matches', () => {
    test.each([
      ['{"$or":[{"a":["1"]},{"b":["2"]}]}', '{"b":"2"}', true],
      ['{"$or":[{"a":["1"]},{"b":["2"]}]}', '{"b":"1"}', false],
      ['{"$or":[{"a":[{"exists":false}]},{"b":["2"]}]}', '{}', true],
      ['{"$or":[{"k":["a"]},{"k":["a","b"]}]}', '{"k":"b"}', true],
    ])('%s vs %s -> %s', (pattern, event, expected) => {
      expect(matches(pattern, event)).toBe(expected);
    });
  });

  test('should accept text, objects and flattened events alike', () => {
    const pattern = parsePattern('{"a":{"b":[1],"c":[4]}}');
    const event = { a: [{ b: 1, c: 4 }] };
    expect(matchesPattern(pattern, event)).toBe(true);
    expect(matchesPattern(pattern, JSON.stringify(event))).toBe(true);
    expect(matchesPattern(pattern, flattenEvent(event))).toBe(true);
  });

  test('should throw InvalidEventError for bad events', () => {
    const pattern = parsePattern('{"a":["x"]}');
    expect(() => matchesPattern(pattern, '[]')).toThrow(InvalidEventError);
    expect(() => matchesPattern(pattern, '{"a":')).toThrow(InvalidEventError);
    // event-ruler reads the first object and ignores the rest; we keep events strict JSON.
    expect(() => matchesPattern(pattern, '{"a":"x"} {"a":"y"}')).toThrow(InvalidEventError);
  });

  test('should stay fast on large arrays of objects in independent arrays', () => {
    const n = 300;
    const elements = (k: string): object[] => Array.from({ length: n }, (_, i) => ({ [k]: 1, i }));
    // x, y, z match in every element of their own arrays; w matches only inside array "q", in elements
    // whose "v" never matches. Without memoisation this explores n^3 combinations.
    const event = { x: elements('v'), y: elements('v'), z: elements('v'), q: Array.from({ length: n }, () => ({ v: 2, w: 1 })) };
    const pattern = parsePattern('{"x":{"v":[1]},"y":{"v":[1]},"z":{"v":[1]},"q":{"v":[1],"w":[1]}}');
    expect(matchesPattern(pattern, event)).toBe(false);
  });

  test('should stay fast when one array has matches for two fields only in different elements', () => {
    const n = 20_000;
    const a = Array.from({ length: n }, (_, i) => (i < n / 2 ? { b: 1 } : { c: 2 }));
    expect(matches('{"a":{"b":[1],"c":[2]}}', { a })).toBe(false);
  });

  test('should treat __proto__ and constructor as ordinary field names', () => {
    expect(matches('{"__proto__":["x"]}', '{"__proto__":"x"}')).toBe(true);
    expect(matches('{"__proto__":{"a":["x"]}}', '{"__proto__":{"a":"x"}}')).toBe(true);
    expect(matches('{"constructor":[{"exists":false}]}', '{}')).toBe(true);
    expect(matches('{"toString":[{"exists":true}]}', '{}')).toBe(false);
  });

  test('should match values in 1 MB strings', () => {
    const big = 'x'.repeat(1 << 20);
    expect(matches('{"s":[{"prefix":"xx"}]}', `{"s":"${big}"}`)).toBe(true);
    expect(matches('{"s":[{"wildcard":"x*y"}]}', { s: big })).toBe(false);
    expect(matches('{"s":[{"anything-but":{"suffix":"x"}}]}', { s: big })).toBe(false);
  });

  test('should match events nested 10,000 deep', () => {
    const depth = 10_000;
    const event = '{"a":'.repeat(depth) + '{"b":"x"}' + '}'.repeat(depth);
    const pattern = JSON.stringify({ a: { a: { b: ['x'] } } });
    expect(matches(pattern, event)).toBe(false);
    expect(matches('{"b":[{"exists":false}]}', event)).toBe(true);
  });
});

describe('matchingSubRules', () => {
  test('should list every matching branch', () => {
    const pattern = parsePattern('{"$or":[{"a":["1"]},{"b":["2"]},{"a":[{"prefix":""}]}]}');
    const subRules = pattern.subRules.map((s) => s.fields.map((f) => f.path).join(','));
    const expected = subRules.flatMap((paths, i) => (paths === 'a' ? [i] : []));
    expect(matchingSubRules(pattern, '{"a":"1"}')).toEqual(expected);
    expect(matchingSubRules(pattern, '{"c":"1"}')).toEqual([]);
  });
});

describe('searchSubRule', () => {
  test('should return the choices of a match, in field order', () => {
    const pattern = parsePattern('{"a":{"b":[1],"c":[{"exists":false}]},"d":["x"]}');
    const flat = flattenEvent('{"a":[{"b":2},{"b":1},{"c":3}],"d":"x"}');
    const search = searchSubRule(pattern.subRules[0]!, flat);
    expect(search.matched).toBe(true);
    expect(search.choices.map((c) => [c.field.path, c.kind])).toEqual([
      ['a.b', 'value'],
      ['a.c', 'absent'],
      ['d', 'value'],
    ]);
    const first = search.choices[0]!;
    expect(first.kind === 'value' && first.occurrence.coords).toEqual([{ array: 0, index: 1 }]);
  });

  test('should report the deepest field that could not be satisfied', () => {
    const pattern = parsePattern('{"a":{"b":[1],"c":[4]}}');
    const search = searchSubRule(pattern.subRules[0]!, flattenEvent('{"a":[{"b":1,"c":2},{"b":3,"c":4}]}'));
    expect(search.matched).toBe(false);
    expect(search.failedField).toBe(1);
    expect(search.choices.map((c) => c.field.path)).toEqual(['a.b']);
    expect([...search.bound]).toEqual([[0, 0]]);
  });
});
