/**
 * ValueIndex against the per-value oracle `matchesLeaf`: random leaf arrays over every operator are
 * filed (and some removed again) and random values must report exactly the accepting targets.
 */

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ValueIndex } from '../../src/compile/value-index.js';
import { matchesLeaf } from '../../src/match/leaf.js';
import { parsePattern } from '../../src/pattern/parse.js';
import type { LeafMatcher } from '../../src/pattern/ast.js';
import type { LeafValue } from '../../src/values/leaf-value.js';
import { numberFromText } from '../../src/values/json-number.js';
import { leafMatcher, patternText, STRINGS, NUMBER_TEXTS } from '../properties/arbitraries.js';

interface Target {
  hitStamp: number;
  readonly key: string;
}

/** The matchers of one leaf array, parsed from pattern text. */
function matchersOf(leaf: unknown[]): LeafMatcher[] | undefined {
  try {
    return [...(parsePattern(patternText({ a: leaf })).subRules[0]?.fields[0]?.matchers ?? [])];
  } catch {
    return undefined;
  }
}

const value: fc.Arbitrary<LeafValue> = fc.oneof(
  fc.constantFrom(...STRINGS, 'xY', 'straSSe', 'STRAßE', 'ÉTÉ', 'a*b', 'xaz', 'yy', '10.0.0.255', '::ffff:a00:1', 'k', '\u212a'),
  fc.constantFrom(...NUMBER_TEXTS).map(numberFromText),
  fc.constantFrom(true, false, null),
);

let epoch = 0;
function evaluate(index: ValueIndex<Target>, v: LeafValue): string[] {
  const out: (Target | undefined)[] = [];
  const n = index.evaluate(v, ++epoch, out);
  return out.slice(0, n).map((t) => (t as Target).key).sort();
}

