/**
 * Properties of the reference evaluator (fast-check, fixed seed): key order does not matter, text and
 * objects agree, an event matches a pattern built from its own values, explanations agree.
 */

import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { parsePattern } from '../../src/pattern/parse.js';
import { matchesPattern } from '../../src/match/reference.js';
import { flattenEvent, isConsistent } from '../../src/event/flatten.js';
import type { Occurrence } from '../../src/event/flatten.js';
import { explainEventPattern } from '../../src/explain/explain.js';
import type { ParsedPattern } from '../../src/pattern/ast.js';

// Small vocabularies so that generated patterns and events actually meet.
const EVENT_KEYS = ['a', 'b', 'c', 'a.b', '__proto__'] as const;
const PATTERN_KEYS = ['a', 'b', 'c', '__proto__'] as const;
const LEAVES: readonly unknown[] = ['x', 'x', 'y', 'X', '', '10.0.0.1', 0, 1, 1, 1.5, -2, 300, true, false, null];
const MATCHERS = [
  '"x"', '"y"', '""', '"10.0.0.01"', '1', '300', '300.0', '-2', '1.5', 'null', 'true', 'false',
  '{"prefix":"x"}', '{"suffix":"y"}', '{"prefix":{"equals-ignore-case":"x"}}', '{"equals-ignore-case":"x"}',
  '{"wildcard":"*x*"}', '{"anything-but":"x"}', '{"anything-but":[1,300]}', '{"anything-but":{"prefix":"x"}}',
  '{"exists":true}', '{"exists":false}', '{"numeric":[">",0]}', '{"numeric":[">=",-2,"<",300]}',
  '{"cidr":"10.0.0.0/24"}', '{"exactly":"y"}',
] as const;

type JsonLike = unknown;

const eventArb: fc.Arbitrary<Record<string, JsonLike>> = fc.letrec<{
  value: JsonLike;
  array: JsonLike[];
  object: Record<string, JsonLike>;
}>((tie) => ({
  value: fc.oneof(
    { maxDepth: 4, depthIdentifier: 'event' },
    { arbitrary: fc.constantFrom(...LEAVES), weight: 2 },
    { arbitrary: tie('array'), weight: 1 },
    { arbitrary: tie('object'), weight: 1 },
  ),
  array: fc.array(tie('value'), { maxLength: 3, depthIdentifier: 'event' }),
  object: fc
    .array(fc.tuple(fc.constantFrom(...EVENT_KEYS), tie('value')), { minLength: 1, maxLength: 5, depthIdentifier: 'event' })
    .map((entries) => Object.fromEntries(entries)),
})).object;

/** A pattern as an ordered tree, so that it can be written out in different key orders. */
interface PatternNode {
  readonly entries: readonly (readonly [string, PatternNode | string])[];
}

const leafArrayArb = fc.uniqueArray(fc.constantFrom(...MATCHERS), { minLength: 1, maxLength: 4 }).map((ms) => `[${ms.join(',')}]`);

function patternNodeArb(depth: number): fc.Arbitrary<PatternNode> {
  const value: fc.Arbitrary<PatternNode | string> = depth > 0 ? fc.oneof(leafArrayArb, leafArrayArb, patternNodeArb(depth - 1)) : leafArrayArb;
  return fc
    .uniqueArray(fc.tuple(fc.constantFrom(...PATTERN_KEYS), value), { minLength: 1, maxLength: 2, selector: (e) => e[0] })
    .map((entries) => ({ entries }));
}

/** Top-level patterns, sometimes with an `$or` whose branches use keys of their own (no last-wins clash). */
const patternArb: fc.Arbitrary<PatternNode> = fc.oneof(
  patternNodeArb(2),
  fc
    .tuple(patternNodeArb(1), fc.array(patternNodeArb(1), { minLength: 2, maxLength: 3 }))
    .map(([base, branches]) => ({
      entries: [
        ...base.entries.filter(([k]) => k !== 'c'),
        ['$or', `[${branches.map((b) => writePattern({ entries: b.entries.map(([k, v]) => [`c${k}`, v] as const) })).join(',')}]`] as const,
      ],
    })),
);

/** Literal pattern text of an event leaf: strings quoted, numbers by their text. */
function literalOf(o: Occurrence): string {
  return typeof o.value === 'object' && o.value !== null ? o.value.text : JSON.stringify(o.value);
}

/**
 * An event with a pattern: half the time a free pattern, half the time one built on the event's own
 * paths (dotted keys, random matchers plus literals of the path's values), so that matches are common.
 */
