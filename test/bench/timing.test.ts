/** The bench's shared timing helpers (bench/timing.ts), used by the CityLots, adversarial and scenario timings. */

import { describe, expect, test } from 'vitest';
import { hasTrustedOption, median, pairedRatios, sameNames } from '../../bench/timing.js';

describe('median', () => {
  test('should take the middle of an odd count and the mean of the two middles of an even one', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  test('should leave its input as it was', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('hasTrustedOption', () => {
  test('should tell a match taking options from one without', () => {
    expect(hasTrustedOption(function match(_event: never, _options: never) { return []; })).toBe(true);
    expect(hasTrustedOption(function match(_event: never) { return []; })).toBe(false);
  });
});

describe('pairedRatios', () => {
  // Which side is which, not how fast: the timed side does twenty times the base's work.
  const work = (n: number) => (text: string): number => {
    let h = 0;
    for (let k = 0; k < n; k++) for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
    return h;
  };

  test('should give one ratio per round: the time of the base over the time of the timed side', () => {
    const texts = ['{"a":1}', '{"b":[1,2,3]}'];
    const ratios = pairedRatios(work(20), work(1), texts, 3);
    expect(ratios).toHaveLength(3);
    for (const r of ratios) {
      expect(r).toBeGreaterThan(0);
      expect(r).toBeLessThan(1);
    }
  });
});

describe('sameNames', () => {
  test('should compare rule names in any order, counting each', () => {
    expect(sameNames(['b', 'a'], ['a', 'b'])).toBe(true);
    expect(sameNames([], [])).toBe(true);
    expect(sameNames(['a'], ['a', 'b'])).toBe(false);
    expect(sameNames(['a', 'a'], ['a', 'b'])).toBe(false);
  });

  test('should leave both answers in their order', () => {
    const a = ['b', 'a'];
    const b = ['a', 'b'];
    sameNames(a, b);
    expect([a, b]).toEqual([['b', 'a'], ['a', 'b']]);
  });
});
