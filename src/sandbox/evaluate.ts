/**
 * What the sandbox page shows for its three editors, computed with the library itself: the verdict
 * and explanation the CLI `test` command prints, AWS's error for an invalid pattern (with its line and
 * column), what is wrong with an invalid event, and the text the CLI `transform` command prints for a
 * target. Pure functions without Node built-ins, so the page's bundle can include them; the browser
 * tests compare their output in the page with the CLI's.
 */

import { EventBridgeError, InvalidEventPatternError } from '../errors.js';
import type { PatternLocation } from '../errors.js';
import { InvalidEventError } from '../event/errors.js';
import { explainEventPattern, formatExplanation } from '../explain/explain.js';
import type { ParsedPattern } from '../pattern/ast.js';
import { parsePattern } from '../pattern/parse.js';
import { TargetInputError, transformTargetInput } from '../targets/index.js';
import type { TargetInputContext, TargetInputSpec } from '../targets/index.js';

/** The outcome of a pattern against an event, as the page shows it. */
export type PatternOutcome =
  /** The verdict: `text` is exactly what `eventbridge-matcher test` prints, without its final newline. */
  | { readonly kind: 'verdict'; readonly matches: boolean; readonly text: string }
  /** The pattern is invalid: AWS's message and, when it has one, the location it names. */
  | { readonly kind: 'invalid-pattern'; readonly message: string; readonly location: PatternLocation | undefined }
  /** The event cannot be read: AWS's message with what was wrong and where. */
  | { readonly kind: 'invalid-event'; readonly message: string };

/** The outcome of a target's input shaping for an event, as the page shows it. */
export type TargetOutcome =
  /** `text` is exactly what `eventbridge-matcher transform` prints (no newline added). */
  | { readonly kind: 'input'; readonly text: string }
  /** The target would receive nothing (`transform` exits 1); `message` is what it prints on stderr. */
  | { readonly kind: 'nothing'; readonly message: string }
  /** The target or the event is unusable (`transform` exits 2); `message` says which and why. */
  | { readonly kind: 'invalid'; readonly message: string };

/**
 * An error's message, with its `reason` added when the message does not already say it (the same
 * text the CLI prints for library errors).
 *
 * @param error - A library error.
 * @returns One line (or more, for AWS's located pattern errors) for people.
 */
export function describeError(error: EventBridgeError): string {
  const reason = (error as { readonly reason?: unknown }).reason;
  return typeof reason === 'string' && reason !== '' && !error.message.includes(reason)
    ? `${error.message} (${reason})`
    : error.message;
}

/**
 * Tests an event against a pattern and explains the verdict, as `eventbridge-matcher test` does.
 *
 * @param patternText - The pattern as typed.
 * @param eventText - The event as typed (the envelope fields TestEventPattern insists on are optional).
 * @returns The verdict and its explanation text, or why the pattern or the event is invalid.
 * @throws Only errors that are not the library's (bugs).
 */
export function evaluatePattern(patternText: string, eventText: string): PatternOutcome {
  let parsed: ParsedPattern;
  try {
    parsed = parsePattern(patternText);
  } catch (error) {
    if (!(error instanceof InvalidEventPatternError)) throw error;
    return { kind: 'invalid-pattern', message: error.message, location: error.location };
  }
  try {
    const explanation = explainEventPattern(parsed, eventText);
    return { kind: 'verdict', matches: explanation.matches, text: formatExplanation(explanation).trimEnd() };
  } catch (error) {
    if (error instanceof EventBridgeError) return { kind: 'invalid-event', message: describeError(error) };
    throw error;
  }
}

/**
 * Whether an event matches a pattern already parsed (for listing recent events against a rule).
 *
 * @param pattern - A parsed pattern.
 * @param eventText - The event's JSON text.
 * @returns The verdict, or `undefined` when the event cannot be read.
 */
export function matchesParsed(pattern: ParsedPattern, eventText: string): boolean | undefined {
  try {
    return explainEventPattern(pattern, eventText).matches;
  } catch (error) {
    if (error instanceof EventBridgeError) return undefined;
    throw error;
  }
}

export { parsePattern };

/**
 * Shapes a target's input for an event, as `eventbridge-matcher transform` does.
 *
 * @param targetText - The target as JSON (`{"Id":..., "InputTransformer": {...}}`), as in PutTargets.
 * @param eventText - The event (the envelope a rule matched).
 * @param context - Rule name and ARN, ingestion time (as `--rule-name`, `--rule-arn`, `--ingestion-time`).
 * @returns What the target receives, or why it receives nothing, or what is wrong with the input.
 * @throws Only errors that are not the library's (bugs).
 */
export function evaluateTarget(targetText: string, eventText: string, context: TargetInputContext = {}): TargetOutcome {
  let target: unknown;
  try {
    target = JSON.parse(targetText);
  } catch (error) {
    return { kind: 'invalid', message: `invalid target: not JSON: ${(error as Error).message}` };
  }
  if (typeof target !== 'object' || target === null || Array.isArray(target)) {
    return { kind: 'invalid', message: 'invalid target: a target must be a JSON object' };
  }
  try {
    return { kind: 'input', text: transformTargetInput(target as TargetInputSpec, eventText, context) };
  } catch (error) {
    if (error instanceof TargetInputError) return { kind: 'nothing', message: `the target receives nothing: ${error.message}` };
    if (error instanceof EventBridgeError) {
      const what = error instanceof InvalidEventError ? 'invalid event' : 'invalid target';
      return { kind: 'invalid', message: `${what}:\n${error.name}: ${describeError(error)}` };
    }
    throw error;
  }
}
