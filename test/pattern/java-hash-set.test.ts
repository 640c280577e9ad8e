/**
 * Tests of the java.util.HashSet emulation: String.hashCode values, and HashSet iteration order
 * across a resize with duplicates dropped.
 */

import { describe, expect, test } from 'vitest';
import { javaHashSetOrder, javaStringHash } from '../../src/pattern/java-hash-set.js';

describe('javaStringHash', () => {
  test.each([
    ['', 0],
    ['a', 97],
    ['hello', 99162322],
    ['"a**"', 34331139],
  ])('should hash %j as Java does', (s, h) => {
    expect(javaStringHash(s)).toBe(h);
  });
});

describe('javaHashSetOrder', () => {
  test('should iterate like java.util.HashSet, across a resize', () => {
    // Recorded with OpenJDK: new HashSet<>() filled with these strings in this order, then printed.
    const input = ['"a**"', '"b\\x"', '"zz"', '"*q*"', '"hello"'].concat(
      Array.from({ length: 12 }, (_, i) => `"x${i + 1}"`),
    );
    expect(javaHashSetOrder(input).join(',')).toBe(
      '"a**","b\\x","x9","x7","zz","x8","*q*","x5","x6","x3","x4","x1","x2","x11","x10","x12","hello"',
    );
  });

  test('should drop duplicates, keeping the first insertion', () => {
    expect(javaHashSetOrder(['b', 'a', 'b'])).toEqual(['a', 'b']);
  });
});
