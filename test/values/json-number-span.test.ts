/**
 * Tests of numberFromSpan, the scanner's in-place number reader: on every spelling it must give
 * exactly what numberFromText gives for the sliced token (value, comparability, text), whichever of
 * its fast paths it takes (short mantissas, more than 17 significant digits, 16-17 digits checked
 * against the shortest decimal, everything else). docs/semantics.md §2.4 (docs/semantics.md).
 */

import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import * as jsonNumber from '../../src/values/json-number.js';
import { numberFromSpan, numberFromText, readNumber } from '../../src/values/json-number.js';
import { codeUnitsOf } from '../../src/event/code-units.js';

/** Reads `token` embedded between other text, as the scanner sees it, and compares with numberFromText. */
function expectSameAsText(token: string): void {
  const text = `{"a":[${token},1]}`;
  const n = numberFromSpan(text, 6, 6 + token.length);
  const oracle = numberFromText(token);
  expect({ token, value: n.value }).toEqual({ token, value: oracle.value });
  expect(Object.is(n.value, -0)).toBe(false);
  expect(n.text).toBe(token);
  // The one-pass reader gives the same number and end, or declines (exponents, long integer parts).
  const r = readNumber(text, codeUnitsOf(text), 6);
  if (r === undefined) {
    expect({ token, declined: /[eE]/.test(token) || /^-?[0-9]{16,}/.test(token) }).toEqual({ token, declined: true });
  } else {
    expect({ token, value: r.value, end: jsonNumber.readNumberEnd }).toEqual({ token, value: oracle.value, end: 6 + token.length });
    expect(Object.is(r.value, -0)).toBe(false);
    expect(r.text).toBe(token);
  }
}

describe('numberFromSpan', () => {
  test.each([
    // Short mantissas: integers, prices, leading and trailing zeros, zero of both signs.
    '0', '-0', '0.0', '-0.000', '7', '-12', '300', '300.0', '0.1', '0.10', '12.5', '-0.000001', '123456789012345',
    '999999999999999', '0.0000000000000000000001', '1.000000000000000', '4.35',
    // 16 and 17 significant digits: comparable and not.
    '-122.42916360922355', '37.729900216217324', '0.30000000000000004', '0.30000000000000005', '9007199254740993',
    '9007199254740992', '1234567890123456', '12345678901234567', '0.1000000000000001', '-122.4063085128395',
    '122.42916360922356', '1.7976931348623157', '2.2250738585072014',
    // More than 17 significant digits: never comparable.
    '-122.422003528252475', '37.808480096967251', '300.0000000000000001', '1.0000000000000000001', '12345678901234567890',
    // Trailing zeros beyond 15 digits, long fractions, exponents, huge and tiny values.
    '1.50000000000000000000', '100000000000000000000000', '0.00000000000000000000000123', '3e2', '3E-2', '-2.5e+3',
    '1e400', '1e-400', '5e-324', '4.9e-324', '1.7976931348623157e308', '2.2250738585072011e-308',
    `1${'0'.repeat(400)}`, `${'9'.repeat(30)}.5`, '0.000000123456789012345678',
  ])('reads %s as numberFromText does', (token) => expectSameAsText(token));

  test('agrees with numberFromText on the shortest decimal of any double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expectSameAsText(JSON.stringify(x));
      }),
      { numRuns: 3000 },
    );
  });

  test('agrees with numberFromText on near-miss spellings of doubles (one digit changed, digits added)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 9 }), (x, how, d) => {
        const s = JSON.stringify(x);
        const token = how === 0 ? `${s.slice(0, -1)}${d}` : how === 1 ? (s.includes('.') ? `${s}${d}` : `${s}.${d}`) : (s.includes('.') ? `${s}000` : s);
        if (!/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(token)) return;
        expectSameAsText(token);
      }),
      { numRuns: 3000 },
    );
  });

  test('agrees with numberFromText next to powers of two (where the gap below a double is half the gap above)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -70, max: 70 }), fc.integer({ min: -3, max: 3 }), fc.integer({ min: 0, max: 9 }), (k, steps, d) => {
        const x = 2 ** k * (1 + steps * Number.EPSILON);
        for (const v of [x, -x]) {
          const s = JSON.stringify(v);
          expectSameAsText(s);
          if (!/e/.test(s)) expectSameAsText(`${s.slice(0, -1)}${d}`);
        }
      }),
      { numRuns: 2000 },
    );
  });

  test('agrees with numberFromText on random digit strings', () => {
    const token = fc
      .tuple(fc.boolean(), fc.stringMatching(/^(0|[1-9][0-9]{0,24})$/), fc.option(fc.stringMatching(/^[0-9]{1,26}$/), { nil: undefined }))
      .map(([neg, int, frac]) => `${neg ? '-' : ''}${int}${frac === undefined ? '' : `.${frac}`}`);
    fc.assert(fc.property(token, (t) => expectSameAsText(t)), { numRuns: 5000 });
  });

  test('agrees with numberFromText on sixteen-digit decimals of every magnitude', () => {
    // readNumber settles most 16-digit texts with one division and an ulp test; near 2^53 / 10^k
    // the decimal grid is finer than the doubles and the general check must still decide.
    fc.assert(fc.property(placedDecimals(16), (t) => expectSameAsText(t)), { seed: 16, numRuns: 20000 });
    // Doubles printed with 16 digits (often not their shortest decimal), and texts next to 2^53.
    expectSameOnPrinted(printedDoubles(16, false), 17);
    for (const t of ['9007199254740991', '9007199254740993', '900719925474099.1', '900719925474099.3', '90071992547409.93', '8.999999999999999', '9.007199254740993', '0.9007199254740993']) {
      expectSameAsText(t);
    }
  });

  test('agrees with numberFromText on seventeen-digit decimals of every magnitude', () => {
    // Seventeen digits (most coordinates) take the double-double estimate and its shortest-decimal
    // verdict: random ones, doubles printed with 17 digits (their shortest decimal or not), and
    // those printed texts moved by one in the last digit, which puts some within a hair of the
    // point halfway between two doubles, where the estimate must not decide.
    fc.assert(fc.property(placedDecimals(17), (t) => expectSameAsText(t)), { seed: 18, numRuns: 20000 });
    expectSameOnPrinted(printedDoubles(17, true), 19);
  });
});

