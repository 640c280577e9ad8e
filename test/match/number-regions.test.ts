/**
 * The plain walk skips a number that lies in the region (src/compile/value-index.ts,
 * `numberRegion`) of the last number it evaluated on the same edge: every bound, exact number and
 * anything-but number filed on the path must cut the regions, or a value on the other side of one
 * would be skipped and a rule it alone matches go unreported. Occurrences are walked last first, so each event is tried
 * in both orders.
 */

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Matcher } from '../../src/match/matcher.js';
import { testEventPattern } from '../../src/test-event-pattern.js';

/** Patterns as JSON text (a JavaScript number cannot hold 2^53 + 1). */
const RULES: Record<string, string> = {
  // A bound of the interval index.
  equalsFive: '{"a":[{"numeric":["=",5]}]}',
  range: '{"a":[{"numeric":[">",0,"<=",10]}]}',
  // An upper bound outside its range: the numbers just below it match where it does not.
  below: '{"a":[{"numeric":[">=",20,"<",30]}]}',
  // An exact number (kept by its double, beside the ranges).
  seven: '{"a":[7]}',
  // An anything-but number (kept with the exact numbers).
  notThree: '{"a":[{"anything-but":[3]}],"b":["x"]}',
  // A number no double spells exactly: matched by its text only.
  long: '{"a":[9007199254740993]}',
  present: '{"a":[{"exists":true}]}',
};

/** The same rules one level down, under `p` (an array of objects in the events). */
const NESTED: Record<string, string> = Object.fromEntries(Object.entries(RULES).map(([name, p]) => [name, `{"p":${p}}`]));

/** Arrays of two or more numbers; each row's numbers share a region unless a cut lies between them. */
const VALUES: number[][] = [
  [1, 5],
  [4, 5, 6],
  [1, 7],
  [2, 10],
  [10.5, 10],
  [11, 12],
  [-1, 0],
  [0.5, 3, 2],
  [25, 30],
  [20, 19],
];

function matcherOf(rules: Record<string, string>): Matcher {
  const m = new Matcher();
  for (const [name, pattern] of Object.entries(rules)) m.addRule(name, pattern);
  return m;
}

/** The rules testEventPattern (the reference evaluator) says match, sorted. */
function expected(rules: Record<string, string>, event: string): string[] {
  return Object.keys(rules).filter((name) => testEventPattern(rules[name] as string, event)).sort();
}

function events(values: readonly number[]): string[] {
  const reversed = [...values].reverse();
  return [values, reversed].flatMap((v) => [
    `{"a":${JSON.stringify(v)},"b":"x"}`,
    // The same numbers in objects of an array (the shape of coordinates).
    `{"p":${JSON.stringify(v.map((x) => ({ a: x })))}}`,
  ]);
}

