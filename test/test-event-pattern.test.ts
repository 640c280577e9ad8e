/**
 * The public one-pattern door: `testEventPattern` answers like a one-rule `Matcher` (one semantics,
 * two doors, issue 3) and, whatever JSON it is handed, fails only with the library's own errors.
 */

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InvalidEventError } from '../src/event/errors.js';
import { InvalidEventPatternError } from '../src/errors.js';
import { Matcher } from '../src/match/matcher.js';
import { testEventPattern } from '../src/test-event-pattern.js';
import { eventObject, eventText, patternObject, patternText } from './properties/arbitraries.js';

describe('testEventPattern', () => {
  test('should match and not match simple events', () => {
    const pattern = '{"detail":{"state":[{"prefix":"run"}]}}';
    expect(testEventPattern(pattern, '{"detail":{"state":"running"}}')).toBe(true);
    expect(testEventPattern(pattern, { detail: { state: 'stopped' } })).toBe(false);
  });

  test('should throw AWS-shaped errors for a bad pattern and for an event that is not an object', () => {
    expect(() => testEventPattern('{"a":"x"}', '{}')).toThrow(InvalidEventPatternError);
    expect(() => testEventPattern('{"a":"x"}', '{}')).toThrow(
      'Event pattern is not valid. Reason: "a" must be an object or an array\n at [Source: (String)"{"a":"x"}"; line: 1, column: 7]',
    );
    expect(() => testEventPattern('{"a":["x"]}', '[1]')).toThrow(InvalidEventError);
    expect(() => testEventPattern('{"a":["x"]}', '{"a":')).toThrow('Parameter Event is not valid.');
  });

  test('should give the same answer as a one-rule Matcher, for text and object events', () => {
    fc.assert(
      fc.property(patternObject, eventText, eventObject, (p, text, object) => {
        const pattern = patternText(p);
        const matcher = new Matcher();
        try {
          matcher.addRule('r', pattern);
        } catch (error) {
          // Same validation behind both doors.
          expect(error).toBeInstanceOf(InvalidEventPatternError);
          expect(() => testEventPattern(pattern, text)).toThrow(InvalidEventPatternError);
          return;
        }
        expect(matcher.match(text).includes('r')).toBe(testEventPattern(pattern, text));
        expect(matcher.match(object).includes('r')).toBe(testEventPattern(pattern, object));
      }),
      { seed: 20261127, numRuns: 400 },
    );
  });

  test('should throw nothing but the library errors on any JSON pattern and event', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.jsonValue({ maxDepth: 4 }), fc.boolean(), (pattern, event, asText) => {
        const p = asText ? JSON.stringify(pattern) : (pattern as object);
        const e = asText ? JSON.stringify(event) : (event as object);
        try {
          const result = testEventPattern(p, e);
          expect(typeof result).toBe('boolean');
        } catch (error) {
          expect(error instanceof InvalidEventPatternError || error instanceof InvalidEventError).toBe(true);
        }
      }),
      { seed: 7, numRuns: 500 },
    );
  });
});
