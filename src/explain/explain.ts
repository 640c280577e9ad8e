/**
 * Explanations: why an event does or does not match a pattern, as plain JSON data plus a short text
 * for people (test-failure messages, CLI output). The verdict is the reference evaluator's, computed
 * by the same search (src/match/reference.ts), so it always equals `matchesPattern`; the reasons
 * describe that search: per `$or` branch, each failing field with what the pattern wanted and what
 * the event had, and for array-consistency failures which array elements could not be combined.
 */

import type { FieldCondition, LeafMatcher, ParsedPattern, SubRule } from '../pattern/ast.js';
import { parsePattern } from '../pattern/parse.js';
import { isParsedPattern } from '../pattern/parsed-pattern.js';
import { describeLocation, flattenEvent, isConsistent } from '../event/flatten.js';
import type { FlatEvent, Occurrence } from '../event/flatten.js';
import { matchesLeaf } from '../match/leaf.js';
import { compileIgnoreCase, equalsIgnoreCase } from '../values/ignore-case.js';
import type { IgnoreCasePattern } from '../values/ignore-case.js';
import { searchSubRule } from '../match/reference.js';
import type { FieldChoice } from '../match/reference.js';

/** At most this many event values are listed per reason; the rest are counted in `omitted`. */
const MAX_VALUES = 10;

/** One value of the event, described for people and for machines. */
export interface ValueDescription {
  /** The value's JSON type. */
  readonly type: 'string' | 'number' | 'boolean' | 'null';
  /** The value as JSON text: `"running"`, `3.0e2` (numbers keep their spelling), `true`, `null`. */
  readonly json: string;
  /** Where it is, with array element indexes: `detail.items[1].state`. */
  readonly at: string;
}

/** A field of the matching branch and what satisfied it. */
export interface MatchedField {
  readonly path: string;
  /** The pattern element that was satisfied, as written (`{"prefix":"run"}`, `{"exists":false}`). */
  readonly matcher: string;
  /** The event value that satisfied it; `null` when `{"exists":false}` held because the field is absent. */
  readonly value: ValueDescription | null;
}

/** An event value chosen for an earlier field, that pins an array element (array-consistency reasons). */
export interface ChosenValue {
  readonly path: string;
  readonly at: string;
}

/**
 * One reason of an {@link Explanation}, discriminated on `kind`. `branch` is the 0-based index of the
 * `$or` branch (sub-rule) it belongs to; patterns without `$or` have one branch, 0. `wanted` lists
 * the field's pattern elements as written; `had` the event's values (at most 10, `omitted` counts
 * the rest).
 *
 * - `matched`: the branch matched; `fields` says how each field was satisfied.
 * - `missing`: the event has no value at `path`.
 * - `no-matching-value`: the event has values at `path`, none satisfies any element of `wanted`.
 * - `present`: the pattern wants `{"exists":false}` but the event has values at `path` (within the
 *   array elements chosen for earlier fields, listed in `chosen`, if any).
 * - `array-conflict`: values at `path` satisfy the pattern, but none of them is in the same array
 *   element as the values chosen for the earlier fields listed in `chosen` (docs/semantics.md §2.5).
 */
export type Reason =
  | { readonly kind: 'matched'; readonly branch: number; readonly fields: readonly MatchedField[] }
  | { readonly kind: 'missing'; readonly branch: number; readonly path: string; readonly wanted: readonly string[] }
  | (FieldValues & { readonly kind: 'no-matching-value' })
  | (FieldValues & { readonly kind: 'present' | 'array-conflict'; readonly chosen: readonly ChosenValue[] });

/** What the reasons about a field's values share: the field, the pattern's wants and the event's values. */
export interface FieldValues {
  readonly branch: number;
  readonly path: string;
  readonly wanted: readonly string[];
  readonly had: readonly ValueDescription[];
  readonly omitted: number;
}

/** The kinds of {@link Reason}. */
export type ReasonKind = Reason['kind'];

