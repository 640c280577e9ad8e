/**
 * Input and output shapes of the `EventBridge` class. They mirror the AWS API's PascalCase
 * members (botocore model `events/2015-10-07`), so objects built for `@aws-sdk/client-eventbridge`
 * can be passed as they are and responses can be put on the wire unchanged. Members that only this
 * library adds are marked as such (`Matches`, `Dropped`, `HttpTraceHeader`).
 */

import type { Clock } from './clock.js';

/** Options of the `EventBridge` constructor. Every member is optional. */
export interface EventBridgeOptions {
  /** Account id used in ARNs and event envelopes. Default `123456789012`. */
  readonly account?: string;
  /** Region used in ARNs and event envelopes. Default `us-east-1`. */
  readonly region?: string;
  /** Clock for event times (when an entry has no `Time`) and resource timestamps. Default `() => new Date()`. */
  readonly now?: () => Date;
  /**
   * Clock for stamps and schedules. A `ManualClock` moves only when told, firing due schedules
   * as it moves; without one, scheduled rules fire from unref'd real-time timers (stopped by
   * `close()`). Takes precedence over `now`. Default: real time.
   */
  readonly clock?: Clock;
  /** Generator of event ids. Default `crypto.randomUUID`. */
  readonly newId?: () => string;
  /**
   * PutEvents request size limit in bytes, measured with AWS's documented entry-size formula
   * (14 bytes for a `Time`, plus the UTF-8 bytes of Source, DetailType, Detail and each Resources
   * item, summed over the entries). A request whose total reaches the limit is refused. Default
   * 1,048,576 (1 MiB; AWS's limit since 2026-01-29; it was 262,144 before).
   */
  readonly maxRequestSize?: number;
  /** Longest EventPattern accepted by PutRule, in characters. Default: the pattern reader's (4096). */
  readonly maxEventPatternLength?: number;
  /**
   * Local functions standing for targets, by target ARN (e.g. a Lambda function's ARN): each
   * delivery to that ARN calls the function, besides every `onDelivery` handler.
   */
  readonly targetHandlers?: Readonly<Record<string, DeliveryHandler>>;
  /**
   * Delay before a delivery's retry, in ms, or a function of the retry number (1 for the first
   * retry). Default 1000: short, unlike AWS's back-off, so tests see retries and dead letters quickly.
   */
  readonly retryDelayMs?: number | ((retry: number) => number);
  /** Timer for retry delays. Default: `setTimeout`, unref'd (a waiting retry never keeps the process alive). */
  readonly setTimer?: (callback: () => void, ms: number) => void;
}

/**
 * What one target of a matched rule receives (this library's addition to the AWS response): one
 * item per target of each matched rule, in rule order then target order.
 */
export interface TargetDelivery {
  /** The rule's name. */
  Rule: string;
  TargetId: string;
  TargetArn: string;
  /** The exact text the target receives: the event, its `Input`, or its `InputPath`/`InputTransformer` result. */
  Input: string;
  /** The X-Ray trace header passed on: the entry's `TraceHeader`, else the request's `X-Amzn-Trace-Id`. */
  TraceHeader?: string;
}

/** A delivery as handed to a delivery handler: {@link TargetDelivery} plus the event's context. */
export interface Delivery extends TargetDelivery {
  EventId: string;
  EventBusName: string;
  RuleArn: string;
  /** The envelope (compact JSON text). */
  Event: string;
  /** 1 for the first attempt, then 2, 3, ... for retries. */
  Attempt: number;
}

/** Receives deliveries; throwing or rejecting fails the attempt, which is then retried. */
export type DeliveryHandler = (delivery: Delivery) => void | Promise<void>;

/** A delivery that failed for good: its retries or its event's age ran out, or it could not be built. */
export interface DeadLetter {
  EventId: string;
  EventBusName: string;
  Rule: string;
  RuleArn: string;
  TargetId: string;
  TargetArn: string;
  /** The input the target would have received; absent when it could not be built. */
  Input?: string;
  /** Attempts made (0 when the input could not be built). */
  Attempts: number;
  /** The last error, as `Name: message`. */
  LastError: string;
  /** When the delivery was given up (ISO 8601, the instance's clock). */
  FailedAt: string;
  /** The target's `DeadLetterConfig.Arn`, when it has one. */
  DeadLetterArn?: string;
}

/** Event time as callers have it: a `Date`, epoch seconds (what the AWS SDKs send), or a date string. */
export type EventTime = Date | number | string;

