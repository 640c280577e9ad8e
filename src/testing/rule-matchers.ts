/**
 * `expect(event).toMatchRule(ruleName, { rules })`: tests an event against a rule as deployed, with
 * the rules loaded from infrastructure code (`loadRules` of `eventbridge-matcher/iac`). A disabled
 * rule never matches, as in EventBridge. Framework-neutral, like ./expect.ts, which registers it.
 */

import { InvalidEventPatternError } from '../errors.js';
import { explainEventPattern, formatExplanation } from '../explain/explain.js';
import { findRule } from '../iac/check.js';
import type { ParsedPattern } from '../pattern/ast.js';
import { parsePattern } from '../pattern/parse.js';
import { asJsonInput, indent } from './message-text.js';

/** The members of a loaded rule that {@link ruleMatchers} reads (an `InfrastructureRule` has them). */
export interface RuleLike {
  readonly name: string;
  readonly logicalId?: string;
  readonly constructPath?: string;
  readonly bus?: string;
  readonly pattern?: string;
  readonly schedule?: string;
  readonly state?: string;
}

/** Where {@link RuleMatchers.toMatchRule} looks the rule up. */
export interface RuleMatcherOptions {
  /** The rules, as `loadRules` returns them. */
  readonly rules: readonly RuleLike[];
}

/** The typed surface of the rule matcher. */
export interface RuleMatchers<R = unknown> {
  /**
   * Passes when the received event (JSON text or object) matches the rule's event pattern and the
   * rule is enabled. The rule is found by name, then logical id, then CDK construct path (whole,
   * or its last part).
   *
   * @example
   * ```ts
   * const rules = await loadRules('template.yaml');
   * expect(event).toMatchRule('OrderPlacedRule', { rules });
   * ```
   *
   * @param ruleName - The rule's name, logical id or construct path.
   * @param options - `{ rules }`. A rule that is not there, or has no pattern, fails the assertion
   *   (with or without `.not`) naming the rules there are.
   */
  toMatchRule(ruleName: string, options: RuleMatcherOptions): R;
}

/** The matcher, for `expect.extend` (./expect.ts includes it in `eventBridgeMatchers`). */
export const ruleMatchers = {
  /**
   * `expect(event).toMatchRule(ruleName, { rules })`.
   *
   * @param received - The event: JSON text or an object.
   * @param ruleName - The rule's name, logical id or construct path.
   * @param options - `{ rules }`.
   * @returns The verdict, with the explanation as the message.
   * @throws Error for a missing rule, a rule without a pattern, an invalid pattern or event.
   */
  toMatchRule(this: unknown, received: unknown, ruleName: unknown, options: unknown): { pass: boolean; message: () => string } {
    const rules = (options as { rules?: unknown } | null | undefined)?.rules;
    if (!Array.isArray(rules)) throw new Error('toMatchRule: pass the loaded rules as { rules }, e.g. { rules: await loadRules("template.yaml") }');
    const name = String(ruleName);
    const rule = findRule(rules as readonly RuleLike[], name);
    if (rule === undefined) {
      const names = (rules as RuleLike[]).map((r) => r.name).join(', ');
      throw new Error(`toMatchRule: no rule ${JSON.stringify(name)} (rules: ${names || 'none'})`);
    }
    const label = `rule ${JSON.stringify(rule.name)}${rule.bus === undefined || rule.bus === 'default' ? '' : ` on bus ${JSON.stringify(rule.bus)}`}`;
    if (rule.pattern === undefined) {
      throw new Error(`toMatchRule: ${label} has no event pattern${rule.schedule === undefined ? '' : ` (it runs on the schedule ${rule.schedule})`}`);
    }
    let parsed: ParsedPattern;
    try {
      parsed = parsePattern(rule.pattern);
    } catch (error) {
      if (!(error instanceof InvalidEventPatternError)) throw error;
      throw new Error(`toMatchRule: the event pattern of ${label} is not valid:\n${error.message}`, { cause: error });
    }
    let explanation;
    try {
      explanation = explainEventPattern(parsed, asJsonInput(received));
    } catch (error) {
      throw new Error(`toMatchRule: the received event is not valid: ${(error as Error).message}`, { cause: error });
    }
    const text = formatExplanation(explanation).trimEnd();
    if (rule.state === 'DISABLED') {
      return {
        pass: false,
        message: () => `expected the event to match ${label}, but the rule is DISABLED: a disabled rule matches nothing (its pattern alone says:\n${indent(text)})`,
      };
    }
    return {
      pass: explanation.matches,
      message: () =>
        explanation.matches
          ? `expected the event not to match ${label}, but it does:\n${indent(text)}`
          : `expected the event to match ${label}, but it does not:\n${indent(text)}`,
    };
  },
};
