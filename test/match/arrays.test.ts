/**
 * The event shapes that once made the Matcher's cost polynomial or exponential (arrays of objects,
 * several independent arrays, arrays nested in array elements, large item lists), at sizes where
 * the old search took seconds: each answer is checked here, against `testEventPattern` too. Their
 * time is measured by the bench's "adversarial arrays" scenario, not here.
 */

import { describe, expect, test } from 'vitest';
import { Matcher } from '../../src/match/matcher.js';
import { testEventPattern } from '../../src/test-event-pattern.js';

/** An EventBridge-shaped event around a detail. */
function envelope(detail: unknown): string {
  return JSON.stringify({ source: 'app', 'detail-type': 'shape', detail });
}

/** Runs one rule through the Matcher (text and object) and `testEventPattern`; all must agree. */
function answer(pattern: object, event: string): boolean {
  const m = new Matcher();
  m.addRule('rule', pattern);
  const byText = m.match(event).length === 1;
  expect(m.match(JSON.parse(event) as object).length === 1).toBe(byText);
  // The same with the array walk alone (no binding search first).
  const walk = new Matcher();
  walk.searchBudgetFactor = 0;
  walk.addRule('rule', pattern);
  expect(walk.match(event).length === 1).toBe(byText);
  expect(testEventPattern(JSON.stringify(pattern), event)).toBe(byText);
  return byText;
}

describe('two fields of one array element', () => {
  const rule = { detail: { a: { b: [1], c: [2] } } };
  const many = (n: number, at?: { b: number; c: number }, index = n >> 1) =>
    envelope({ a: Array.from({ length: n }, (_, i) => (i === index && at !== undefined ? at : { b: 1, c: 3 })) });

  test('does not match when no element has both', () => {
    expect(answer(rule, many(16_000))).toBe(false);
  });

  test('matches when one element has both, wherever it is', () => {
    expect(answer(rule, many(16_000, { b: 1, c: 2 }))).toBe(true);
    expect(answer(rule, many(16_000, { b: 1, c: 2 }, 0))).toBe(true);
    expect(answer(rule, many(16_000, { b: 1, c: 2 }, 15_999))).toBe(true);
  });

  test('does not combine fields of different elements', () => {
    const event = envelope({ a: [{ b: 1, c: 3 }, ...Array.from({ length: 5000 }, () => ({ b: 5, c: 2 }))] });
    expect(answer(rule, event)).toBe(false);
  });
});

describe('k independent arrays', () => {
  const rule = (k: number, last: string) => {
    const detail: Record<string, unknown> = {};
    for (let i = 1; i <= k; i++) detail[`f${i}`] = { v: [i === k ? last : 'x'] };
    return { detail };
  };
  const event = (k: number, n: number, lastValue = 'x') => {
    const detail: Record<string, unknown> = {};
    for (let i = 1; i <= k; i++) detail[`f${i}`] = Array.from({ length: n }, (_, j) => ({ v: i === k && j === n - 1 ? lastValue : 'x' }));
    return envelope(detail);
  };

  test('8 arrays of 10 (under 1 KB) with the last field never matching', () => {
    const text = event(8, 10);
    expect(text.length).toBeLessThan(1000);
    expect(answer(rule(8, 'nope'), text)).toBe(false);
  });

  test('3 arrays of 600 and 4 of 80: no match, then a match by the last element', () => {
    expect(answer(rule(3, 'nope'), event(3, 600))).toBe(false);
    expect(answer(rule(4, 'nope'), event(4, 80))).toBe(false);
    expect(answer(rule(4, 'last'), event(4, 80, 'last'))).toBe(true);
  });
});

describe('arrays nested in array elements', () => {
  const rule = { detail: { a: { b: { c: [1], d: [2] } } } };
  const grid = (n: number, special?: (i: number, j: number) => object | undefined) =>
    envelope({ a: Array.from({ length: n }, (_, i) => ({ b: Array.from({ length: n }, (_, j) => special?.(i, j) ?? { c: 1, d: 3 }) })) });

  test('160 by 160 with no inner element holding both', () => {
    expect(answer(rule, grid(160))).toBe(false);
  });

  test('one inner element holding both matches', () => {
    expect(answer(rule, grid(120, (i, j) => (i === 77 && j === 3 ? { c: 1, d: 2 } : undefined)))).toBe(true);
  });

  test('c and d in sibling inner elements, or in different outer elements, do not match', () => {
    expect(answer(rule, grid(100, (i, j) => (i === 5 && j === 6 ? { c: 0, d: 2 } : undefined)))).toBe(false);
    const split = envelope({ a: [{ b: [{ c: 1 }] }, { b: [{ d: 2 }] }] });
    expect(answer(rule, split)).toBe(false);
  });
});

