/**
 * Targets of rules: PutTargets, RemoveTargets, ListTargetsByRule. Targets are stored on their
 * rule and listed; invoking them is the event path's delivery step (`event-path.ts`, `delivery.ts`).
 */

import { EventBridgeError } from '../errors.js';
import { validateTargetDeliveryConfig, validateTargetInput } from '../targets/index.js';
import { paginate, readPage } from './pages.js';
import { findRule } from './rules.js';
import type { BridgeState } from './state.js';
import type { ListTargetsByRuleRequest, ListTargetsByRuleResponse, PutTargetsRequest, RemoveTargetsRequest, Target, TargetsResponse } from './types.js';
import {
  Constraints,
  NAME_PATTERN,
  member,
  objectMember,
  optionalString,
  requestObject,
  serializationError,
} from './validation.js';

const MAX_TARGETS_PER_RULE = 5;

/** PutTargets; see {@link EventBridge.putTargets}. */
export function putTargets(state: BridgeState, input: PutTargetsRequest): TargetsResponse {
  const req = requestObject(input);
  const raw = member(req, 'Targets');
  const c = new Constraints();
  if (c.required(raw, 'targets') && !Array.isArray(raw)) throw serializationError('Targets', 'a list');
  const targets: Target[] = [];
  const list = (raw ?? []) as readonly unknown[];
  list.forEach((t, i) => {
    const record = objectMember(t, `Targets[${i}]`);
    const id = optionalString(member(record, 'Id'), 'Id');
    const arn = optionalString(member(record, 'Arn'), 'Arn');
    const at = `targets.${i + 1}.member`;
    c.required(id, `${at}.id`);
    c.text(id, `${at}.id`, 1, 64, NAME_PATTERN);
    c.required(arn, `${at}.arn`);
    c.text(arn, `${at}.arn`, 1, 1600);
    targets.push({ ...record, Id: id ?? '', Arn: arn ?? '' });
  });
  if (Array.isArray(raw)) {
    c.count(targets.length, `[${targets.map((t) => `Target(id=${t.Id}, arn=${t.Arn})`).join(', ')}]`, 'targets', 1, 100);
  }
  const { rule } = findRule(state, req, 'Rule', c);
  // Input members, RetryPolicy and DeadLetterConfig: AWS's constraint and operation messages (src/targets/).
  for (let i = 0; i < list.length; i++) {
    const problem = validateTargetInput(list[i], i + 1) ?? validateTargetDeliveryConfig(list[i], i + 1);
    if (problem !== undefined) throw new EventBridgeError(problem.code, problem.message);
  }
  const ids = new Set([...rule.targets.keys(), ...targets.map((t) => t.Id)]);
  if (ids.size > MAX_TARGETS_PER_RULE) {
    throw new EventBridgeError('LimitExceededException', 'The requested resource exceeds the maximum number allowed.');
  }
  for (const t of targets) rule.targets.set(t.Id, t);
  return { FailedEntryCount: 0, FailedEntries: [] };
}

/** RemoveTargets; see {@link EventBridge.removeTargets}. */
export function removeTargets(state: BridgeState, input: RemoveTargetsRequest): TargetsResponse {
  const req = requestObject(input);
  const raw = member(req, 'Ids');
  const c = new Constraints();
  if (c.required(raw, 'ids') && (!Array.isArray(raw) || !raw.every((id) => typeof id === 'string'))) {
    throw serializationError('Ids', 'a list of strings');
  }
  const ids = (raw ?? []) as readonly string[];
  ids.forEach((id, i) => c.text(id, `ids.${i + 1}.member`, 1, 64, NAME_PATTERN));
  if (Array.isArray(raw)) c.count(ids.length, `[${ids.join(', ')}]`, 'ids', 1, 100);
  const { rule } = findRule(state, req, 'Rule', c);
  for (const id of ids) rule.targets.delete(id);
  return { FailedEntryCount: 0, FailedEntries: [] };
}

/** ListTargetsByRule; see {@link EventBridge.listTargetsByRule}. */
export function listTargetsByRule(state: BridgeState, input: ListTargetsByRuleRequest): ListTargetsByRuleResponse {
  const req = requestObject(input);
  const c = new Constraints();
  const { nextToken, limit } = readPage(req, c);
  const { rule } = findRule(state, req, 'Rule', c);
  const { page, next } = paginate([...rule.targets.values()], nextToken, limit);
  const out: ListTargetsByRuleResponse = { Targets: page.map((t) => ({ ...t })) };
  if (next !== undefined) out.NextToken = next;
  return out;
}
