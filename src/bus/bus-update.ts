/**
 * UpdateEventBus (what Terraform calls when a bus's description, KMS key, dead-letter queue or log
 * settings change) and ListRuleNamesByTarget (which rules of a bus send to a target ARN).
 */

import { paginate, readPage } from './pages.js';
import { findBus } from './state.js';
import type { BridgeState } from './state.js';
import {
  BUS_NAME_OR_ARN_PATTERN,
  Constraints,
  member,
  objectMember,
  optionalString,
  requestObject,
} from './validation.js';
import type { BusSettings } from './records.js';
export type { BusSettings } from './records.js';

/** UpdateEventBus input; the bus is `default` when `Name` is omitted. */
export interface UpdateEventBusRequest {
  Name?: string | undefined;
  KmsKeyIdentifier?: string | undefined;
  Description?: string | undefined;
  DeadLetterConfig?: { Arn?: string | undefined } | undefined;
  LogConfig?: { IncludeDetail?: string | undefined; Level?: string | undefined } | undefined;
}

/** UpdateEventBus output. */
export interface UpdateEventBusResponse extends BusSettings {
  Arn: string;
  Name: string;
  Description?: string;
}

/** ListRuleNamesByTarget input. */
export interface ListRuleNamesByTargetRequest {
  TargetArn: string;
  EventBusName?: string | undefined;
  NextToken?: string | undefined;
  Limit?: number | undefined;
}

/** ListRuleNamesByTarget output. */
export interface ListRuleNamesByTargetResponse {
  RuleNames: string[];
  NextToken?: string;
}

/**
 * Reads the settings members of CreateEventBus or UpdateEventBus.
 *
 * @param req - The request object.
 * @returns The settings given (members absent when not given).
 */
export function readBusSettings(req: Readonly<Record<string, unknown>>): BusSettings {
  const out: BusSettings = {};
  const kms = optionalString(member(req, 'KmsKeyIdentifier'), 'KmsKeyIdentifier');
  if (kms !== undefined) out.KmsKeyIdentifier = kms;
  const dlq = member(req, 'DeadLetterConfig');
  if (dlq !== undefined && dlq !== null) {
    const arn = optionalString(member(objectMember(dlq, 'DeadLetterConfig'), 'Arn'), 'DeadLetterConfig.Arn');
    out.DeadLetterConfig = arn === undefined ? {} : { Arn: arn };
  }
  const log = member(req, 'LogConfig');
  if (log !== undefined && log !== null) {
    const record = objectMember(log, 'LogConfig');
    const includeDetail = optionalString(member(record, 'IncludeDetail'), 'LogConfig.IncludeDetail');
    const level = optionalString(member(record, 'Level'), 'LogConfig.Level');
    out.LogConfig = {
      ...(includeDetail === undefined ? {} : { IncludeDetail: includeDetail }),
      ...(level === undefined ? {} : { Level: level }),
    };
  }
  return out;
}

/** UpdateEventBus; see {@link EventBridge.updateEventBus}. */
export function updateEventBus(state: BridgeState, input: UpdateEventBusRequest): UpdateEventBusResponse {
  const req = requestObject(input);
  const name = optionalString(member(req, 'Name'), 'Name');
  const description = optionalString(member(req, 'Description'), 'Description');
  const c = new Constraints();
  c.text(name, 'name', 1, 1600, BUS_NAME_OR_ARN_PATTERN);
  c.text(description, 'description', 0, 512);
  c.throwIfAny();
  const settings = readBusSettings(req);
  const bus = findBus(state, name);
  // Terraform unsets a description by sending ''; AWS then shows none.
  if (description !== undefined) bus.description = description === '' ? undefined : description;
  // Settings members not given are cleared, as UpdateEventBus replaces the bus's configuration.
  bus.settings = settings;
  bus.lastModifiedTime = state.now();
  const out: UpdateEventBusResponse = { Arn: bus.arn, Name: bus.name, ...settings };
  if (bus.description !== undefined) out.Description = bus.description;
  return out;
}

/** ListRuleNamesByTarget; see {@link EventBridge.listRuleNamesByTarget}. */
export function listRuleNamesByTarget(state: BridgeState, input: ListRuleNamesByTargetRequest): ListRuleNamesByTargetResponse {
  const req = requestObject(input);
  const targetArn = optionalString(member(req, 'TargetArn'), 'TargetArn');
  const busName = optionalString(member(req, 'EventBusName'), 'EventBusName');
  const c = new Constraints();
  c.required(targetArn, 'targetArn');
  c.text(targetArn, 'targetArn', 1, 1600);
  c.text(busName, 'eventBusName', 1, 1600, BUS_NAME_OR_ARN_PATTERN);
  const { nextToken, limit } = readPage(req, c);
  c.throwIfAny();
  const rules = findBus(state, busName).rules.withPrefix(undefined);
  const names = rules
    .slice(0, rules.count)
    .filter((rule) => [...rule.targets.values()].some((t) => t.Arn === targetArn))
    .map((rule) => rule.name);
  const { page, next } = paginate(names, nextToken, limit);
  const out: ListRuleNamesByTargetResponse = { RuleNames: page };
  if (next !== undefined) out.NextToken = next;
  return out;
}
