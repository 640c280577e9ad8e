/**
 * The reference evaluator: a small, obviously-correct oracle for one pattern against one event, with
 * event-ruler's array-consistent semantics (`rulesForJSONEvent`, docs/semantics.md §2.5, Q1, Q2). Per sub-rule
 * it visits the fields in their sorted order and searches for one occurrence per field whose array
 * coordinates agree with those already chosen; `exists:false` holds iff no occurrence of the path
 * agrees with the coordinates bound by the fields before it. Not the fast path: the Matcher is.
 */

import type { FieldCondition, LeafMatcher, ParsedPattern, SubRule } from '../pattern/ast.js';
import { flattenEvent, isConsistent } from '../event/flatten.js';
import type { Coordinate, FlatEvent, Occurrence } from '../event/flatten.js';
import { matchesLeaf } from './leaf.js';

/**
 * How one field of a sub-rule was satisfied (or, for a failed search, the fields satisfied before
 * the failure).
 *
 * - `value`: `occurrence` satisfied `matcher`.
 * - `absent`: the field's `exists:false` (`matcher`) held: no occurrence agreed with the coordinates.
 * - `skipped`: the caller asked to pass over this field (explanations only).
 */
export type FieldChoice =
  | { readonly kind: 'value'; readonly field: FieldCondition; readonly matcher: LeafMatcher; readonly occurrence: Occurrence }
  | { readonly kind: 'absent'; readonly field: FieldCondition; readonly matcher: LeafMatcher }
  | { readonly kind: 'skipped'; readonly field: FieldCondition };

/** The outcome of searching one sub-rule. */
export interface SubRuleSearch {
  readonly matched: boolean;
  /** All fields' choices when matched; otherwise the choices of the deepest partial assignment. */
  readonly choices: readonly FieldChoice[];
  /** Index of the field no choice could satisfy after the deepest partial assignment; -1 when matched. */
  readonly failedField: number;
  /** Array positions bound by `choices` (array id to element index). */
  readonly bound: ReadonlyMap<number, number>;
}

/** A satisfying occurrence of a field and the first of the field's matchers it satisfies. */
interface Satisfier {
  readonly occurrence: Occurrence;
  readonly matcher: LeafMatcher;
}

/**
 * Items keyed by coordinates, found by bound positions without scanning every item: items are
 * grouped by their outermost coordinate, so with that array bound only one element's items are
 * looked at. One item per distinct `coords` is kept (the first added).
 */
class CoordIndex<T extends { readonly occurrence: Occurrence }> {
  private readonly unplaced: T[] = [];
  private readonly byOuter = new Map<number, Map<number, T[]>>();
  private readonly seen = new Set<readonly Coordinate[]>();
  size = 0;

  /** Adds an item unless one with the same coordinates is already there. */
  add(item: T): void {
    const coords = item.occurrence.coords;
    if (this.seen.has(coords)) return;
    this.seen.add(coords);
    this.size++;
    const outer = coords[0];
    if (outer === undefined) {
      this.unplaced.push(item);
      return;
    }
    let byIndex = this.byOuter.get(outer.array);
    if (byIndex === undefined) this.byOuter.set(outer.array, (byIndex = new Map()));
    const list = byIndex.get(outer.index);
    if (list === undefined) byIndex.set(outer.index, [item]);
    else list.push(item);
  }

  /** Items whose coordinates agree with the bound positions, in insertion order per group. */
  *consistent(bound: ReadonlyMap<number, number>): Generator<T> {
    yield* this.unplaced;
    for (const [array, byIndex] of this.byOuter) {
      const pinned = bound.get(array);
      const lists = pinned === undefined ? byIndex.values() : [byIndex.get(pinned) ?? []];
      for (const list of lists) for (const item of list) if (isConsistent(item.occurrence.coords, bound)) yield item;
    }
  }
}

/** One field prepared for the search. */
interface FieldPlan {
  readonly field: FieldCondition;
  /** Every occurrence of the path (one per distinct coordinates), for `exists:false`. */
  readonly present: CoordIndex<{ readonly occurrence: Occurrence }>;
  /** Occurrences satisfying a value matcher (one per distinct coordinates). */
  readonly satisfiers: CoordIndex<Satisfier>;
  readonly existsFalse: LeafMatcher | undefined;
  readonly skip: boolean;
}

