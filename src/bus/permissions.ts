/**
 * A bus's resource policy: PutPermission and RemovePermission. The statements are kept on the bus
 * and shown as its `Policy` (JSON text) by DescribeEventBus; nothing here checks callers against
 * them (the emulator accepts every caller).
 */

import { findBus } from './state.js';
import type { BridgeState } from './state.js';
import {
  BUS_NAME_OR_ARN_PATTERN,
  Constraints,
  member,
  notFoundError,
  objectMember,
  optionalString,
  requestObject,
  serializationError,
  validationError,
} from './validation.js';
import type { PolicyStatement, BusPolicy } from './records.js';
export type { PolicyStatement, BusPolicy } from './records.js';

/** PutPermission's `Condition`. */
export interface PermissionCondition {
  Type: string;
  Key: string;
  Value: string;
}

/** PutPermission input: either a whole `Policy` (JSON text), or one statement's members. */
export interface PutPermissionRequest {
  EventBusName?: string | undefined;
  Action?: string | undefined;
  Principal?: string | undefined;
  StatementId?: string | undefined;
  Condition?: PermissionCondition | undefined;
  Policy?: string | undefined;
}

/** RemovePermission input. */
export interface RemovePermissionRequest {
  StatementId?: string | undefined;
  RemoveAllPermissions?: boolean | undefined;
  EventBusName?: string | undefined;
}

/** PutPermission; see {@link EventBridge.putPermission}. */
export function putPermission(state: BridgeState, input: PutPermissionRequest): Record<string, never> {
  const req = requestObject(input);
  const busName = optionalString(member(req, 'EventBusName'), 'EventBusName');
  const action = optionalString(member(req, 'Action'), 'Action');
  const principal = optionalString(member(req, 'Principal'), 'Principal');
  const sid = optionalString(member(req, 'StatementId'), 'StatementId');
  const policy = optionalString(member(req, 'Policy'), 'Policy');
  const conditionValue = member(req, 'Condition');
  const c = new Constraints();
  c.text(busName, 'eventBusName', 1, 256, BUS_NAME_OR_ARN_PATTERN);
  c.text(action, 'action', 1, 64, 'events:[a-zA-Z]+');
  c.text(principal, 'principal', 1, 12, '(\\d{12}|\\*)');
  c.text(sid, 'statementId', 1, 64, '[a-zA-Z0-9-_]+');
  c.throwIfAny();
  const bus = findBus(state, busName);
  if (policy !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(policy);
    } catch {
      throw validationError('Parameter Policy is not valid: it is not JSON.');
    }
    const doc = parsed as Partial<BusPolicy> | null;
    if (doc === null || typeof doc !== 'object' || !Array.isArray(doc.Statement)) {
      throw validationError('Parameter Policy is not valid: it needs a Statement list.');
    }
    bus.policy = { Version: typeof doc.Version === 'string' ? doc.Version : '2012-10-17', Statement: doc.Statement };
    return {};
  }
  if (action === undefined || principal === undefined || sid === undefined) {
    throw validationError('Parameter(s) Action, Principal and StatementId must be specified, or Policy.');
  }
  const statement: PolicyStatement = {
    Sid: sid,
    Effect: 'Allow',
    Principal: principal === '*' ? '*' : { AWS: `arn:aws:iam::${principal}:root` },
    Action: action,
    Resource: bus.arn,
  };
  if (conditionValue !== undefined && conditionValue !== null) {
    const cond = objectMember(conditionValue, 'Condition');
    const type = optionalString(member(cond, 'Type'), 'Condition.Type');
    const key = optionalString(member(cond, 'Key'), 'Condition.Key');
    const value = optionalString(member(cond, 'Value'), 'Condition.Value');
    if (type === undefined || key === undefined || value === undefined) throw serializationError('Condition', 'a structure with Type, Key and Value');
    statement['Condition'] = { [type]: { [key]: value } };
  }
  const statements = (bus.policy?.Statement ?? []).filter((s) => s['Sid'] !== sid);
  statements.push(statement);
  bus.policy = { Version: '2012-10-17', Statement: statements };
  return {};
}

/** RemovePermission; see {@link EventBridge.removePermission}. */
export function removePermission(state: BridgeState, input: RemovePermissionRequest): Record<string, never> {
  const req = requestObject(input);
  const sid = optionalString(member(req, 'StatementId'), 'StatementId');
  const all = member(req, 'RemoveAllPermissions');
  const busName = optionalString(member(req, 'EventBusName'), 'EventBusName');
  if (all !== undefined && all !== null && typeof all !== 'boolean') throw serializationError('RemoveAllPermissions', 'a boolean');
  const c = new Constraints();
  c.text(sid, 'statementId', 1, 64, '[a-zA-Z0-9-_]+');
  c.text(busName, 'eventBusName', 1, 256, BUS_NAME_OR_ARN_PATTERN);
  c.throwIfAny();
  const bus = findBus(state, busName);
  if (all === true) {
    bus.policy = undefined;
    return {};
  }
  if (sid === undefined) throw validationError('Parameter StatementId must be specified unless RemoveAllPermissions is true.');
  if (bus.policy === undefined) throw notFoundError('EventBus does not have a policy.');
  const kept = bus.policy.Statement.filter((s) => s['Sid'] !== sid);
  if (kept.length === bus.policy.Statement.length) throw notFoundError('Statement with the provided id does not exist.');
  bus.policy = kept.length === 0 ? undefined : { Version: bus.policy.Version, Statement: kept };
  return {};
}
