/**
 * The Matcher API (addRule, deleteRule, match, size) and its semantics on the tables of docs/semantics.md
 * §2.5 and §2.6, hostile events, and trie states with many paths.
 */

import { describe, expect, test } from 'vitest';
import { Matcher } from '../../src/match/matcher.js';
import { parsePattern } from '../../src/pattern/parse.js';
import { InvalidEventPatternError } from '../../src/errors.js';
import { InvalidEventError } from '../../src/event/errors.js';
import type { TrieNode } from '../../src/compile/rule-trie.js';
import type { PathTable } from '../../src/compile/path-table.js';

function matcherWith(rules: Record<string, string | object>): Matcher {
  const m = new Matcher();
  for (const [name, pattern] of Object.entries(rules)) m.addRule(name, pattern);
  return m;
}

const sorted = (names: string[]): string[] => [...names].sort();

describe('Matcher.addRule', () => {
  test('should accept pattern text, objects and parsed patterns', () => {
    const m = new Matcher();
    m.addRule('text', '{"source":["a"]}');
    m.addRule('object', { source: ['a'] });
    m.addRule('parsed', parsePattern({ source: ['a'] }));
    expect(m.size).toBe(3);
    expect(sorted(m.match('{"source":"a"}'))).toEqual(['object', 'parsed', 'text']);
  });

  test('should throw InvalidEventPatternError and keep the old rule for an invalid pattern', () => {
    const m = matcherWith({ r: { source: ['a'] } });
    expect(() => m.addRule('r', { source: 'a' })).toThrow(InvalidEventPatternError);
    expect(m.size).toBe(1);
    expect(m.match({ source: 'a' })).toEqual(['r']);
  });

  test('should validate objects that merely look like parsed patterns', () => {
    const m = new Matcher();
    expect(() => m.addRule('r', { subRules: [{ fields: ['x'] }], text: 'x' })).toThrow(InvalidEventPatternError);
    expect(m.size).toBe(0);
  });

  test('should replace a rule of the same name', () => {
    const m = matcherWith({ r: { source: ['a'] } });
    m.addRule('r', { source: ['b'] });
    expect(m.size).toBe(1);
    expect(m.match({ source: 'a' })).toEqual([]);
    expect(m.match({ source: 'b' })).toEqual(['r']);
  });

  test('should treat rule names like __proto__ as plain names', () => {
    const m = new Matcher();
    m.addRule('__proto__', { a: ['x'] });
    m.addRule('constructor', '{"__proto__":{"constructor":["y"]}}');
    expect(m.match({ a: 'x' })).toEqual(['__proto__']);
    expect(m.match('{"__proto__":{"constructor":"y"}}')).toEqual(['constructor']);
  });
});

describe('Matcher.deleteRule', () => {
  test('should report whether the rule existed', () => {
    const m = matcherWith({ r: { a: ['x'] } });
    expect(m.deleteRule('r')).toBe(true);
    expect(m.deleteRule('r')).toBe(false);
    expect(m.size).toBe(0);
    expect(m.match({ a: 'x' })).toEqual([]);
  });

  test('should leave rules that share trie states intact', () => {
    const m = matcherWith({
      r1: { source: ['a'], detail: { x: [1] } },
      r2: { source: ['a'], detail: { x: [2] } },
      r3: { source: ['a'] },
    });
    m.deleteRule('r1');
    expect(sorted(m.match({ source: 'a', detail: { x: 2 } }))).toEqual(['r2', 'r3']);
    expect(sorted(m.match({ source: 'a', detail: { x: 1 } }))).toEqual(['r3']);
  });

  test('should free every trie state once all rules are deleted', () => {
    const m = new Matcher();
    const operators = [['x'], [{ prefix: 'x' }], [{ suffix: 'y' }], [{ 'equals-ignore-case': 'X' }], [{ wildcard: 'x*y' }],
      [{ numeric: ['>', 1] }], [{ cidr: '10.0.0.0/8' }], [{ exists: false }], [{ 'anything-but': { prefix: 'q' } }], [null, true, 5]];
    operators.forEach((leaf, i) => m.addRule(`r${i}`, { a: { b: leaf }, $or: [{ c: leaf }, { d: ['z'] }] }));
    for (let i = 0; i < operators.length; i++) m.deleteRule(`r${i}`);
    const root = Reflect.get(m, 'root') as TrieNode;
    expect(root.edges).toBeUndefined();
    expect(root.terminals).toBeUndefined();
    expect((Reflect.get(m, 'paths') as PathTable).isEmpty).toBe(true);
  });
  test('should keep matching while many edges and operator conditions come and go', () => {
    // 40 paths leave the root (an indexed node), 40 prefixes share one edge (found by hash), and
    // some paths carry exists:false; every other rule is deleted, then all of them.
    const m = new Matcher();
    const rules = (i: number): object => ({ [`p${i}`]: [{ prefix: `v${i}` }], k: [{ prefix: `w${i}-` }], ...(i % 3 === 0 ? { [`q${i}`]: [{ exists: false }] } : {}) });
    for (let i = 0; i < 40; i++) m.addRule(`r${i}`, rules(i));
    const event = (i: number): object => ({ [`p${i}`]: `v${i}x`, k: `w${i}-z` });
    for (let i = 0; i < 40; i++) expect(sorted(m.match(event(i)))).toEqual([`r${i}`]);
    for (let i = 0; i < 40; i += 2) m.deleteRule(`r${i}`);
    for (let i = 0; i < 40; i++) expect(sorted(m.match(event(i)))).toEqual(i % 2 === 0 ? [] : [`r${i}`]);
    expect(m.match({ ...event(3), q3: 1 })).toEqual([]);
    expect(m.match({ k: ['w5-', 'w7-'], p5: ['v5'], p7: [{ x: 1 }] })).toEqual(['r5']);
    for (let i = 1; i < 40; i += 2) m.deleteRule(`r${i}`);
    const root = Reflect.get(m, 'root') as TrieNode;
    expect(root.edges).toBeUndefined();
    expect((Reflect.get(m, 'paths') as PathTable).isEmpty).toBe(true);
  });
});

