/**
 * Custom matchers for jest-compatible `expect.extend` (jest, vitest, bun): `toMatchEventPattern`
 * and `toBeValidEventPattern`. Framework-neutral: nothing here imports a test runner. Failure
 * messages are the library's explanation (formatExplanation) or AWS's validation error verbatim.
 */

import { InvalidEventPatternError } from '../errors.js';
import { explainEventPattern, formatExplanation } from '../explain/explain.js';
import type { ParsedPattern } from '../pattern/ast.js';
import { checkEventPattern, parsePattern } from '../pattern/parse.js';
import { deliveryMatchers } from './deliver.js';
import type { DeliveryMatchers } from './deliver.js';

/**
 * The typed surface of the matchers, to merge into a test runner's matcher interface.
 *
 * `R` is the runner's return type (jest: `R`; vitest: whatever `Assertion<T>` returns).
 *
 * For jest with `@types/jest`, add to a `.d.ts` in your project:
 * ```ts
 * import type { EventBridgeMatchers } from 'eventbridge-matcher/expect';
 * declare global {
 *   namespace jest {
 *     interface Matchers<R, T = {}> extends EventBridgeMatchers<R> {}
 *     interface Expect extends EventBridgeMatchers<any> {}
 *   }
 * }
 * ```
 * For `@jest/globals`, augment `declare module 'expect' { interface Matchers<R> extends EventBridgeMatchers<R> {} }`.
 */
export interface EventBridgeMatchers<R = unknown> extends DeliveryMatchers<R> {
  /**
   * Passes when the received event (JSON text or object) matches the event pattern. The failure
   * message explains the verdict: each failing field, what the pattern wanted and what the event had.
   *
   * @param pattern - The event pattern, as JSON text or object. An invalid pattern fails the assertion
   *   (with or without `.not`) with AWS's error message.
   */
  toMatchEventPattern(pattern: string | object): R;
  /**
   * Passes when the received value is an event pattern AWS would accept. On failure the message is
   * AWS's error text (`Event pattern is not valid. Reason: ...`).
   */
  toBeValidEventPattern(): R;
}

/** The part of jest's and vitest's matcher `this` that these matchers read. */
export interface MatcherContextLike {
  readonly isNot?: boolean;
}

/** What a matcher returns to `expect.extend`. */
export interface MatcherResult {
  readonly pass: boolean;
  readonly message: () => string;
}

/**
 * The matchers, ready for `expect.extend(eventBridgeMatchers)` in jest or vitest.
 *
 * @example
 * ```ts
 * import { expect } from '@jest/globals';
 * import { eventBridgeMatchers } from 'eventbridge-matcher/expect';
 * expect.extend(eventBridgeMatchers);
 * expect({ source: 'aws.ec2' }).toMatchEventPattern({ source: ['aws.ec2'] });
 * ```
 */
export const eventBridgeMatchers = {
  /** `expect(event).toDeliver(target, expectedInput)`: see {@link DeliveryMatchers}. */
  toDeliver: deliveryMatchers.toDeliver,
  /**
   * `expect(event).toMatchEventPattern(pattern)`.
   *
   * @param received - The event: JSON text or an object.
   * @param pattern - The event pattern: JSON text or an object.
   * @returns The verdict, with the explanation as the message.
   * @throws Error when the pattern or the event is not valid (AWS's message), so that `.not` fails too.
   */
  toMatchEventPattern(this: MatcherContextLike, received: unknown, pattern: unknown): MatcherResult {
    let parsed: ParsedPattern;
    try {
      parsed = parsePattern(asJsonInput(pattern));
    } catch (error) {
      if (!(error instanceof InvalidEventPatternError)) throw error;
      throw new Error(`toMatchEventPattern: the event pattern is not valid:\n${error.message}`, { cause: error });
    }
    let explanation;
    try {
      explanation = explainEventPattern(parsed, asJsonInput(received));
    } catch (error) {
      const reason = (error as { reason?: unknown }).reason;
      const detail = typeof reason === 'string' ? ` (${reason})` : '';
      throw new Error(`toMatchEventPattern: the received event is not valid: ${(error as Error).message}${detail}`, {
        cause: error,
      });
    }
    const text = formatExplanation(explanation).trimEnd();
    return {
      pass: explanation.matches,
      message: () =>
        explanation.matches
          ? `expected the event not to match the event pattern, but it does:\n${indent(text)}`
          : `expected the event to match the event pattern, but it does not:\n${indent(text)}`,
    };
  },

  /**
   * `expect(pattern).toBeValidEventPattern()`.
   *
   * @param received - The event pattern: JSON text or an object.
   * @returns Whether AWS would accept it, with AWS's error as the message.
   */
  toBeValidEventPattern(this: MatcherContextLike, received: unknown): MatcherResult {
    const problem = checkEventPattern(asJsonInput(received));
    return {
      pass: problem === null,
      message: () =>
        problem === null
          ? 'expected the event pattern to be invalid, but AWS would accept it'
          : `expected a valid event pattern, but AWS would reject it:\n${indent(problem.message)}`,
    };
  },
};

/**
 * Patterns and events are text or objects; anything else (a number, `null`, `undefined`) is judged by
 * its JSON text, as AWS would see it, so the library rejects it with its usual message.
 */
function asJsonInput(value: unknown): string | object {
  if (typeof value === 'string' || (typeof value === 'object' && value !== null)) return value;
  return JSON.stringify(value) ?? String(value);
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? line : `  ${line}`))
    .join('\n');
}
