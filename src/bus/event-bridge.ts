/**
 * The in-process EventBridge: a front over one module per AWS resource (`buses.ts`, `rules.ts`,
 * `targets.ts`, `tags.ts`, `schedules.ts`, `archives.ts`, `replays.ts`, `permissions.ts`,
 * `connections.ts`, ...) and the one event path (`event-path.ts`, delivering through
 * `delivery.ts`) that PutEvents (`put-events.ts`), schedules and replays feed. This file documents
 * the operations and hands each call, with the instance's state (`state.ts`), to its module; it
 * holds no logic. A new resource is a module beside these, its record shapes in `records.ts`, its
 * store in `state.ts`, and one method per operation here. One concept in one file, past 500 lines
 * on purpose: the public class, a dozen lines of TSDoc and delegation per operation.
 * Behaviour: docs/putevents.md.
 */

import { createArchive, deleteArchive, describeArchive, listArchives, updateArchive } from './archives.js';
import type {
  ArchiveChangeResponse, ArchiveRef, CreateArchiveRequest, DescribeArchiveResponse, ListArchivesRequest,
  ListArchivesResponse, UpdateArchiveRequest,
} from './archives.js';
import { listRuleNamesByTarget, updateEventBus } from './bus-update.js';
import type {
  ListRuleNamesByTargetRequest, ListRuleNamesByTargetResponse, UpdateEventBusRequest, UpdateEventBusResponse,
} from './bus-update.js';
import { createEventBus, deleteEventBus, describeEventBus, listEventBuses } from './buses.js';
import {
  createApiDestination, createConnection, deleteApiDestination, deleteConnection, describeApiDestination,
  describeConnection, listApiDestinations, listConnections, updateApiDestination, updateConnection,
} from './connections.js';
import type { ApiDestinationRequest, ConnectionRequest, ListConnectionsRequest, NameRef } from './connections.js';
import { putPermission, removePermission } from './permissions.js';
import type { PutPermissionRequest, RemovePermissionRequest } from './permissions.js';
import { cancelReplay, describeReplay, listReplays, replaysSettled, startReplay } from './replays.js';
import type {
  CancelReplayResponse, DescribeReplayResponse, ListReplaysRequest, ListReplaysResponse, ReplayRef, StartReplayRequest,
  StartReplayResponse,
} from './replays.js';
import type { Clock } from './clock.js';
import { Scheduler } from './schedules.js';
import type { ProducedEventListener } from './schedules.js';
import { listTagsForResource, tagResource, untagResource } from './tags.js';
import type { ListTagsForResourceRequest, ListTagsForResourceResponse, TagResourceRequest, UntagResourceRequest } from './tags.js';
import { putEvents } from './put-events.js';
import { deleteRule, describeRule, listRules, putRule, setRuleState } from './rules.js';
import { createBridgeState } from './state.js';
import type { BridgeState } from './state.js';
import { listTargetsByRule, putTargets, removeTargets } from './targets.js';
import { testEventPattern } from './test-event-pattern.js';
import type {
  CreateEventBusRequest, CreateEventBusResponse, DeleteEventBusRequest, DeleteRuleRequest, DescribeEventBusRequest,
  DescribeEventBusResponse, DescribeRuleResponse, EventBridgeOptions, ListEventBusesRequest, ListEventBusesResponse,
  ListRulesRequest, ListRulesResponse, ListTargetsByRuleRequest, ListTargetsByRuleResponse, PutEventsContext,
  PutEventsRequest, PutEventsResponse, PutRuleRequest, PutRuleResponse, PutTargetsRequest, RemoveTargetsRequest,
  RuleRef, TargetsResponse, TestEventPatternRequest, TestEventPatternResponse, DeadLetter, DeliveryHandler,
} from './types.js';

