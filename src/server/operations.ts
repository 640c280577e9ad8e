/**
 * The operation table: one row per EventBridge operation the server speaks, holding its input
 * shape (the JSON types of its members, from AWS's API model, botocore `events/2015-10-07`) and
 * the call into the in-process {@link EventBridge}. A new operation is one row. The compiler holds
 * each row's shape to the TypeScript type of the method's input ({@link InputShape}), so a shape
 * and its method cannot drift apart.
 *
 * Decoding an input checks those JSON types, turns timestamps into `Date`s and drops members the
 * model does not know, so the in-process class only ever sees well-typed input. Nesting is bounded
 * by the shapes here, never by the request.
 */

import type { EventBridge } from '../bus/index.js';
import type {
  CreateEventBusRequest,
  DeleteEventBusRequest,
  DeleteRuleRequest,
  DescribeEventBusRequest,
  EventTime,
  ListEventBusesRequest,
  ListRulesRequest,
  ListTargetsByRuleRequest,
  PutEventsRequest,
  PutEventsResponse,
  PutRuleRequest,
  PutTargetsRequest,
  RemoveTargetsRequest,
  RuleRef,
  TestEventPatternRequest,
} from '../bus/types.js';
import type {
  ArchiveRef,
  CreateArchiveRequest,
  ListArchivesRequest,
  UpdateArchiveRequest,
} from '../bus/archives.js';
import type { ListRuleNamesByTargetRequest, UpdateEventBusRequest } from '../bus/bus-update.js';
import type { ApiDestinationRequest, ConnectionRequest, ListConnectionsRequest, NameRef } from '../bus/connections.js';
import type { PutPermissionRequest, RemovePermissionRequest } from '../bus/permissions.js';
import type { ListReplaysRequest, ReplayRef, StartReplayRequest } from '../bus/replays.js';
import type { ListTagsForResourceRequest, TagResourceRequest, UntagResourceRequest } from '../bus/tags.js';
import { EventBridgeError } from '../errors.js';

/**
 * ListConnections and ListApiDestinations share one in-process request type; on the wire each has
 * its own members (AWS's model): a connection state to filter connections, a connection ARN to
 * filter API destinations. A member of the other operation is unknown there, so it is dropped.
 */
type ListConnectionsInput = Omit<ListConnectionsRequest, 'ConnectionArn'>;
type ListApiDestinationsInput = Omit<ListConnectionsRequest, 'ConnectionState'>;

/**
 * The JSON type of one input member. `any` passes the parsed value through unchecked (opaque
 * target parameters); a struct lists its members, and members it does not list are dropped.
 */
export type Shape =
  | 'string'
  | 'integer'
  | 'boolean'
  | 'timestamp'
  | 'any'
  | { readonly list: Shape }
  | { readonly struct: Readonly<Record<string, Shape>> };

/** The members of an operation's input, each with its shape. */
export type InputMembers = Readonly<Record<string, Shape>>;

/** The shapes that may describe a member whose TypeScript type is `T` (`any` always may). */
export type ShapeOf<T> = [T] extends [string]
  ? 'string' | 'any'
  : [T] extends [boolean]
    ? 'boolean' | 'any'
    : [T] extends [number]
      ? 'integer' | 'any'
      : [T] extends [EventTime]
        ? 'timestamp' | 'any'
        : [T] extends [readonly (infer E)[]]
          ? { readonly list: ShapeOf<NonNullable<E>> } | 'any'
          : { readonly struct: InputMembers } | 'any';

/**
 * An input shape that fits the TypeScript input type `I`: every member of `I` has a shape of its
 * JSON type. Members the wire model has and `I` does not (accepted and ignored) may be added.
 */
export type InputShape<I> = { readonly [K in keyof I]-?: ShapeOf<NonNullable<I[K]>> } & InputMembers;

/** What a call gets from the HTTP request besides its input. */
export interface CallContext {
  /** The request's `X-Amzn-Trace-Id` header, if any. */
  readonly traceHeader: string | undefined;
  /** Receives each PutEvents result whole, before `Matches` is dropped from the wire answer. */
  readonly onPutEvents: (result: PutEventsResponse) => void;
}