/** One option of a field: the choice and the bound positions after it. */
interface SearchOption {
  readonly choice: FieldChoice;
  readonly bound: ReadonlyMap<number, number>;
}

/** A level of the depth-first search: the options for one field under one set of bound positions, produced lazily. */
interface SearchFrame {
  readonly bound: ReadonlyMap<number, number>;
  readonly options: Iterator<SearchOption>;
  readonly key: string;
}

const EMPTY_BOUND: ReadonlyMap<number, number> = new Map();

/**
 * Tests one event against a parsed pattern with event-ruler's array-consistent semantics.
 *
 * @param pattern - A pattern from `parsePattern`.
 * @param event - JSON text, a parsed object, or an already flattened {@link FlatEvent}.
 * @returns `true` if any sub-rule (`$or` branch) matches.
 * @throws {@link InvalidEventError} if the event is malformed or not a JSON object.
 */
export function matchesPattern(pattern: ParsedPattern, event: string | object | FlatEvent): boolean {
  const flat = flattenEvent(event);
  return pattern.subRules.some((subRule) => searchSubRule(subRule, flat).matched);
}

/**
 * The indexes of the sub-rules (`$or` branches) that match an event.
 *
 * @param pattern - A pattern from `parsePattern`.
 * @param event - JSON text, a parsed object, or a {@link FlatEvent}.
 * @returns Matching sub-rule indexes in ascending order; empty for no match.
 * @throws {@link InvalidEventError} if the event is malformed or not a JSON object.
 */
export function matchingSubRules(pattern: ParsedPattern, event: string | object | FlatEvent): number[] {
  const flat = flattenEvent(event);
  const result: number[] = [];
  pattern.subRules.forEach((subRule, i) => {
    if (searchSubRule(subRule, flat).matched) result.push(i);
  });
  return result;
}

/**
 * Searches for a consistent choice of occurrences satisfying every field of one sub-rule.
 *
 * Fields are visited in the sub-rule's (sorted) order. A field is satisfied by an occurrence that
 * satisfies any of its matchers and agrees with the positions bound so far (that choice binds the
 * occurrence's coordinates), or, if it has `exists:false`, by no occurrence agreeing with the bound
 * positions (binding nothing). Failed (field, relevant bound positions) states are remembered, so the
 * work stays polynomial when fields live in independent arrays; occurrences with the same coordinates
 * are tried once.
 *
 * @param subRule - One sub-rule of a parsed pattern.
 * @param flat - The flattened event.
 * @param skip - Field indexes to treat as satisfied without binding anything (used by explanations).
 * @returns Whether it matched, and the (deepest) choices found.
 */
export function searchSubRule(subRule: SubRule, flat: FlatEvent, skip?: ReadonlySet<number>): SubRuleSearch {
  const plans = subRule.fields.map((field, i) => planField(field, flat, skip?.has(i) === true));
  const n = plans.length;

  // A field with no way at all to be satisfied fails the sub-rule whatever is bound.
  for (let i = 0; i < n; i++) {
    const plan = plans[i] as FieldPlan;
    if (!plan.skip && plan.satisfiers.size === 0 && (plan.existsFalse === undefined || !hasAbsentChance(plan))) {
      return { matched: false, choices: [], failedField: i, bound: EMPTY_BOUND };
    }
  }

  // relevant[i]: array ids touched by any occurrence of fields i..n-1; a failure memo key keeps only those.
  const relevant: Set<number>[] = new Array<Set<number>>(n + 1);
  relevant[n] = new Set();
  for (let i = n - 1; i >= 0; i--) {
    const set = new Set(relevant[i + 1]);
    for (const occurrence of flat.at((plans[i] as FieldPlan).field.path)) for (const c of occurrence.coords) set.add(c.array);
    relevant[i] = set;
  }
  const failed = new Set<string>();
  const frames: SearchFrame[] = [];
  let deepest: { choices: FieldChoice[]; failedField: number; bound: ReadonlyMap<number, number> } | undefined;
  const chosen: FieldChoice[] = [];

  const open = (depth: number, bound: ReadonlyMap<number, number>): SearchFrame | undefined => {
    const key = `${depth}|${memoKey(bound, relevant[depth] as Set<number>)}`;
    if (failed.has(key)) return undefined;
    return { bound, options: optionsFor(plans[depth] as FieldPlan, bound), key };
  };

  if (n === 0) return { matched: true, choices: [], failedField: -1, bound: EMPTY_BOUND };
  const first = open(0, EMPTY_BOUND);
  if (first !== undefined) frames.push(first);
  while (frames.length > 0) {
    const depth = frames.length - 1;
    const frame = frames[depth] as SearchFrame;
    const step = frame.options.next();
    if (step.done === true) {
      if (deepest === undefined || depth > deepest.choices.length) {
        deepest = { choices: chosen.slice(0, depth), failedField: depth, bound: frame.bound };
      }
      failed.add(frame.key);
      frames.pop();
      continue;
    }
    const option = step.value;
    chosen[depth] = option.choice;
    if (depth + 1 === n) {
      return { matched: true, choices: chosen.slice(0, n), failedField: -1, bound: option.bound };
    }
    const next = open(depth + 1, option.bound);
    if (next !== undefined) frames.push(next);
  }
  return deepest === undefined
    ? { matched: false, choices: [], failedField: 0, bound: EMPTY_BOUND }
    : { matched: false, choices: deepest.choices, failedField: deepest.failedField, bound: deepest.bound };
}

