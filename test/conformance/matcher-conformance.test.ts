/**
 * Conformance of the compiled Matcher: every valid pattern of a fixture file is loaded into ONE
 * Matcher, and each case's event must match exactly the rules whose own pattern matches it by the
 * reference evaluator, with the case's own rule matching iff the recorded verdict says so.
 */

import { describe, expect, test } from 'vitest';
import { Matcher } from '../../src/match/matcher.js';
import { matchesPattern } from '../../src/match/reference.js';
import { parsePattern } from '../../src/pattern/parse.js';
import type { ParsedPattern } from '../../src/pattern/ast.js';
import { InvalidEventError } from '../../src/event/errors.js';
import { loadAwsPatterns, loadMatchVectors } from './fixtures.js';
import { SKIPPED_MATCH_VECTORS } from './vector-skips.js';

/** Names of the rules of `rules` that the reference evaluator says match `event`, sorted. */
function referenceMatches(rules: ReadonlyMap<string, ParsedPattern>, event: string): string[] {
  const names: string[] = [];
  for (const [name, parsed] of rules) if (matchesPattern(parsed, event)) names.push(name);
  return names.sort();
}

function tryParse(text: string): ParsedPattern | undefined {
  try {
    return parsePattern(text);
  } catch {
    return undefined;
  }
}

describe('Matcher on aws-patterns.json, all rules at once', () => {
  const cases = loadAwsPatterns().filter((c) => c.expect !== 'error');
  const rules = new Map<string, ParsedPattern>();
  const matcher = new Matcher();
  for (const c of cases) {
    rules.set(c.name, parsePattern(c.patternText));
    matcher.addRule(c.name, c.patternText);
  }

  test('should hold every valid case', () => {
    expect(matcher.size).toBe(cases.length);
    expect(cases.length).toBeGreaterThan(100);
  });

  test.each(cases.map((c) => [c.name, c] as const))('should match as the reference for %s', (_name, c) => {
    const got = matcher.match(c.eventText).sort();
    expect(got).toEqual(referenceMatches(rules, c.eventText));
    expect(got.includes(c.name)).toBe(c.expect === 'match');
  });
});

describe('Matcher on event-ruler-vectors.jsonl, all rules at once', () => {
  const vectors = loadMatchVectors().filter((v) => !SKIPPED_MATCH_VECTORS.has(v.line));
  const rules = new Map<string, ParsedPattern>();
  const matcher = new Matcher();
  for (const v of vectors) {
    const parsed = tryParse(v.pattern);
    if (parsed === undefined) continue;
    const name = `line ${v.line}`;
    rules.set(name, parsed);
    matcher.addRule(name, parsed);
  }

  test('should load the vector patterns', () => {
    expect(rules.size).toBeGreaterThan(200);
  });

  test.each(vectors.map((v) => [v.line, v] as const))('should agree with the reference and event-ruler for line %i', (line, v) => {
    let expected: string[] | 'error';
    try {
      expected = referenceMatches(rules, v.event);
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidEventError);
      expected = 'error';
    }
    if (expected === 'error') {
      expect(() => matcher.match(v.event)).toThrow(InvalidEventError);
      return;
    }
    const got = matcher.match(v.event).sort();
    expect(got).toEqual(expected);
    if (rules.has(`line ${line}`) && v.match !== undefined) expect(got.includes(`line ${line}`)).toBe(v.match);
  });
});