/** One row of the operation table. */
export interface Operation {
  /** The input's members and their shapes. */
  readonly input: InputMembers;
  /**
   * Decodes a parsed request body with {@link Operation.input} and makes the call.
   *
   * @param bridge - The instance to call.
   * @param body - The parsed JSON body.
   * @param context - The request's context.
   * @returns The output to encode.
   * @throws {@link EventBridgeError} from decoding or from the call.
   */
  run(bridge: EventBridge, body: unknown, context: CallContext): unknown;
}

/**
 * Makes a row: `operation<PutRuleRequest>({ ...shape }, (bridge, input) => bridge.putRule(input))`.
 *
 * The decoded input is handed to the call as `I`. That is the one assertion of the table, and it
 * holds as far as types go: {@link InputShape} makes every member's shape match its type, and
 * {@link decodeInput} checks every present member against its shape. What decoding leaves to the
 * call is what AWS leaves to the operation: a required member may be missing and an enumeration
 * may hold another string; the in-process methods check both at run time with AWS's messages.
 *
 * @param input - The input shape.
 * @param call - The call, given the bridge, the decoded input and the request's context.
 * @returns The row.
 */
function operation<I extends object>(
  input: InputShape<I>,
  call: (bridge: EventBridge, input: I, context: CallContext) => unknown,
): Operation {
  return { input, run: (bridge, body, context) => call(bridge, decodeInput(input, body) as I, context) };
}

const TAGS = { list: { struct: { Key: 'string', Value: 'string' } } } as const satisfies Shape;

const ENTRY = {
  struct: {
    Time: 'timestamp',
    Source: 'string',
    Resources: { list: 'string' },
    DetailType: 'string',
    Detail: 'string',
    EventBusName: 'string',
    TraceHeader: 'string',
  },
} as const satisfies Shape;

const TARGET = {
  struct: {
    Id: 'string',
    Arn: 'string',
    RoleArn: 'string',
    Input: 'string',
    InputPath: 'string',
    InputTransformer: 'any',
    KinesisParameters: 'any',
    RunCommandParameters: 'any',
    EcsParameters: 'any',
    BatchParameters: 'any',
    SqsParameters: 'any',
    HttpParameters: 'any',
    RedshiftDataParameters: 'any',
    SageMakerPipelineParameters: 'any',
    DeadLetterConfig: 'any',
    RetryPolicy: 'any',
    AppSyncParameters: 'any',
  },
} as const satisfies Shape;

const RULE_REF = { Name: 'string', EventBusName: 'string' } as const;
const TARGETS_REF = { Rule: 'string', EventBusName: 'string' } as const;
const PAGE = { NextToken: 'string', Limit: 'integer' } as const;

/** CreateConnection and UpdateConnection take the same members. */
const CONNECTION = {
  Name: 'string',
  Description: 'string',
  AuthorizationType: 'string',
  AuthParameters: 'any',
  InvocationConnectivityParameters: 'any',
  KmsKeyIdentifier: 'string',
} as const;

/** CreateApiDestination and UpdateApiDestination take the same members. */
const API_DESTINATION = {
  Name: 'string',
  Description: 'string',
  ConnectionArn: 'string',
  InvocationEndpoint: 'string',
  HttpMethod: 'string',
  InvocationRateLimitPerSecond: 'integer',
} as const;

/**
 * Every supported operation, keyed by the operation name of `X-Amz-Target`
 * (`AWSEvents.<Operation>`). Each row calls the in-process method of the same name.
 */
