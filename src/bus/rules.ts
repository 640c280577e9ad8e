/**
 * Rules: PutRule, DeleteRule, DescribeRule, ListRules, EnableRule, DisableRule (docs/putevents.md §11), and
 * finding the rule a request names (used by the targets operations too). Every change of a rule's
 * pattern or state goes through {@link syncMatcher}, and DeleteRule takes the rule out of its bus's
 * matcher, so the matcher stays exact.
 */

import { parsePattern } from '../pattern/parse.js';
import { pageBounds, readPage } from './pages.js';
import { isValidScheduleExpression } from './schedule.js';
import { DEFAULT_BUS, findBus, ruleArn, ruleOn, syncMatcher } from './state.js';
import type { BridgeState, BusRecord, RuleRecord } from './state.js';
import { mergeTags, readTags } from './tags.js';
import type {
  DeleteRuleRequest,
  DescribeRuleResponse,
  ListRulesRequest,
  ListRulesResponse,
  PutRuleRequest,
  PutRuleResponse,
  Rule,
  RuleRef,
  RuleState,
} from './types.js';
import {
  BUS_NAME_OR_ARN_PATTERN,
  Constraints,
  NAME_PATTERN,
  member,
  optionalString,
  requestObject,
  validationError,
} from './validation.js';

const RULE_STATES: readonly RuleState[] = ['ENABLED', 'DISABLED', 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS'];

/** PutRule; see {@link EventBridge.putRule}. */
export function putRule(state: BridgeState, input: PutRuleRequest): PutRuleResponse {
  const req = requestObject(input);
  const name = optionalString(member(req, 'Name'), 'Name');
  const schedule = optionalString(member(req, 'ScheduleExpression'), 'ScheduleExpression');
  const pattern = optionalString(member(req, 'EventPattern'), 'EventPattern');
  const ruleState = optionalString(member(req, 'State'), 'State');
  const description = optionalString(member(req, 'Description'), 'Description');
  const roleArn = optionalString(member(req, 'RoleArn'), 'RoleArn');
  const busName = optionalString(member(req, 'EventBusName'), 'EventBusName');
  const tags = readTags(member(req, 'Tags'));
  const c = new Constraints();
  c.required(name, 'name');
  c.text(name, 'name', 1, 64, NAME_PATTERN);
  c.text(schedule, 'scheduleExpression', 0, 256);
  c.oneOf(ruleState, 'state', RULE_STATES);
  c.text(description, 'description', 0, 512);
  c.text(roleArn, 'roleArn', 1, 1600);
  c.text(busName, 'eventBusName', 1, 1600, BUS_NAME_OR_ARN_PATTERN);
  c.throwIfAny();
  if (pattern === undefined && schedule === undefined) {
    throw validationError('Parameter(s) EventPattern or ScheduleExpression must be specified.');
  }
  const bus = findBus(state, busName);
  if (schedule !== undefined) {
    if (bus.name !== DEFAULT_BUS) throw validationError('ScheduleExpression is supported only on the default event bus.');
    if (!isValidScheduleExpression(schedule)) throw validationError('Parameter ScheduleExpression is not valid.');
  }
  const parsed = pattern === undefined ? undefined : parsePattern(pattern, state.patternOptions);
  const ruleName = name as string;
  let rule = bus.rules.get(ruleName);
  // Merged (and checked against the limit) before anything changes.
  const mergedTags = tags === undefined ? undefined : mergeTags(rule?.tags ?? [], tags);

  if (rule === undefined) {
    rule = {
      name: ruleName,
      arn: ruleArn(state, bus.name, ruleName),
      busName: bus.name,
      eventPattern: undefined,
      parsed: undefined,
      scheduleExpression: undefined,
      state: 'ENABLED',
      description: undefined,
      roleArn: undefined,
      tags: undefined,
      targets: new Map(),
    };
    bus.rules.set(rule);
  }
  // AWS: members omitted from PutRule are not kept from the previous version.
  rule.eventPattern = pattern;
  rule.parsed = parsed;
  rule.scheduleExpression = schedule;
  rule.state = (ruleState as RuleState | undefined) ?? 'ENABLED';
  rule.description = description;
  rule.roleArn = roleArn;
  if (mergedTags !== undefined) rule.tags = mergedTags;
  syncMatcher(bus, rule);
  state.scheduler.ruleChanged(rule);
  return { RuleArn: rule.arn };
}

/** DeleteRule; see {@link EventBridge.deleteRule}. */
export function deleteRule(state: BridgeState, input: DeleteRuleRequest): Record<string, never> {
  const { bus, name } = readRuleRef(state, requestObject(input), 'Name', new Constraints());
  const rule = bus.rules.get(name);
  if (rule === undefined) return {};
  if (rule.targets.size > 0) throw validationError("Rule can't be deleted since it has targets.");
  bus.rules.delete(name);
  bus.matcher.deleteRule(name);
  return {};
}

/** DescribeRule; see {@link EventBridge.describeRule}. */
export function describeRule(state: BridgeState, input: RuleRef): DescribeRuleResponse {
  const { rule } = findRule(state, requestObject(input), 'Name', new Constraints());
  const out: DescribeRuleResponse = { Name: rule.name, Arn: rule.arn } as DescribeRuleResponse;
  if (rule.eventPattern !== undefined) out.EventPattern = rule.eventPattern;
  if (rule.scheduleExpression !== undefined) out.ScheduleExpression = rule.scheduleExpression;
  out.State = rule.state;
  if (rule.description !== undefined) out.Description = rule.description;
  if (rule.roleArn !== undefined) out.RoleArn = rule.roleArn;
  out.EventBusName = rule.busName;
  out.CreatedBy = state.account;
  return out;
}

/**
 * ListRules; see {@link EventBridge.listRules}. The bus keeps its rule names sorted between
 * changes, so a page costs its own size plus a binary search, not a sort of every rule.
 */
export function listRules(state: BridgeState, input: ListRulesRequest): ListRulesResponse {
  const req = requestObject(input);
  const prefix = optionalString(member(req, 'NamePrefix'), 'NamePrefix');
  const busName = optionalString(member(req, 'EventBusName'), 'EventBusName');
  const c = new Constraints();
  c.text(prefix, 'namePrefix', 1, 64, NAME_PATTERN);
  c.text(busName, 'eventBusName', 1, 1600, BUS_NAME_OR_ARN_PATTERN);
  const { nextToken, limit } = readPage(req, c);
  c.throwIfAny();
  const rules = findBus(state, busName).rules.withPrefix(prefix);
  const { start, end, next } = pageBounds(rules.count, nextToken, limit);
  const out: ListRulesResponse = { Rules: rules.slice(start, end).map(ruleView) };
  if (next !== undefined) out.NextToken = next;
  return out;
}

/** EnableRule (`state` ENABLED) and DisableRule (`state` DISABLED); see {@link EventBridge.enableRule}. */
export function setRuleState(state: BridgeState, input: RuleRef, ruleState: RuleState): Record<string, never> {
  const { bus, rule } = findRule(state, requestObject(input), 'Name', new Constraints());
  rule.state = ruleState;
  syncMatcher(bus, rule);
  return {};
}

/**
 * Reads `{ <ruleKey>, EventBusName? }` of a request, checks their model constraints together with
 * those `c` already holds, and finds the rule.
 *
 * @param state - The instance.
 * @param req - The request object.
 * @param ruleKey - `Name` (rule operations) or `Rule` (target operations).
 * @param c - Constraints collected so far from the request's other members.
 * @returns The bus and the rule.
 * @throws {@link EventBridgeError} `ValidationException` for the collected violations;
 *   `ResourceNotFoundException` for an unknown bus or `Rule <name> does not exist on EventBus <bus>.`
 */
export function findRule(
  state: BridgeState,
  req: Readonly<Record<string, unknown>>,
  ruleKey: 'Name' | 'Rule',
  c: Constraints,
): { bus: BusRecord; rule: RuleRecord } {
  const { bus, name } = readRuleRef(state, req, ruleKey, c);
  return { bus, rule: ruleOn(bus, name) };
}

function readRuleRef(
  state: BridgeState,
  req: Readonly<Record<string, unknown>>,
  ruleKey: 'Name' | 'Rule',
  c: Constraints,
): { bus: BusRecord; name: string } {
  const name = optionalString(member(req, ruleKey), ruleKey);
  const busName = optionalString(member(req, 'EventBusName'), 'EventBusName');
  const wire = ruleKey === 'Name' ? 'name' : 'rule';
  c.required(name, wire);
  c.text(name, wire, 1, 64, NAME_PATTERN);
  c.text(busName, 'eventBusName', 1, 1600, BUS_NAME_OR_ARN_PATTERN);
  c.throwIfAny();
  return { bus: findBus(state, busName), name: name as string };
}

function ruleView(rule: RuleRecord): Rule {
  const out = { Name: rule.name, Arn: rule.arn } as Rule;
  if (rule.eventPattern !== undefined) out.EventPattern = rule.eventPattern;
  out.State = rule.state;
  if (rule.description !== undefined) out.Description = rule.description;
  if (rule.scheduleExpression !== undefined) out.ScheduleExpression = rule.scheduleExpression;
  if (rule.roleArn !== undefined) out.RoleArn = rule.roleArn;
  out.EventBusName = rule.busName;
  return out;
}
