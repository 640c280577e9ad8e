/**
 * What a value index answered for string values: the first ones it is asked about after a change
 * (or after a rest), kept without eviction. The same value reaching the same operator tables again
 * (a `source`, a `detail-type`, a street type) gets the same targets back without the prefix,
 * suffix, ignore-case, wildcard and anything-but lookups. Bounded in size, and resting where values
 * seldom repeat (docs/design/018-answer-memo.md).
 */

import { own } from './strings.js';

/** Longest value remembered, in code units: longer values are seldom repeated labels. */
export const KEY_MAX = 32;
/** Most values one memo remembers (no eviction: a memo that fills with values that do not repeat rests). */
export const VALUES_MAX = 32;
/** Most targets remembered for one value; a value with more is evaluated each time. */
export const TARGETS_MAX = 16;
/** Lookups per verdict on whether remembering pays. */
export const WINDOW = 256;
/** Lookups a memo that did not pay skips before it starts again, empty. */
export const REST = 64 * WINDOW;

/** Remembered for a value that satisfies nothing here. */
const NOTHING: readonly never[] = [];

/**
 * The answers of one set of operator tables, by value. It must be dropped (a new one made) when
 * anything is filed in or removed from those tables. Each window of {@link WINDOW} lookups decides
 * whether it pays: if fewer than half were found, it forgets everything and rests for {@link REST}
 * lookups, during which {@link find} answers nothing and {@link keep} keeps nothing.
 *
 * At most {@link VALUES_MAX} values of at most {@link KEY_MAX} code units, each with at most
 * {@link TARGETS_MAX} targets: a few kilobytes at most, and only for tables that values reach.
 */
export class AnswerMemo<T> {
  private answers: Map<string, readonly T[]> | undefined = new Map();
  private lookups = 0;
  private found = 0;

  /**
   * The targets remembered for `v`, or `undefined` when the caller must evaluate (and may then
   * {@link keep} the answer). Counts the lookup.
   *
   * @param v - A string value.
   * @returns The targets, or `undefined`.
   */
  find(v: string): readonly T[] | undefined {
    const answers = this.answers;
    if (answers === undefined) {
      // Resting: start again, empty, once the rest is over.
      if (++this.lookups === 0) this.answers = new Map();
      return undefined;
    }
    const known = v.length <= KEY_MAX ? answers.get(v) : undefined;
    if (known !== undefined) this.found++;
    if (++this.lookups === WINDOW) {
      if (2 * this.found < WINDOW) {
        this.answers = undefined;
        this.lookups = -REST;
      } else this.lookups = 0;
      this.found = 0;
    }
    return known;
  }

  /**
   * Remembers what the tables answered for `v` (right after {@link find} returned `undefined`):
   * `targets[from, to)`. Does nothing when resting, full, or past the bounds.
   *
   * @param v - The string value.
   * @param targets - A buffer holding the answer.
   * @param from - Index of the answer's first target.
   * @param to - Index after its last.
   */
  keep(v: string, targets: readonly (T | undefined)[], from: number, to: number): void {
    const answers = this.answers;
    if (answers === undefined || answers.size >= VALUES_MAX || v.length > KEY_MAX || to - from > TARGETS_MAX) return;
    // A copy of the key: a value sliced from an event would keep the whole event text alive.
    answers.set(own(v), from === to ? NOTHING : (targets.slice(from, to) as T[]));
  }
}
