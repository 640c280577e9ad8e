/**
 * Checks the patterns of loaded rules as PutRule would, locating each error in the infrastructure
 * file: the line of the pattern member where AWS's error location falls, else the pattern's line.
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
    if (problem !== null) {
      const location = rule.patternLocation ?? rule.location;
      problems.push({ rule, location: { file: location.file, line: patternLine(rule, problem.location) }, message: problem.message });
    }
  }
  return problems;
}

/**
 * Finds a rule by name, logical id, or CDK construct path (`Stack/Construct`, or its last part).
 *
 * @param rules - Loaded rules (or anything with their naming members, as the test matchers take).
 * @param name - What to look for.
 * @returns The rule, or `undefined`.
 */
export function findRule<R extends Pick<InfrastructureRule, 'name'> & Partial<Pick<InfrastructureRule, 'logicalId' | 'constructPath'>>>(
  rules: readonly R[],
  name: string,
): R | undefined {
  return (
    rules.find((r) => r.name === name) ??
    rules.find((r) => r.logicalId === name) ??
    rules.find((r) => r.constructPath === name) ??
    rules.find((r) => r.constructPath !== undefined && r.constructPath.endsWith(`/${name}`))
  );
}

/**
 * The line in the infrastructure file of a location inside a rule's pattern text (AWS gives error
 * locations as line and column of the pattern): the line of the last member key that starts at or
 * before it. Without a location, or for a pattern written as a JSON string, the pattern's line.
 *
 * @param rule - A loaded rule.
 * @param location - Line and column (1-based) in `rule.pattern`.
 * @returns A line of `rule.location.file`.
 */
export function patternLine(rule: InfrastructureRule, location: { readonly line: number; readonly column: number } | undefined): number {
  const start = (rule.patternLocation ?? rule.location).line;
  const keys = rule.patternKeyLines;
  if (location === undefined || keys === undefined || rule.pattern === undefined) return start;
  // The written pattern text is one line; a location on another line cannot come from it.
  if (location.line !== 1) return start;
  const offset = location.column - 1;
  let line = start;
  for (const key of keys) {
    if (key.offset > offset) break;
    line = key.line;
  }
  return line;
}