/** One entry of a PutEvents request (AWS `PutEventsRequestEntry`). */
export interface PutEventsRequestEntry {
  Time?: EventTime | undefined;
  Source?: string | undefined;
  Resources?: readonly string[] | undefined;
  DetailType?: string | undefined;
  /** The event detail as JSON text; must be a JSON object. */
  Detail?: string | undefined;
  /** Bus name or ARN; the `default` bus when omitted. */
  EventBusName?: string | undefined;
  TraceHeader?: string | undefined;
}

/** PutEvents input (AWS `PutEventsRequest`). `EndpointId` is accepted and ignored. */
export interface PutEventsRequest {
  Entries: readonly PutEventsRequestEntry[];
  EndpointId?: string | undefined;
}

/** Second argument of `putEvents`: request-level context an HTTP front end has. */
export interface PutEventsContext {
  /** The HTTP `X-Amzn-Trace-Id` header of the request; copied into every match item. */
  readonly traceHeader?: string | undefined;
}

/** One result entry, in request order: `EventId` for an accepted entry, `ErrorCode` and `ErrorMessage` otherwise. */
export interface PutEventsResultEntry {
  EventId?: string;
  ErrorCode?: string;
  ErrorMessage?: string;
}

/** A rule that matched an event. */
export interface MatchedRule {
  Name: string;
  Arn: string;
}

/** Why an accepted event reached no bus (it is dropped, as AWS drops it, but said so here). */
export interface DroppedReason {
  /**
   * `BusNotFound`: no bus of that name exists in this account and region.
   * `ForeignBus`: the entry named a bus ARN of another account or region, which this instance does not hold.
   */
  Reason: 'BusNotFound' | 'ForeignBus';
  /** A sentence for people, e.g. `Event bus orders does not exist.` */
  Message: string;
}

/**
 * What happened to one accepted entry (this library's addition to the AWS response): the bus it went
 * to and the enabled rules of that bus whose pattern matched the envelope.
 */
export interface PutEventsMatch {
  /** Equals the entry's `EventId` and the envelope's `id`. */
  EventId: string;
  /** Name of the bus the entry addressed (the last part of an ARN). */
  EventBusName: string;
  /** Matching rules, sorted by name; empty when none matched or the event was dropped. */
  Rules: MatchedRule[];
  /** The entry's own `TraceHeader`, when it had one. */
  TraceHeader?: string;
  /** The request's HTTP `X-Amzn-Trace-Id`, when one was given to `putEvents`. */
  HttpTraceHeader?: string;
  /**
   * The envelope exactly as AWS delivers it to targets: compact JSON text with the fields `version,
   * id, detail-type, source, account, time, region, resources, detail` in that order.
   */
  Event: string;
  /** Present when the event was dropped because its bus is unknown. */
  Dropped?: DroppedReason;
  /**
   * What each target of the matched rules receives (this library's addition): one item per target of
   * each matched rule. Absent when no matched rule has a target.
   */
  Deliveries?: TargetDelivery[];
}

/** PutEvents output: AWS's `PutEventsResponse` plus `Matches`. */
export interface PutEventsResponse {
  FailedEntryCount: number;
  Entries: PutEventsResultEntry[];
  /** One item per accepted entry, in request order (this library's addition). */
  Matches: PutEventsMatch[];
}

/** Rule state. */
export type RuleState = 'ENABLED' | 'DISABLED' | 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';

/** A tag, as AWS spells it. Stored, never interpreted. */
export interface Tag {
  Key: string;
  Value: string;
}

/** PutRule input. */
export interface PutRuleRequest {
  Name: string;
  ScheduleExpression?: string | undefined;
  EventPattern?: string | undefined;
  State?: RuleState | undefined;
  Description?: string | undefined;
  RoleArn?: string | undefined;
  Tags?: readonly Tag[] | undefined;
  EventBusName?: string | undefined;
}

/** PutRule output. */
export interface PutRuleResponse {
  RuleArn: string;
}

/** Input of operations that name one rule: DescribeRule, EnableRule, DisableRule, DeleteRule. */
export interface RuleRef {
  Name: string;
  EventBusName?: string | undefined;
}

/** DeleteRule input (`Force` is accepted; this library has no managed rules). */
export interface DeleteRuleRequest extends RuleRef {
  Force?: boolean | undefined;
}

/** A rule as ListRules returns it. Absent members were not set. */
export interface Rule {
  Name: string;
  Arn: string;
  EventPattern?: string;
  State: RuleState;
  Description?: string;
  ScheduleExpression?: string;
  RoleArn?: string;
  EventBusName: string;
}

/** DescribeRule output: a {@link Rule} plus `CreatedBy` (the account). */
export interface DescribeRuleResponse extends Rule {
  CreatedBy: string;
}

