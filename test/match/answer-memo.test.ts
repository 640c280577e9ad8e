/**
 * A value index remembers what its operator tables answered for string values seen lately
 * (src/compile/answer-memo.ts). The answers must stay those of the rules in force: a rule added or
 * deleted between two matches of the same value changes them, and a memo that rests and starts
 * again must not bring old answers back. Every match is checked against `testEventPattern`.
 */

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Matcher } from '../../src/match/matcher.js';
import { testEventPattern } from '../../src/test-event-pattern.js';
import { REST, WINDOW } from '../../src/compile/answer-memo.js';

/** Matchers on one string path that, filed together, make tables worth remembering (three lookups or more). */
const OPERANDS: unknown[] = [
  { prefix: 'ab' },
  { suffix: 'yz' },
  { 'anything-but': ['abc'] },
  { 'anything-but': { prefix: 'x' } },
  { 'anything-but': { suffix: 'c' } },
  { 'anything-but': { wildcard: '*z' } },
  { 'anything-but': { 'equals-ignore-case': ['ABYZ'] } },
  { 'equals-ignore-case': 'ABC' },
  { prefix: { 'equals-ignore-case': 'AB' } },
  { suffix: { 'equals-ignore-case': 'YZ' } },
  { wildcard: 'a*c' },
  { cidr: '10.0.0.0/8' },
  { exists: true },
  'abc',
];

/** Values that fall on both sides of each operand above, one longer than the memo keeps. */
const VALUES: unknown[] = ['abc', 'ABC', 'abyz', 'xyz', 'a', '', '10.1.2.3', 'aXc', `ab${'-'.repeat(40)}yz`, 'zzz', 5, null];

function expected(rules: Map<string, string>, event: string): string[] {
  return [...rules].filter(([, pattern]) => testEventPattern(pattern, event)).map(([name]) => name).sort();
}

function check(m: Matcher, rules: Map<string, string>, event: string): void {
  expect(m.match(event).sort(), event).toEqual(expected(rules, event));
}

describe('remembered answers', () => {
  test('a rule added or deleted between two matches of the same value changes the answer', () => {
    const m = new Matcher();
    const rules = new Map<string, string>();
    const add = (name: string, pattern: unknown): void => {
      rules.set(name, JSON.stringify(pattern));
      m.addRule(name, rules.get(name) as string);
    };
    add('prefix', { s: [{ prefix: 'ab' }] });
    add('suffix', { s: [{ suffix: 'yz' }] });
    add('notAbc', { s: [{ 'anything-but': ['abc'] }] });
    const events = ['{"s":"abc"}', '{"s":"abyz"}', '{"s":"zzz"}'];
    for (let i = 0; i < 3; i++) for (const e of events) check(m, rules, e);
    add('notAbyz', { s: [{ 'anything-but': { suffix: 'yz' } }] });
    for (const e of events) check(m, rules, e);
    m.deleteRule('prefix');
    rules.delete('prefix');
    for (const e of events) check(m, rules, e);
    // The same name with another pattern.
    add('notAbc', { s: [{ 'anything-but': ['zzz'] }] });
    for (const e of events) check(m, rules, e);
  });

  test('a value that matches a rule through a plain exact string and an operator at once', () => {
    const m = new Matcher();
    const rules = new Map([
      ['both', '{"s":["abc",{"prefix":"ab"}]}'],
      ['suffix', '{"s":[{"suffix":"c"}]}'],
      ['not', '{"s":[{"anything-but":{"prefix":"x"}}]}'],
    ]);
    for (const [name, pattern] of rules) m.addRule(name, pattern);
    for (let i = 0; i < 4; i++) for (const e of ['{"s":"abc"}', '{"s":"abd"}', '{"s":["abc","xbc"]}']) check(m, rules, e);
  });

  test('a memo that rests and starts again gives the answers of the rules in force', () => {
    const m = new Matcher();
    const rules = new Map<string, string>([
      ['prefix', '{"s":[{"prefix":"v1"}]}'],
      ['suffix', '{"s":[{"suffix":"9"}]}'],
      ['not', '{"s":[{"anything-but":{"prefix":"v2"}}]}'],
    ]);
    for (const [name, pattern] of rules) m.addRule(name, pattern);
    const event = (i: number): string => `{"s":"v${i}"}`;
    // Values that do not repeat: the memo keeps the first ones, finds few, and rests.
    for (let i = 0; i < 2 * WINDOW; i++) check(m, rules, event(i));
    // Through the rest and past it, with a rule changed on the way back from the first values.
    for (let i = 0; i < REST + WINDOW; i++) {
      const e = event(i % 40);
      if (i % 997 === 0) check(m, rules, e);
      else m.match(e);
    }
    rules.set('not', '{"s":[{"anything-but":{"prefix":"v3"}}]}');
    m.addRule('not', rules.get('not') as string);
    for (let i = 0; i < 2 * WINDOW; i++) check(m, rules, event(i % 40));
  });

  test('property: interleaved adds, deletes and matches of repeated values agree with testEventPattern', () => {
    const operand = fc.constantFrom(...OPERANDS);
    const field = fc.array(operand, { minLength: 1, maxLength: 3 });
    // One path, two paths, a `$or`, and fields in objects of an array.
    const pattern = fc.oneof(
      field.map((s) => ({ s })),
      fc.tuple(field, fc.constantFrom(['1'], [{ prefix: '2' }])).map(([s, t]) => ({ s, t })),
      fc.tuple(field, field).map(([a, b]) => ({ $or: [{ s: a }, { t: b }] })),
      field.map((s) => ({ p: { s, t: ['1'] } })),
    );
    const value = fc.constantFrom(...VALUES);
    const event = fc.oneof(
      value.map((s) => ({ s })),
      fc.tuple(value, value).map(([s, t]) => ({ s, t })),
      fc.array(value, { minLength: 1, maxLength: 3 }).map((s) => ({ s })),
      fc.array(fc.tuple(value, fc.constantFrom('1', '2x')), { minLength: 1, maxLength: 3 }).map((ps) => ({ p: ps.map(([s, t]) => ({ s, t })) })),
    );
    const name = fc.constantFrom('r0', 'r1', 'r2', 'r3', 'r4', 'r5');
    const step = fc.oneof(
      { arbitrary: fc.tuple(fc.constant('add' as const), name, pattern), weight: 2 },
      { arbitrary: fc.tuple(fc.constant('delete' as const), name, fc.constant(null)), weight: 1 },
      { arbitrary: fc.tuple(fc.constant('match' as const), fc.constant(''), event), weight: 6 },
    );
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
        const m = new Matcher();
        const rules = new Map<string, string>();
        for (const [op, ruleName, arg] of steps) {
          if (op === 'add') {
            rules.set(ruleName, JSON.stringify(arg));
            m.addRule(ruleName, rules.get(ruleName) as string);
          } else if (op === 'delete') {
            rules.delete(ruleName);
            m.deleteRule(ruleName);
          } else {
            // Twice: the second match of the same event finds what the first kept.
            const text = JSON.stringify(arg);
            check(m, rules, text);
            check(m, rules, text);
          }
        }
      }),
      { seed: 20261208, numRuns: 400 },
    );
  });
});
