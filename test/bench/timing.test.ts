/** The bench's shared timing helpers (bench/timing.ts), used by the CityLots, adversarial and scenario timings. */

import { describe, expect, test } from 'vitest';
import { hasTrustedOption, median } from '../../bench/timing.js';

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