/**
 * Why an event did or did not match. Plain JSON data (safe to `JSON.stringify`).
 *
 * For a match, `reasons` holds one `matched` reason for the first matching branch. For a non-match,
 * it holds the failures of every branch, in branch order then field order.
 */
export interface Explanation {
  readonly matches: boolean;
  /** The number of `$or` branches (sub-rules) of the pattern; 1 without `$or`. */
  readonly branches: number;
  readonly reasons: readonly Reason[];
}

/**
 * Explains why an event does or does not match an event pattern.
 *
 * `matches` always equals `matchesPattern(parsePattern(pattern), event)`.
 *
 * @param pattern - The pattern as JSON text, as an object, or already parsed by `parsePattern`.
 * @param event - The event as JSON text or as an already-parsed object.
 * @returns The verdict and its reasons.
 * @throws {@link InvalidEventPatternError} if the pattern is not valid.
 * @throws {@link InvalidEventError} if the event is malformed or not a JSON object.
 *
 * @example
 * ```ts
 * explainEventPattern('{"source":["aws.ec2"]}', '{"source":"aws.s3"}');
 * // { matches: false, branches: 1, reasons: [{ kind: 'no-matching-value', branch: 0, path: 'source',
 * //   wanted: ['"aws.ec2"'], had: [{ type: 'string', json: '"aws.s3"', at: 'source' }], omitted: 0 }] }
 * ```
 */
export function explainEventPattern(pattern: string | object | ParsedPattern, event: string | object): Explanation {
  const parsed = isParsedPattern(pattern) ? pattern : parsePattern(pattern);
  const flat = flattenEvent(event);
  const branches = parsed.subRules.length;
  const failures: Reason[] = [];
  for (let branch = 0; branch < branches; branch++) {
    const subRule = parsed.subRules[branch] as SubRule;
    const search = searchSubRule(subRule, flat);
    if (search.matched) {
      return { matches: true, branches, reasons: [{ kind: 'matched', branch, fields: search.choices.map((c) => matchedField(flat, c)) }] };
    }
    failures.push(...explainBranch(subRule, flat, branch));
  }
  return { matches: false, branches, reasons: failures };
}

function matchedField(flat: FlatEvent, choice: FieldChoice): MatchedField {
  if (choice.kind === 'value') {
    return { path: choice.field.path, matcher: choice.matcher.source, value: describeValue(flat, choice.occurrence) };
  }
  const matcher = choice.kind === 'absent' ? choice.matcher.source : '';
  return { path: choice.field.path, matcher, value: null };
}

/** The failures of one branch that did not match. */
function explainBranch(subRule: SubRule, flat: FlatEvent, branch: number): Reason[] {
  const reasons = new Map<number, Reason>();
  // Fields that fail whatever array elements are chosen.
  const definite = new Set<number>();
  subRule.fields.forEach((field, i) => {
    const reason = definiteFailure(field, flat, branch);
    if (reason !== undefined) {
      definite.add(i);
      reasons.set(i, reason);
    }
  });
  // Then the first field that fails only because of the elements chosen for earlier fields.
  const search = searchSubRule(subRule, flat, definite);
  if (!search.matched && search.failedField >= 0 && !definite.has(search.failedField)) {
    const field = subRule.fields[search.failedField] as FieldCondition;
    reasons.set(search.failedField, consistencyFailure(field, flat, branch, search.choices, search.bound));
  }
  return [...reasons.entries()].sort((a, b) => a[0] - b[0]).map((entry) => entry[1]);
}

/** A reason if the field cannot be satisfied under any choice of array elements. */
function definiteFailure(field: FieldCondition, flat: FlatEvent, branch: number): Reason | undefined {
  const occurrences = flat.at(field.path);
  const wanted = field.matchers.map((m) => m.source);
  const existsFalse = field.matchers.some(isExistsFalse);
  const values = field.matchers.filter((m) => !isExistsFalse(m));
  if (occurrences.some((o) => values.some((m) => matchesLeaf(m, o.value)))) return undefined;
  if (existsFalse) {
    // Absence can still hold within chosen elements unless some occurrence is outside every array element.
    if (occurrences.every((o) => o.coords.length > 0)) return undefined;
    const present = occurrences.filter((o) => o.coords.length === 0);
    return { kind: 'present', branch, path: field.path, wanted, ...listValues(flat, present), chosen: [] };
  }
  if (occurrences.length === 0) return { kind: 'missing', branch, path: field.path, wanted };
  return { kind: 'no-matching-value', branch, path: field.path, wanted, ...listValues(flat, occurrences) };
}