export const OPERATION_TABLE = {
  PutEvents: operation<PutEventsRequest>({ Entries: { list: ENTRY }, EndpointId: 'string' }, (bridge, input, context) => {
    const result = bridge.putEvents(input, context.traceHeader === undefined ? {} : { traceHeader: context.traceHeader });
    context.onPutEvents(result);
    return { FailedEntryCount: result.FailedEntryCount, Entries: result.Entries };
  }),
  PutRule: operation<PutRuleRequest>(
    {
      ...RULE_REF,
      ScheduleExpression: 'string',
      EventPattern: 'string',
      State: 'string',
      Description: 'string',
      RoleArn: 'string',
      Tags: TAGS,
    },
    (bridge, input) => bridge.putRule(input),
  ),
  DeleteRule: operation<DeleteRuleRequest>({ ...RULE_REF, Force: 'boolean' }, (bridge, input) => bridge.deleteRule(input)),
  DescribeRule: operation<RuleRef>(RULE_REF, (bridge, input) => bridge.describeRule(input)),
  ListRules: operation<ListRulesRequest>({ NamePrefix: 'string', EventBusName: 'string', ...PAGE }, (bridge, input) =>
    bridge.listRules(input),
  ),
  EnableRule: operation<RuleRef>(RULE_REF, (bridge, input) => bridge.enableRule(input)),
  DisableRule: operation<RuleRef>(RULE_REF, (bridge, input) => bridge.disableRule(input)),
  CreateEventBus: operation<CreateEventBusRequest>(
    {
      Name: 'string',
      EventSourceName: 'string',
      Description: 'string',
      KmsKeyIdentifier: 'string',
      DeadLetterConfig: { struct: { Arn: 'string' } },
      LogConfig: { struct: { IncludeDetail: 'string', Level: 'string' } },
      Tags: TAGS,
    },
    (bridge, input) => bridge.createEventBus(input),
  ),
  DeleteEventBus: operation<DeleteEventBusRequest>({ Name: 'string' }, (bridge, input) => bridge.deleteEventBus(input)),
  DescribeEventBus: operation<DescribeEventBusRequest>({ Name: 'string' }, (bridge, input) => bridge.describeEventBus(input)),
  ListEventBuses: operation<ListEventBusesRequest>({ NamePrefix: 'string', ...PAGE }, (bridge, input) =>
    bridge.listEventBuses(input),
  ),
  TestEventPattern: operation<TestEventPatternRequest>({ EventPattern: 'string', Event: 'string' }, (bridge, input) =>
    bridge.testEventPattern(input),
  ),
  PutTargets: operation<PutTargetsRequest>({ ...TARGETS_REF, Targets: { list: TARGET } }, (bridge, input) =>
    bridge.putTargets(input),
  ),
  RemoveTargets: operation<RemoveTargetsRequest>(
    { ...TARGETS_REF, Ids: { list: 'string' }, Force: 'boolean' },
    (bridge, input) => bridge.removeTargets(input),
  ),
  ListTargetsByRule: operation<ListTargetsByRuleRequest>({ ...TARGETS_REF, ...PAGE }, (bridge, input) =>
    bridge.listTargetsByRule(input),
  ),
  // Tags, bus settings and policy.
  TagResource: operation<TagResourceRequest>({ ResourceARN: 'string', Tags: TAGS }, (bridge, input) => bridge.tagResource(input)),
  UntagResource: operation<UntagResourceRequest>({ ResourceARN: 'string', TagKeys: { list: 'string' } }, (bridge, input) =>
    bridge.untagResource(input),
  ),
  ListTagsForResource: operation<ListTagsForResourceRequest>({ ResourceARN: 'string' }, (bridge, input) =>
    bridge.listTagsForResource(input),
  ),
  UpdateEventBus: operation<UpdateEventBusRequest>(
    {
      Name: 'string',
      KmsKeyIdentifier: 'string',
      Description: 'string',
      DeadLetterConfig: { struct: { Arn: 'string' } },
      LogConfig: { struct: { IncludeDetail: 'string', Level: 'string' } },
    },
    (bridge, input) => bridge.updateEventBus(input),
  ),
  ListRuleNamesByTarget: operation<ListRuleNamesByTargetRequest>({ TargetArn: 'string', EventBusName: 'string', ...PAGE }, (bridge, input) =>
    bridge.listRuleNamesByTarget(input),
  ),
  PutPermission: operation<PutPermissionRequest>(
    {
      EventBusName: 'string',
      Action: 'string',
      Principal: 'string',
      StatementId: 'string',
      Condition: { struct: { Type: 'string', Key: 'string', Value: 'string' } },
      Policy: 'string',
    },
    (bridge, input) => bridge.putPermission(input),
  ),
  RemovePermission: operation<RemovePermissionRequest>(
    { StatementId: 'string', RemoveAllPermissions: 'boolean', EventBusName: 'string' },
    (bridge, input) => bridge.removePermission(input),
  ),
  // Archives and replays.
  CreateArchive: operation<CreateArchiveRequest>(
    {
      ArchiveName: 'string',
      EventSourceArn: 'string',
      Description: 'string',
      EventPattern: 'string',
      RetentionDays: 'integer',
      KmsKeyIdentifier: 'string',
    },
    (bridge, input) => bridge.createArchive(input),
  ),
  DescribeArchive: operation<ArchiveRef>({ ArchiveName: 'string' }, (bridge, input) => bridge.describeArchive(input)),
  ListArchives: operation<ListArchivesRequest>(
    { NamePrefix: 'string', EventSourceArn: 'string', State: 'string', ...PAGE },
    (bridge, input) => bridge.listArchives(input),
  ),
  UpdateArchive: operation<UpdateArchiveRequest>(
    { ArchiveName: 'string', Description: 'string', EventPattern: 'string', RetentionDays: 'integer', KmsKeyIdentifier: 'string' },
    (bridge, input) => bridge.updateArchive(input),
  ),
  DeleteArchive: operation<ArchiveRef>({ ArchiveName: 'string' }, (bridge, input) => bridge.deleteArchive(input)),
  StartReplay: operation<StartReplayRequest>(
    {
      ReplayName: 'string',
      Description: 'string',
      EventSourceArn: 'string',
      EventStartTime: 'timestamp',
      EventEndTime: 'timestamp',
      Destination: { struct: { Arn: 'string', FilterArns: { list: 'string' } } },
    },
    (bridge, input) => bridge.startReplay(input),
  ),
  DescribeReplay: operation<ReplayRef>({ ReplayName: 'string' }, (bridge, input) => bridge.describeReplay(input)),
  ListReplays: operation<ListReplaysRequest>(
    { NamePrefix: 'string', State: 'string', EventSourceArn: 'string', ...PAGE },
    (bridge, input) => bridge.listReplays(input),
  ),
  CancelReplay: operation<ReplayRef>({ ReplayName: 'string' }, (bridge, input) => bridge.cancelReplay(input)),
  // Connections and API destinations (stored, never called).
  CreateConnection: operation<ConnectionRequest>(
    CONNECTION,
    (bridge, input) => bridge.createConnection(input),
  ),
  DescribeConnection: operation<NameRef>({ Name: 'string' }, (bridge, input) => bridge.describeConnection(input)),
  ListConnections: operation<ListConnectionsInput>(
    { NamePrefix: 'string', ConnectionState: 'string', ...PAGE },
    (bridge, input) => bridge.listConnections(input),
  ),
  UpdateConnection: operation<ConnectionRequest>(
    CONNECTION,
    (bridge, input) => bridge.updateConnection(input),
  ),
  DeleteConnection: operation<NameRef>({ Name: 'string' }, (bridge, input) => bridge.deleteConnection(input)),
  CreateApiDestination: operation<ApiDestinationRequest>(
    API_DESTINATION,
    (bridge, input) => bridge.createApiDestination(input),
  ),
  DescribeApiDestination: operation<NameRef>({ Name: 'string' }, (bridge, input) => bridge.describeApiDestination(input)),
  ListApiDestinations: operation<ListApiDestinationsInput>(
    { NamePrefix: 'string', ConnectionArn: 'string', ...PAGE },
    (bridge, input) => bridge.listApiDestinations(input),
  ),
  UpdateApiDestination: operation<ApiDestinationRequest>(
    API_DESTINATION,
    (bridge, input) => bridge.updateApiDestination(input),
  ),
  DeleteApiDestination: operation<NameRef>({ Name: 'string' }, (bridge, input) => bridge.deleteApiDestination(input)),
} satisfies Readonly<Record<string, Operation>>;

