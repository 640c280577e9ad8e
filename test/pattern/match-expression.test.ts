/**
 * Tests of readMatchExpression: the matcher built for each literal and operator form, numeric
 * intervals and compact sources, plus compactJson.
 */

import { describe, expect, test } from 'vitest';
import type { LeafMatcher } from '../../src/pattern/ast.js';
import { compactJson } from '../../src/pattern/match-expression.js';
import { parsePattern } from '../../src/pattern/parse.js';

/** The matchers of field `a` in a one-field pattern. */
function leaf(elements: string): readonly LeafMatcher[] {
  const fields = parsePattern(`{"a":[${elements}]}`).subRules[0]?.fields;
  expect(fields).toHaveLength(1);
  return fields?.[0]?.matchers ?? [];
}

function one(element: string): LeafMatcher {
  const matchers = leaf(element);
  expect(matchers).toHaveLength(1);
  return matchers[0] as LeafMatcher;
}

describe('readMatchExpression', () => {
  describe('should build literal matchers', () => {
    test('for a string, with its IP form when it is an address', () => {
      expect(one('"x"')).toEqual({ kind: 'exact', value: 'x', ip: undefined, source: '"x"' });
      expect(one('"10.0.0.1"')).toEqual({
        kind: 'exact',
        value: '10.0.0.1',
        ip: { family: 4, hex: '0a000001' },
        source: '"10.0.0.1"',
      });
      expect(one('"12:30z"')).toMatchObject({ kind: 'exact', ip: undefined });
    });

    test('for a string with escapes, decoded, the source as written', () => {
      expect(one('"\\u00e9\\""')).toEqual({ kind: 'exact', value: 'é"', ip: undefined, source: '"\\u00e9\\""' });
    });

    test('for numbers, keeping their text', () => {
      expect(one('300.0')).toEqual({ kind: 'number', number: { text: '300.0', value: 300 }, source: '300.0' });
      expect(one('9007199254740993')).toEqual({
        kind: 'number',
        number: { text: '9007199254740993', value: undefined },
        source: '9007199254740993',
      });
      expect(one('1e400')).toMatchObject({ kind: 'number', number: { text: '1e400', value: undefined } });
    });

    test('for true, false and null', () => {
      expect(leaf('true, false, null')).toEqual([
        { kind: 'literal', value: true, source: 'true' },
        { kind: 'literal', value: false, source: 'false' },
        { kind: 'literal', value: null, source: 'null' },
      ]);
    });
  });

  describe('should build operator matchers', () => {
    test.each([
      ['{"exactly":"10.0.0.1"}', { kind: 'exactly', value: '10.0.0.1' }],
      ['{"prefix":""}', { kind: 'prefix', value: '', ignoreCase: false }],
      ['{"prefix":{"equals-ignore-case":"EvE"}}', { kind: 'prefix', value: 'EvE', ignoreCase: true }],
      ['{"suffix":".png"}', { kind: 'suffix', value: '.png', ignoreCase: false }],
      ['{"suffix":{"equals-ignore-case":".PNG"}}', { kind: 'suffix', value: '.PNG', ignoreCase: true }],
      ['{"equals-ignore-case":"Straße"}', { kind: 'equals-ignore-case', value: 'Straße' }],
      ['{"wildcard":"a\\\\*b*"}', { kind: 'wildcard', value: 'a\\*b*' }],
      ['{"exists":true}', { kind: 'exists', value: true }],
      ['{"exists":false}', { kind: 'exists', value: false }],
      ['{"cidr":"10.0.0.5/24"}', { kind: 'cidr', range: { family: 4, low: '0a000000', high: '0a0000ff' } }],
      ['{"anything-but":"x"}', { kind: 'anything-but', type: 'strings', values: ['x'] }],
      ['{"anything-but":["x","","x"]}', { kind: 'anything-but', type: 'strings', values: ['x', ''] }],
      [
        '{"anything-but":[100,1e2,0.5]}',
        {
          kind: 'anything-but',
          type: 'numbers',
          values: [
            { text: '100', value: 100 },
            { text: '0.5', value: 0.5 },
          ],
        },
      ],
      ['{"anything-but":5}', { kind: 'anything-but', type: 'numbers', values: [{ text: '5', value: 5 }] }],
      ['{"anything-but":{"prefix":"in"}}', { kind: 'anything-but', type: 'prefix', values: ['in'] }],
      ['{"anything-but":{"suffix":["a","b"]}}', { kind: 'anything-but', type: 'suffix', values: ['a', 'b'] }],
      [
        '{"anything-but":{"equals-ignore-case":["Stopped",""]}}',
        { kind: 'anything-but', type: 'equals-ignore-case', values: ['Stopped', ''] },
      ],
      ['{"anything-but":{"wildcard":""}}', { kind: 'anything-but', type: 'wildcard', values: [''] }],
    ] as const)('for %s', (element, expected) => {
      expect(one(element)).toEqual({ ...expected, source: element });
    });
  });

  describe('should build numeric intervals', () => {
    test.each([
      ['["=",300]', 300, true, 300, true],
      ['["=",3e2]', 300, true, 300, true],
      ['[">",0]', 0, false, Infinity, true],
      ['[">=",-5]', -5, true, Infinity, true],
      ['["<",10]', -Infinity, true, 10, false],
      ['["<=",10]', -Infinity, true, 10, true],
      ['[">",0,"<=",5]', 0, false, 5, true],
      ['[">=",0.1,"<",0.3]', 0.1, true, 0.3, false],
      ['[">",-0,"<",1]', 0, false, 1, false],
    ] as const)('for %s', (operands, lower, lowerInclusive, upper, upperInclusive) => {
      expect(one(`{"numeric":${operands}}`)).toEqual({
        kind: 'numeric',
        lower,
        lowerInclusive,
        upper,
        upperInclusive,
        source: `{"numeric":${operands}}`,
      });
    });

    test('for a bound at the largest double, accepted (quirk Q19)', () => {
      expect(one('{"numeric":[">",1.7976931348623157e308]}')).toMatchObject({ lower: Number.MAX_VALUE });
    });
  });

  describe('should keep sources compact', () => {
    test('for whitespace between tokens, dropped outside strings', () => {
      expect(one('{ "prefix" :\n "a b" }').source).toBe('{"prefix":"a b"}');
    });

    test('for mixed leaf arrays, in order', () => {
      expect(leaf('"z", {"numeric": [">", 1]}, 5').map((m) => m.source)).toEqual(['"z"', '{"numeric":[">",1]}', '5']);
    });
  });
});

describe('compactJson', () => {
  test('should drop insignificant whitespace and keep it inside strings, across escaped quotes', () => {
    expect(compactJson('{ "a\\" b" : [ 1 ,\t2 ] }')).toBe('{"a\\" b":[1,2]}');
  });
});