/** The reason a field fails under the array elements bound by the earlier fields' choices. */
function consistencyFailure(
  field: FieldCondition,
  flat: FlatEvent,
  branch: number,
  choices: readonly FieldChoice[],
  bound: ReadonlyMap<number, number>,
): Reason {
  const occurrences = flat.at(field.path);
  const wanted = field.matchers.map((m) => m.source);
  const values = field.matchers.filter((m) => !isExistsFalse(m));
  const matching = occurrences.filter((o) => values.some((m) => matchesLeaf(m, o.value)));
  const earlier: Occurrence[] = [];
  for (const c of choices) if (c.kind === 'value') earlier.push(c.occurrence);
  if (matching.length === 0) {
    // Only exists:false could satisfy it, and some value sits in the chosen elements.
    const present = occurrences.filter((o) => isConsistent(o.coords, bound));
    return { kind: 'present', branch, path: field.path, wanted, ...listValues(flat, present), chosen: chosenFor(flat, earlier, present, true) };
  }
  return { kind: 'array-conflict', branch, path: field.path, wanted, ...listValues(flat, matching), chosen: chosenFor(flat, earlier, matching, false) };
}

/**
 * The earlier choices that pin array elements relevant to `values`: for a conflict, those that
 * disagree with some value; for `present`, those that share an array with some value.
 */
function chosenFor(flat: FlatEvent, earlier: readonly Occurrence[], values: readonly Occurrence[], sharing: boolean): ChosenValue[] {
  const result: ChosenValue[] = [];
  for (const chosen of earlier) {
    const bound = new Map(chosen.coords.map((c) => [c.array, c.index]));
    const relevant = values.some((v) => {
      const shares = v.coords.some((c) => bound.has(c.array));
      return sharing ? shares : shares && !isConsistent(v.coords, bound);
    });
    if (relevant) result.push({ path: chosen.path, at: describeLocation(flat, chosen) });
  }
  return result;
}

function isExistsFalse(m: LeafMatcher): boolean {
  return m.kind === 'exists' && !m.value;
}

function listValues(flat: FlatEvent, occurrences: readonly Occurrence[]): { had: ValueDescription[]; omitted: number } {
  return {
    had: occurrences.slice(0, MAX_VALUES).map((o) => describeValue(flat, o)),
    omitted: Math.max(0, occurrences.length - MAX_VALUES),
  };
}

function describeValue(flat: FlatEvent, occurrence: Occurrence): ValueDescription {
  const v = occurrence.value;
  const at = describeLocation(flat, occurrence);
  if (v === null) return { type: 'null', json: 'null', at };
  if (typeof v === 'string') return { type: 'string', json: JSON.stringify(v), at };
  if (typeof v === 'boolean') return { type: 'boolean', json: String(v), at };
  return { type: 'number', json: v.text, at };
}

// ---------------------------------------------------------------------------------------------
// Text

/** Longest JSON text of one value shown in formatted explanations. */
const MAX_SHOWN = 80;
/** Most values shown per line in formatted explanations. */
const MAX_LISTED = 5;

/**
 * Formats an explanation as short text for people: a verdict line, then one line per reason,
 * grouped by `$or` branch when the pattern has several. Long values are shortened.
 *
 * ```
 * No match.
 *   detail.state: missing; wanted {"prefix":"run"}
 *   source: wanted "aws.ec2", had "aws.s3" (string)
 * ```
 *
 * @param e - An explanation from {@link explainEventPattern}.
 * @returns Text lines joined by `\n`, without a trailing newline.
 */