/** Decimals of `digits` significant digits (the first and last not 0), signed, the point anywhere from 0.000000d… to d….d. */
function placedDecimals(digits: number): fc.Arbitrary<string> {
  const mantissa = fc.stringMatching(new RegExp(`^[1-9][0-9]{${digits - 2}}[1-9]$`));
  return fc.tuple(fc.boolean(), mantissa, fc.integer({ min: -6, max: digits - 1 })).map(([neg, d, point]) => {
    const body = point <= 0 ? `0.${'0'.repeat(-point)}${d}` : `${d.slice(0, point)}.${d.slice(point)}`;
    return `${neg ? '-' : ''}${body}`;
  });
}

/**
 * Doubles from 1e-6 to 1e15 printed with `precision` significant digits (`toPrecision` then writes
 * no exponent), with `nudged` their last digit moved by -1, 0 or +1 where it stays 1-9.
 */
function printedDoubles(precision: number, nudged: boolean): fc.Arbitrary<string> {
  const magnitude = fc.tuple(fc.boolean(), fc.double({ min: 1, max: 10, noNaN: true, maxExcluded: true }), fc.integer({ min: -6, max: 14 }));
  const print = ([neg, mantissa, exponent]: [boolean, number, number]): string => ((neg ? -1 : 1) * mantissa * 10 ** exponent).toPrecision(precision);
  if (!nudged) return magnitude.map(print);
  return fc.tuple(magnitude, fc.integer({ min: -1, max: 1 })).map(([m, nudge]) => {
    const t = print(m);
    const last = t.charCodeAt(t.length - 1) - 0x30 + nudge;
    return last >= 1 && last <= 9 ? `${t.slice(0, -1)}${last}` : t;
  });
}

/** {@link expectSameAsText} on 20,000 printed texts of a seed, of which nearly all must be exponent-free. */
function expectSameOnPrinted(printed: fc.Arbitrary<string>, seed: number): void {
  let checked = 0;
  fc.assert(
    fc.property(printed, (t) => {
      if (/e/.test(t)) return;
      checked++;
      expectSameAsText(t);
    }),
    { seed, numRuns: 20000 },
  );
  expect(checked).toBeGreaterThan(19000);
}

describe('readNumber', () => {
  test.each(['01', '-', '-a', '1.', '1.e5', '-.5', '.5', '00.1', '-01.5', '1e5', '1.5E-3', '2.5e+3', '12345678901234567'])(
    'declines %s (malformed, an exponent or a long integer part): the scanner then validates it',
    (token) => {
      expect(readNumber(`${token},`, codeUnitsOf(`${token},`), 0)).toBeUndefined();
    },
  );

  test.each([
    ['1-2', 1, 1],
    ['1.5.3', 1.5, 3],
    ['-0]', 0, 2],
    ['12.25}', 12.25, 5],
    ['37.729900216217324 ', 37.729900216217324, 18],
    // At the end of the text the scanner's copy goes on with zeros, which end the token.
    ['37.7299002162173', 37.7299002162173, 16],
    ['-12', -12, 3],
  ])('stops at the end of the valid token in %s (what follows is the scanner\'s to judge)', (text, value, end) => {
    expect(readNumber(text, codeUnitsOf(text), 0)?.value).toBe(value);
    expect(jsonNumber.readNumberEnd).toBe(end);
  });
});
