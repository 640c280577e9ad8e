/**
 * The path relations the array walk forgets bindings by: `holds` (an array at path q can hold an
 * occurrence of path p) and `mayHold` (an array at q may still meet a field whose path is at least m,
 * in UTF-16 order), and the small sorts it uses.
 */

import { describe, expect, test } from 'vitest';
import { holds, mayHold, mergeAscending, sortByContext, sortPairs } from '../../src/match/element-order.js';

describe('holds', () => {
  test.each([
    ['a', 'a', true],
    ['a', 'a.b', true],
    ['a', 'a.b.c', true],
    ['a.b', 'a.b.c', true],
    ['a', 'ab', false],
    ['a', 'a-b', false],
    ['a.b', 'a', false],
    ['a.b', 'a.bc', false],
  ])('array at %s holds %s: %s', (q, p, expected) => {
    expect(holds(q, p)).toBe(expected);
  });
});

describe('mayHold', () => {
  test.each([
    // m under q: fields under the array still come.
    ['a', 'a.c', true],
    ['a', 'a', true],
    // m before q in order: anything may still come.
    ['b', 'a.z', true],
    ['a.b', 'a', true],
    // m between q and q.…: "a-x" sorts after "a" and before "a.…".
    ['a', 'a-x', true],
    // m after every q.… path: the binding can be forgotten.
    ['a', 'b', false],
    ['a', 'ab', false],
    ['a', 'a/x', false],
    ['f1', 'f2.v', false],
    ['detail.a', 'detail.b', false],
  ])('array at %s, smallest path to come %s: %s', (q, m, expected) => {
    expect(mayHold(q, m)).toBe(expected);
  });

  test('agrees with a brute-force reading over short paths', () => {
    // mayHold(q, m) must be true exactly when some path >= m is q or starts with "q.".
    const alphabet = ['a', 'b', '.', '-', '/'];
    const words: string[] = [''];
    for (let len = 1; len <= 3; len++) for (const w of words.filter((x) => x.length === len - 1)) for (const c of alphabet) words.push(w + c);
    const paths = words.filter((w) => w.length > 0 && !w.startsWith('.') && !w.endsWith('.'));
    for (const q of paths) {
      for (const m of paths) {
        const some = m <= q || m.startsWith(`${q}.`) || `${q}.` > m;
        expect(mayHold(q, m), `${q} / ${m}`).toBe(some);
      }
    }
  });
});

describe('sorts', () => {
  test('sortByContext orders a range by context and carries ids, ties in order', () => {
    const ctx = Int32Array.from([9, 3, -1, 3, 0]);
    const ids = Int32Array.from([0, 1, 2, 3, 4]);
    sortByContext(ctx, ids, 1, 5);
    expect([...ctx]).toEqual([9, -1, 0, 3, 3]);
    expect([...ids]).toEqual([0, 2, 4, 1, 3]);
  });

  test('sortPairs sorts (start, end) pairs by start', () => {
    const a = Int32Array.from([5, 6, 1, 2, 3, 4, 0, 0]);
    sortPairs(a, 6);
    expect([...a]).toEqual([1, 2, 3, 4, 5, 6, 0, 0]);
  });

  test('mergeAscending merges without repeats', () => {
    expect(mergeAscending([0, 2, 5], [1, 2, 7])).toEqual([0, 1, 2, 5, 7]);
    expect(mergeAscending([], [3])).toEqual([3]);
  });
});