/**
 * Amazon EventBridge in-process: buses, rules, targets and PutEvents with AWS-exact shapes.
 *
 * Methods take and return AWS's PascalCase structures; errors are {@link EventBridgeError}s whose
 * `name` is AWS's error code and `message` AWS's text. A `default` bus always exists. The class is
 * synchronous and not meant to be shared between threads. Inputs are typed for TypeScript callers
 * but checked at run time as AWS checks the wire (values from `JSON.parse` are safe to pass).
 *
 * @example
 * ```ts
 * const eb = new EventBridge();
 * eb.putRule({ Name: 'orders', EventPattern: '{"source":["shop"]}' });
 * const out = eb.putEvents({ Entries: [{ Source: 'shop', DetailType: 'Order', Detail: '{"id":1}' }] });
 * out.Matches[0]?.Rules; // [{ Name: 'orders', Arn: 'arn:aws:events:us-east-1:123456789012:rule/orders' }]
 * ```
 */
export class EventBridge {
  private readonly state: BridgeState;

  /**
   * @param options - Account, region, clock, id generator and limits; all optional (see
   *   {@link EventBridgeOptions} for the defaults).
   */
  constructor(options: EventBridgeOptions = {}) {
    this.state = createBridgeState(options, (clock) => new Scheduler(clock));
  }

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
   * `{ Name, Arn, Description?, CreationTime, LastModifiedTime }`.
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
   * PutTargets: stores targets on a rule (same Id replaces); they are never invoked.
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

  // Events (put-events.ts, event-path.ts, test-event-pattern.ts) ---------------------------------

  /**
   * PutEvents: validates the request, then each entry; every accepted entry gets an EventId and an
   * envelope, and is matched against the enabled rules of its bus. Results are in request order,
   * one per entry. An entry for a bus that does not exist is accepted and dropped, as AWS does; its
   * `Matches` item says so in `Dropped`.
   *
   * @param input - `{ Entries }`: 1 to 10 `PutEventsRequestEntry` objects (`Time` may be a Date,
   *   epoch seconds or a date string).
   * @param context - `{ traceHeader? }`: the HTTP `X-Amzn-Trace-Id`, copied into every match item.
   * @returns `{ FailedEntryCount, Entries, Matches }`.
   * @throws {@link EventBridgeError} `ValidationException` for 0 or more than 10 entries (AWS's
   *   message, echoing the entries up to a bounded length) or a request whose total size reaches the
   *   limit (`Total size of the entries in the request is over the limit.`); `SerializationException`
   *   for wrong types.
   */
  putEvents(input: PutEventsRequest, context: PutEventsContext = {}): PutEventsResponse {
    // Typed for callers; checked at run time all the same, for input decoded from the wire or JSON.
    return putEvents(this.state, input, context);
  }

  /**
   * TestEventPattern: validates the pattern as PutRule does, checks that the event is a JSON object
   * with the envelope fields AWS requires (`id, account, source, time, region, detail-type`), and
   * evaluates the pattern. `{ EventPattern, Event }` (both JSON text) → `{ Result }`.
   *
   * @throws {@link InvalidEventPatternError} for a pattern AWS rejects.
   * @throws {@link EventBridgeError} `ValidationException` `Parameter Event is not valid.` for an
   *   event that is not a JSON object or lacks a required field.
   */
  testEventPattern(input: TestEventPatternRequest): TestEventPatternResponse {
    return testEventPattern(this.state, input);
  }

  // Delivery (delivery.ts) -------------------------------------------------------------------------

  /**
   * Calls `handler` for every delivery: once per target of each rule an event matches, with the
   * exact input the target receives (`Input`, `InputPath` or `InputTransformer` applied). Runs
   * after `putEvents` returns, never inside it. A handler that throws or rejects fails the attempt;
   * the attempt is retried per the target's `RetryPolicy` (delays: the `retryDelayMs` option), then
   * recorded as a dead letter (see {@link EventBridge.deadLetters}).
   *
   * @example
   * ```ts
   * const eb = new EventBridge();
   * eb.onDelivery((d) => console.log(d.TargetArn, d.Input));
   * ```
   *
   * @param handler - Sync or async function of a {@link Delivery}.
   * @returns A function that removes the handler.
   */
  onDelivery(handler: DeliveryHandler): () => void {
    return this.state.delivery.subscribe(handler);
  }