export function formatExplanation(e: Explanation): string {
  const lines: string[] = [];
  if (e.matches) {
    const reason = e.reasons[0];
    const branch = reason?.branch ?? 0;
    lines.push(e.branches > 1 ? `Match ($or branch ${branch + 1} of ${e.branches}).` : 'Match.');
    if (reason?.kind === 'matched') {
      for (const f of reason.fields) {
        lines.push(
          f.value === null
            ? `  ${f.path}: absent, as ${f.matcher} requires`
            : `  ${f.path}: ${showValue(f.value, f.path)} matched ${f.matcher}`,
        );
      }
    }
    return lines.join('\n');
  }
  lines.push(e.branches > 1 ? `No match: none of the ${e.branches} $or branches matched.` : 'No match.');
  const indent = e.branches > 1 ? '    ' : '  ';
  let currentBranch = -1;
  for (const reason of e.reasons) {
    if (e.branches > 1 && reason.branch !== currentBranch) {
      currentBranch = reason.branch;
      lines.push(`  Branch ${currentBranch + 1}:`);
    }
    lines.push(indent + formatReason(reason));
  }
  return lines.join('\n');
}

function formatReason(reason: Reason): string {
  switch (reason.kind) {
    case 'matched':
      return `matched`;
    case 'missing':
      return `${reason.path}: missing; wanted ${reason.wanted.join(' or ')}`;
    case 'no-matching-value':
      return `${reason.path}: wanted ${reason.wanted.join(' or ')}, had ${showValues(reason.had, reason.omitted, reason.path)}${caseHint(reason)}`;
    case 'present': {
      const within = reason.chosen.length > 0 ? `, in the same array element as ${showChosen(reason.chosen)}` : '';
      return `${reason.path}: wanted ${reason.wanted.join(' or ')}, but has ${showValues(reason.had, reason.omitted, reason.path)}${within}`;
    }
    case 'array-conflict': {
      const against = reason.chosen.length > 0 ? showChosen(reason.chosen) : 'the values chosen for earlier fields';
      return (
        `${reason.path}: wanted ${reason.wanted.join(' or ')}; matched by ` +
        `${showValues(reason.had, reason.omitted, reason.path)}, but not in the same array element as ${against}`
      );
    }
  }
}

/**
 * The hint for a string value that equals a wanted string but for letter case, which an exact
 * match never forgives (`equals-ignore-case` does).
 */
function caseHint(reason: FieldValues): string {
  // equals-ignore-case's own rule (docs/semantics.md §3.7), not toLowerCase: "\u212a" lower-cases
  // to "k" yet equals-ignore-case "k" does not accept it, and equals-ignore-case "straße" accepts
  // "STRASSE" although their lower cases differ.
  const wanted: IgnoreCasePattern[] = [];
  for (const w of reason.wanted) {
    const text = w.startsWith('"') ? jsonString(w) : undefined;
    if (text !== undefined) wanted.push(compileIgnoreCase(text));
  }
  const differsInCase = reason.had.some((v) => {
    if (v.type !== 'string') return false;
    const value = jsonString(v.json);
    return value !== undefined && wanted.some((p) => p.source !== value && equalsIgnoreCase(p, value));
  });
  return differsInCase ? '; differs only in letter case (see equals-ignore-case)' : '';
}

function jsonString(json: string): string | undefined {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

function showChosen(chosen: readonly ChosenValue[]): string {
  return chosen.map((c) => `${c.path} (matched at ${c.at})`).join(', ');
}

function showValues(values: readonly ValueDescription[], omitted: number, path: string): string {
  const shown = values.slice(0, MAX_LISTED).map((v) => showValue(v, path));
  const more = omitted + Math.max(0, values.length - MAX_LISTED);
  if (more > 0) shown.push(`and ${more} more`);
  return shown.join(', ');
}

function showValue(v: ValueDescription, path: string): string {
  const json = v.json.length > MAX_SHOWN ? `${v.json.slice(0, MAX_SHOWN - 3)}...` : v.json;
  return v.at === path ? `${json} (${v.type})` : `${json} (${v.type}) at ${v.at}`;
}
