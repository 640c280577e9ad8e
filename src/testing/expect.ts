/**
 * Custom matchers for jest-compatible `expect.extend` (jest, vitest, bun): `toMatchEventPattern`
 * and `toBeValidEventPattern`. Framework-neutral: nothing here imports a test runner. Failure
 * messages are the library's explanation (formatExplanation) or AWS's validation error verbatim.
 */

import { InvalidEventPatternError } from '../errors.js';
import { explainEventPattern, formatExplanation } from '../explain/explain.js';
import type { ParsedPattern } from '../pattern/ast.js';
import { checkEventPattern, parsePattern } from '../pattern/parse.js';
import { ruleMatchers } from './rule-matchers.js';
import type { RuleMatchers } from './rule-matchers.js';
import { deliveryMatchers } from './deliver.js';
import type { DeliveryMatchers } from './deliver.js';
import { asJsonInput, indent } from './message-text.js';

/**
 * The typed surface of the matchers, to merge into a test runner's matcher interface.
 *
 * `R` is the runner's return type (jest: `R`; vitest: whatever `Assertion<T>` returns).
 *
 * `import 'eventbridge-matcher/jest'` and `import 'eventbridge-matcher/vitest'` merge it for you
 * (jest: both `@types/jest` and `@jest/globals`); another runner merges it into its own interface.
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
    const parsed = parseForMatcher(pattern);
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

  /** `expect(event).toMatchRule(ruleName, { rules })`: see {@link RuleMatchers}. */
  toMatchRule: ruleMatchers.toMatchRule,
};

/** `toMatchRule`, against rules loaded from infrastructure code (./rule-matchers.ts), merges in here. */
export interface EventBridgeMatchers<R = unknown> extends RuleMatchers<R> {}

/** The part of a jest-compatible `expect` that {@link registerEventBridgeMatchers} uses. */
export interface ExpectLike {
  extend(matchers: typeof eventBridgeMatchers): void;
  readonly not?: object;
}

/**
 * Registers the matchers on a jest-compatible `expect` (jest, vitest), like
 * `expect.extend(eventBridgeMatchers)`, and replaces the asymmetric form
 * `expect.toMatchEventPattern(pattern)` with one that prints the pattern as JSON and, after a
 * comparison, the explanation of its verdict (jest's own form prints `toMatchEventPattern<[object Object]>`).
 *
 * @param expect - The runner's `expect`.
 *
 * @example
 * ```ts
 * import { expect } from '@jest/globals';
 * import { registerEventBridgeMatchers } from 'eventbridge-matcher/expect';
 * registerEventBridgeMatchers(expect);
 * expect({ detail: { source: 'aws.ec2' } }).toEqual({ detail: expect.toMatchEventPattern({ source: ['aws.ec2'] }) });
 * ```
 */
export function registerEventBridgeMatchers(expect: ExpectLike): void {
  expect.extend(eventBridgeMatchers);
  const define = (target: object, inverse: boolean): void => {
    Object.defineProperty(target, 'toMatchEventPattern', {
      configurable: true,
      enumerable: true,
      writable: true,
      value: (pattern: string | object) => new EventPatternMatcher(pattern, inverse),
    });
  };
  define(expect, false);
  if (typeof expect.not === 'object' && expect.not !== null) define(expect.not, true);
}

/**
 * The asymmetric `expect.toMatchEventPattern(pattern)`: equal to any event the pattern matches
 * (with `expect.not`, to any it does not). Recognised by jest and vitest through `asymmetricMatch` and
 * the `$$typeof` tag their printers look for. A value that is not a valid event does not match; an
 * invalid pattern throws AWS's error.
 */
export class EventPatternMatcher {
  /** The tag jest's and vitest's printers use to call {@link EventPatternMatcher.toAsymmetricMatcher}. */
  readonly $$typeof: symbol = Symbol.for('jest.asymmetricMatcher');
  // Plain properties, not #private ones: jest copies matchers (own properties and prototype) when
  // it prints a diff, and calls the copy's methods.
  /** The pattern, parsed (and so validated) when the matcher is made. */
  readonly pattern: ParsedPattern;
  /** The explanation of the last comparison, one line, for the failure message. */
  lastExplanation: string | undefined;
  /** `true` for `expect.not.toMatchEventPattern`. */
  readonly inverse: boolean;

  /**
   * @param pattern - The event pattern, as JSON text or object.
   * @param inverse - `true` for `expect.not.toMatchEventPattern`.
   * @throws Error with AWS's message when the pattern is not valid.
   */
  constructor(pattern: string | object, inverse = false) {
    this.pattern = parseForMatcher(pattern);
    this.inverse = inverse;
  }

  /**
   * @param other - The value compared with the matcher.
   * @returns Whether it is an event the pattern matches (does not match, for the inverse).
   */
  asymmetricMatch(other: unknown): boolean {
    let matches: boolean;
    try {
      const explanation = explainEventPattern(this.pattern, asJsonInput(other));
      matches = explanation.matches;
      this.lastExplanation = oneLine(formatExplanation(explanation));
    } catch (error) {
      matches = false;
      this.lastExplanation = `not a valid event: ${(error as Error).message}`;
    }
    return this.inverse ? !matches : matches;
  }

  /** @returns `toMatchEventPattern` or `not.toMatchEventPattern`. */
  toString(): string {
    return `${this.inverse ? 'not.' : ''}toMatchEventPattern`;
  }

  /** @returns The type the runner's diff expects. */
  getExpectedType(): string {
    return 'object';
  }

  /** @returns The matcher as a diff shows it: the pattern's text and the last comparison's explanation. */
  toAsymmetricMatcher(): string {
    const shown = `${this.toString()}<${this.pattern.text}>`;
    return this.lastExplanation === undefined ? shown : `${shown} (${this.lastExplanation})`;
  }

  /** vitest formats assertion messages with chai's inspector, which calls this. */
  [Symbol.for('chai/inspect')](): string {
    return this.toAsymmetricMatcher();
  }
}

function parseForMatcher(pattern: unknown): ParsedPattern {
  try {
    return parsePattern(asJsonInput(pattern));
  } catch (error) {
    if (!(error instanceof InvalidEventPatternError)) throw error;
    throw new Error(`toMatchEventPattern: the event pattern is not valid:\n${error.message}`, { cause: error });
  }
}

/** An explanation on one line: `No match: source: wanted "a", had "b" (string)`. */
function oneLine(text: string): string {
  const [head = '', ...rest] = text.split('\n').map((line) => line.trim());
  return rest.length === 0 ? head : `${head.replace(/\.$/, ':')} ${rest.join('; ')}`;
}