  /**
   * Deliveries given up: retries or the event's age ran out (`RetryPolicy`), a receiver threw a
   * `PermanentDeliveryError`, or the target's input could not be built. Oldest first, at most 10,000.
   *
   * @returns Copies of the dead letters.
   */
  deadLetters(): DeadLetter[] {
    return this.state.delivery.deadLetters();
  }

  /** Forgets the dead letters. */
  clearDeadLetters(): void {
    this.state.delivery.clearDeadLetters();
  }

  /**
   * Waits until no delivery is in progress, retries waiting for their turn included. Useful in tests:
   * `eb.putEvents(...); await eb.deliveriesSettled();`.
   *
   * @returns A promise that resolves once every started delivery has succeeded or become a dead letter.
   */
  deliveriesSettled(): Promise<void> {
    return this.state.delivery.settled();
  }

  // Schedules (schedules.ts, clock.ts) and the events they and replays produce ---------------------

  /**
   * Calls `listener` for every event a schedule firing or a replay sends (PutEvents' events are in
   * its result instead), with the same shape as a `Matches` item of PutEvents. The HTTP server
   * logs these in `/_matches`.
   *
   * @param listener - Called with the match and its origin (`schedule` and the rule name, or
   *   `replay` and the replay name); what it throws is ignored.
   * @returns A function that removes the listener.
   */
  onEvent(listener: ProducedEventListener): () => void {
    this.state.scheduler.listeners.add(listener);
    return () => {
      this.state.scheduler.listeners.delete(listener);
    };
  }

  /**
   * Stops firing schedules: clears the real-time timer, or leaves the manual clock. Deliveries in
   * progress go on (see {@link EventBridge.deliveriesSettled}).
   */
  close(): void {
    this.state.scheduler.close();
  }

  /**
   * @returns The instance's clock: the `clock` option (e.g. a `ManualClock`), else real time.
   */
  getClock(): Clock {
    return this.state.clock;
  }

  // Tags (tags.ts) --------------------------------------------------------------------------------

  /**
   * TagResource: `{ ResourceARN, Tags }` → `{}`; a bus or rule ARN. A known key takes the new value.
   *
   * @throws {@link EventBridgeError} `ResourceNotFoundException` for an unknown bus or rule;
   *   `ValidationException` for an ARN of anything else, keys outside 1–128 or values over 256
   *   characters, or more than 50 tags on the resource.
   */
  tagResource(input: TagResourceRequest): Record<string, never> {
    return tagResource(this.state, input);
  }

  /**
   * UntagResource: `{ ResourceARN, TagKeys }` → `{}`. Keys the resource lacks are ignored.
   *
   * @throws {@link EventBridgeError} as {@link EventBridge.tagResource}.
   */
  untagResource(input: UntagResourceRequest): Record<string, never> {
    return untagResource(this.state, input);
  }

  /**
   * ListTagsForResource: `{ ResourceARN }` → `{ Tags }` (in the order they were first added).
   *
   * @throws {@link EventBridgeError} as {@link EventBridge.tagResource}.
   */
  listTagsForResource(input: ListTagsForResourceRequest): ListTagsForResourceResponse {
    return listTagsForResource(this.state, input);
  }

  // Bus settings and policy (bus-update.ts, permissions.ts) ---------------------------------------

  /**
   * UpdateEventBus: `{ Name?, Description?, KmsKeyIdentifier?, DeadLetterConfig?, LogConfig? }` →
   * `{ Arn, Name, Description?, ... }`. An empty Description removes it; settings not given are cleared.
   *
   * @throws {@link EventBridgeError} `ResourceNotFoundException` for an unknown bus.
   */
  updateEventBus(input: UpdateEventBusRequest): UpdateEventBusResponse {
    return updateEventBus(this.state, input);
  }

