/**
 * Part of the {@link EventBridge} front: event buses, rules and targets. Each method documents one
 * operation and hands the call, with the instance's state, to its module; no logic here. The
 * front is a chain of such classes, one file per group of resources, so that no file grows with
 * every new operation (docs/design/009-bus-layout.md).
 */

import { createEventBus, deleteEventBus, describeEventBus, listEventBuses } from '../buses.js';
import { deleteRule, describeRule, listRules, putRule, setRuleState } from '../rules.js';
import { listTargetsByRule, putTargets, removeTargets } from '../targets.js';
import type {
  CreateEventBusRequest, CreateEventBusResponse, DeleteEventBusRequest, DeleteRuleRequest,
  DescribeEventBusRequest, DescribeEventBusResponse, DescribeRuleResponse, ListEventBusesRequest,
  ListEventBusesResponse, ListRulesRequest, ListRulesResponse, ListTargetsByRuleRequest,
  ListTargetsByRuleResponse, PutRuleRequest, PutRuleResponse, PutTargetsRequest, RemoveTargetsRequest,
  RuleRef, TargetsResponse,
} from '../types.js';
import { FrontBase } from './base.js';

/** Event buses, rules and targets (see {@link EventBridge}). */
export class CoreFront extends FrontBase {
  // Event buses (buses.ts) ------------------------------------------------------------------------

  /**
   * CreateEventBus: `{ Name, Description?, EventSourceName?, ... }` → `{ EventBusArn, Description? }`.
   *
   * @throws {@link EventBridgeError} `ValidationException` for a name outside the model or starting
   *   with `aws.`; `ResourceAlreadyExistsException` (`Event bus <name> already exists.`, also for
   *   `default`); `ResourceNotFoundException` for an `EventSourceName` (no partner sources exist here).
   */
  createEventBus(input: CreateEventBusRequest): CreateEventBusResponse {
    return createEventBus(this.state, input);
  }

  /**
   * DeleteEventBus: `{ Name }` → `{}`. Deleting a bus that does not exist succeeds, as on AWS; its
   * rules go with it.
   *
   * @throws {@link EventBridgeError} `ValidationException` `Cannot delete event bus default.` and for
   *   names outside the model.
   */
  deleteEventBus(input: DeleteEventBusRequest): Record<string, never> {
    return deleteEventBus(this.state, input);
  }

  /**
   * DescribeEventBus: `{ Name? }` (a name or ARN; `default` when omitted) →
   * `{ Name, Arn, Description?, Policy?, CreationTime, LastModifiedTime }` and the bus's settings
   * as CreateEventBus or UpdateEventBus last stored them (`KmsKeyIdentifier?`, `DeadLetterConfig?`, `LogConfig?`).
   *
   * @throws {@link EventBridgeError} `ResourceNotFoundException` `Event bus <name> does not exist.`
   */
  describeEventBus(input: DescribeEventBusRequest = {}): DescribeEventBusResponse {
    return describeEventBus(this.state, input);
  }

  /**
   * ListEventBuses, sorted by name: `{ NamePrefix?, NextToken?, Limit? }` (Limit 1–100) →
   * `{ EventBuses, NextToken? }`.
   *
   * @throws {@link EventBridgeError} `ValidationException` for a bad Limit, prefix or token.
   */
  listEventBuses(input: ListEventBusesRequest = {}): ListEventBusesResponse {
    return listEventBuses(this.state, input);
  }

  // Rules (rules.ts) ------------------------------------------------------------------------------

  /**
   * PutRule: creates a rule or replaces every member of an existing one (its targets are kept).
   * `{ Name, EventPattern?, ScheduleExpression?, State?, Description?, RoleArn?, Tags?, EventBusName? }`
   * → `{ RuleArn }` (`rule/<name>` on the default bus, `rule/<bus>/<name>` on others).
   *
   * @throws {@link InvalidEventPatternError} for a pattern AWS rejects (same texts as TestEventPattern).
   * @throws {@link EventBridgeError} `ValidationException` when both EventPattern and
   *   ScheduleExpression are missing, for a bad ScheduleExpression (`Parameter ScheduleExpression is
   *   not valid.`), a ScheduleExpression on a custom bus, or members outside the model;
   *   `ResourceNotFoundException` for an unknown bus.
   */
  putRule(input: PutRuleRequest): PutRuleResponse {
    return putRule(this.state, input);
  }

