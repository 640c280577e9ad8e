/**
 * Tests of the shared JSON lexical rules: character classes, the number scanner against the RFC 8259
 * number grammar written as a regular expression, and string validation against JSON.parse.
 */

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isDigit, isHexDigit, isJsonWhitespace, scanJsonNumber, scanJsonString } from '../../src/event/json-lexical.js';

/** RFC 8259's number rule, anchored at the start. */
const NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/;

describe('character classes', () => {
  test('should classify every code unit below 0x100 as RFC 8259 does', () => {
    for (let c = 0; c < 0x100; c++) {
      const ch = String.fromCharCode(c);
      expect(isJsonWhitespace(c), `whitespace ${c}`).toBe(' \t\n\r'.includes(ch));
      expect(isDigit(c), `digit ${c}`).toBe(/^[0-9]$/.test(ch));
      expect(isHexDigit(c), `hex ${c}`).toBe(/^[0-9a-fA-F]$/.test(ch));
    }
  });

  test('should say no past the end of the text (NaN)', () => {
    expect([isJsonWhitespace(NaN), isDigit(NaN), isHexDigit(NaN)]).toEqual([false, false, false]);
  });
});

describe('scanJsonNumber', () => {
  test.each([
    ['0', 1],
    ['-0', 2],
    ['01', 1],
    ['12.50e+3,', 8],
    ['1E5}', 3],
    ['-', ~1],
    ['-x', ~1],
    ['1.', ~2],
    ['1.e3', ~2],
    ['1e', ~2],
    ['1e+', ~3],
    ['.5', ~0],
  ])('should scan %j to %i', (text, expected) => {
    expect(scanJsonNumber(text, 0)).toBe(expected);
  });

  test('should start at the given index', () => {
    expect(scanJsonNumber('[1, -2.5]', 4)).toBe(8);
  });

  test('should agree with the grammar on short spellings', () => {
    const seen = { valid: 0, invalid: 0 };
    fc.assert(
      fc.property(fc.array(fc.constantFrom('-', '+', '0', '1', '9', '.', 'e', 'E', 'x'), { minLength: 1, maxLength: 7 }), (chars) => {
        const text = chars.join('');
        fc.pre(text[0] === '-' || isDigit(text.charCodeAt(0)));
        const end = scanJsonNumber(text, 0);
        const match = NUMBER.exec(text);
        // Where the grammar's longest match is followed by a character that could continue a number
        // (`1.`, `1e`), the scanner reports that character as the failure instead.
        if (end >= 0) expect(match?.[0]).toBe(text.slice(0, end));
        else expect(match === null || /^[.eE]/.test(text.slice(match[0].length))).toBe(true);
        seen[end >= 0 ? 'valid' : 'invalid']++;
      }),
      { seed: 20261127, numRuns: 2000 },
    );
    // Both outcomes must have been exercised for the property to mean anything.
    expect(seen.valid).toBeGreaterThan(100);
    expect(seen.invalid).toBeGreaterThan(100);
  });
});

describe('scanJsonString', () => {
  test.each([
    ['""', 2],
    ['"a b" x', 5],
    [String.raw`"\" \\ \/ \b \f \n \r \t \u00e9"`, 32],
    [String.raw`"\x"`, -1],
    [String.raw`"\u12G4"`, -1],
    ['"tab\there"', -1],
    ['"unterminated', -1],
    [String.raw`"ends in a backslash\"`, -1],
  ])('should scan %j to %i', (text, expected) => {
    expect(scanJsonString(text, 0)).toBe(expected);
  });

  test('should accept exactly the string tokens JSON.parse accepts', () => {
    const unit = fc.constantFrom('a', ' ', '"', '\\', 'u', '0', 'F', 'g', 'n', '/', '\t', '\u00e9', '\ud83d');
    const seen = { valid: 0, invalid: 0 };
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 8 }), (units) => {
        const text = `"${units.join('')}"`;
        const end = scanJsonString(text, 0);
        let parsed = true;
        try {
          JSON.parse(text);
        } catch {
          parsed = false;
        }
        // A valid token may end before the end of the text (an unescaped quote inside).
        expect(end === text.length).toBe(parsed);
        seen[parsed ? 'valid' : 'invalid']++;
      }),
      { seed: 20261127, numRuns: 2000 },
    );
    expect(seen.valid).toBeGreaterThan(100);
    expect(seen.invalid).toBeGreaterThan(100);
  });
});
