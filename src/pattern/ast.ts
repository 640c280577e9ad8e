/**
 * The parsed form of an event pattern: what validation produces and every matcher consumes.
 *
 * A pattern is a set of sub-rules (its `$or` expansion, docs/semantics.md §1.5). The pattern matches an
 * event if any sub-rule does; a sub-rule matches if every one of its fields is satisfied by at least
 * one of that field's leaf matchers, with array consistency (§2.5). Fields are kept sorted by path
 * in UTF-16 code-unit order (JavaScript's default string order, Java's `String.compareTo`), the
 * order that decides `exists:false` under array consistency.
 *
 * ```
 * {"source":["a"],"$or":[{"x":[1]},{"y":[{"exists":false}]}]}
 *   -> sub-rule 0: source=["a"], x=[1]
 *      sub-rule 1: source=["a"], y=[exists:false]
 * ```
 */

import type { JsonNumber } from '../values/json-number.js';
import type { IpAddress, IpRange } from '../values/ip.js';

/** A dotted field path, e.g. `detail.state`. */
export type FieldPath = string;

/**
 * One element of a pattern's leaf array. Discriminated on `kind`; every variant carries `source`,
 * the element's JSON text as written in the pattern (`"x"`, `{"prefix":"ab"}`), for explanations.
 */
export type LeafMatcher =
  | ExactMatcher
  | ExactlyMatcher
  | NumberMatcher
  | LiteralMatcher
  | PrefixMatcher
  | SuffixMatcher
  | EqualsIgnoreCaseMatcher
  | WildcardMatcher
  | NumericMatcher
  | ExistsMatcher
  | CidrMatcher
  | AnythingButMatcher;

interface MatcherBase {
  /** The element as written in the pattern, as compact JSON text. */
  readonly source: string;
}

/** A string literal: `"x"`. If the literal is an IP address, `ip` is set and any spelling of that address matches (§3.1). */
export interface ExactMatcher extends MatcherBase {
  readonly kind: 'exact';
  readonly value: string;
  readonly ip: IpAddress | undefined;
}

/** `{"exactly":"x"}`: a string literal without IP canonicalisation. */
export interface ExactlyMatcher extends MatcherBase {
  readonly kind: 'exactly';
  readonly value: string;
}

/** A number literal: equal by double value when both sides are comparable, else by identical text (§2.4). */
export interface NumberMatcher extends MatcherBase {
  readonly kind: 'number';
  readonly number: JsonNumber;
}

/** `true`, `false` or `null`: matches only the same JSON literal. */
export interface LiteralMatcher extends MatcherBase {
  readonly kind: 'literal';
  readonly value: boolean | null;
}

/** `{"prefix":"p"}`, or with `ignoreCase` `{"prefix":{"equals-ignore-case":"p"}}`. */
export interface PrefixMatcher extends MatcherBase {
  readonly kind: 'prefix';
  readonly value: string;
  readonly ignoreCase: boolean;
}

/** `{"suffix":"p"}`, or with `ignoreCase` `{"suffix":{"equals-ignore-case":"p"}}`. */
export interface SuffixMatcher extends MatcherBase {
  readonly kind: 'suffix';
  readonly value: string;
  readonly ignoreCase: boolean;
}

/** `{"equals-ignore-case":"p"}` under the per-character rule of §3.7. */
export interface EqualsIgnoreCaseMatcher extends MatcherBase {
  readonly kind: 'equals-ignore-case';
  readonly value: string;
}

/** `{"wildcard":"w"}`: `value` is the glob as written (with `\*` and `\\` escapes). */
export interface WildcardMatcher extends MatcherBase {
  readonly kind: 'wildcard';
  readonly value: string;
}

/**
 * `{"numeric":[...]}` as one interval over doubles. Unbounded sides are `-Infinity`/`Infinity`
 * (event numbers are finite, so this equals AWS's ±MAX_DOUBLE). `["=",x]` is `[x, x]` inclusive.
 */
export interface NumericMatcher extends MatcherBase {
  readonly kind: 'numeric';
  readonly lower: number;
  readonly lowerInclusive: boolean;
  readonly upper: number;
  readonly upperInclusive: boolean;
}

/** `{"exists":true}` or `{"exists":false}`. */
export interface ExistsMatcher extends MatcherBase {
  readonly kind: 'exists';
  readonly value: boolean;
}

/** `{"cidr":"10.0.0.0/24"}`: matches strings that parse as an IP address of the same family inside the range. */
export interface CidrMatcher extends MatcherBase {
  readonly kind: 'cidr';
  readonly range: IpRange;
}

/**
 * `{"anything-but": ...}` in all its forms. Satisfied by an occurrence that does not match the inner
 * condition; never by a missing field (§3.9).
 *
 * - `strings`: `"s"` or `["s1", ...]` (exact, no IP canonicalisation; `values` may be empty only never: validation forbids it)
 * - `numbers`: `5` or `[1, 2.5]`, compared like number literals
 * - `prefix`, `suffix`, `equals-ignore-case`, `wildcard`: the inner operator with one or more operands
 */
export type AnythingButMatcher =
  | (MatcherBase & { readonly kind: 'anything-but'; readonly type: 'strings'; readonly values: readonly string[] })
  | (MatcherBase & { readonly kind: 'anything-but'; readonly type: 'numbers'; readonly values: readonly JsonNumber[] })
  | (MatcherBase & {
      readonly kind: 'anything-but';
      readonly type: 'prefix' | 'suffix' | 'equals-ignore-case' | 'wildcard';
      readonly values: readonly string[];
    });

/** One field of a sub-rule: its path and the leaf matchers that are OR-ed on it. */
export interface FieldCondition {
  readonly path: FieldPath;
  /** Non-empty; in the order written. */
  readonly matchers: readonly LeafMatcher[];
}

/** A conjunction of field conditions; `fields` is sorted by `path` (UTF-16 code-unit order), one entry per path. */
export interface SubRule {
  readonly fields: readonly FieldCondition[];
}

/** A validated event pattern. */
export interface ParsedPattern {
  /** The `$or` expansion; never empty. */
  readonly subRules: readonly SubRule[];
  /** The pattern's JSON text (as given, or `JSON.stringify` of an object pattern). */
  readonly text: string;
}