  /**
   * DeleteRule: `{ Name, EventBusName?, Force? }` → `{}`. Deleting a rule that does not exist
   * succeeds, as AWS documents.
   *
   * @throws {@link EventBridgeError} `ValidationException` `Rule can't be deleted since it has
   *   targets.`; `ResourceNotFoundException` for an unknown bus.
   */
  deleteRule(input: DeleteRuleRequest): Record<string, never> {
    return deleteRule(this.state, input);
  }

  /**
   * DescribeRule: `{ Name, EventBusName? }` → `{ Name, Arn, EventPattern?, ScheduleExpression?,
   * State, Description?, RoleArn?, EventBusName, CreatedBy }`.
   *
   * @throws {@link EventBridgeError} `ResourceNotFoundException` `Rule <name> does not exist on EventBus <bus>.`
   */
  describeRule(input: RuleRef): DescribeRuleResponse {
    return describeRule(this.state, input);
  }

  /**
   * ListRules of one bus, sorted by name: `{ NamePrefix?, EventBusName?, NextToken?, Limit? }` →
   * `{ Rules, NextToken? }`.
   *
   * @throws {@link EventBridgeError} `ResourceNotFoundException` for an unknown bus.
   */
  listRules(input: ListRulesRequest = {}): ListRulesResponse {
    return listRules(this.state, input);
  }

  /**
   * EnableRule: `{ Name, EventBusName? }` → `{}`; the rule matches events again.
   *
   * @throws {@link EventBridgeError} `ResourceNotFoundException` for an unknown rule or bus.
   */
  enableRule(input: RuleRef): Record<string, never> {
    return setRuleState(this.state, input, 'ENABLED');
  }

  /**
   * DisableRule: `{ Name, EventBusName? }` → `{}`; the rule stays stored but matches nothing.
   *
   * @throws {@link EventBridgeError} `ResourceNotFoundException` for an unknown rule or bus.
   */
  disableRule(input: RuleRef): Record<string, never> {
    return setRuleState(this.state, input, 'DISABLED');
  }

  // Targets (targets.ts) --------------------------------------------------------------------------

  /**
   * PutTargets: stores targets on a rule (same Id replaces); each matched event is then delivered
   * to them (`onDelivery` handlers, retries, dead letters: delivery.ts).
   * `{ Rule, EventBusName?, Targets }` (1–100 targets, each with `Id` and `Arn`) →
   * `{ FailedEntryCount: 0, FailedEntries: [] }`.
   *
   * @throws {@link EventBridgeError} `ResourceNotFoundException` for an unknown rule or bus;
   *   `LimitExceededException` beyond 5 targets on a rule; `ValidationException` for members outside the model.
   */
  putTargets(input: PutTargetsRequest): TargetsResponse {
    return putTargets(this.state, input);
  }

  /**
   * RemoveTargets: `{ Rule, EventBusName?, Ids, Force? }` (1–100 ids) →
   * `{ FailedEntryCount: 0, FailedEntries: [] }`. Ids the rule does not have are ignored.
   *
   * @throws {@link EventBridgeError} `ResourceNotFoundException` for an unknown rule or bus.
   */
  removeTargets(input: RemoveTargetsRequest): TargetsResponse {
    return removeTargets(this.state, input);
  }

  /**
   * ListTargetsByRule, in the order the targets were first put: `{ Rule, EventBusName?, NextToken?,
   * Limit? }` → `{ Targets, NextToken? }`.
   *
   * @throws {@link EventBridgeError} `ResourceNotFoundException` for an unknown rule or bus.
   */
  listTargetsByRule(input: ListTargetsByRuleRequest): ListTargetsByRuleResponse {
    return listTargetsByRule(this.state, input);
  }
}
