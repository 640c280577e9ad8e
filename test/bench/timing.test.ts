/** The bench's shared timing helpers (bench/timing.ts), used by the CityLots, adversarial and scenario timings. */

import { describe, expect, test } from 'vitest';
import { median } from '../../bench/timing.js';

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