describe('number regions in the plain walk', () => {
  const m = matcherOf(RULES);
  const nested = matcherOf(NESTED);

  test.each(VALUES.map((v) => [JSON.stringify(v), v] as const))('numbers %s reach every rule each one matches', (_label, values) => {
    for (const event of events(values)) {
      const inObjects = event.startsWith('{"p"');
      expect((inObjects ? nested : m).match(event).sort(), event).toEqual(expected(inObjects ? NESTED : RULES, event));
    }
  });

  test('a value at a cut is still evaluated after one beside it (each kind of cut)', () => {
    expect(m.match('{"a":[5,4]}')).toContain('equalsFive');
    expect(m.match('{"a":[7,8]}')).toContain('seven');
    expect(m.match('{"a":[10,9]}')).toContain('range');
    expect(m.match('{"a":[10,11]}')).toContain('range');
    expect(m.match('{"a":[25,30]}')).toContain('below');
    expect(m.match('{"a":[9007199254740993,1]}')).toContain('long');
  });

  test('regions follow rules added and deleted after a match', () => {
    const k = matcherOf({ range: RULES['range'] as string });
    expect(k.match('{"a":[6,5]}')).toEqual(['range']);
    k.addRule('equalsFive', RULES['equalsFive'] as string);
    expect(k.match('{"a":[6,5]}').sort()).toEqual(['equalsFive', 'range']);
    k.addRule('seven', RULES['seven'] as string);
    expect(k.match('{"a":[6,7]}').sort()).toEqual(['range', 'seven']);
    k.deleteRule('range');
    expect(k.match('{"a":[6,7,5]}').sort()).toEqual(['equalsFive', 'seven']);
    k.deleteRule('equalsFive');
    expect(k.match('{"a":[6,7,5]}')).toEqual(['seven']);
  });

  test('past the most cuts an index keeps, every number is evaluated', () => {
    // 700 one-point ranges make 1,400 cuts.
    const many: Record<string, string> = {};
    for (let i = 0; i < 700; i++) many[`r${i}`] = `{"a":[{"numeric":["=",${i}]}]}`;
    const k = matcherOf(many);
    const event = '{"a":[0.5,1,2,3,698,699,700]}';
    expect(k.match(event).sort()).toEqual(expected(many, event));
    expect(k.match(event)).toHaveLength(5);
  });

  test('past the regions the walk works out per edge, numbers are evaluated one by one', () => {
    // 21 one-point ranges and a range over all of them: 40 numbers in 20 regions, then some again.
    const rules: Record<string, string> = { wide: '{"a":[{"numeric":[">",0,"<",20.25]}]}' };
    for (let i = 0; i <= 20; i++) rules[`r${i}`] = `{"a":[{"numeric":["=",${i}]}]}`;
    const k = matcherOf(rules);
    const numbers = [...Array.from({ length: 20 }, (_, i) => i + 0.5), ...Array.from({ length: 20 }, (_, i) => i + 0.25), 3, 17, 20.5];
    for (const values of [numbers, [...numbers].reverse()]) {
      const event = JSON.stringify({ a: values });
      expect(k.match(event).sort()).toEqual(expected(rules, event));
    }
    expect(k.match(JSON.stringify({ a: numbers })).sort()).toEqual(['r17', 'r3', 'wide']);
  });

  test('random rules on a few cuts agree with the reference on arrays of numbers beside them', () => {
    // Every operand and every event number is drawn from one small set of halves, so events put
    // numbers at, between and on both sides of the cuts, repeated, in every order.
    const point = fc.integer({ min: -2, max: 12 }).map((k) => k / 2);
    const operator = fc.constantFrom('>', '>=', '<', '<=');
    const matcher = fc.oneof(
      fc.tuple(operator, point).map(([op, x]) => ({ numeric: [op, x] })),
      fc.tuple(point, point).map(([x, y]) => ({ numeric: ['>=', Math.min(x, y), '<', Math.max(x, y) + 0.5] })),
      fc.tuple(point, point).map(([x, y]) => ({ numeric: ['>', Math.min(x, y), '<=', Math.max(x, y) + 0.5] })),
      point.map((x) => ({ numeric: ['=', x] })),
      point,
      fc.array(point, { minLength: 1, maxLength: 2 }).map((xs) => ({ 'anything-but': xs })),
      fc.constant({ exists: true }),
    );
    const rules = fc.array(fc.array(matcher, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 6 });
    const values = fc.array(point, { minLength: 2, maxLength: 6 });
    fc.assert(
      fc.property(rules, values, fc.boolean(), (ruleList, numbers, inObjects) => {
        const patterns: Record<string, string> = {};
        ruleList.forEach((m, i) => {
          patterns[`r${i}`] = JSON.stringify(inObjects ? { p: { a: m } } : { a: m });
        });
        const event = JSON.stringify(inObjects ? { p: numbers.map((a) => ({ a })) } : { a: numbers });
        expect(matcherOf(patterns).match(event).sort()).toEqual(expected(patterns, event));
      }),
      { seed: 20261207, numRuns: 1000 },
    );
  });
});