/** The name of a supported operation. */
export type OperationName = keyof typeof OPERATION_TABLE;

const BY_NAME: ReadonlyMap<string, Operation> = new Map(Object.entries(OPERATION_TABLE));

/**
 * The row of an operation.
 *
 * @param name - The operation name from `X-Amz-Target` (after `AWSEvents.`).
 * @returns The row, or `undefined` when the server does not emulate that operation.
 */
export function findOperation(name: string): Operation | undefined {
  return BY_NAME.get(name);
}

/**
 * The input shape of every supported operation, by operation name (a view of
 * {@link OPERATION_TABLE}, for tools that only need the shapes).
 */
export const OPERATIONS: ReadonlyMap<string, InputMembers> = new Map([...BY_NAME].map(([name, row]) => [name, row.input]));

/**
 * The in-process method name for an operation: `PutEvents` → `putEvents`. Every row of
 * {@link OPERATION_TABLE} calls the method of that name.
 *
 * @param operation - An operation name from {@link OPERATIONS}.
 * @returns The camelCase method name.
 */
export function methodName(operation: string): string {
  return operation.charAt(0).toLowerCase() + operation.slice(1);
}

/**
 * The error AWS's front end gives for a body it cannot map onto the operation's input
 * (`SerializationException`, HTTP 400).
 *
 * @param message - What was wrong (AWS's own texts here are not recorded).
 * @returns The error, ready to send.
 */
