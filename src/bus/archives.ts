/**
 * Archives: CreateArchive, DescribeArchive, ListArchives, UpdateArchive, DeleteArchive, and
 * {@link archiveEvent}, which the event path calls for every event reaching a bus from outside
 * (PutEvents; not schedule firings, not replays). An archive keeps the envelopes of its bus's
 * events that match its EventPattern (all of them without one), with their times, for
 * StartReplay (replays.ts).
 *
 * As AWS reports them (recorded responses, see test/bus/archives-tags.test.ts): CreateArchive and
 * UpdateArchive answer `{ ArchiveArn, State: 'ENABLED', CreationTime }`; DescribeArchive and
 * ListArchives count `EventCount` and `SizeBytes` (here: the UTF-8 bytes of the kept envelopes).
 * Kept: at most {@link MAX_ARCHIVED_EVENTS} events per archive (oldest dropped first), and, with a
 * `RetentionDays` above 0, only events younger than that on the instance's clock.
 */

import { EventBridgeError } from '../errors.js';
import { Matcher } from '../match/matcher.js';
import { parsePattern } from '../pattern/parse.js';
import { paginate, readPage } from './pages.js';
import { eventsArn, findBus } from './state.js';
import type { BridgeState, BusRecord } from './state.js';
import {
  BUS_NAME_OR_ARN_PATTERN,
  Constraints,
  NAME_PATTERN,
  member,
  notFoundError,
  optionalInteger,
  optionalString,
  requestObject,
} from './validation.js';
import { ARCHIVE_STATES } from './records.js';
import type { ArchiveState, ArchivedEvent, ArchiveRecord } from './records.js';
export type { ArchiveState, ArchivedEvent, ArchiveRecord, ArchiveStore } from './records.js';

/** Most events one archive keeps; the oldest go first. */
export const MAX_ARCHIVED_EVENTS = 100_000;
const DAY_MS = 86_400_000;

/** CreateArchive input. */
export interface CreateArchiveRequest {
  ArchiveName: string;
  /** The ARN (or name) of the bus whose events are archived. */
  EventSourceArn: string;
  Description?: string | undefined;
  EventPattern?: string | undefined;
  /** Days events are kept; 0 (the default) keeps them indefinitely. */
  RetentionDays?: number | undefined;
  KmsKeyIdentifier?: string | undefined;
}

/** CreateArchive and UpdateArchive output. */
export interface ArchiveChangeResponse {
  ArchiveArn: string;
  State: ArchiveState;
  StateReason?: string;
  CreationTime: Date;
}

/** UpdateArchive input: members given replace the stored ones. */
export interface UpdateArchiveRequest {
  ArchiveName: string;
  Description?: string | undefined;
  EventPattern?: string | undefined;
  RetentionDays?: number | undefined;
  KmsKeyIdentifier?: string | undefined;
}

/** Input of DescribeArchive and DeleteArchive. */
export interface ArchiveRef {
  ArchiveName: string;
}

/** An archive as ListArchives returns it. */
export interface Archive {
  ArchiveName: string;
  EventSourceArn: string;
  State: ArchiveState;
  StateReason?: string;
  RetentionDays: number;
  SizeBytes: number;
  EventCount: number;
  CreationTime: Date;
}

/** DescribeArchive output. */
export interface DescribeArchiveResponse extends Archive {
  ArchiveArn: string;
  Description?: string;
  EventPattern?: string;
}

/** ListArchives input. */
export interface ListArchivesRequest {
  NamePrefix?: string | undefined;
  EventSourceArn?: string | undefined;
  State?: ArchiveState | undefined;
  NextToken?: string | undefined;
  Limit?: number | undefined;
}

/** ListArchives output. */
export interface ListArchivesResponse {
  Archives: Archive[];
  NextToken?: string;
}

/**
 * Keeps an event in every archive of its bus whose pattern it matches. Called by the event path.
 *
 * @param state - The instance.
 * @param bus - The bus the event reached.
 * @param envelope - Its envelope text.
 * @param timeMs - Its `time`, epoch ms.
 */
