/**
 * Checks the patterns of loaded rules as PutRule would, locating each error in the infrastructure
 * file: the line of the rule's pattern.
 */

import { checkEventPattern } from '../pattern/parse.js';
import type { InfrastructureRule, SourceLocation } from './types.js';

/** A rule whose pattern AWS would reject. */
export interface RuleProblem {
  readonly rule: InfrastructureRule;
  /** Where the pattern is written. */
  readonly location: SourceLocation;
  /** AWS's message (`Event pattern is not valid. Reason: ...`). */
  readonly message: string;
}

/**
 * Checks every rule's event pattern.
 *
 * @example
 * ```ts
 * import { checkRules, loadRules } from 'eventbridge-matcher/iac';
 * for (const p of checkRules(await loadRules('template.yaml'))) {
 *   console.log(`${p.location.file}:${p.location.line}: ${p.rule.name}: ${p.message}`);
 * }
 * ```
 *
 * @param rules - Loaded rules (schedule-only rules have nothing to check).
 * @returns One problem per invalid pattern, in rule order.
 */
export function checkRules(rules: readonly InfrastructureRule[]): RuleProblem[] {
  const problems: RuleProblem[] = [];
  for (const rule of rules) {
    if (rule.pattern === undefined) continue;
    const problem = checkEventPattern(rule.pattern);
    if (problem !== null) problems.push({ rule, location: rule.patternLocation ?? rule.location, message: problem.message });
  }
  return problems;
}

/**
 * Finds a rule by name, logical id, or CDK construct path (`Stack/Construct`, or its last part).
 *
 * @param rules - Loaded rules.
 * @param name - What to look for.
 * @returns The rule, or `undefined`.
 */
export function findRule(rules: readonly InfrastructureRule[], name: string): InfrastructureRule | undefined {
  return (
    rules.find((r) => r.name === name) ??
    rules.find((r) => r.logicalId === name) ??
    rules.find((r) => r.constructPath === name) ??
    rules.find((r) => r.constructPath !== undefined && r.constructPath.endsWith(`/${name}`))
  );
}
