/**
 * A long-running Matcher starts its stamp counters over before they leave the range of integers
 * V8 keeps unboxed (src/match/matcher.ts, `STAMP_LIMIT`). Every stamp kept in the trie must be
 * cleared when it does: a stale stamp equal to a new one would make a walk skip a condition, an
 * anything-but operand exclude a value it never saw, or a rule of several sub-rules go unreported.
 */

import { describe, expect, test } from 'vitest';
import { Matcher } from '../../src/match/matcher.js';

/** The counters the test moves by hand (private to the Matcher). */
interface Counters {
  arrayWalk: { stamp: number };
  matchEpoch: number;
}

const LIMIT = 2 ** 29;

const RULES: Record<string, object> = {
  // The plain walk: two fields, the second reached through the first's condition.
  plain: { source: ['shop'], detail: { state: ['paid'] } },
  // anything-but: its operand stamps the reporting entry as excluded.
  notPaid: { detail: { state: [{ 'anything-but': ['paid'] }] } },
  notPrefix: { detail: { state: [{ 'anything-but': { prefix: 'pa' } }] } },
  // Several sub-rules: one entry with a match stamp.
  either: { $or: [{ source: ['shop'] }, { detail: { state: ['open'] } }] },
  absent: { source: ['shop'], detail: { coupon: [{ exists: false }] } },
  // Two fields of one array element: the binding search and its step stamps.
  element: { detail: { items: { sku: ['a'], qty: [1] } } },
  numeric: { detail: { total: [{ numeric: ['>', 10] }] } },
};

const EVENTS = [
  '{"source":"shop","detail":{"state":"paid","total":12,"items":[{"sku":"a","qty":1},{"sku":"b","qty":2}]}}',
  '{"source":"shop","detail":{"state":"open","coupon":"X","items":[{"sku":"a","qty":2},{"sku":"b","qty":1}]}}',
  '{"source":"web","detail":{"state":"pass","total":5}}',
  '{"source":"web","detail":{"state":"open","items":[{"sku":"a","qty":1}]}}',
];

function matcher(): Matcher {
  const m = new Matcher();
  for (const [name, pattern] of Object.entries(RULES)) m.addRule(name, pattern);
  return m;
}

const answers = (m: Matcher): string[][] => EVENTS.map((e) => m.match(e).sort());

describe('Matcher stamps', () => {
  test('should start the counters over once they pass the limit', () => {
    const expected = answers(matcher());
    expect(expected.every((names) => names.length > 0)).toBe(true);
    const m = matcher();
    const counters = m as unknown as Counters;
    counters.arrayWalk.stamp = LIMIT - 10_000;
    counters.matchEpoch = LIMIT - 10_000;
    expect(answers(m)).toEqual(expected);
    counters.arrayWalk.stamp = LIMIT + 1;
    counters.matchEpoch = LIMIT + 1;
    expect(m.match(EVENTS[0] as string).sort()).toEqual(expected[0]);
    expect(counters.arrayWalk.stamp).toBeLessThan(1000);
    expect(counters.matchEpoch).toBeLessThan(10);
  });

  test('should clear every kept stamp when the counters start over', () => {
    const expected = answers(matcher());
    const m = matcher();
    const counters = m as unknown as Counters & { restartStamps(): void };
    // Rounds of matching from nearby counter values in shuffled event orders, each followed by a
    // restart: every round's walks take stamps the rounds before wrote, on the same events and on
    // others, so any stamp a restart left behind would soon equal a new one.
    const start = LIMIT - 10_000;
    let seed = 7;
    const next = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let round = 0; round < 300; round++) {
      counters.arrayWalk.stamp = start + next(24);
      counters.matchEpoch = start + next(6);
      const order = [0, 1, 2, 3, next(4), next(4)].sort(() => next(3) - 1);
      expect(order.map((i) => m.match(EVENTS[i] as string).sort())).toEqual(order.map((i) => expected[i]));
      counters.restartStamps();
    }
  });

  test('should keep its answers while the counters start over again and again', () => {
    const expected = answers(matcher());
    const m = matcher();
    const counters = m as unknown as Counters;
    for (let round = 0; round < 5; round++) {
      counters.arrayWalk.stamp = LIMIT - 20;
      counters.matchEpoch = LIMIT - 2;
      for (let k = 0; k < 4; k++) expect(answers(m)).toEqual(expected);
      expect(counters.matchEpoch).toBeLessThan(LIMIT);
    }
  });
});
