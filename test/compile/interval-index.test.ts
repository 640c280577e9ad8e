/**
 * IntervalIndex: stabbing queries with open and closed ends, and a seeded property against a linear
 * scan under random adds and removes.
 */

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { IntervalIndex } from '../../src/compile/interval-index.js';

describe('IntervalIndex', () => {
  test('should report the intervals containing a point, honouring open and closed ends', () => {
    const index = new IntervalIndex<number, string>(-Infinity);
    index.add({ low: 0, lowInclusive: true, high: 5, highInclusive: false, item: 'a' });
    index.add({ low: 5, lowInclusive: false, high: 9, highInclusive: true, item: 'b' });
    const c = { low: -Infinity, lowInclusive: false, high: Infinity, highInclusive: false, item: 'c' };
    index.add(c);
    const at = (x: number): string[] => {
      const out: string[] = [];
      index.query(x, (i) => out.push(i));
      return out.sort();
    };
    expect(at(0)).toEqual(['a', 'c']);
    expect(at(5)).toEqual(['c']);
    expect(at(9)).toEqual(['b', 'c']);
    index.remove(c);
    expect(at(100)).toEqual([]);
    expect(index.size).toBe(2);
  });

  test('should agree with a linear scan under random adds and removes', () => {
    const bound = fc.integer({ min: -20, max: 20 });
    const interval = fc.tuple(bound, fc.boolean(), bound, fc.boolean());
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 60 }), fc.array(fc.nat(), { maxLength: 20 }), fc.array(bound, { maxLength: 10 }), (intervals, removals, points) => {
        const index = new IntervalIndex<number, number>(-Infinity);
        const stored = intervals.map(([low, li, high, hi], i) => ({ low, lowInclusive: li, high, highInclusive: hi, item: i }));
        for (const iv of stored) index.add(iv);
        const removed = new Set(removals.map((r) => (intervals.length === 0 ? -1 : r % intervals.length)));
        for (const r of removed) if (r >= 0) index.remove(stored[r]!);
        for (const x of points) {
          const got: number[] = [];
          index.query(x, (i) => got.push(i));
          const expected = intervals
            .map((iv, i) => [iv, i] as const)
            .filter(([[low, li, high, hi], i]) => !removed.has(i) && (li ? low <= x : low < x) && (hi ? x <= high : x < high))
            .map(([, i]) => i);
          expect(got.sort((a, b) => a - b)).toEqual(expected);
        }
      }),
      { seed: 5, numRuns: 300 },
    );
  });

  test('should agree with a linear scan on many narrow intervals and a few wide ones', () => {
    // Narrow disjoint ranges are answered by a short scan, wide ones force the tree descent.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.array(fc.tuple(fc.integer({ min: -10, max: 700 }), fc.nat(700)), { maxLength: 3 }), fc.array(fc.integer({ min: -5, max: 700 }), { maxLength: 20 }), (narrow, wide, points) => {
        const index = new IntervalIndex<number, number>(-Infinity);
        const all: [number, number][] = [];
        for (let i = 0; i < narrow; i++) all.push([3 * i, 3 * i + 1]);
        for (const [low, width] of wide) all.push([low, low + width]);
        all.forEach(([low, high], i) => index.add({ low, lowInclusive: true, high, highInclusive: i % 2 === 0, item: i }));
        for (const x of points) {
          const got: number[] = [];
          index.query(x, (i) => got.push(i));
          const expected = all.map((iv, i) => [iv, i] as const).filter(([[low, high], i]) => low <= x && (i % 2 === 0 ? x <= high : x < high)).map(([, i]) => i);
          expect(got.sort((a, b) => a - b)).toEqual(expected);
        }
      }),
      { seed: 9, numRuns: 300 },
    );
  });

  test('should agree with a linear scan as adds, removes and queries interleave', () => {
    // Removals find intervals by bounds and item: in the sorted part, among those added since the
    // last query, after enough additions to be sorted in first; dead slots must never be reported
    // and are dropped once they outnumber the live ones. Duplicates (same bounds and item) may occur.
    type Op = readonly ['add', number, number, boolean] | readonly ['remove', number] | readonly ['query', number];
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.tuple(fc.constant('add' as const), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 8 }), fc.boolean()),
      fc.tuple(fc.constant('remove' as const), fc.nat()),
      fc.tuple(fc.constant('query' as const), fc.integer({ min: -2, max: 70 })),
    );
    for (const strings of [false, true]) {
      fc.assert(
        fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
          const key = (n: number): number | string => (strings ? n.toString(16).padStart(4, '0') : n);
          const index = new IntervalIndex<number | string, number>(strings ? '' : -Infinity);
          const live: { low: number | string; lowInclusive: boolean; high: number | string; highInclusive: boolean; item: number }[] = [];
          for (const o of ops) {
            if (o[0] === 'add') {
              const iv = { low: key(o[1]), lowInclusive: o[3], high: key(o[1] + o[2]), highInclusive: true, item: o[1] % 7 };
              index.add(iv);
              live.push(iv);
            } else if (o[0] === 'remove') {
              if (live.length === 0) continue;
              const [iv] = live.splice(o[1] % live.length, 1);
              index.remove({ ...iv! });
            } else {
              const x = key(o[1]);
              const got: number[] = [];
              index.query(x, (i) => got.push(i));
              const expected = live.filter((iv) => (iv.lowInclusive ? iv.low <= x : iv.low < x) && x <= iv.high).map((iv) => iv.item);
              expect(got.sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
            }
            expect(index.size).toBe(live.length);
          }
        }),
        { seed: 11, numRuns: 200 },
      );
    }
  });

  test('should find intervals to remove among many added since the last query', () => {
    // 300 sorted by a query, then 200 more unsorted: removals merge those in first (the tree waits
    // for the next query), so removals of either kind must still find their interval.
    const index = new IntervalIndex<number, number>(-Infinity);
    const all = Array.from({ length: 500 }, (_, i) => ({ low: (i * 37) % 500, lowInclusive: true, high: ((i * 37) % 500) + 2, highInclusive: i % 3 !== 0, item: i }));
    for (const iv of all.slice(0, 300)) index.add(iv);
    index.query(0, () => undefined);
    for (const iv of all.slice(300)) index.add(iv);
    const gone = new Set<number>();
    for (let i = 0; i < 500; i += 3) {
      index.remove({ ...all[(i * 7) % 500]! });
      gone.add((i * 7) % 500);
    }
    expect(index.size).toBe(500 - gone.size);
    for (let x = -1; x < 505; x++) {
      const got: number[] = [];
      index.query(x, (i) => got.push(i));
      const expected = all.filter((iv) => !gone.has(iv.item) && iv.low <= x && (iv.highInclusive ? x <= iv.high : x < iv.high)).map((iv) => iv.item);
      expect(got.sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
    }
  });
});
