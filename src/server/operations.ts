/**
 * The EventBridge operations the server speaks, each with the JSON types of its input members
 * (from AWS's API model, botocore `events/2015-10-07`). Decoding an input checks those types,
 * turns timestamps into `Date`s and drops members the model does not know, so the in-process class
 * only ever sees well-typed input. Nesting is bounded by the shapes here, never by the request.
 */

import { EventBridgeError } from '../errors.js';

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

const TAGS: Shape = { list: { struct: { Key: 'string', Value: 'string' } } };

const ENTRY: Shape = {
  struct: {
    Time: 'timestamp',
    Source: 'string',
    Resources: { list: 'string' },
    DetailType: 'string',
    Detail: 'string',
    EventBusName: 'string',
    TraceHeader: 'string',
  },
};

const TARGET: Shape = {
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
};

const RULE_REF = { Name: 'string', EventBusName: 'string' } as const;
const TARGETS_REF = { Rule: 'string', EventBusName: 'string' } as const;
const PAGE = { NextToken: 'string', Limit: 'integer' } as const;

/**
 * Input shape of every supported operation, keyed by the operation name of `X-Amz-Target`
 * (`AWSEvents.<Operation>`). The in-process method is the name with a lower-case first letter.
 */
export const OPERATIONS: ReadonlyMap<string, Readonly<Record<string, Shape>>> = new Map<
  string,
  Readonly<Record<string, Shape>>
>([
  ['PutEvents', { Entries: { list: ENTRY }, EndpointId: 'string' }],
  [
    'PutRule',
    {
      ...RULE_REF,
      ScheduleExpression: 'string',
      EventPattern: 'string',
      State: 'string',
      Description: 'string',
      RoleArn: 'string',
      Tags: TAGS,
    },
  ],
  ['DeleteRule', { ...RULE_REF, Force: 'boolean' }],
  ['DescribeRule', RULE_REF],
  ['ListRules', { NamePrefix: 'string', EventBusName: 'string', ...PAGE }],
  ['EnableRule', RULE_REF],
  ['DisableRule', RULE_REF],
  [
    'CreateEventBus',
    {
      Name: 'string',
      EventSourceName: 'string',
      Description: 'string',
      KmsKeyIdentifier: 'string',
      DeadLetterConfig: { struct: { Arn: 'string' } },
      LogConfig: { struct: { IncludeDetail: 'string', Level: 'string' } },
      Tags: TAGS,
    },
  ],
  ['DeleteEventBus', { Name: 'string' }],
  ['DescribeEventBus', { Name: 'string' }],
  ['ListEventBuses', { NamePrefix: 'string', ...PAGE }],
  ['TestEventPattern', { EventPattern: 'string', Event: 'string' }],
  ['PutTargets', { ...TARGETS_REF, Targets: { list: TARGET } }],
  ['RemoveTargets', { ...TARGETS_REF, Ids: { list: 'string' }, Force: 'boolean' }],
  ['ListTargetsByRule', { ...TARGETS_REF, ...PAGE }],
]);

/**
 * The in-process method name for an operation: `PutEvents` → `putEvents`.
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
export function decodeInput(members: Readonly<Record<string, Shape>>, body: unknown): Record<string, unknown> {
  return decodeStruct(members, body, 'input');
}

function decodeStruct(members: Readonly<Record<string, Shape>>, value: unknown, path: string): Record<string, unknown> {
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
