/**
 * Where a trusted scan of event text may stop early (`MatchOptions.trusted`; design note 012,
 * "Stopping early"). Stopping once every read path has been passed is unsafe in general: a later
 * duplicate key adds occurrences, and duplicates are valid JSON the engine honours
 * (docs/semantics.md §2.2). A trusted scan may stop in the top-level object once no top-level key
 * that leads to a used path can be spelled in the rest of the text: none right after a quote, and
 * no backslash (a key could be spelled with escapes). The scanner (scanner.ts) asks at a top-level
 * comma its general loop reaches and before skipping a top-level container no rule reads.
 *
 * One scan at a time, like the scanner: the state of the scan under way lives in this module.
 */

import type { EventFields } from './scanner-fields.js';
import type { PathNode } from '../compile/path-table.js';

/** Keys {@link canStop} searches for at most (each adds native searches over the text, at most one pass). */
const LOOKAHEAD_KEYS = 4;

/** The look-ahead of a root without steps. */
const NO_LOOKAHEAD: readonly PathNode[] = Object.freeze([]);

/** Root steps above which the look-ahead is not worked out (that costs steps²). */
const LOOKAHEAD_STEPS = 64;

/**
 * The root's steps whose keys {@link canStop} must find spelled: all of them, less those whose key
 * another step key is a prefix of (a spelling of `detail-type` after a quote is also one of
 * `detail` at the same place, and so is a dotted key such as `detail.a`, which is no step). A root
 * step's path is its key. `null` when more than {@link LOOKAHEAD_KEYS} remain, or one key is empty
 * (a path such as `""` or `.b`: an empty key is spelled at every position). Kept with the steps
 * until they change.
 */
function lookaheadOf(root: PathNode): readonly PathNode[] | null {
  const steps = root.stepSet;
  if (steps === undefined) return NO_LOOKAHEAD;
  let lookahead = steps.lookahead;
  if (lookahead !== undefined) return lookahead;
  const all = steps.count > LOOKAHEAD_STEPS ? undefined : steps.list();
  const minimal = all?.filter((step) => !all.some((other) => other.path.length < step.path.length && step.path.startsWith(other.path)));
  lookahead = minimal === undefined || minimal.length > LOOKAHEAD_KEYS || minimal.some((step) => step.path === '') ? null : minimal;
  steps.lookahead = lookahead;
  return lookahead;
}

/** Whether the scan under way has found a backslash in the rest of the text: it then reads on to the end. */
let escaped = false;

/**
 * Per look-ahead key, in the scan under way: a place where it is spelled right after a quote, at
 * or after the place it was last searched from; -1 when it is spelled nowhere from there on;
 * {@link UNSEARCHED} before its first search.
 */
const keyAt: number[] = [];

/** A look-ahead key not searched for yet in the scan under way. */
const UNSEARCHED = -2;

/**
 * The top-level objects and arrays the trusted scan under way has entered (at most
 * {@link ENTERED_KEPT}; held until the next trusted scan).
 */
const entered: (PathNode | undefined)[] = [];
let enteredCount = 0;

/** Top-level containers {@link entered} keeps; a step entered past them counts as not met. */
const ENTERED_KEPT = 8;

/**
 * Starts the early-stop state of a scan.
 *
 * @param trusted - Whether the scan is trusted (only a trusted scan stops early).
 * @param root - The path table's root.
 * @returns What {@link canStop} looks for in this scan, or `null` when it cannot stop early.
 */
export function startLookahead(trusted: boolean, root: PathNode): readonly PathNode[] | null {
  const lookahead = trusted ? lookaheadOf(root) : null;
  if (lookahead === null) return null;
  escaped = false;
  enteredCount = 0;
  for (let k = 0; k < lookahead.length; k++) keyAt[k] = UNSEARCHED;
  return lookahead;
}

/**
 * Notes a top-level object or array the trusted scan enters.
 *
 * @param step - Its path node.
 */
export function enterTop(step: PathNode | undefined): void {
  if (enteredCount < ENTERED_KEPT) entered[enteredCount++] = step;
}

/**
 * Whether the scan under way has read a top-level key to `step`: a leaf with an occurrence, or a
 * container it entered.
 */
function met(step: PathNode, fields: EventFields): boolean {
  if (step.leafId >= 0 && fields.first(step.leafId) >= 0) return true;
  for (let i = 0; i < enteredCount; i++) if (entered[i] === step) return true;
  return false;
}

/** Where `key` is first spelled right after a quote at or after `from`, or -1. */
function spelledAt(text: string, key: string, from: number): number {
  // Forward: V8's indexOf is a fast native search, its lastIndexOf a plain loop.
  for (let at = text.indexOf(key, from); at >= 0; at = text.indexOf(key, at + 1)) {
    if (text.charCodeAt(at - 1) === 0x22) return at;
  }
  return -1;
}

/**
 * Whether the trusted scan can stop at `pos` in the top-level object (at a comma, or at a value no
 * rule reads): no look-ahead key of the root is spelled at or after it, so no later key can lead
 * to a used path, although JSON objects may repeat keys (a repeated key must be spelled somewhere
 * in the rest). Conservative: a key nested deeper, or inside a string, also counts.
 *
 * It searches only once every look-ahead key has been read ({@link met}) and none is known to be
 * spelled ahead: before that, a key is most likely still to come (most texts are read to their
 * end, their last top-level key being one rules read), and a native search through a 1 KB envelope
 * costs 2-4% of a `JSON.parse` of it, for no stop. So a text that lacks a key rules read is read
 * to its end, as a strict scan reads it. A search then runs to the end of the text unless the key
 * is repeated, and the stop it proves skips that rest. A key found ahead is not searched again
 * until the scan passes it, so each key's searches move forward through the text: linear in it
 * over the whole scan, whatever it holds.
 *
 * @param text - The event text.
 * @param pos - A place in the top-level object between members, or at a member's value.
 * @param steps - From {@link startLookahead} for this scan.
 * @param fields - The occurrences the scan has found so far.
 */
export function canStop(text: string, pos: number, steps: readonly PathNode[], fields: EventFields): boolean {
  if (escaped) return false;
  const count = steps.length;
  for (let k = 0; k < count; k++) {
    if ((keyAt[k] as number) >= pos || !met(steps[k] as PathNode, fields)) return false;
  }
  for (let k = 0; k < count; k++) {
    if ((keyAt[k] as number) !== -1 && (keyAt[k] = spelledAt(text, (steps[k] as PathNode).path, pos)) >= 0) return false;
  }
  if (text.indexOf('\\', pos) >= 0) {
    escaped = true;
    return false;
  }
  return true;
}
