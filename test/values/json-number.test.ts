/**
 * Tests of JsonNumber: which spellings are comparable (docs/semantics.md §2.4), -0, huge texts, numbers
 * from JavaScript values, and equality and order against exact oracles.
 */

import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { numberFromText, numberFromValue, numbersEqual } from '../../src/values/json-number.js';

/** Exact decimal of a number text as [digits, exponent] BigInt pair, an oracle independent of the module. */
function exactDecimal(text: string): [bigint, bigint] {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (m === null) throw new Error(`not a number: ${text}`);
  const frac = m[3] ?? '';
  const digits = BigInt(`${m[1]}${m[2]}${frac}`);
  return [digits, BigInt(m[4] ?? '0') - BigInt(frac.length)];
}

function sameDecimal(a: string, b: string): boolean {
  const [da, ea] = exactDecimal(a);
  const [db, eb] = exactDecimal(b);
  if (da === 0n || db === 0n) return da === db;
  return ea <= eb ? da === db * 10n ** (eb - ea) : db === da * 10n ** (ea - eb);
}

describe('numberFromText', () => {
  describe('should find comparable', () => {
    test.each([
      '300', '300.0', '3.0e2', '3E2', '0.1', '0.10', '1e-1', '0.30000000000000004', '-0', '0e10',
      '1.7976931348623157e308', '4.9e-324', '-12.5', '0', '123456789012345', '1e22', '2.5E-5',
      // Java (JDK 19+) prints twice the smallest subnormal as 9.9E-324, thrice as 1.5E-323.
      '9.9e-324', '1.5e-323', '-4.9E-324',
    ])('for %s', (text) => {
      const n = numberFromText(text);
      expect(n.text).toBe(text);
      expect(n.value).toBe(Number(text) === 0 ? 0 : Number(text));
      expect(Object.is(n.value, -0)).toBe(false);
    });
  });

  describe('should find not comparable', () => {
    test.each([
      '9007199254740993', '12345678901234567890', '300.0000000000000001', '1.0000000000000000001',
      '1e400', '-1e400', '1e-400', '5e-324', '-5e-324', '1e-323', '2.47e-323',
    ])('for %s', (text) => {
      expect(numberFromText(text)).toEqual({ text, value: undefined });
    });
  });

  test('should normalise -0 to 0 in every spelling', () => {
    for (const text of ['-0', '-0.0', '-0e5', '-0.000E-3']) expect(Object.is(numberFromText(text).value, 0)).toBe(true);
  });

  test('should handle a megabyte-long number without trouble', () => {
    const text = `1.${'0'.repeat(1_000_000)}1`;
    expect(numberFromText(text).value).toBeUndefined();
    expect(numberFromText(`1.${'0'.repeat(1_000_000)}`).value).toBe(1);
  });

  test('should agree with an exact-decimal oracle on random spellings of doubles', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: 20 }), (x, digits) => {
        const text = x.toExponential(digits).replace('e+', 'e');
        const n = numberFromText(text);
        const y = Number(text);
        if (!Number.isFinite(y)) {
          expect(n.value).toBeUndefined();
          return;
        }
        const subnormal = y !== 0 && Math.abs(y) < 2.2250738585072014e-308;
        if (!subnormal) expect(n.value !== undefined).toBe(sameDecimal(text, String(y)));
        if (n.value !== undefined) expect(n.value).toBe(y === 0 ? 0 : y);
      }),
      { seed: 20_240_601, numRuns: 2000 },
    );
  });
});

describe('numberFromValue', () => {
  test('should keep the double and its shortest text', () => {
    expect(numberFromValue(300)).toEqual({ text: '300', value: 300 });
    expect(numberFromValue(-0)).toEqual({ text: '0', value: 0 });
    expect(numberFromValue(0.1 + 0.2)).toEqual({ text: '0.30000000000000004', value: 0.30000000000000004 });
  });

  test('should read an already-parsed number as its shortest text, so Java’s two-digit subnormals stay not comparable', () => {
    expect(numberFromValue(5e-324)).toEqual({ text: '5e-324', value: undefined });
    expect(numberFromValue(4.9e-324)).toEqual({ text: '5e-324', value: undefined });
  });

  test.each([NaN, Infinity, -Infinity])('should make %s not comparable', (x) => {
    expect(numberFromValue(x).value).toBeUndefined();
  });

  test('should equal numberFromText(String(x)) for every finite double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(numberFromValue(x)).toEqual(numberFromText(String(x)));
      }),
      { seed: 7, numRuns: 3000 },
    );
  });

  test('should preserve order', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ noNaN: true, noDefaultInfinity: true }), (a, b) => {
        const va = numberFromText(String(a)).value;
        const vb = numberFromText(String(b)).value;
        if (va === undefined || vb === undefined) return;
        expect(Math.sign(va - vb)).toBe(Math.sign(a - b));
      }),
      { seed: 11, numRuns: 2000 },
    );
  });
});

describe('numbersEqual', () => {
  test.each([
    ['300', '300.0', true],
    ['300', '3.0e2', true],
    ['300', '3E2', true],
    ['0.1', '1e-1', true],
    ['-0', '0', true],
    ['12345678901234567890', '12345678901234567890', true],
    ['12345678901234567890', '12345678901234567891', false],
    ['9007199254740993', '9007199254740992', false],
    ['300', '300.0000000000000001', false],
    ['1e400', '1e400', true],
    ['1e400', '1E400', false],
    ['5e-324', '4.9e-324', false],
    ['5e-324', '5e-324', true],
    ['300', '301', false],
  ])('should compare %s and %s as %s', (a, b, expected) => {
    expect(numbersEqual(numberFromText(a), numberFromText(b))).toBe(expected);
    expect(numbersEqual(numberFromText(b), numberFromText(a))).toBe(expected);
  });
});
