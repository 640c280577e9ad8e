/**
 * fast-check arbitraries for matcher properties: event patterns over every operator and events over
 * the same small vocabulary of keys and values, so that random rules and random events actually
 * match often. Events may nest objects and arrays of objects (array consistency) and are produced
 * both as JS values and as JSON text with exotic number spellings and duplicate keys.
 */

import fc from 'fast-check';
import { Matcher } from '../../src/match/matcher.js';
import { parsePattern } from '../../src/pattern/parse.js';
import { InvalidEventPatternError } from '../../src/errors.js';
import type { ParsedPattern } from '../../src/pattern/ast.js';

/** Keys shared by patterns and events. */
export const KEYS = ['a', 'b', 'c', 'a.b'] as const;

/** String values shared by patterns and events (IP spellings, case variants, multi-unit chars). */
export const STRINGS = ['x', 'X', 'xy', 'Xy', 'yx', 'xyz', '', '10.0.0.1', '10.0.0.01', '10.0.1.5', '::1', 'Straße', 'STRASSE', 'é', '5', 'null', 'a*b', 'ab'] as const;

/** Number spellings for event text (some not comparable). */
export const NUMBER_TEXTS = ['0', '1', '1.0', '-2', '1.5', '100', '3e2', '300', '9007199254740993', '1e400', '-0'] as const;

/** A number of an event given as a JS value (always comparable). */
const eventNumber = fc.constantFrom(0, 1, -2, 1.5, 100, 300, 2.5);

/** A leaf value usable in a JS event. */
export const eventLeaf: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...STRINGS) },
  { weight: 3, arbitrary: eventNumber },
  { weight: 1, arbitrary: fc.constantFrom(true, false, null) },
);

const key = fc.constantFrom(...KEYS);

/** An object of `value`s with 1 to `max` members (JS value; later duplicate keys overwrite). */
function objectOf(value: fc.Arbitrary<unknown>, max: number): fc.Arbitrary<Record<string, unknown>> {
  return fc.array(fc.tuple(key, value), { minLength: 1, maxLength: max }).map((e) => Object.fromEntries(e) as Record<string, unknown>);
}

const leafOrLeaves = fc.oneof({ weight: 3, arbitrary: eventLeaf }, { weight: 1, arbitrary: fc.array(eventLeaf, { maxLength: 3 }) });
/** Innermost objects: leaves and scalar arrays. */
const innerObject = objectOf(leafOrLeaves, 3);
/** Middle objects: may hold arrays of inner objects. */
const middleObject = objectOf(
  fc.oneof({ weight: 3, arbitrary: leafOrLeaves }, { weight: 1, arbitrary: innerObject }, { weight: 1, arbitrary: fc.array(innerObject, { maxLength: 3 }) }),
  3,
);

/** An event value as a JS value: leaves, scalar arrays, objects and arrays of objects, up to 3 deep. */
export const eventValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: eventLeaf },
  { weight: 2, arbitrary: fc.array(eventLeaf, { maxLength: 3 }) },
  { weight: 2, arbitrary: middleObject },
  { weight: 2, arbitrary: fc.array(fc.oneof(middleObject, eventLeaf), { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.array(fc.array(innerObject, { maxLength: 2 }), { maxLength: 2 }) },
);

/** An event as a JS object. */
export const eventObject: fc.Arbitrary<Record<string, unknown>> = objectOf(eventValue, 4);

/** JSON text of a JS event value, with some numbers respelled (`1` as `1.0`, `300` as `3e2`). */
function toText(v: unknown, respell: readonly boolean[], at: { i: number }): string {
  if (typeof v === 'number') {
    const alt = respell[at.i++ % respell.length] === true;
    if (alt && v === 1) return '1.0';
    if (alt && v === 300) return '3e2';
    if (alt && v === 0) return '-0';
    return JSON.stringify(v);
  }
  if (Array.isArray(v)) return `[${v.map((x) => toText(x, respell, at)).join(', ')}]`;
  if (typeof v === 'object' && v !== null) {
    return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${toText(x, respell, at)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * An event as JSON text: a JS event respelled, sometimes with a duplicated member (the scanner and
 * the reference keep both values) or an extra non-comparable number.
 */
export const eventText: fc.Arbitrary<string> = fc
  .tuple(eventObject, fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }), fc.option(fc.tuple(key, fc.oneof(eventValue, fc.constantFrom(...NUMBER_TEXTS)))))
  .map(([e, respell, extra]) => {
    const text = toText(e, respell, { i: 0 });
    if (extra === null) return text;
    const [k, v] = extra;
    const valueText = typeof v === 'string' && (NUMBER_TEXTS as readonly string[]).includes(v) ? v : toText(v, respell, { i: 0 });
    return `{${JSON.stringify(k)} : ${valueText},${text.slice(1)}`.replace(/,}$/, '}');
  });

/** One element of a pattern's leaf array, over every operator. */
export const leafMatcher: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...STRINGS),
  fc.constantFrom(0, 1, 1.5, -2, 100, 300, 9007199254740993n).map((n) => (typeof n === 'bigint' ? { __number: n.toString() } : n)),
  fc.constantFrom(true, false, null),
  fc.constantFrom('x', 'X', 'xy', '', '10.0').map((p) => ({ prefix: p })),
  fc.constantFrom('x', 'str', '').map((p) => ({ prefix: { 'equals-ignore-case': p } })),
  fc.constantFrom('y', 'xy', '', '.1').map((p) => ({ suffix: p })),
  fc.constantFrom('Y', 'SSE', 'é').map((p) => ({ suffix: { 'equals-ignore-case': p } })),
  fc.constantFrom('x', 'XY', 'straße', '', 'É').map((p) => ({ 'equals-ignore-case': p })),
  fc.constantFrom('x*', '*y', '*', 'x*z', '*x*', 'a\\*b', '', 'xy').map((w) => ({ wildcard: w })),
  fc.constantFrom(['>', 0], ['<', 2], ['>=', 1, '<', 100], ['=', 300], ['>', -5, '<=', 1.5], ['<=', -2]).map((r) => ({ numeric: r })),
  fc.boolean().map((b) => ({ exists: b })),
  fc.constantFrom('10.0.0.0/24', '10.0.0.0/8', '::/1').map((c) => ({ cidr: c })),
  fc.constantFrom('x', 'X', '10.0.0.1').map((s) => ({ exactly: s })),
  fc.oneof(
    fc.constantFrom('x', '', '5').map((s) => ({ 'anything-but': s })),
    fc.constantFrom(['x', 'xy'], ['X']).map((s) => ({ 'anything-but': s })),
    fc.constantFrom(5, 1, [1, 300], [100]).map((n) => ({ 'anything-but': n })),
    fc.constantFrom('x', ['x', 'S']).map((p) => ({ 'anything-but': { prefix: p } })),
    fc.constantFrom('y', ['yz', 'Y']).map((p) => ({ 'anything-but': { suffix: p } })),
    fc.constantFrom('x', ['XY', 'straße']).map((p) => ({ 'anything-but': { 'equals-ignore-case': p } })),
    fc.constantFrom('x*', ['*y', 'a\\*b'], '*').map((p) => ({ 'anything-but': { wildcard: p } })),
  ),
);

