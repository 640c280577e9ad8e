/**
 * Properties of the compiled Matcher against the reference evaluator: on random rule sets over every
 * operator and random events over the same vocabulary, `match` returns exactly the rules the
 * reference accepts one by one; results do not depend on add/delete order; JSON text and parsed
 * objects agree.
 */

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Matcher } from '../../src/match/matcher.js';
import { matchesPattern } from '../../src/match/reference.js';
import { flattenEvent } from '../../src/event/flatten.js';
import type { ParsedPattern } from '../../src/pattern/ast.js';
import { eventObject, eventText, loadRules, matcherOf, ruleSet } from './arbitraries.js';

function referenceMatches(rules: ReadonlyMap<string, ParsedPattern>, event: string | object): string[] {
  const out: string[] = [];
  const flat = flattenEvent(event);
  for (const [name, parsed] of rules) if (matchesPattern(parsed, flat)) out.push(name);
  return out.sort();
}

describe('Matcher.match', () => {
  test('should equal the reference rule by rule on small rule sets (JSON text events)', () => {
    const seen = { matched: 0, unmatched: 0 };
    fc.assert(
      fc.property(ruleSet(12), fc.array(eventText, { minLength: 1, maxLength: 6 }), (patterns, events) => {
        const { matcher: m, rules } = loadRules(patterns);
        for (const e of events) {
          const got = m.match(e).sort();
          expect(got).toEqual(referenceMatches(rules, e));
          seen[got.length > 0 ? 'matched' : 'unmatched']++;
        }
      }),
      { seed: 20261127, numRuns: 400 },
    );
    // The vocabulary is shared so that rules do match; if the arbitraries drift, this says so.
    expect(seen.matched).toBeGreaterThan(100);
    expect(seen.unmatched).toBeGreaterThan(100);
  });

  test('should equal the reference on large rule sets (object events)', () => {
    const seen = { patterns: 0, rejected: 0, matched: 0 };
    fc.assert(
      fc.property(ruleSet(500, 100), fc.array(eventObject, { minLength: 1, maxLength: 8 }), (patterns, events) => {
        const { matcher: m, rules, rejected } = loadRules(patterns);
        seen.patterns += patterns.length;
        seen.rejected += rejected;
        for (const e of events) {
          const got = m.match(e).sort();
          expect(got).toEqual(referenceMatches(rules, e));
          if (got.length > 0) seen.matched++;
        }
      }),
      { seed: 7, numRuns: 8 },
    );
    // Left-out patterns stay rare, and events do meet rules (the run gives about 24 matched events).
    expect(seen.rejected).toBeLessThan(seen.patterns / 10);
    expect(seen.matched).toBeGreaterThan(8);
  });

  test('should give the same result for an object and its JSON text', () => {
    let matched = 0;
    fc.assert(
      fc.property(ruleSet(20), eventObject, (patterns, e) => {
        const m = loadRules(patterns).matcher;
        const got = m.match(e).sort();
        expect(m.match(JSON.stringify(e)).sort()).toEqual(got);
        if (got.length > 0) matched++;
      }),
      { seed: 42, numRuns: 200 },
    );
    // Rules do match (the run gives about 55 matched events), so the comparison is not of empties.
    expect(matched).toBeGreaterThan(20);
  });
});

describe('Matcher.addRule and deleteRule', () => {
  test('should not depend on add and delete order', () => {
    let matched = 0;
    fc.assert(
      fc.property(
        ruleSet(25),
        fc.array(eventText, { minLength: 1, maxLength: 4 }),
        fc.infiniteStream(fc.nat()),
        (patterns, events, randoms) => {
          const { rules } = loadRules(patterns);
          const names = [...rules.keys()];
          // Matcher A: add all in a shuffled order, delete a random half, re-add some of those.
          const it = randoms[Symbol.iterator]();
          const order = names.map((n) => [it.next().value as number, n] as const).sort((x, y) => x[0] - y[0]).map(([, n]) => n);
          const a = new Matcher();
          for (const n of order) a.addRule(n, rules.get(n) as ParsedPattern);
          const deleted = names.filter(() => (it.next().value as number) % 2 === 0);
          for (const n of deleted) expect(a.deleteRule(n)).toBe(true);
          const readded = deleted.filter(() => (it.next().value as number) % 3 === 0);
          for (const n of readded.reverse()) a.addRule(n, rules.get(n) as ParsedPattern);
          // Replacing a rule by itself changes nothing.
          if (names[0] !== undefined && a.deleteRule(names[0])) a.addRule(names[0], rules.get(names[0]) as ParsedPattern);
          const kept = new Map([...rules].filter(([n]) => !deleted.includes(n) || readded.includes(n)));
          expect(a.size).toBe(kept.size);
          const b = matcherOf(kept);
          for (const e of events) {
            const got = a.match(e).sort();
            expect(got).toEqual(b.match(e).sort());
            expect(got).toEqual(referenceMatches(kept, e));
            if (got.length > 0) matched++;
          }
        },
      ),
      { seed: 99, numRuns: 150 },
    );
    // Rules do match after the shuffling (the run gives about 100 matched events).
    expect(matched).toBeGreaterThan(40);
  });
});