describe('order items', () => {
  const rule = { detail: { items: { qty: [{ numeric: ['>', 0] }], sku: ['sku-7', 'sku-9'] } } };
  const items = (n: number, qtyOf: (i: number) => number) => envelope({ items: Array.from({ length: n }, (_, i) => ({ sku: `sku-${i % 10}`, qty: qtyOf(i) })) });

  test('20,000 items: the sku and the quantity must come from one item', () => {
    // sku-7 and sku-9 items all have quantity 0; others have positive quantities.
    expect(answer(rule, items(20_000, (i) => (i % 10 === 7 || i % 10 === 9 ? 0 : 3)))).toBe(false);
    expect(answer(rule, items(20_000, (i) => (i === 19_997 ? 1 : i % 10 === 7 || i % 10 === 9 ? 0 : 3)))).toBe(true);
  });

  test('exists:false and anything-but inside the element', () => {
    // Fields are taken in path order: `tag` comes after `sku`, so its absence is judged within the
    // element `sku` chose; `qty` comes before `sku`, so its absence is judged with nothing chosen.
    const untagged = { detail: { items: { sku: ['sku-7'], tag: [{ exists: false }] } } };
    const noQty = { detail: { items: { sku: ['sku-7'], qty: [{ exists: false }] } } };
    const butZero = { detail: { items: { sku: ['sku-7'], qty: [{ 'anything-but': 0 }] } } };
    const allTagged = envelope({ items: [{ sku: 'sku-7', qty: 0, tag: 'a' }, { sku: 'sku-1' }, { sku: 'sku-7', qty: 0, tag: 'b' }] });
    expect(answer(untagged, allTagged)).toBe(false);
    expect(answer(butZero, allTagged)).toBe(false);
    const oneBare = envelope({ items: [{ sku: 'sku-7', qty: 0, tag: 'a' }, ...Array.from({ length: 3000 }, () => ({ sku: 'sku-1', tag: 'c' })), { sku: 'sku-7' }] });
    expect(answer(untagged, oneBare)).toBe(true);
    expect(answer(noQty, oneBare)).toBe(false);
    expect(answer(butZero, envelope({ items: [{ sku: 'sku-7', qty: 0 }, { sku: 'sku-7', qty: 2 }] }))).toBe(true);
  });
});

describe('inputs that are not events', () => {
  test('null, undefined, numbers and booleans give InvalidEventError, as the other entry points do', async () => {
    const { InvalidEventError } = await import('../../src/event/errors.js');
    const m = new Matcher();
    m.addRule('any', { source: [{ exists: true }] });
    for (const bad of [null, undefined, 5, true]) {
      expect(() => m.match(bad as unknown as object)).toThrow(InvalidEventError);
    }
    expect(() => m.match([] as unknown as object)).toThrow(InvalidEventError);
  });

  test('a getter that calls match on the same Matcher gets a correct answer, and so does the outer call', () => {
    const m = new Matcher();
    m.addRule('x', { detail: { a: { b: ['x'] } } });
    let inner: string[] = [];
    const event = {
      get detail() {
        inner = m.match({ detail: { a: [{ b: 'x' }] } });
        return { a: [{ b: 'x' }, { b: 'y' }] };
      },
    };
    expect(m.match(event)).toEqual(['x']);
    expect(inner).toEqual(['x']);
  });
});

describe('arrays where no two fields of a sub-rule meet', () => {
  // Array consistency can only change an answer at an array on a path two fields of one sub-rule
  // share; elsewhere the Matcher takes its plain walk. These rules and events tell the two apart.
  const shared = { a: { b: [1], c: [2] } };
  const apart = { x: { v: [1] }, a: { b: [1] } };
  const orRule = { $or: [{ a: { b: [7] } }, { a: { b: [5], c: [2] }, x: { v: [1] } }] };
  const orFalse = { $or: [{ a: { b: [7] } }, { a: { b: [1], c: [2] }, x: { v: [1] } }] };
  const event = JSON.stringify({ a: [{ b: 1, c: 3 }, { b: 5, c: 2 }], x: [{ v: 2 }, { v: 1 }] });
  const expected = { shared: false, apart: true, orRule: true, orFalse: false };

  function answers(m: Matcher): Record<string, boolean> {
    const names = m.match(event);
    return { shared: names.includes('shared'), apart: names.includes('apart'), orRule: names.includes('orRule'), orFalse: names.includes('orFalse') };
  }

  test('each rule answers as testEventPattern does, alone and together', () => {
    for (const [name, pattern] of Object.entries({ shared, apart, orRule, orFalse })) {
      expect(answer(pattern, event)).toBe(expected[name as keyof typeof expected]);
    }
    const m = new Matcher();
    m.addRule('apart', apart);
    m.addRule('shared', shared);
    m.addRule('orRule', orRule);
    m.addRule('orFalse', orFalse);
    expect(answers(m)).toEqual(expected);
  });

  test('deleting and adding rules again keeps the answers', () => {
    const m = new Matcher();
    m.addRule('apart', apart);
    const alone = { shared: false, apart: true, orRule: false, orFalse: false };
    expect(answers(m)).toEqual(alone);
    for (let round = 0; round < 3; round++) {
      m.addRule('shared', shared);
      m.addRule('orRule', orRule);
      m.addRule('orFalse', orFalse);
      expect(answers(m)).toEqual(expected);
      m.deleteRule('shared');
      m.addRule('shared', shared);
      m.addRule('orFalse', orFalse); // replaces itself
      expect(answers(m)).toEqual(expected);
      m.deleteRule('shared');
      m.deleteRule('orRule');
      m.deleteRule('orFalse');
      expect(answers(m)).toEqual(alone);
    }
    // A field pair of one sub-rule makes the inconsistent event fail; without its marks it would pass.
    m.addRule('pair', { a: { b: [5], c: [3] } });
    expect(m.match(event)).toEqual(['apart']);
  });
});
