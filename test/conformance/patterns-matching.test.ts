/**
 * Conformance of the reference evaluator: AWS TestEventPattern cases, AWS PutRule+PutEvents deliveries,
 * and event-ruler 2.0.1 match vectors (minus the named event-ruler bugs of vector-skips.ts).
 */

import { describe, expect, test } from 'vitest';
import { parsePattern } from '../../src/pattern/parse.js';
import { matchesPattern } from '../../src/match/reference.js';
import { InvalidEventError } from '../../src/event/errors.js';
import { loadAwsPatterns, loadMatchVectors, loadPutEventsCases, putEventsEventText } from './fixtures.js';
import { SKIPPED_MATCH_VECTORS } from './vector-skips.js';

describe('reference evaluator against AWS TestEventPattern (aws-patterns.json)', () => {
  const cases = loadAwsPatterns().filter((c) => c.expect !== 'error');
  test('should cover every match and no-match case', () => {
    expect(cases).toHaveLength(118);
  });
  test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(matchesPattern(parsePattern(c.patternText), c.eventText)).toBe(c.expect === 'match');
  });
});

describe('reference evaluator against AWS PutRule+PutEvents deliveries (aws-extra.json)', () => {
  const cases = loadPutEventsCases();
  test('should cover all 37 cases', () => {
    expect(cases).toHaveLength(37);
  });
  test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(matchesPattern(parsePattern(c.pattern), putEventsEventText(c))).toBe(c.expect === 'match');
  });
});

describe('reference evaluator against event-ruler 2.0.1 (event-ruler-vectors.jsonl)', () => {
  const vectors = loadMatchVectors();
  test('should skip only vectors that exist, by their pattern', () => {
    for (const [line, skip] of SKIPPED_MATCH_VECTORS) {
      expect(vectors.find((v) => v.line === line)?.pattern, `line ${line}`).toBe(skip.pattern);
    }
  });
  for (const v of vectors) {
    const skip = SKIPPED_MATCH_VECTORS.get(v.line);
    const name = `line ${v.line}: ${v.pattern} vs ${v.event}`;
    if (skip !== undefined) {
      test.skip(`${name} (skipped: ${skip.reason})`, () => {});
      continue;
    }
    test(name, () => {
      const pattern = parsePattern(v.pattern);
      if (v.eventError !== undefined) {
        expect(() => matchesPattern(pattern, v.event)).toThrow(InvalidEventError);
        expect(() => matchesPattern(pattern, v.event)).toThrow(expect.objectContaining({ reason: v.eventError }));
      } else {
        expect(matchesPattern(pattern, v.event)).toBe(v.match);
      }
    });
  }
});