/** ListRules input. */
export interface ListRulesRequest {
  NamePrefix?: string | undefined;
  EventBusName?: string | undefined;
  NextToken?: string | undefined;
  Limit?: number | undefined;
}

/** ListRules output. */
export interface ListRulesResponse {
  Rules: Rule[];
  NextToken?: string;
}

/** CreateEventBus input. `EventSourceName`, `KmsKeyIdentifier`, `DeadLetterConfig` and `Tags` are accepted and stored. */
export interface CreateEventBusRequest {
  Name: string;
  EventSourceName?: string | undefined;
  Description?: string | undefined;
  KmsKeyIdentifier?: string | undefined;
  DeadLetterConfig?: { Arn?: string | undefined } | undefined;
  Tags?: readonly Tag[] | undefined;
}

/** CreateEventBus output. */
export interface CreateEventBusResponse {
  EventBusArn: string;
  Description?: string;
}

/** DeleteEventBus input. */
export interface DeleteEventBusRequest {
  Name: string;
}

/** DescribeEventBus input; the `default` bus when `Name` is omitted. `Name` may be an ARN. */
export interface DescribeEventBusRequest {
  Name?: string | undefined;
}

/** A bus as DescribeEventBus and ListEventBuses return it. */
export interface EventBus {
  Name: string;
  Arn: string;
  Description?: string;
  /** The resource policy PutPermission built, as JSON text; absent without one. */
  Policy?: string;
  /** DescribeEventBus only: the settings given to CreateEventBus or UpdateEventBus. */
  KmsKeyIdentifier?: string;
  DeadLetterConfig?: { Arn?: string };
  LogConfig?: { IncludeDetail?: string; Level?: string };
  CreationTime: Date;
  LastModifiedTime: Date;
}

/** DescribeEventBus output. */
export type DescribeEventBusResponse = EventBus;

/** ListEventBuses input. */
export interface ListEventBusesRequest {
  NamePrefix?: string | undefined;
  NextToken?: string | undefined;
  Limit?: number | undefined;
}

/** ListEventBuses output. */
export interface ListEventBusesResponse {
  EventBuses: EventBus[];
  NextToken?: string;
}

/**
 * A rule target (AWS `Target`): the members AWS defines, each optional but `Id` and `Arn`, so a
 * target literal written for `@aws-sdk/client-eventbridge` fits while a misspelt member is a type
 * error. Members are stored and echoed; see PutTargets for which are checked.
 */
export interface Target {
  Id: string;
  Arn: string;
  RoleArn?: string | undefined;
  /** Constant JSON text sent instead of the event. */
  Input?: string | undefined;
  /** JSONPath of the part of the event to send. */
  InputPath?: string | undefined;
  InputTransformer?: { InputPathsMap?: Record<string, string> | undefined; InputTemplate: string | undefined } | undefined;
  DeadLetterConfig?: { Arn?: string | undefined } | undefined;
  RetryPolicy?: { MaximumRetryAttempts?: number | undefined; MaximumEventAgeInSeconds?: number | undefined } | undefined;
  KinesisParameters?: object | undefined;
  RunCommandParameters?: object | undefined;
  EcsParameters?: object | undefined;
  BatchParameters?: object | undefined;
  SqsParameters?: object | undefined;
  HttpParameters?: object | undefined;
  RedshiftDataParameters?: object | undefined;
  SageMakerPipelineParameters?: object | undefined;
  AppSyncParameters?: object | undefined;
}

/** PutTargets input. */
export interface PutTargetsRequest {
  Rule: string;
  EventBusName?: string | undefined;
  Targets: readonly Target[];
}

/** One failed target of PutTargets or RemoveTargets. */
export interface TargetFailureEntry {
  TargetId: string;
  ErrorCode: string;
  ErrorMessage: string;
}

/** PutTargets and RemoveTargets output. */
export interface TargetsResponse {
  FailedEntryCount: number;
  FailedEntries: TargetFailureEntry[];
}

/** RemoveTargets input. */
export interface RemoveTargetsRequest {
  Rule: string;
  EventBusName?: string | undefined;
  Ids: readonly string[];
  Force?: boolean | undefined;
}

/** ListTargetsByRule input. */
export interface ListTargetsByRuleRequest {
  Rule: string;
  EventBusName?: string | undefined;
  NextToken?: string | undefined;
  Limit?: number | undefined;
}

/** ListTargetsByRule output. */
export interface ListTargetsByRuleResponse {
  Targets: Target[];
  NextToken?: string;
}

/** TestEventPattern input: both members are JSON text, as on the wire. */
export interface TestEventPatternRequest {
  EventPattern: string;
  Event: string;
}

/** TestEventPattern output. */
export interface TestEventPatternResponse {
  Result: boolean;
}