describe('Matcher.match', () => {
  test('should report a rule once when several sub-rules match', () => {
    const m = matcherWith({ r: { $or: [{ a: ['x'] }, { b: ['y'] }] } });
    expect(m.match({ a: 'x', b: 'y' })).toEqual(['r']);
  });

  test('should report a rule of one sub-rule once when several array elements reach its end', () => {
    // `one` ends where `two` goes on: the binding search and the array walk reach that state once
    // per element binding, and a rule of one sub-rule keeps only its name there (no stamp of its own).
    // `none` never matches, so the walks cannot stop early once every rule is found.
    const m = matcherWith({
      one: { a: { b: ['1'] } },
      two: { a: { b: ['1'], c: ['2'] } },
      three: { a: { b: ['1'] }, $or: [{ a: { c: ['2'] } }, { z: ['9'] }] },
      none: { z: ['0'] },
    });
    const event = { a: [{ b: '1', c: '2' }, { b: '1', c: '3' }, { b: '1', c: '2' }] };
    expect(sorted(m.match(event))).toEqual(['one', 'three', 'two']);
    m.searchBudgetFactor = 0;
    expect(sorted(m.match(event))).toEqual(['one', 'three', 'two']);
    expect(m.match({ a: [{ b: '1', c: '3' }, { b: '0', c: '2' }] })).toEqual(['one']);
  });

  test('should throw InvalidEventError for malformed events', () => {
    const m = matcherWith({ r: { a: ['x'] } });
    expect(() => m.match('{"a":"x"')).toThrow(InvalidEventError);
    expect(() => m.match('[]')).toThrow(InvalidEventError);
    expect(() => m.match('{"zz":[1,]}')).toThrow(InvalidEventError);
  });

  test('should match with no rules and with events that use no rule path', () => {
    expect(new Matcher().match('{"a":1}')).toEqual([]);
    expect(matcherWith({ r: { a: ['x'] } }).match('{"b":{"c":[1,2,3]}}')).toEqual([]);
  });

  test('should keep both values of duplicate event keys in JSON text', () => {
    const m = matcherWith({ y: { a: ['y'] }, x: { a: ['x'] } });
    expect(sorted(m.match('{"a":"y","a":"x"}'))).toEqual(['x', 'y']);
  });

  test('should handle events nested 10,000 deep', () => {
    const m = matcherWith({ r: { a: ['v'] }, deep: { z: { z: [1] } } });
    const deep = `{"a":${'['.repeat(10_000)}"v"${']'.repeat(10_000)},"z":${'{"z":'.repeat(10_000)}1${'}'.repeat(10_000)}}`;
    expect(m.match(deep)).toEqual(['r']);
  });

  test('should handle a 1 MB string value', () => {
    const big = 'ab'.repeat(1 << 19);
    const m = matcherWith({ p: { a: [{ prefix: 'ab' }] }, s: { a: [{ suffix: 'ba' }] }, w: { a: [{ wildcard: '*b*b' }] } });
    expect(sorted(m.match(`{"a":"${big}"}`))).toEqual(['p', 'w']);
  });

  describe('should apply array consistency (docs/semantics.md §2.5)', () => {
    test.each([
      [{ a: { b: [1], c: [4] } }, { a: [{ b: 1, c: 2 }, { b: 3, c: 4 }] }, false],
      [{ a: { b: [1], c: [4] } }, { a: [{ b: 1, c: 4 }, { b: 3, c: 2 }] }, true],
      [{ a: { b: [2], c: [3] } }, { a: [{ b: [1, 2], c: 3 }] }, true],
      [{ a: { b: [2], c: [3] } }, { a: [{ b: [1, 2] }, { c: 3 }] }, false],
      [{ a: { b: { c: [1], d: [2] } } }, { a: [{ b: [{ c: 1 }, { d: 2 }] }] }, false],
      [{ a: { b: { c: [1], d: [2] } } }, { a: [{ b: { c: 1 } }, { b: { d: 2 } }] }, false],
      [{ x: [1], a: { b: [2] } }, { x: [1, 5], a: [{ b: 2 }] }, true],
      [{ a: { b: [1], c: [{ exists: false }] } }, { a: [{ b: 1 }, { c: 4 }] }, true],
      [{ a: { b: [{ exists: false }], c: [4] } }, { a: [{ b: 1 }, { c: 4 }] }, false],
      [{ b: { d: [2], e: [{ exists: false }] } }, { b: [{ d: 2 }, { e: 1 }] }, true],
      [{ b: { a: [{ exists: false }], d: [2] } }, { b: [{ d: 2 }, { a: 1 }] }, false],
    ])('for %j against %j', (pattern, event, expected) => {
      const m = matcherWith({ r: pattern });
      expect(m.match(event)).toEqual(expected ? ['r'] : []);
      expect(m.match(JSON.stringify(event))).toEqual(expected ? ['r'] : []);
    });
  });

  describe('should tell null, missing and empty apart (docs/semantics.md §2.6)', () => {
    const m = matcherWith({
      null: { a: [null] },
      empty: { a: [''] },
      exists: { a: [{ exists: true }] },
      absent: { a: [{ exists: false }] },
      notX: { a: [{ 'anything-but': 'x' }] },
    });
    test.each([
      ['{}', ['absent']],
      ['{"a":null}', ['exists', 'notX', 'null']],
      ['{"a":""}', ['empty', 'exists', 'notX']],
      ['{"a":[]}', ['absent']],
      ['{"a":[null]}', ['exists', 'notX', 'null']],
      ['{"a":{"k":1}}', ['absent']],
    ])('for %s', (event, expected) => {
      expect(sorted(m.match(event))).toEqual(expected);
    });
  });

  test('should compare numbers by value when comparable, else by text', () => {
    const m = matcherWith({ n300: { a: [300] }, big: { a: [{ numeric: ['>', 1] }] } });
    expect(sorted(m.match('{"a":3.0e2}'))).toEqual(['big', 'n300']);
    expect(m.match('{"a":300.0000000000000001}')).toEqual([]);
    expect(m.match('{"a":"300"}')).toEqual([]);
  });

  test('should match many rules on the same fields with one lookup each', () => {
    const m = new Matcher();
    for (let i = 0; i < 5000; i++) m.addRule(`r${i}`, { source: [`s${i}`], 'detail-type': [`t${i % 10}`] });
    expect(m.match({ source: 's1234', 'detail-type': 't4' })).toEqual(['r1234']);
    expect(m.match({ source: 's1234', 'detail-type': 't5' })).toEqual([]);
  });
});

