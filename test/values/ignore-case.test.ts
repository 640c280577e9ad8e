/**
 * Tests of equals-ignore-case and its prefix/suffix forms: per-code-point alternatives, an ASCII
 * oracle, length-changing case mappings and megabyte strings.
 */

import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  compileIgnoreCase,
  endsWithIgnoreCase,
  equalsIgnoreCase,
  startsWithIgnoreCase,
} from '../../src/values/ignore-case.js';

const KELVIN = '\u212A';

describe('compileIgnoreCase', () => {
  test('should give lower and upper alternatives per code point, deduplicated', () => {
    expect(compileIgnoreCase('Straße').alternatives).toEqual([
      ['s', 'S'], ['t', 'T'], ['r', 'R'], ['a', 'A'], ['ß', 'SS'], ['e', 'E'],
    ]);
    expect(compileIgnoreCase('1-ǅ').alternatives).toEqual([['1'], ['-'], ['ǆ', 'Ǆ']]);
    expect(compileIgnoreCase(KELVIN).alternatives).toEqual([['k', KELVIN]]);
    expect(compileIgnoreCase('𐐀').alternatives).toEqual([['𐐨', '𐐀']]);
    expect(compileIgnoreCase('').alternatives).toEqual([]);
  });
});

describe('equalsIgnoreCase', () => {
  // Every row of docs/semantics.md §3.7, with supplementary characters fixed (Q6).
  describe.each([
    ['abc', ['ABC', 'aBc', 'abc'], ['abcd', 'ab', '1', 'abd']],
    ['ÉTÉ', ['été', 'ÉTÉ', 'éTé'], ['ete', 'ETE']],
    ['Straße', ['STRASSE', 'straße', 'STRAßE', 'StraSSe'], ['strasse', 'STRASE', 'Strasse']],
    ['σ', ['Σ', 'σ'], ['ς']],
    ['ǅ', ['ǆ', 'Ǆ'], ['ǅ']],
    [KELVIN, ['k', KELVIN], ['K']],
    ['k', ['K', 'k'], [KELVIN]],
    ['İ', ['İ', 'i\u0307'], ['i', 'I']],
    ['i', ['i', 'I'], ['İ', 'ı']],
    ['a😀', ['a😀', 'A😀'], ['A??', 'a?', 'a']],
    ['𐐀', ['𐐀', '𐐨'], ['?', '??', '']],
    ['null', ['NULL', 'null', 'Null'], ['nul']],
    ['', [''], [' ', 'a']],
  ])('for pattern %j', (pattern, yes, no) => {
    const p = compileIgnoreCase(pattern);
    test.each(yes)('should match %j', (s) => expect(equalsIgnoreCase(p, s)).toBe(true));
    test.each(no)('should not match %j', (s) => expect(equalsIgnoreCase(p, s)).toBe(false));
  });

  test('should agree with a lower-casing oracle on ASCII strings', () => {
    const ascii = fc.string({ unit: fc.constantFrom('a', 'A', 'b', 'B', 'k', 'K', '1', ' '), maxLength: 6 });
    fc.assert(
      fc.property(ascii, ascii, (p, s) => {
        const c = compileIgnoreCase(p);
        expect(equalsIgnoreCase(c, s)).toBe(p.toLowerCase() === s.toLowerCase());
        expect(startsWithIgnoreCase(c, s)).toBe(s.toLowerCase().startsWith(p.toLowerCase()));
        expect(endsWithIgnoreCase(c, s)).toBe(s.toLowerCase().endsWith(p.toLowerCase()));
      }),
      { seed: 42, numRuns: 1000 },
    );
  });

  test('should stay fast on a megabyte string', () => {
    const p = compileIgnoreCase('ß'.repeat(2000));
    const s = 'SS'.repeat(500_000);
    expect(equalsIgnoreCase(p, s)).toBe(false);
    expect(startsWithIgnoreCase(p, s)).toBe(true);
    expect(endsWithIgnoreCase(p, s)).toBe(true);
    expect(endsWithIgnoreCase(p, `${s}x`)).toBe(false);
  });
});

describe('startsWithIgnoreCase', () => {
  test.each([
    ['Straß', 'STRASSE-1', true],
    ['Straß', 'strasse-1', false],
    ['ß', 'SSx', true],
    ['ß', 'Sx', false],
    ['abc', 'ABCdef', true],
    ['abc', 'AB', false],
    ['', '', true],
    ['', 'anything', true],
    ['İ', 'i\u0307x', true],
    ['a😀', 'A😀!', true],
  ])('should answer %j on %j: %s', (pattern, s, expected) => {
    expect(startsWithIgnoreCase(compileIgnoreCase(pattern), s)).toBe(expected);
  });
});

describe('endsWithIgnoreCase', () => {
  test.each([
    ['ße', 'StraSSE', true],
    ['ße', 'strasse', false],
    ['PNG', 'x.png', true],
    ['png', 'x.PnG', true],
    ['png', 'x.pn', false],
    ['', '', true],
    ['', 'anything', true],
    ['σ', 'ΟΔΟΣ', true],
    ['σ', 'οδος', false],
    ['😀b', '-😀B', true],
  ])('should answer %j on %j: %s', (pattern, s, expected) => {
    expect(endsWithIgnoreCase(compileIgnoreCase(pattern), s)).toBe(expected);
  });
});
