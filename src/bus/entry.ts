/**
 * One PutEvents entry: reading it (types), AWS's per-entry checks in a fixed order, its size under
 * AWS's documented formula, and the Java `toString` AWS echoes in the too-many-entries message.
 * Per-entry failures are values, never exceptions (docs/putevents.md §2); wrong JSON types are request errors.
 */

import { compactDetail } from './detail.js';
import { eventTimeMs, formatJavaInstant } from './time.js';
import type { EventTime, PutEventsResultEntry } from './types.js';
import { ENTRY_BUS_PATTERN, matchesModelPattern, member, objectMember, optionalString, serializationError } from './validation.js';

/** An entry after its members were type-checked; absent members are `undefined`. */
export interface EntryInput {
  readonly time: EventTime | undefined;
  readonly source: string | undefined;
  readonly resources: readonly string[] | undefined;
  readonly detailType: string | undefined;
  readonly detail: string | undefined;
  readonly eventBusName: string | undefined;
  readonly traceHeader: string | undefined;
}

/** An entry that passed every check, ready for the envelope. */
export interface AcceptedEntry {
  readonly source: string;
  readonly detailType: string;
  /** The Detail, compacted. */
  readonly detail: string;
  readonly resources: readonly string[];
  /** Epoch ms at second precision, or `undefined` to use the request time. */
  readonly timeMs: number | undefined;
  readonly eventBusName: string | undefined;
  readonly traceHeader: string | undefined;
}

/** Error code and message of a failed entry. */
export type EntryFailure = Required<Pick<PutEventsResultEntry, 'ErrorCode' | 'ErrorMessage'>>;

const MAX_RESOURCE_LENGTH = 2048;
const MAX_TRACE_HEADER_LENGTH = 500;
const MAX_BUS_NAME_LENGTH = 1600;

/**
 * Type-checks one entry of a request.
 *
 * @param value - The entry as the caller gave it.
 * @param index - Its position (0-based), for error messages.
 * @returns The entry's members.
 * @throws {@link EventBridgeError} `SerializationException` when the entry or a member has the wrong type.
 */
export function readEntry(value: unknown, index: number): EntryInput {
  const record = objectMember(value, `Entries[${index}]`);
  const rawTime = member(record, 'Time');
  let time: EventTime | undefined;
  if (rawTime !== undefined && rawTime !== null) {
    if (!(rawTime instanceof Date) && typeof rawTime !== 'number' && typeof rawTime !== 'string') {
      throw serializationError('Time', 'a timestamp (a Date, epoch seconds or a date string)');
    }
    time = rawTime;
  }
  const rawResources = member(record, 'Resources');
  let resources: string[] | undefined;
  if (rawResources !== undefined && rawResources !== null) {
    if (!Array.isArray(rawResources) || !rawResources.every((r) => typeof r === 'string')) {
      throw serializationError('Resources', 'a list of strings');
    }
    resources = rawResources as string[];
  }
  return {
    time,
    source: optionalString(member(record, 'Source'), 'Source'),
    resources,
    detailType: optionalString(member(record, 'DetailType'), 'DetailType'),
    detail: optionalString(member(record, 'Detail'), 'Detail'),
    eventBusName: optionalString(member(record, 'EventBusName'), 'EventBusName'),
    traceHeader: optionalString(member(record, 'TraceHeader'), 'TraceHeader'),
  };
}

function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * An entry's size under AWS's documented formula (eb-putevent-size): 14 bytes when `Time` is set,
 * plus the UTF-8 bytes of Source, DetailType, Detail and each Resources item.
 *
 * @param entry - The entry.
 * @returns Its size in bytes.
 */
export function entrySize(entry: EntryInput): number {
  let size = entry.time === undefined ? 0 : 14;
  if (entry.source !== undefined) size += utf8Length(entry.source);
  if (entry.detailType !== undefined) size += utf8Length(entry.detailType);
  if (entry.detail !== undefined) size += utf8Length(entry.detail);
  for (const r of entry.resources ?? []) size += utf8Length(r);
  return size;
}