export function serializationError(message: string): EventBridgeError {
  return new EventBridgeError('SerializationException', message, 400);
}

/**
 * Checks and decodes an operation's input.
 *
 * `null` members count as absent (the SDKs never send them). Unknown members are ignored at every
 * level, as AWS's JSON services do for forward compatibility. Timestamps may be epoch seconds (what
 * the SDKs send) or a date string `Date.parse` understands. Hot: runs once per request; the
 * recursion follows the shapes above (at most four levels), never the request's nesting.
 *
 * @param members - The operation's input shape, from {@link OPERATIONS}.
 * @param body - The parsed request body.
 * @returns A fresh input object holding only modelled members.
 * @throws EventBridgeError `SerializationException` when the body is not an object or a member has
 *   the wrong JSON type.
 */
export function decodeInput(members: InputMembers, body: unknown): Record<string, unknown> {
  return decodeStruct(members, body, 'input');
}

function decodeStruct(members: InputMembers, value: unknown, path: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw typeError(path, 'a structure', value);
  const out: Record<string, unknown> = {};
  for (const name in members) {
    if (!Object.hasOwn(value, name)) continue;
    const member = (value as Record<string, unknown>)[name];
    if (member === null || member === undefined) continue;
    out[name] = decodeValue(members[name] as Shape, member, path, name);
  }
  return out;
}

/** Decodes `value` (never null) found at `path` + `.name` (or `[index]`). */
function decodeValue(shape: Shape, value: unknown, parent: string, name: string | number): unknown {
  switch (shape) {
    case 'any':
      return value;
    case 'string':
      if (typeof value !== 'string') throw typeError(pathOf(parent, name), 'a string', value);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw typeError(pathOf(parent, name), 'a boolean', value);
      return value;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw typeError(pathOf(parent, name), 'an integer', value);
      return value;
    case 'timestamp':
      return decodeTimestamp(value, pathOf(parent, name));
    default:
      break;
  }
  const path = pathOf(parent, name);
  if ('struct' in shape) return decodeStruct(shape.struct, value, path);
  if (!Array.isArray(value)) throw typeError(path, 'a list', value);
  const out: unknown[] = new Array<unknown>(value.length);
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    // A null list element stays null; the in-process validation reports it as AWS does.
    out[i] = item === null || item === undefined ? null : decodeValue(shape.list, item, path, i);
  }
  return out;
}

function pathOf(parent: string, name: string | number): string {
  return typeof name === 'number' ? `${parent}[${name}]` : `${parent}.${name}`;
}

/** Epoch seconds (number or numeric string) or a parseable date string → `Date`. */
function decodeTimestamp(value: unknown, path: string): Date {
  let millis = Number.NaN;
  if (typeof value === 'number') millis = value * 1000;
  else if (typeof value === 'string') {
    millis = /^-?\d+(\.\d+)?$/.test(value) ? Number(value) * 1000 : Date.parse(value);
  }
  const date = new Date(millis);
  if (Number.isNaN(date.getTime())) throw typeError(path, 'a timestamp', value);
  return date;
}

/** The SerializationException for a member of the wrong JSON type. */
function typeError(path: string, wanted: string, value: unknown): EventBridgeError {
  const got = value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a structure' : `a ${typeof value}`;
  return serializationError(`Expected ${wanted} at '${path}' but found ${got}.`);
}
