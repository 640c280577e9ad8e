/**
 * Tests of the wildcard operator: syntax errors with their positions, compilation, matching against
 * a regex oracle and on hostile input, and the complexity score.
 */

import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { checkWildcard, compileWildcard, matchesWildcard, wildcardComplexity } from '../../src/values/wildcard.js';

describe('checkWildcard', () => {
  describe('should accept', () => {
    test.each(['', '*', 'a*', '*a*', 'a*x*', '\\**', '*\\**', 'a\\\\b', 'a\\*b', 'é*', '😀*x', 'arn:aws:*:event-bus/*'])(
      'for %j',
      (w) => expect(checkWildcard(w)).toBeUndefined(),
    );
  });

  describe('should reject with the position of docs/semantics.md §3.6', () => {
    test.each([
      ['a**', 'Consecutive wildcard characters at pos 2'],
      ['**', 'Consecutive wildcard characters at pos 1'],
      ['é**', 'Consecutive wildcard characters at pos 3'],
      ['😀**', 'Consecutive wildcard characters at pos 5'],
      ['\\***', 'Consecutive wildcard characters at pos 3'],
      ['arn:aws:events:us-east-1:**:event-bus/*', 'Consecutive wildcard characters at pos 26'],
      ['a\\b', 'Invalid escape character at pos 2'],
      ['abc\\', 'Invalid escape character at pos 4'],
      ['\\', 'Invalid escape character at pos 1'],
      ['é\\n', 'Invalid escape character at pos 3'],
      ['\\\\\\x', 'Invalid escape character at pos 3'],
      ['a\\**\\', 'Invalid escape character at pos 5'],
    ])('for %j', (w, reason) => expect(checkWildcard(w)).toBe(reason));
  });
});

describe('compileWildcard', () => {
  test('should split on unescaped stars and resolve escapes', () => {
    expect(compileWildcard('a*b\\*c*').segments).toEqual(['a', 'b*c', '']);
    expect(compileWildcard('a\\\\b').segments).toEqual(['a\\b']);
    expect(compileWildcard('*').segments).toEqual(['', '']);
    expect(compileWildcard('').segments).toEqual(['']);
  });

  test('should refuse an invalid glob', () => {
    expect(() => compileWildcard('a**')).toThrow(/Consecutive wildcard characters at pos 2/);
  });
});

describe('matchesWildcard', () => {
  test.each([
    ['a*x*', 'ax', true],
    ['a*x*', 'abxyz', true],
    ['a*x*', 'bx', false],
    ['*', '', true],
    ['*', 'anything', true],
    ['', '', true],
    ['', 'x', false],
    ['abc', 'abc', true],
    ['abc', 'abcd', false],
    ['*.png', 'x.png', true],
    ['*.png', 'x.PNG', false],
    ['*.png', '.png', true],
    ['*/lib/*', '/usr/lib/x', true],
    ['*/lib/*', '/usr/lib', false],
    ['a\\*b', 'a*b', true],
    ['a\\*b', 'axb', false],
    ['a\\\\b', 'a\\b', true],
    ['\\**', '*', true],
    ['\\**', '*xyz', true],
    ['\\**', 'xyz', false],
    ['ab*ba', 'aba', false],
    ['ab*ba', 'abba', true],
    ['*a*b*', 'xbxa', false],
    ['*😀*', 'x😀y', true],
    ['a*a', 'a', false],
    ['arn:aws:events:us-east-1:*:event-bus/*', 'arn:aws:events:us-east-1:123:event-bus/default', true],
  ])('should answer %j on %j: %s', (w, s, expected) => {
    expect(matchesWildcard(compileWildcard(w), s)).toBe(expected);
  });

  test('should answer at once on many stars against 100,000 characters', () => {
    const s = 'a'.repeat(100_000);
    expect(matchesWildcard(compileWildcard('*a*a*a*a*a*a*b'), s)).toBe(false);
    expect(matchesWildcard(compileWildcard('*a*a*a*a*a*a*'), s)).toBe(true);
    expect(matchesWildcard(compileWildcard(`*${'a'.repeat(50)}*b`), s)).toBe(false);
  });

  test('should agree with a regex oracle', () => {
    const glob = fc
      .array(fc.constantFrom('a', 'b', '*', '\\*', '\\\\', '\n', '.'), { maxLength: 7 })
      .map((parts) => parts.join(''))
      .filter((w) => checkWildcard(w) === undefined);
    const text = fc.string({ unit: fc.constantFrom('a', 'b', '*', '\\', '\n', '.'), maxLength: 8 });
    fc.assert(
      fc.property(glob, text, (w, s) => {
        let source = '';
        for (let i = 0; i < w.length; i++) {
          const c = w[i] ?? '';
          if (c === '\\') source += (w[++i] ?? '').replace(/[*\\]/, '\\$&');
          else if (c === '*') source += '.*';
          else source += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        }
        expect(matchesWildcard(compileWildcard(w), s)).toBe(new RegExp(`^${source}$`, 's').test(s));
      }),
      { seed: 1234, numRuns: 3000 },
    );
  });
});