  /**
   * ListRuleNamesByTarget: `{ TargetArn, EventBusName?, NextToken?, Limit? }` → `{ RuleNames, NextToken? }`,
   * the bus's rules with a target of that ARN, sorted by name.
   *
   * @throws {@link EventBridgeError} `ResourceNotFoundException` for an unknown bus.
   */
  listRuleNamesByTarget(input: ListRuleNamesByTargetRequest): ListRuleNamesByTargetResponse {
    return listRuleNamesByTarget(this.state, input);
  }

  /**
   * PutPermission: adds (or replaces, by StatementId) a statement of the bus's policy, or sets the
   * whole `Policy`; DescribeEventBus shows it as `Policy`. Nothing is enforced.
   *
   * @throws {@link EventBridgeError} `ValidationException` for members outside the model or missing
   *   Action/Principal/StatementId; `ResourceNotFoundException` for an unknown bus.
   */
  putPermission(input: PutPermissionRequest): Record<string, never> {
    return putPermission(this.state, input);
  }

  /**
   * RemovePermission: `{ StatementId?, RemoveAllPermissions?, EventBusName? }` → `{}`.
   *
   * @throws {@link EventBridgeError} `ResourceNotFoundException` when the bus has no policy or no
   *   statement of that id.
   */
  removePermission(input: RemovePermissionRequest): Record<string, never> {
    return removePermission(this.state, input);
  }

  // Archives (archives.ts) and replays (replays.ts) -----------------------------------------------

  /**
   * CreateArchive: `{ ArchiveName, EventSourceArn, EventPattern?, RetentionDays?, Description? }` →
   * `{ ArchiveArn, State: 'ENABLED', CreationTime }`. From then on, events reaching the bus from
   * PutEvents that match the pattern are kept.
   *
   * @throws {@link EventBridgeError} `ResourceAlreadyExistsException` `Archive <name> already exists.`;
   *   `ResourceNotFoundException` for an unknown bus.
   * @throws {@link InvalidEventPatternError} for a pattern AWS rejects.
   */
  createArchive(input: CreateArchiveRequest): ArchiveChangeResponse {
    return createArchive(this.state, input);
  }

  /**
   * DescribeArchive: `{ ArchiveName }` → the archive with `State`, `EventCount` and `SizeBytes`.
   *
   * @throws {@link EventBridgeError} `ResourceNotFoundException` `Archive <name> does not exist.`
   */
  describeArchive(input: ArchiveRef): DescribeArchiveResponse {
    return describeArchive(this.state, input);
  }

  /**
   * ListArchives, sorted by name: `{ NamePrefix?, EventSourceArn?, State?, NextToken?, Limit? }` → `{ Archives }`.
   *
   * @throws {@link EventBridgeError} `ResourceNotFoundException` for an unknown bus in EventSourceArn.
   */
  listArchives(input: ListArchivesRequest = {}): ListArchivesResponse {
    return listArchives(this.state, input);
  }

  /**
   * UpdateArchive: `{ ArchiveName, Description?, EventPattern?, RetentionDays? }` → as CreateArchive.
   *
   * @throws {@link EventBridgeError} `ResourceNotFoundException` for an unknown archive.
   */
  updateArchive(input: UpdateArchiveRequest): ArchiveChangeResponse {
    return updateArchive(this.state, input);
  }

  /**
   * DeleteArchive: `{ ArchiveName }` → `{}`.
   *
   * @throws {@link EventBridgeError} `ResourceNotFoundException` for an unknown archive.
   */
  deleteArchive(input: ArchiveRef): Record<string, never> {
    return deleteArchive(this.state, input);
  }

  /**
   * StartReplay: `{ ReplayName, EventSourceArn (archive ARN), EventStartTime, EventEndTime,
   * Destination: { Arn (the archive's bus), FilterArns? } }` → `{ ReplayArn, State: 'STARTING',
   * ReplayStartTime }`. The replay runs after this returns (see {@link EventBridge.replaysSettled}).
   *
   * @throws {@link EventBridgeError} `ResourceAlreadyExistsException` `Replay <name> already exists.`;
   *   `ResourceNotFoundException` for an unknown bus; `ValidationException` for an unknown archive
   *   (`Parameter EventSourceArn is not valid. Reason: Archive <name> does not exist.`), another bus
   *   than the archive's, or a start not before the end.
   */
  startReplay(input: StartReplayRequest): StartReplayResponse {
    return startReplay(this.state, input);
  }