describe('Matcher with many paths at one trie state', () => {
  test('should visit only the paths an event has, and exists:false paths it lacks', () => {
    const m = new Matcher();
    for (let i = 0; i < 60; i++) {
      m.addRule(`has${i}`, { d: { [`k${i}`]: [{ exists: true }] } });
      if (i % 10 === 0) m.addRule(`lacks${i}`, { d: { [`k${i}`]: [{ exists: false }] } });
      if (i % 10 === 5) m.addRule(`either${i}`, { d: { [`k${i}`]: [{ exists: false }, 'v'] } });
    }
    const got = sorted(m.match({ d: { k3: 1, k10: 'x', k15: 'v', k25: 'w' } }));
    const expected = ['has3', 'has10', 'has15', 'has25', 'either5', 'either15', 'either35', 'either45', 'either55'];
    for (const i of [0, 20, 30, 40, 50]) expected.push(`lacks${i}`);
    expect(got).toEqual(sorted(expected));
    for (let i = 0; i < 60; i++) m.deleteRule(`has${i}`);
    expect(sorted(m.match({ d: { k0: 1 } }))).toEqual(sorted(['lacks10', 'lacks20', 'lacks30', 'lacks40', 'lacks50', 'either5', 'either15', 'either25', 'either35', 'either45', 'either55']));
  });
});
