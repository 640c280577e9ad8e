/**
 * `eventbridge-matcher/iac`: rules from infrastructure code. Loads the EventBridge rules that a
 * CloudFormation or SAM template, a CDK cloud assembly (`cdk.out/`), a `serverless.yml` or a
 * Terraform plan or state (`terraform show -json`) deploys, with their bus, pattern, schedule,
 * state, targets and the file and line they come from.
 *
 * A separate entry so the package root keeps zero dependencies: this one uses the `yaml` parser.
 *
 * @packageDocumentation
 */

export { loadRules, loadInfrastructure, parseInfrastructure } from './load.js';
export { detectFormat } from './detect.js';
export { checkRules, findRule, patternLine } from './check.js';
export { deployInfrastructure } from './deploy.js';
export type { RuleHost } from './deploy.js';
export type { RuleProblem } from './check.js';
export { InfrastructureError } from './types.js';
export type {
  Infrastructure,
  InfrastructureBus,
  InfrastructureFormat,
  InfrastructureInputTransformer,
  InfrastructureRule,
  InfrastructureTarget,
  InfrastructureText,
  LoadRulesOptions,
  PatternKeyLine,
  SourceLocation,
} from './types.js';