const pairArb: fc.Arbitrary<[Record<string, JsonLike>, PatternNode]> = eventArb.chain((event) => {
  const byPath = flattenEvent(event).byPath;
  const paths = [...byPath.keys()];
  if (paths.length === 0) return fc.tuple(fc.constant(event), patternArb);
  const leafFor = (path: string): fc.Arbitrary<readonly [string, string]> => {
    const literals = (byPath.get(path) ?? []).map(literalOf);
    const element = literals.length > 0 ? fc.oneof(fc.constantFrom(...MATCHERS), fc.constantFrom(...literals)) : fc.constantFrom(...MATCHERS);
    return fc
      .uniqueArray(element, { minLength: 1, maxLength: 3 })
      .map((ms) => [path, `[${ms.join(',')}]`] as const);
  };
  const derived = fc
    .uniqueArray(fc.constantFrom(...paths, 'zz'), { minLength: 1, maxLength: 3 })
    .chain((ps) => fc.tuple(...ps.map(leafFor)))
    .map((entries): PatternNode => ({ entries }));
  return fc.tuple(fc.constant(event), fc.oneof(patternArb, derived));
});

function writePattern(node: PatternNode, order?: (n: number) => number[]): string {
  const entries = order === undefined ? node.entries : order(node.entries.length).map((i) => node.entries[i]!);
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${typeof v === 'string' ? v : writePattern(v, order)}`).join(',')}}`;
}

/** A deterministic permutation source from a seed (no Math.random). */
function permuter(seed: number): (n: number) => number[] {
  let state = seed >>> 0 || 1;
  return (n) => {
    const order = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      const j = state % (i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    return order;
  };
}

function shuffleEvent(value: JsonLike, order: (n: number) => number[]): JsonLike {
  if (Array.isArray(value)) return value.map((v: JsonLike) => shuffleEvent(v, order));
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    return Object.fromEntries(order(entries.length).map((i) => [entries[i]![0], shuffleEvent(entries[i]![1], order)]));
  }
  return value;
}

/** Parses a generated pattern; `undefined` if validation rejects it (rare, e.g. limits). */
function tryParse(text: string): ParsedPattern | undefined {
  try {
    return parsePattern(text);
  } catch {
    return undefined;
  }
}

const RUNS = { seed: 20261127, numRuns: 300 } as const;

describe('reference evaluator properties', () => {
  test('should not depend on key order in events', () => {
    fc.assert(
      fc.property(pairArb, fc.integer(), ([event, node], seed) => {
        const pattern = tryParse(writePattern(node));
        fc.pre(pattern !== undefined);
        const shuffled = shuffleEvent(event, permuter(seed)) as object;
        expect(matchesPattern(pattern!, shuffled)).toBe(matchesPattern(pattern!, event));
        expect(matchesPattern(pattern!, JSON.stringify(shuffled))).toBe(matchesPattern(pattern!, event));
      }),
      RUNS,
    );
  });

  test('should not depend on key order in patterns', () => {
    fc.assert(
      fc.property(pairArb, fc.integer(), ([event, node], seed) => {
        const pattern = tryParse(writePattern(node));
        fc.pre(pattern !== undefined);
        const reordered = parsePattern(writePattern(node, permuter(seed)));
        expect(matchesPattern(reordered, event)).toBe(matchesPattern(pattern!, event));
      }),
      RUNS,
    );
  });

  test('should agree on JSON text and the equivalent parsed object', () => {
    fc.assert(
      fc.property(pairArb, ([event, node]) => {
        const pattern = tryParse(writePattern(node));
        fc.pre(pattern !== undefined);
        expect(matchesPattern(pattern!, JSON.stringify(event))).toBe(matchesPattern(pattern!, event));
      }),
      RUNS,
    );
  });

  test('should match an event with a pattern made of its own values', () => {
    fc.assert(
      fc.property(eventArb, fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), (event, picks) => {
        const flat = flattenEvent(event);
        fc.pre(flat.occurrences.length > 0);
        // Pick consistent occurrences on distinct paths, so array consistency allows them together.
        const chosen = new Map<string, Occurrence>();
        const bound = new Map<number, number>();
        for (const pick of picks) {
          const o = flat.occurrences[pick % flat.occurrences.length]!;
          if (chosen.has(o.path) || !isConsistent(o.coords, bound)) continue;
          chosen.set(o.path, o);
          for (const c of o.coords) bound.set(c.array, c.index);
        }
        const text = `{${[...chosen.values()].map((o) => `${JSON.stringify(o.path)}:[${literalOf(o)}]`).join(',')}}`;
        expect(matchesPattern(parsePattern(text), event), text).toBe(true);
      }),
      RUNS,
    );
  });

  test('should give explanations the same verdict as matchesPattern', () => {
    const verdicts = { match: 0, noMatch: 0 };
    fc.assert(
      fc.property(pairArb, ([event, node]) => {
        const pattern = tryParse(writePattern(node));
        fc.pre(pattern !== undefined);
        const explanation = explainEventPattern(pattern!, event);
        const verdict = matchesPattern(pattern!, event);
        expect(explanation.matches).toBe(verdict);
        expect(explanation.reasons.length).toBeGreaterThan(0);
        expect(explanation.reasons.every((r) => (r.kind === 'matched') === verdict)).toBe(true);
        verdicts[verdict ? 'match' : 'noMatch']++;
      }),
      RUNS,
    );
    // Both verdicts must have been explained for the property to mean anything.
    expect(verdicts.match).toBeGreaterThan(30);
    expect(verdicts.noMatch).toBeGreaterThan(30);
  });
});
