/**
 * IgnoreCaseTrie against the ignore-case helpers of src/values/ignore-case.ts on the awkward cases of
 * docs/semantics.md §3.7 (ß, Kelvin sign, İ, σ/ς, titlecase, supplementary characters), with removals.
 */

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { IgnoreCaseTrie } from '../../src/compile/ignore-case-trie.js';
import { compileIgnoreCase, endsWithIgnoreCase, equalsIgnoreCase, startsWithIgnoreCase } from '../../src/values/ignore-case.js';

const PATTERNS = ['Straße', 'ß', 'abc', 'AB', '', '\u212a', 'k', 'İ', 'i', 'σ', 'ǅ', 'a😀', '𐐀', 'ÉTÉ'];
const STRINGS = ['STRASSE', 'straße', 'strasse', 'StraSSe', 'ss', 'ABC', 'aBcd', 'xab', 'k', 'K', '\u212a', 'i̇', 'İ', 'I', 'Σ', 'ς', 'ǆ', 'Ǆ', 'ǅ', 'A😀', '𐐨', 'été', '', 'xSS'];

describe('IgnoreCaseTrie', () => {
  test.each([
    ['equals', false, true],
    ['prefix', false, false],
    ['suffix', true, false],
  ] as const)('should agree with the value helpers for %s', (_kind, reversed, whole) => {
    const trie = new IgnoreCaseTrie<string>(reversed);
    for (const p of PATTERNS) trie.add(compileIgnoreCase(p).alternatives, whole, p);
    for (const s of STRINGS) {
      const got = new Set<string>();
      trie.forEachMatch(s, (items) => items.forEach((i) => got.add(i)));
      const oracle = whole ? equalsIgnoreCase : reversed ? endsWithIgnoreCase : startsWithIgnoreCase;
      const expected = PATTERNS.filter((p) => oracle(compileIgnoreCase(p), s));
      expect([...got].sort(), s).toEqual(expected.sort());
    }
  });

  test('should forget removed patterns and keep the others', () => {
    fc.assert(
      fc.property(fc.subarray(PATTERNS), (removed) => {
        const trie = new IgnoreCaseTrie<string>(false);
        for (const p of PATTERNS) trie.add(compileIgnoreCase(p).alternatives, true, p);
        for (const p of removed) trie.remove(compileIgnoreCase(p).alternatives, true, (i) => i === p);
        expect(trie.size).toBe(PATTERNS.length - removed.length);
        for (const s of STRINGS) {
          const got = new Set<string>();
          trie.forEachMatch(s, (items) => items.forEach((i) => got.add(i)));
          const expected = PATTERNS.filter((p) => !removed.includes(p) && equalsIgnoreCase(compileIgnoreCase(p), s));
          expect([...got].sort()).toEqual(expected.sort());
        }
      }),
      { seed: 8, numRuns: 100 },
    );
  });
});