  /**
   * DescribeReplay: `{ ReplayName }` → the replay with its `State` and times.
   *
   * @throws {@link EventBridgeError} `ResourceNotFoundException` `Replay <name> does not exist.`
   */
  describeReplay(input: ReplayRef): DescribeReplayResponse {
    return describeReplay(this.state, input);
  }

  /**
   * ListReplays, sorted by name: `{ NamePrefix?, State?, EventSourceArn?, NextToken?, Limit? }` → `{ Replays }`.
   */
  listReplays(input: ListReplaysRequest = {}): ListReplaysResponse {
    return listReplays(this.state, input);
  }

  /**
   * CancelReplay: `{ ReplayName }` → `{ ReplayArn, State: 'CANCELLING' }`; the replay ends CANCELLED.
   *
   * @throws {@link EventBridgeError} `IllegalStatusException` for a replay already finished;
   *   `ResourceNotFoundException` for an unknown one.
   */
  cancelReplay(input: ReplayRef): CancelReplayResponse {
    return cancelReplay(this.state, input);
  }

  /**
   * Waits until every replay started so far has finished.
   *
   * @returns A promise resolved once they are COMPLETED or CANCELLED.
   */
  replaysSettled(): Promise<void> {
    return replaysSettled(this.state);
  }

  // Connections and API destinations (connections.ts): stored, never called -------------------------

  /** CreateConnection: `{ Name, AuthorizationType, AuthParameters, Description? }` → `{ ConnectionArn, ConnectionState: 'AUTHORIZED', ... }`. */
  createConnection(input: ConnectionRequest): Record<string, unknown> {
    return createConnection(this.state, input);
  }

  /** DescribeConnection: `{ Name }` → the connection, secrets left out. */
  describeConnection(input: NameRef): Record<string, unknown> {
    return describeConnection(this.state, input);
  }

  /** ListConnections: `{ NamePrefix?, ConnectionState?, NextToken?, Limit? }` → `{ Connections }`. */
  listConnections(input: ListConnectionsRequest = {}): Record<string, unknown> {
    return listConnections(this.state, input);
  }

  /** UpdateConnection: members given replace the stored ones. */
  updateConnection(input: ConnectionRequest): Record<string, unknown> {
    return updateConnection(this.state, input);
  }

  /** DeleteConnection: `{ Name }` → `{ ConnectionArn, ConnectionState: 'DELETING', ... }`. */
  deleteConnection(input: NameRef): Record<string, unknown> {
    return deleteConnection(this.state, input);
  }

  /** CreateApiDestination: `{ Name, ConnectionArn, InvocationEndpoint, HttpMethod, ... }` → `{ ApiDestinationArn, ApiDestinationState: 'ACTIVE', ... }`. */
  createApiDestination(input: ApiDestinationRequest): Record<string, unknown> {
    return createApiDestination(this.state, input);
  }

  /** DescribeApiDestination: `{ Name }` → the API destination. */
  describeApiDestination(input: NameRef): Record<string, unknown> {
    return describeApiDestination(this.state, input);
  }

  /** ListApiDestinations: `{ NamePrefix?, ConnectionArn?, NextToken?, Limit? }` → `{ ApiDestinations }`. */
  listApiDestinations(input: ListConnectionsRequest = {}): Record<string, unknown> {
    return listApiDestinations(this.state, input);
  }

  /** UpdateApiDestination: members given replace the stored ones. */
  updateApiDestination(input: ApiDestinationRequest): Record<string, unknown> {
    return updateApiDestination(this.state, input);
  }

  /** DeleteApiDestination: `{ Name }` → `{}`. */
  deleteApiDestination(input: NameRef): Record<string, never> {
    return deleteApiDestination(this.state, input);
  }
}