export function archiveEvent(state: BridgeState, bus: BusRecord, envelope: string, timeMs: number): void {
  if (state.archives.size === 0) return;
  let receivedMs = -1;
  let bytes = 0;
  for (const archive of state.archives.values()) {
    if (archive.busName !== bus.name) continue;
    if (archive.matcher !== undefined && archive.matcher.match(envelope, { trusted: true }).length === 0) continue;
    // Measured once per event, for the first archive that keeps it.
    if (receivedMs < 0) {
      receivedMs = state.now().getTime();
      bytes = Buffer.byteLength(envelope, 'utf8');
    }
    archive.events.push({ envelope, timeMs, receivedMs, bytes });
    archive.sizeBytes += bytes;
    if (archive.events.length > MAX_ARCHIVED_EVENTS) archive.sizeBytes -= (archive.events.shift() as ArchivedEvent).bytes;
  }
}

/**
 * The events an archive holds now, oldest first (those past its retention are dropped first).
 *
 * @param state - The instance (its clock).
 * @param archive - The archive.
 * @returns The kept events.
 */
export function archivedEvents(state: BridgeState, archive: ArchiveRecord): readonly ArchivedEvent[] {
  expire(state, archive);
  return archive.events;
}

/** CreateArchive; see {@link EventBridge.createArchive}. */
export function createArchive(state: BridgeState, input: CreateArchiveRequest): ArchiveChangeResponse {
  const req = requestObject(input);
  const name = optionalString(member(req, 'ArchiveName'), 'ArchiveName');
  const source = optionalString(member(req, 'EventSourceArn'), 'EventSourceArn');
  const description = optionalString(member(req, 'Description'), 'Description');
  const pattern = optionalString(member(req, 'EventPattern'), 'EventPattern');
  const retention = optionalInteger(member(req, 'RetentionDays'), 'RetentionDays');
  optionalString(member(req, 'KmsKeyIdentifier'), 'KmsKeyIdentifier');
  const c = new Constraints();
  c.required(name, 'archiveName');
  c.text(name, 'archiveName', 1, 48, NAME_PATTERN);
  c.required(source, 'eventSourceArn');
  c.text(source, 'eventSourceArn', 1, 1600, BUS_NAME_OR_ARN_PATTERN);
  c.text(description, 'description', 0, 512);
  c.range(retention, 'retentionDays', 0, 2_147_483_647);
  c.throwIfAny();
  const archiveName = name as string;
  if (state.archives.has(archiveName)) {
    throw new EventBridgeError('ResourceAlreadyExistsException', `Archive ${archiveName} already exists.`);
  }
  const bus = findBus(state, source);
  const matcher = compileArchivePattern(state, pattern);
  const archive: ArchiveRecord = {
    name: archiveName,
    arn: eventsArn(state, `archive/${archiveName}`),
    busArn: bus.arn,
    busName: bus.name,
    description,
    eventPattern: pattern,
    matcher,
    retentionDays: retention ?? 0,
    creationTime: state.now(),
    events: [],
    sizeBytes: 0,
  };
  state.archives.set(archive);
  return changeView(archive);
}

/** UpdateArchive; see {@link EventBridge.updateArchive}. */
export function updateArchive(state: BridgeState, input: UpdateArchiveRequest): ArchiveChangeResponse {
  const req = requestObject(input);
  const description = optionalString(member(req, 'Description'), 'Description');
  const pattern = optionalString(member(req, 'EventPattern'), 'EventPattern');
  const retention = optionalInteger(member(req, 'RetentionDays'), 'RetentionDays');
  optionalString(member(req, 'KmsKeyIdentifier'), 'KmsKeyIdentifier');
  const c = new Constraints();
  c.text(description, 'description', 0, 512);
  c.range(retention, 'retentionDays', 0, 2_147_483_647);
  const archive = findArchive(state, req, c);
  if (pattern !== undefined) {
    archive.matcher = compileArchivePattern(state, pattern);
    archive.eventPattern = pattern;
  }
  if (description !== undefined) archive.description = description;
  if (retention !== undefined) archive.retentionDays = retention;
  return changeView(archive);
}