describe('wildcardComplexity', () => {
  // docs/semantics.md §5: event-ruler 2.0.1's MachineComplexityEvaluator scores.
  test.each([
    [['*'], 2],
    [['a*'], 2],
    [['*a*'], 3],
    [['*a*b*'], 4],
    [['*:*:*'], 5],
    [['*:*:*:*'], 7],
    [['*:*:*:*:*'], 9],
    [['*a*b*c*d*e*f*'], 8],
    [['arn:aws:events:us-east-1:*:event-bus/*'], 3],
    [['*:*:*:*:*:event-bus/*'], 11],
    [['/Users/*/doc.txt'], 2],
    [['/Users/*/dir/dir/dir/dir/dir/doc.txt'], 7],
    [['*.bif', '*.tiff', '*.tif', '*.svs'], 8],
    [['*/datasync/*.bif', '*/datasync/*.tif', '*/datasync/*.tiff', '*/datasync/*.svs'], 16],
    [['*/datasync/*.bif', '*/datasync/*.tif'], 8],
  ])('should score %j as %i', (patterns, score) => {
    expect(wildcardComplexity(patterns)).toBe(score);
  });

  test('should score no patterns as 0 and a glob without stars as 1', () => {
    expect(wildcardComplexity([])).toBe(0);
    expect(wildcardComplexity(['abc'])).toBe(1);
  });

  test('should count a repeated glob once', () => {
    expect(wildcardComplexity(['*a*', '*a*'])).toBe(wildcardComplexity(['*a*']));
  });

  test('should score a lone glob (memoised by shape) exactly as the uncached path does', () => {
    // A repeated glob takes the general path (two patterns, one counted); a lone glob is memoised
    // by its shape, so same-shaped globs must still score exactly as computed from scratch.
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', '/', ':', '*', 'é', '\\*', '"'), { minLength: 1, maxLength: 12 }), (parts) => {
        const glob = parts.join('').replace(/\*\*+/g, '*');
        expect(wildcardComplexity([glob])).toBe(wildcardComplexity([glob, glob]));
        expect(wildcardComplexity([glob], 11)).toBe(wildcardComplexity([glob, glob], 11));
      }),
      { seed: 4242, numRuns: 400 },
    );
    expect(wildcardComplexity(['/Users/*/dir/dir/dir/dir/dir/doc.txt'])).toBe(7);
    expect(wildcardComplexity(['"*"'])).toBe(wildcardComplexity(['"*"', '"*"']));
    expect(wildcardComplexity([`${'ab'.repeat(600)}*"*"`])).toBe(wildcardComplexity([`${'ab'.repeat(600)}*"*"`, `${'ab'.repeat(600)}*"*"`]));
    expect(wildcardComplexity(['/Users/*/abc/def/ghi/jkl/mno/doc.txt'])).toBe(wildcardComplexity(['/Users/*/abc/def/ghi/jkl/mno/doc.txt', '/Users/*/abc/def/ghi/jkl/mno/doc.txt']));
  });

  test('should count an anything-but operand list as one pattern', () => {
    expect(wildcardComplexity([['*.bif', '*.tiff', '*.tif', '*.svs']])).toBeLessThan(
      wildcardComplexity(['*.bif', '*.tiff', '*.tif', '*.svs']),
    );
  });

  test('should stop at maxComplexity', () => {
    expect(wildcardComplexity(['*:*:*:*:*:event-bus/*'], 10)).toBe(10);
    expect(wildcardComplexity(['*:*:*:*:*'], 10)).toBe(9);
  });

  test('should stay bounded on hostile 4096-character globs', () => {
    expect(wildcardComplexity([`*${'a'.repeat(4000)}`])).toBe(100);
    expect(wildcardComplexity(['*a'.repeat(2048)])).toBe(100);
    expect(wildcardComplexity([`${'a'.repeat(4090)}*`])).toBe(2);
    expect(wildcardComplexity(['x'.repeat(4096)])).toBe(1);
  });
});

describe('wildcardComplexity with quotes inside globs', () => {
  test('should build one machine when one glob ends where another goes on', () => {
    // `"a"` ends with the closing quote that `"a"b*"` continues through.
    expect(wildcardComplexity(['a', 'a"b*'])).toBeGreaterThanOrEqual(wildcardComplexity(['a"b*']));
    expect(wildcardComplexity(['a"b*', 'a'])).toBeGreaterThanOrEqual(2);
  });
});
