/**
 * eventbridge-matcher: Amazon EventBridge event-pattern matching in-process.
 *
 * - {@link testEventPattern} / {@link checkEventPattern}: one pattern, AWS-exact validation.
 * - {@link Matcher}: many rules compiled into one automaton.
 * - {@link EventBridge}: buses, rules and PutEvents with AWS's request and response shapes.
 * - {@link explainEventPattern}: why an event did or did not match.
 */

export { testEventPattern } from './test-event-pattern.js';
export { checkEventPattern, parsePattern } from './pattern/parse.js';
export type { ParsePatternOptions } from './pattern/parse.js';
export { Matcher } from './match/matcher.js';
export type { MatchOptions } from './match/match-options.js';
export { EventBridge, ManualClock, PermanentDeliveryError, systemClock } from './bus/index.js';
export type * from './bus/index.js';
export type * from './bus/types.js';
export { transformTargetInput, validateTargetInput, TargetInputError } from './targets/index.js';
export type { InputTransformer, TargetInputContext, TargetInputProblem, TargetInputSpec } from './targets/index.js';
export { explainEventPattern, formatExplanation } from './explain/explain.js';
export type { ChosenValue, Explanation, FieldValues, MatchedField, Reason, ReasonKind, ValueDescription } from './explain/explain.js';
export { EventBridgeError, InvalidEventPatternError, isEventBridgeError } from './errors.js';
export type { EventBridgeErrorCode, PatternLocation } from './errors.js';
export { InvalidEventError } from './event/errors.js';
export type {
  AnythingButMatcher,
  CidrMatcher,
  EqualsIgnoreCaseMatcher,
  ExactMatcher,
  ExactlyMatcher,
  ExistsMatcher,
  FieldCondition,
  FieldPath,
  LeafMatcher,
  LiteralMatcher,
  NumberMatcher,
  NumericMatcher,
  ParsedPattern,
  PrefixMatcher,
  SubRule,
  SuffixMatcher,
  WildcardMatcher,
} from './pattern/ast.js';
export type { JsonNumber } from './values/json-number.js';
export type { IpAddress, IpRange } from './values/ip.js';
export type { LeafValue } from './values/leaf-value.js';