const leafArray = fc.array(leafMatcher, { minLength: 1, maxLength: 3 });
const patternLevel2 = fc.array(fc.tuple(key, leafArray), { minLength: 1, maxLength: 2 }).map((e) => Object.fromEntries(e) as Record<string, unknown>);
const patternLevel1 = fc
  .array(fc.tuple(key, fc.oneof({ weight: 3, arbitrary: leafArray }, { weight: 2, arbitrary: patternLevel2 })), { minLength: 1, maxLength: 2 })
  .map((e) => Object.fromEntries(e) as Record<string, unknown>);

/** A pattern object, up to 3 levels of keys, sometimes with a top-level `$or` of two branches. */
export const patternObject: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(patternLevel1, fc.option(fc.tuple(patternLevel1, patternLevel1), { freq: 4 }))
  .map(([o, or]) => (or === null ? o : { ...o, $or: or }));

/** Pattern text of a pattern object (numbers given as `{__number: text}` are spliced in verbatim). */
export function patternText(p: unknown): string {
  return JSON.stringify(p, (_k, v: unknown) => {
    if (typeof v === 'object' && v !== null && '__number' in v) return `\u0000${(v as { __number: string }).__number}\u0000`;
    return v;
  }).replace(/"\\u0000([^\\]*)\\u0000"/g, '$1');
}

/**
 * A rule set of patterns as text.
 *
 * @param max - Most patterns.
 * @param min - Fewest patterns (default 1).
 */
export function ruleSet(max: number, min = 1): fc.Arbitrary<string[]> {
  return fc.array(patternObject.map(patternText), { minLength: min, maxLength: max, size: 'max' });
}

/** A rule set loaded by {@link loadRules}. */
export interface LoadedRules {
  /** A Matcher holding every valid pattern. */
  readonly matcher: Matcher;
  /** The valid patterns, parsed, named `r0`, `r1`, ... by their position in the rule set. */
  readonly rules: ReadonlyMap<string, ParsedPattern>;
  /** How many patterns AWS would refuse and were left out. */
  readonly rejected: number;
}

/**
 * A Matcher holding the given parsed rules, added in their order.
 *
 * @param rules - Rule names and parsed patterns.
 */
export function matcherOf(rules: Iterable<readonly [string, ParsedPattern]>): Matcher {
  const matcher = new Matcher();
  for (const [name, parsed] of rules) matcher.addRule(name, parsed);
  return matcher;
}

/**
 * Loads a generated rule set into a Matcher, leaving out the rare combinations AWS refuses (e.g. a
 * reserved key inside `$or`, an empty `$or` branch). A property that can pass with every pattern
 * left out shows nothing, so callers keep `rejected` (or the matches it leads to) in view.
 *
 * @param patterns - Pattern texts; pattern `i` is named `r{i}`.
 */
export function loadRules(patterns: readonly string[]): LoadedRules {
  const rules = new Map<string, ParsedPattern>();
  let rejected = 0;
  patterns.forEach((p, i) => {
    try {
      rules.set(`r${i}`, parsePattern(p));
    } catch (error) {
      // Only a refusal is expected; anything else is a bug the property should report.
      if (!(error instanceof InvalidEventPatternError)) throw error;
      rejected++;
    }
  });
  return { matcher: matcherOf(rules), rules, rejected };
}