/**
 * The entry as AWS's Java model prints it inside a validation message.
 *
 * @param entry - The entry.
 * @returns `PutEventsRequestEntry(time=null, source=..., ..., internalMetadata=null)`.
 */
export function javaEntryString(entry: EntryInput): string {
  const show = (s: string | undefined): string => (s === undefined ? 'null' : s);
  const time = entry.time === undefined ? 'null' : formatJavaInstant(entry.time);
  const resources = entry.resources === undefined ? 'null' : `[${entry.resources.join(', ')}]`;
  return (
    `PutEventsRequestEntry(time=${time}, source=${show(entry.source)}, resources=${resources}, ` +
    `detailType=${show(entry.detailType)}, detail=${show(entry.detail)}, ` +
    `eventBusName=${show(entry.eventBusName)}, traceHeader=${show(entry.traceHeader)}, ` +
    `kmsKeyIdentifier=null, internalMetadata=null)`
  );
}

function invalid(parameter: string, reason: string): EntryFailure {
  return { ErrorCode: 'InvalidArgument', ErrorMessage: `Parameter ${parameter} is not valid. Reason: ${reason}` };
}

/**
 * Runs AWS's per-entry checks, first failure wins, in this order: Source, DetailType and Detail
 * present and non-empty (recorded texts); Time, Resources, EventBusName and TraceHeader within the
 * model's constraints; Detail a JSON object (`MalformedDetail`, recorded); Source not in the
 * reserved `aws.` namespace (`NotAuthorizedForSourceException`).
 *
 * @param entry - The type-checked entry.
 * @returns The accepted entry, or its failure.
 */
export function checkEntry(entry: EntryInput): AcceptedEntry | EntryFailure {
  const { source, detailType, detail } = entry;
  if (source === undefined || source === '') return invalid('Source', 'Source is a required argument.');
  if (detailType === undefined || detailType === '') {
    return invalid('DetailType', 'DetailType is a required argument.');
  }
  if (detail === undefined || detail === '') return invalid('Detail', 'Detail is a required argument.');

  let timeMs: number | undefined;
  if (entry.time !== undefined) {
    timeMs = eventTimeMs(entry.time);
    if (timeMs === undefined) {
      return invalid('Time', 'Time must be a timestamp between years 0000 and 9999 (RFC 3339 text, a Date or epoch seconds).');
    }
  }
  for (const r of entry.resources ?? []) {
    if (r.length > MAX_RESOURCE_LENGTH) {
      return invalid('Resources', `Each resource must have length less than or equal to ${MAX_RESOURCE_LENGTH}.`);
    }
  }
  const bus = entry.eventBusName;
  if (bus !== undefined && (bus.length < 1 || bus.length > MAX_BUS_NAME_LENGTH || !matchesModelPattern(bus, ENTRY_BUS_PATTERN))) {
    return invalid(
      'EventBusName',
      `EventBusName must have length between 1 and ${MAX_BUS_NAME_LENGTH} and satisfy regular expression pattern: ${ENTRY_BUS_PATTERN}`,
    );
  }
  const trace = entry.traceHeader;
  if (trace !== undefined && (trace.length < 1 || trace.length > MAX_TRACE_HEADER_LENGTH)) {
    return invalid('TraceHeader', `TraceHeader must have length between 1 and ${MAX_TRACE_HEADER_LENGTH}.`);
  }

  const compact = compactDetail(detail);
  if (compact === undefined) return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  if (source.startsWith('aws.')) {
    return { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' };
  }
  return {
    source,
    detailType,
    detail: compact,
    resources: entry.resources ?? [],
    timeMs,
    eventBusName: bus,
    traceHeader: trace,
  };
}

/**
 * Whether a {@link checkEntry} result is a failure.
 *
 * @param result - What `checkEntry` returned.
 * @returns `true` for a failure.
 */
export function isFailure(result: AcceptedEntry | EntryFailure): result is EntryFailure {
  return 'ErrorCode' in result;
}