describe('ValueIndex.evaluate', () => {
  test('should report exactly the targets with a matcher that matchesLeaf accepts', () => {
    fc.assert(
      fc.property(fc.array(fc.array(leafMatcher, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 12 }), fc.array(value, { minLength: 1, maxLength: 10 }), fc.array(fc.nat(), { maxLength: 6 }), (leaves, values, removals) => {
        const index = new ValueIndex<Target>();
        const targets: { t: Target; ms: LeafMatcher[] }[] = [];
        leaves.forEach((leaf, i) => {
          const ms = matchersOf(leaf)?.filter((m) => !(m.kind === 'exists' && !m.value));
          if (ms === undefined) return;
          const t: Target = { hitStamp: 0, key: `t${i}` };
          for (const m of ms) index.add(m, t);
          targets.push({ t, ms });
        });
        // Remove some targets again: removal must undo exactly what was filed.
        const removed = new Set<number>();
        for (const r of removals) {
          if (targets.length === 0) break;
          const k = r % targets.length;
          if (removed.has(k)) continue;
          removed.add(k);
          for (const m of (targets[k] as { ms: LeafMatcher[] }).ms) index.remove(m, (targets[k] as { t: Target }).t);
        }
        for (const v of values) {
          const expected = targets.filter((x, k) => !removed.has(k) && x.ms.some((m) => matchesLeaf(m, v))).map((x) => x.t.key).sort();
          expect(evaluate(index, v)).toEqual(expected);
        }
      }),
      { seed: 3, numRuns: 400 },
    );
  });

  test('should not let a non-ASCII value that lower-cases to an ASCII operand match it', () => {
    // "\u212a" (the Kelvin sign) lower-cases to "k", but an ASCII operand's alternatives are its ASCII
    // cases only; the same for the operand inside anything-but.
    const index = new ValueIndex<Target>();
    const plain: Target = { hitStamp: 0, key: 'plain' };
    const negated: Target = { hitStamp: 0, key: 'negated' };
    for (const m of matchersOf([{ 'equals-ignore-case': 'k' }]) ?? []) index.add(m, plain);
    for (const m of matchersOf([{ 'anything-but': { 'equals-ignore-case': 'k' } }]) ?? []) index.add(m, negated);
    expect(evaluate(index, 'K')).toEqual(['plain']);
    expect(evaluate(index, '\u212a')).toEqual(['negated']);
    expect(matchesLeaf({ kind: 'equals-ignore-case', source: '', value: 'k' }, '\u212a')).toBe(false);
  });

  test('should read dotted quads against CIDR blocks exactly as matchesLeaf does', () => {
    // The index reads plain dotted quads itself (no address object); leading zeros, parts above
    // 255, over-long text and IPv4-mapped IPv6 must come out as parseIpAddress decides.
    const blocks = ['10.0.0.0/8', '10.1.2.0/24', '0.0.0.0/0', '255.255.255.254/31', '8.0.0.0/5', '2001:db8::/32'];
    const part = fc.oneof(fc.integer({ min: 0, max: 300 }).map(String), fc.constantFrom('010', '0255', '00', '', '1a', '256', '0001'));
    const quad = fc.tuple(part, part, part, part).map((p) => p.join('.'));
    const text = fc.oneof(quad, fc.constantFrom('::ffff:a00:1', '10.0.0.1.', '.10.0.0.1', '10..0.1', '255.255.255.0255', '2001:db8::1', '1.2.3', 'x'));
    fc.assert(
      fc.property(fc.subarray(blocks, { minLength: 1 }), fc.array(text, { minLength: 1, maxLength: 8 }), (chosen, values) => {
        const index = new ValueIndex<Target>();
        const targets = chosen.map((b, i) => ({ t: { hitStamp: 0, key: `t${i}` }, m: matchersOf([{ cidr: b }])?.[0] as LeafMatcher }));
        for (const x of targets) index.add(x.m, x.t);
        for (const v of values) {
          const expected = targets.filter((x) => matchesLeaf(x.m, v)).map((x) => x.t.key).sort();
          expect(evaluate(index, v)).toEqual(expected);
        }
      }),
      { seed: 17, numRuns: 300 },
    );
  });

  test('should find exactly the live strings of a big exact map while many come and go', () => {
    // Big exact maps sit behind a presence filter; removals must never hide a live string.
    const index = new ValueIndex<Target>();
    const long = 'L'.repeat(100);
    const values = Array.from({ length: 300 }, (_, i) => (i % 7 === 0 ? `${long}${i}${long}` : `v${i}`));
    const targets = values.map((v, i) => ({ t: { hitStamp: 0, key: `t${i}` }, m: matchersOf([v])?.[0] as LeafMatcher }));
    for (const x of targets) index.add(x.m, x.t);
    for (let i = 0; i < 300; i += 2) index.remove((targets[i] as (typeof targets)[number]).m, (targets[i] as (typeof targets)[number]).t);
    for (let i = 0; i < 300; i++) expect(evaluate(index, values[i] as string)).toEqual(i % 2 === 1 ? [`t${i}`] : []);
    expect(evaluate(index, 'v1x')).toEqual([]);
  });

  test('should find exactly the live equals-ignore-case operands while many come and go', () => {
    // ASCII operands sit behind a filter of their shapes (length and end characters, case folded),
    // which grows as operands come and is refilled as they go: no live operand may be turned down,
    // in any letter case, and the ASCII-only rule still holds behind it.
    const index = new ValueIndex<Target>();
    const operands = Array.from({ length: 300 }, (_, i) => (i % 5 === 0 ? `Street ${i} West` : `x${i}Y`));
    const targets = operands.map((v, i) => ({ t: { hitStamp: 0, key: `t${i}` }, m: matchersOf([{ 'equals-ignore-case': v }])?.[0] as LeafMatcher }));
    for (const x of targets) index.add(x.m, x.t);
    for (let i = 0; i < 300; i += 2) index.remove((targets[i] as (typeof targets)[number]).m, (targets[i] as (typeof targets)[number]).t);
    for (let i = 0; i < 300; i++) {
      const v = operands[i] as string;
      const expected = i % 2 === 1 ? [`t${i}`] : [];
      expect(evaluate(index, v.toUpperCase())).toEqual(expected);
      expect(evaluate(index, v.toLowerCase())).toEqual(expected);
    }
    expect(evaluate(index, 'x1Yz')).toEqual([]);
    const ok = { hitStamp: 0, key: 'ok' };
    for (const m of matchersOf([{ 'equals-ignore-case': 'ok' }]) ?? []) index.add(m, ok);
    expect(evaluate(index, 'OK')).toEqual(['ok']);
    expect(evaluate(index, 'O\u212a')).toEqual([]);
  });

  test('should give the same answers after globs are deleted and filed again', () => {
    // Positive globs are kept as entries that are their own affix-table links when alone under
    // their literal end; globs sharing an end, escaped and many-star globs, and globs without a
    // literal end go other ways. Every state must answer as matchesLeaf does.
    const globs = ['u1/*', 'u1/*', 'u1/*/x.jpg', 'u12/*', '*.jpg', '*/x.jpg', '*x.jpg', 'u1/*a*.jpg', 'u\\*1/*', 'a\\\\*', '*u1*', '*', 'u1/*/*'];
    const targets = globs.map((w, i) => ({ t: { hitStamp: 0, key: `t${i}` }, m: matchersOf([{ wildcard: w }])?.[0] as LeafMatcher }));
    const values = ['u1/x.jpg', 'u1/a/x.jpg', 'u12/ab.jpg', 'u*1/q', 'a\\', 'a\\b', 'x.jpg', 'u1/', '', 'zu1z'];
    const index = new ValueIndex<Target>();
    const live = new Set<number>();
    const check = (): void => {
      for (const v of values) {
        const expected = [...live].filter((i) => matchesLeaf((targets[i] as (typeof targets)[number]).m, v)).map((i) => `t${i}`).sort();
        expect(evaluate(index, v)).toEqual(expected);
      }
    };
    const toggle = (i: number): void => {
      const x = targets[i] as (typeof targets)[number];
      if (live.delete(i)) index.remove(x.m, x.t);
      else {
        index.add(x.m, x.t);
        live.add(i);
      }
    };
    for (let i = 0; i < targets.length; i++) toggle(i);
    check();
    for (const order of [[0, 2, 4, 8, 11], [1, 0, 3, 12, 9], [2, 5, 6, 7, 10, 0]]) {
      for (const i of order) toggle(i);
      check();
      for (const i of [...order].reverse()) toggle(i);
      check();
    }
    for (let i = 0; i < targets.length; i++) toggle(i);
    expect(index.isEmpty).toBe(true);
  });

  test('should be empty after every matcher is removed', () => {
    const index = new ValueIndex<Target>();
    const ms = matchersOf(['x', { prefix: 'x' }, { suffix: 'y' }, { 'equals-ignore-case': 'ß' }, { wildcard: '*y' }, { numeric: ['>', 0] }, { cidr: '10.0.0.0/8' }, { 'anything-but': { wildcard: ['x*', 'y'] } }, { exists: true }, null, 1]) as LeafMatcher[];
    const t: Target = { hitStamp: 0, key: 't' };
    for (const m of ms) index.add(m, t);
    expect(evaluate(index, 'xy')).toEqual(['t']);
    for (const m of ms) index.remove(m, t);
    expect(index.isEmpty).toBe(true);
    for (const v of ['xy', 'ß', '10.0.0.1', numberFromText('5'), null, 'q'] as LeafValue[]) expect(evaluate(index, v)).toEqual([]);
  });
});
