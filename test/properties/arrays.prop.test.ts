/**
 * Array consistency under the compiled Matcher, against the reference evaluator, on array-heavy
 * events: arrays of objects whose elements repeat the same keys, arrays of arrays, arrays nested in
 * array elements, dotted and duplicate keys that put two arrays on one path, with rules that put
 * several fields under one array, `$or`, `exists:false` and `anything-but` inside elements, and many
 * rules sharing fields. Text and object events alike (docs/semantics.md §2.5,
 * docs/design/010-arrays-of-objects.md).
 */

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { matchesPattern } from '../../src/match/reference.js';
import { flattenEvent } from '../../src/event/flatten.js';
import type { ParsedPattern } from '../../src/pattern/ast.js';
import { loadRules, matcherOf } from './arbitraries.js';

/** Few keys, so that rules and events meet; `b.c` is a dotted key that shares a path with `b` → `c`. */
const key = fc.constantFrom('a', 'b', 'c', 'b.c');
const leaf = fc.constantFrom<unknown>('x', 'y', 1, 2, null, true);

/** An element object: a few members, leaves, scalar arrays, or (while depth remains) arrays of elements. */
function element(depth: number): fc.Arbitrary<Record<string, unknown>> {
  const value: fc.Arbitrary<unknown> =
    depth <= 0
      ? fc.oneof({ weight: 4, arbitrary: leaf }, { weight: 1, arbitrary: fc.array(leaf, { maxLength: 3 }) })
      : fc.oneof(
          { weight: 3, arbitrary: leaf },
          { weight: 1, arbitrary: fc.array(leaf, { maxLength: 3 }) },
          { weight: 3, arbitrary: fc.array(element(depth - 1), { minLength: 1, maxLength: 4 }) },
          { weight: 1, arbitrary: element(depth - 1) },
          { weight: 1, arbitrary: fc.array(fc.array(element(depth - 1), { maxLength: 2 }), { minLength: 1, maxLength: 2 }) },
        );
  return fc.array(fc.tuple(key, value), { minLength: 1, maxLength: 3 }).map((members) => Object.fromEntries(members));
}

/** An event: a root object whose members are mostly arrays of elements. */
const eventValue = fc
  .array(fc.tuple(key, fc.oneof({ weight: 4, arbitrary: fc.array(element(2), { minLength: 1, maxLength: 5 }) }, { weight: 1, arbitrary: element(2) }, { weight: 1, arbitrary: leaf })), {
    minLength: 1,
    maxLength: 3,
  })
  .map((members) => Object.fromEntries(members));

/** The event as text, sometimes with a root member repeated (two arrays on one path). */
const eventWithText = fc.tuple(eventValue, fc.option(fc.tuple(key, fc.array(element(1), { minLength: 1, maxLength: 3 })), { freq: 3 })).map(([value, extra]) => {
  const body = JSON.stringify(value);
  const text = extra === null ? body : `${body.slice(0, -1)},${JSON.stringify(extra[0])}:${JSON.stringify(extra[1])}}`;
  return { value, text };
});

const leafMatcher = fc.oneof(
  { weight: 4, arbitrary: leaf },
  { weight: 2, arbitrary: fc.constant({ exists: false }) },
  { weight: 1, arbitrary: fc.constant({ exists: true }) },
  { weight: 2, arbitrary: fc.constantFrom<unknown>('x', 'y', 1).map((v) => ({ 'anything-but': v })) },
  { weight: 1, arbitrary: fc.constant({ numeric: ['>', 1] }) },
  { weight: 1, arbitrary: fc.constant({ prefix: 'x' }) },
);
const leafArray = fc.array(leafMatcher, { minLength: 1, maxLength: 2 });

/** A pattern level: several fields, often under one shared key (fields of one array element). */
function patternLevel(depth: number): fc.Arbitrary<Record<string, unknown>> {
  const value: fc.Arbitrary<unknown> = depth <= 0 ? leafArray : fc.oneof({ weight: 2, arbitrary: leafArray }, { weight: 3, arbitrary: patternLevel(depth - 1) });
  return fc.array(fc.tuple(key, value), { minLength: 1, maxLength: 3 }).map((fields) => Object.fromEntries(fields));
}

const pattern = fc
  .tuple(patternLevel(3), fc.option(fc.tuple(patternLevel(2), patternLevel(2)), { freq: 4 }))
  .map(([p, or]) => JSON.stringify(or === null ? p : { ...p, $or: or }));

describe('Matcher on arrays of objects', () => {
  test('should equal the reference rule by rule, for text and object events', () => {
    const seen = { matched: 0, unmatched: 0, existsFalse: 0 };
    fc.assert(
      fc.property(fc.array(pattern, { minLength: 1, maxLength: 10 }), fc.array(eventWithText, { minLength: 1, maxLength: 4 }), (patterns, events) => {
        const { matcher, rules } = loadRules(patterns);
        // The default matcher tries the binding search first; the other always takes the array
        // walk (budget 0), so both are held to the reference on every event.
        const walker = matcherOf(rules);
        walker.searchBudgetFactor = 0;
        const matchers = [matcher, walker];
        for (const { value, text } of events) {
          const flat = flattenEvent(text);
          const expected = [...rules].filter(([, parsed]) => matchesPattern(parsed, flat)).map(([name]) => name).sort();
          // The object event has no repeated member; compare it with its own reference answer.
          const flatValue = flattenEvent(value);
          const expectedValue = [...rules].filter(([, parsed]) => matchesPattern(parsed, flatValue)).map(([name]) => name).sort();
          for (const m of matchers) {
            expect(m.match(text).sort()).toEqual(expected);
            expect(m.match(value).sort()).toEqual(expectedValue);
          }
          seen[expected.length > 0 ? 'matched' : 'unmatched']++;
        }
        if (patterns.some((p) => p.includes('"exists":false'))) seen.existsFalse++;
      }),
      { seed: 20261206, numRuns: 600 },
    );
    // The generators must reach both answers and the order-dependent exists:false cases.
    expect(seen.matched).toBeGreaterThan(200);
    expect(seen.unmatched).toBeGreaterThan(200);
    expect(seen.existsFalse).toBeGreaterThan(100);
  });

  test('should keep answering the same after rules are deleted and added again', () => {
    let matched = 0;
    fc.assert(
      fc.property(fc.array(pattern, { minLength: 2, maxLength: 8 }), eventWithText, (patterns, { text }) => {
        const { matcher: m, rules } = loadRules(patterns);
        m.searchBudgetFactor = 0;
        const names = [...rules.keys()];
        for (const name of names.filter((_, i) => i % 2 === 0)) m.deleteRule(name);
        for (const name of names.filter((_, i) => i % 2 === 0)) m.addRule(name, rules.get(name) as ParsedPattern);
        const flat = flattenEvent(text);
        const expected = [...rules].filter(([, parsed]) => matchesPattern(parsed, flat)).map(([name]) => name).sort();
        expect(m.match(text).sort()).toEqual(expected);
        if (expected.length > 0) matched++;
      }),
      { seed: 20261207, numRuns: 200 },
    );
    // Some events match the re-added rules (the run gives about 28), so the comparison is not of empties.
    expect(matched).toBeGreaterThan(10);
  });
});