/** Whether `exists:false` could hold under some binding: no occurrence lies outside every array element. */
function hasAbsentChance(plan: FieldPlan): boolean {
  // With nothing bound every occurrence agrees, so only coordinate-carrying occurrences can be excluded.
  for (const item of plan.present.consistent(EMPTY_BOUND)) if (item.occurrence.coords.length === 0) return false;
  return true;
}

/** Computes a field's satisfying occurrences once, deduplicated and indexed by coordinates. */
function planField(field: FieldCondition, flat: FlatEvent, skip: boolean): FieldPlan {
  let existsFalse: LeafMatcher | undefined;
  const valueMatchers: LeafMatcher[] = [];
  for (const m of field.matchers) {
    if (m.kind === 'exists' && !m.value) existsFalse ??= m;
    else valueMatchers.push(m);
  }
  const present = new CoordIndex<{ readonly occurrence: Occurrence }>();
  const satisfiers = new CoordIndex<Satisfier>();
  if (!skip) {
    for (const occurrence of flat.at(field.path)) {
      present.add({ occurrence });
      const matcher = valueMatchers.find((m) => matchesLeaf(m, occurrence.value));
      if (matcher !== undefined) satisfiers.add({ occurrence, matcher });
    }
  }
  return { field, present, satisfiers, existsFalse, skip };
}

/** The choices for one field under the bound positions, value choices first, produced lazily. */
function* optionsFor(plan: FieldPlan, bound: ReadonlyMap<number, number>): Generator<SearchOption> {
  if (plan.skip) {
    yield { choice: { kind: 'skipped', field: plan.field }, bound };
    return;
  }
  for (const { occurrence, matcher } of plan.satisfiers.consistent(bound)) {
    yield { choice: { kind: 'value', field: plan.field, matcher, occurrence }, bound: extend(bound, occurrence.coords) };
  }
  if (plan.existsFalse !== undefined && plan.present.consistent(bound).next().done === true) {
    yield { choice: { kind: 'absent', field: plan.field, matcher: plan.existsFalse }, bound };
  }
}

/** Bound positions plus an occurrence's coordinates (which agree with them). */
function extend(bound: ReadonlyMap<number, number>, coords: readonly Coordinate[]): ReadonlyMap<number, number> {
  let result: Map<number, number> | undefined;
  for (const c of coords) {
    if (bound.has(c.array)) continue;
    result ??= new Map(bound);
    result.set(c.array, c.index);
  }
  return result ?? bound;
}

/** A canonical key of the bound positions that can still matter. */
function memoKey(bound: ReadonlyMap<number, number>, relevant: ReadonlySet<number>): string {
  const parts: number[] = [];
  for (const [array, index] of bound) if (relevant.has(array)) parts.push(array, index);
  if (parts.length <= 2) return parts.join(':');
  const pairs: [number, number][] = [];
  for (let i = 0; i < parts.length; i += 2) pairs.push([parts[i] as number, parts[i + 1] as number]);
  pairs.sort((a, b) => a[0] - b[0]);
  return pairs.map((p) => `${p[0]}:${p[1]}`).join(',');
}