/** DescribeArchive; see {@link EventBridge.describeArchive}. */
export function describeArchive(state: BridgeState, input: ArchiveRef): DescribeArchiveResponse {
  const archive = findArchive(state, requestObject(input), new Constraints());
  expire(state, archive);
  const out = { ArchiveArn: archive.arn, ArchiveName: archive.name, EventSourceArn: archive.busArn } as DescribeArchiveResponse;
  if (archive.description !== undefined) out.Description = archive.description;
  if (archive.eventPattern !== undefined) out.EventPattern = archive.eventPattern;
  Object.assign(out, counts(archive));
  return out;
}

/** ListArchives; see {@link EventBridge.listArchives}. */
export function listArchives(state: BridgeState, input: ListArchivesRequest): ListArchivesResponse {
  const req = requestObject(input);
  const prefix = optionalString(member(req, 'NamePrefix'), 'NamePrefix');
  const source = optionalString(member(req, 'EventSourceArn'), 'EventSourceArn');
  const wantedState = optionalString(member(req, 'State'), 'State');
  const c = new Constraints();
  c.text(prefix, 'namePrefix', 1, 48, NAME_PATTERN);
  c.text(source, 'eventSourceArn', 1, 1600, BUS_NAME_OR_ARN_PATTERN);
  c.oneOf(wantedState, 'state', ARCHIVE_STATES);
  const { nextToken, limit } = readPage(req, c);
  c.throwIfAny();
  const busName = source === undefined ? undefined : findBus(state, source).name;
  const all = state.archives.withPrefix(prefix);
  const kept = all
    .slice(0, all.count)
    .filter((a) => (busName === undefined || a.busName === busName) && (wantedState === undefined || wantedState === 'ENABLED'));
  const { page, next } = paginate(kept, nextToken, limit);
  const out: ListArchivesResponse = {
    Archives: page.map((archive) => {
      expire(state, archive);
      return { ArchiveName: archive.name, EventSourceArn: archive.busArn, ...counts(archive) };
    }),
  };
  if (next !== undefined) out.NextToken = next;
  return out;
}

/** DeleteArchive; see {@link EventBridge.deleteArchive}. */
export function deleteArchive(state: BridgeState, input: ArchiveRef): Record<string, never> {
  const archive = findArchive(state, requestObject(input), new Constraints());
  state.archives.delete(archive.name);
  return {};
}

/**
 * The archive a request names in `ArchiveName` (checked with the constraints `c` already holds).
 *
 * @throws {@link EventBridgeError} `ValidationException`; `ResourceNotFoundException` `Archive <name> does not exist.`
 */
export function findArchive(state: BridgeState, req: Readonly<Record<string, unknown>>, c: Constraints): ArchiveRecord {
  const name = optionalString(member(req, 'ArchiveName'), 'ArchiveName');
  c.required(name, 'archiveName');
  c.text(name, 'archiveName', 1, 48, NAME_PATTERN);
  c.throwIfAny();
  const archive = state.archives.get(name as string);
  if (archive === undefined) throw notFoundError(`Archive ${name as string} does not exist.`);
  return archive;
}

function compileArchivePattern(state: BridgeState, pattern: string | undefined): Matcher | undefined {
  if (pattern === undefined) return undefined;
  const matcher = new Matcher();
  matcher.addRule('archive', parsePattern(pattern, state.patternOptions));
  return matcher;
}

function changeView(archive: ArchiveRecord): ArchiveChangeResponse {
  return { ArchiveArn: archive.arn, State: 'ENABLED', CreationTime: new Date(archive.creationTime.getTime()) };
}

function counts(archive: ArchiveRecord): Omit<Archive, 'ArchiveName' | 'EventSourceArn'> {
  return {
    State: 'ENABLED',
    RetentionDays: archive.retentionDays,
    SizeBytes: archive.sizeBytes,
    EventCount: archive.events.length,
    CreationTime: new Date(archive.creationTime.getTime()),
  };
}

/** Drops events older than the archive's retention. */
function expire(state: BridgeState, archive: ArchiveRecord): void {
  if (archive.retentionDays <= 0) return;
  const oldest = state.now().getTime() - archive.retentionDays * DAY_MS;
  let drop = 0;
  while (drop < archive.events.length && (archive.events[drop] as ArchivedEvent).receivedMs < oldest) {
    archive.sizeBytes -= (archive.events[drop] as ArchivedEvent).bytes;
    drop++;
  }
  if (drop > 0) archive.events.splice(0, drop);
}
