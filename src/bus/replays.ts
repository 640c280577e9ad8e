/**
 * Replays: StartReplay, DescribeReplay, ListReplays, CancelReplay. A replay sends an archive's
 * events whose time lies in `[EventStartTime, EventEndTime)` back to the archive's bus, through the
 * one event path with `replay-name` in the envelope (after `region`, as AWS delivers it); they are
 * matched against the bus's rules (only those of `Destination.FilterArns`, when given) and are not
 * archived again.
 *
 * States as AWS reports them: StartReplay answers `STARTING`; the replay runs on a later turn of
 * the event loop (`RUNNING` while it sends) and ends `COMPLETED`; CancelReplay of a replay not yet
 * finished answers `CANCELLING`, and the replay ends `CANCELLED` without sending; CancelReplay of a
 * finished replay is `IllegalStatusException`.
 */

import { EventBridgeError } from '../errors.js';
import { archivedEvents } from './archives.js';
import { publishProduced, routeEvent } from './event-path.js';
import { paginate, readPage } from './pages.js';
import { eventsArn, findBus } from './state.js';
import type { BridgeState } from './state.js';
import { eventTimeMs } from './time.js';
import type { EventTime } from './types.js';
import { Constraints, NAME_PATTERN, member, notFoundError, optionalString, requestObject, serializationError, validationError } from './validation.js';
import { REPLAY_STATES } from './records.js';
import type { ReplayState, ReplayDestination, ReplayRecord } from './records.js';
export type { ReplayState, ReplayDestination, ReplayRecord, ReplayStore } from './records.js';

/** StartReplay input. */
export interface StartReplayRequest {
  ReplayName: string;
  Description?: string | undefined;
  /** The archive's ARN. */
  EventSourceArn: string;
  EventStartTime: EventTime;
  EventEndTime: EventTime;
  Destination: ReplayDestination;
}

/** StartReplay output. */
export interface StartReplayResponse {
  ReplayArn: string;
  State: ReplayState;
  StateReason?: string;
  ReplayStartTime: Date;
}

/** Input of DescribeReplay and CancelReplay. */
export interface ReplayRef {
  ReplayName: string;
}

/** A replay as ListReplays returns it. */
export interface Replay {
  ReplayName: string;
  EventSourceArn: string;
  State: ReplayState;
  StateReason?: string;
  EventStartTime: Date;
  EventEndTime: Date;
  EventLastReplayedTime?: Date;
  ReplayStartTime: Date;
  ReplayEndTime?: Date;
}

/** DescribeReplay output. */
export interface DescribeReplayResponse extends Replay {
  ReplayArn: string;
  Description?: string;
  Destination: ReplayDestination;
}

/** ListReplays input. */
export interface ListReplaysRequest {
  NamePrefix?: string | undefined;
  State?: ReplayState | undefined;
  EventSourceArn?: string | undefined;
  NextToken?: string | undefined;
  Limit?: number | undefined;
}

/** ListReplays output. */
export interface ListReplaysResponse {
  Replays: Replay[];
  NextToken?: string;
}

/** CancelReplay output. */
export interface CancelReplayResponse {
  ReplayArn: string;
  State: ReplayState;
  StateReason?: string;
}

/** StartReplay; see {@link EventBridge.startReplay}. */
export function startReplay(state: BridgeState, input: StartReplayRequest): StartReplayResponse {
  const req = requestObject(input);
  const name = optionalString(member(req, 'ReplayName'), 'ReplayName');
  const description = optionalString(member(req, 'Description'), 'Description');
  const source = optionalString(member(req, 'EventSourceArn'), 'EventSourceArn');
  const start = member(req, 'EventStartTime');
  const end = member(req, 'EventEndTime');
  const destination = member(req, 'Destination');
  const c = new Constraints();
  c.required(name, 'replayName');
  c.text(name, 'replayName', 1, 64, NAME_PATTERN);
  c.text(description, 'description', 0, 512);
  c.required(source, 'eventSourceArn');
  c.text(source, 'eventSourceArn', 1, 1600);
  c.required(start, 'eventStartTime');
  c.required(end, 'eventEndTime');
  c.required(destination, 'destination');
  c.throwIfAny();
  const startMs = eventTimeMs(start as EventTime);
  const endMs = eventTimeMs(end as EventTime);
  if (startMs === undefined) throw serializationError('EventStartTime', 'a timestamp');
  if (endMs === undefined) throw serializationError('EventEndTime', 'a timestamp');
  const dest = readDestination(destination);
  const replayName = name as string;
  if (state.replays.has(replayName)) {
    throw new EventBridgeError('ResourceAlreadyExistsException', `Replay ${replayName} already exists.`);
  }
  const archiveName = /:archive\/(.+)$/.exec(source as string)?.[1] ?? (source as string);
  const archive = state.archives.get(archiveName);
  if (archive === undefined) throw validationError(`Parameter EventSourceArn is not valid. Reason: Archive ${archiveName} does not exist.`);
  const bus = findBus(state, dest.Arn);
  if (bus.name !== archive.busName) {
    throw validationError('Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted.');
  }
  if (startMs >= endMs) {
    throw validationError('Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.');
  }
  let finish: () => void = () => undefined;
  const replay: ReplayRecord = {
    name: replayName,
    arn: eventsArn(state, `replay/${replayName}`),
    description,
    archiveArn: archive.arn,
    archiveName: archive.name,
    destination: dest,
    startMs,
    endMs,
    state: 'STARTING',
    replayStart: state.now(),
    replayEnd: undefined,
    lastReplayedMs: undefined,
    done: new Promise<void>((resolve) => {
      finish = resolve;
    }),
  };
  state.replays.set(replay);
  // As on AWS, the replay runs after StartReplay has answered.
  setImmediate(() => {
    try {
      run(state, replay);
    } finally {
      finish();
    }
  });
  return { ReplayArn: replay.arn, State: 'STARTING', ReplayStartTime: new Date(replay.replayStart.getTime()) };
}

/** DescribeReplay; see {@link EventBridge.describeReplay}. */
export function describeReplay(state: BridgeState, input: ReplayRef): DescribeReplayResponse {
  const replay = findReplay(state, requestObject(input));
  const out = { ReplayName: replay.name, ReplayArn: replay.arn } as DescribeReplayResponse;
  if (replay.description !== undefined) out.Description = replay.description;
  out.Destination = { ...replay.destination, ...(replay.destination.FilterArns === undefined ? {} : { FilterArns: [...replay.destination.FilterArns] }) };
  return Object.assign(out, replayView(replay));
}

/** ListReplays; see {@link EventBridge.listReplays}. */
export function listReplays(state: BridgeState, input: ListReplaysRequest): ListReplaysResponse {
  const req = requestObject(input);
  const prefix = optionalString(member(req, 'NamePrefix'), 'NamePrefix');
  const wantedState = optionalString(member(req, 'State'), 'State');
  const source = optionalString(member(req, 'EventSourceArn'), 'EventSourceArn');
  const c = new Constraints();
  c.text(prefix, 'namePrefix', 1, 64, NAME_PATTERN);
  c.oneOf(wantedState, 'state', REPLAY_STATES);
  c.text(source, 'eventSourceArn', 1, 1600);
  const { nextToken, limit } = readPage(req, c);
  c.throwIfAny();
  const all = state.replays.withPrefix(prefix);
  const kept = all
    .slice(0, all.count)
    .filter((r) => (wantedState === undefined || r.state === wantedState) && (source === undefined || r.archiveArn === source));
  const { page, next } = paginate(kept, nextToken, limit);
  const out: ListReplaysResponse = { Replays: page.map(replayView) };
  if (next !== undefined) out.NextToken = next;
  return out;
}

/** CancelReplay; see {@link EventBridge.cancelReplay}. */
export function cancelReplay(state: BridgeState, input: ReplayRef): CancelReplayResponse {
  const replay = findReplay(state, requestObject(input));
  if (replay.state !== 'STARTING' && replay.state !== 'RUNNING') {
    throw new EventBridgeError('IllegalStatusException', `Replay ${replay.name} is not in a valid state for this operation.`);
  }
  replay.state = 'CANCELLING';
  return { ReplayArn: replay.arn, State: 'CANCELLING' };
}

/**
 * Waits until every replay started so far has finished (completed or cancelled).
 *
 * @param state - The instance.
 */
export async function replaysSettled(state: BridgeState): Promise<void> {
  await Promise.all([...state.replays.values()].map((r) => r.done));
}

function run(state: BridgeState, replay: ReplayRecord): void {
  if (replay.state === 'CANCELLING') {
    replay.state = 'CANCELLED';
    replay.replayEnd = state.now();
    return;
  }
  replay.state = 'RUNNING';
  const archive = state.archives.get(replay.archiveName);
  const events = archive === undefined ? [] : archivedEvents(state, archive).filter((e) => e.timeMs >= replay.startMs && e.timeMs < replay.endMs);
  const ruleArns = replay.destination.FilterArns === undefined || replay.destination.FilterArns.length === 0 ? undefined : new Set(replay.destination.FilterArns);
  for (const event of events) {
    const parsed = JSON.parse(event.envelope) as { source: string; 'detail-type': string; resources: string[] };
    // The detail exactly as archived (the envelope ends with it; event-path.ts builds it so).
    const detail = event.envelope.slice(event.envelope.indexOf(',"detail":') + ',"detail":'.length, -1);
    const routed = routeEvent(
      state,
      archive?.busName,
      {
        source: parsed.source,
        detailType: parsed['detail-type'],
        detail,
        resources: parsed.resources,
        timeMs: event.timeMs,
        replayName: replay.name,
      },
      ruleArns === undefined ? {} : { ruleArns },
    );
    if ('ErrorCode' in routed) continue;
    replay.lastReplayedMs = event.timeMs;
    publishProduced(state.scheduler.listeners, routed, { kind: 'replay', name: replay.name });
  }
  replay.state = 'COMPLETED';
  replay.replayEnd = state.now();
}

function findReplay(state: BridgeState, req: Readonly<Record<string, unknown>>): ReplayRecord {
  const name = optionalString(member(req, 'ReplayName'), 'ReplayName');
  const c = new Constraints();
  c.required(name, 'replayName');
  c.text(name, 'replayName', 1, 64, NAME_PATTERN);
  c.throwIfAny();
  const replay = state.replays.get(name as string);
  if (replay === undefined) throw notFoundError(`Replay ${name as string} does not exist.`);
  return replay;
}

function readDestination(value: unknown): ReplayDestination {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw serializationError('Destination', 'a structure');
  const record = value as Record<string, unknown>;
  const arn = optionalString(record['Arn'], 'Destination.Arn');
  const filters = record['FilterArns'];
  const c = new Constraints();
  c.required(arn, 'destination.arn');
  c.text(arn, 'destination.arn', 1, 1600);
  c.throwIfAny();
  if (filters === undefined || filters === null) return { Arn: arn as string };
  if (!Array.isArray(filters) || filters.some((f) => typeof f !== 'string')) throw serializationError('Destination.FilterArns', 'a list of strings');
  return { Arn: arn as string, FilterArns: [...(filters as string[])] };
}

function replayView(replay: ReplayRecord): Replay {
  const out: Replay = {
    ReplayName: replay.name,
    EventSourceArn: replay.archiveArn,
    State: replay.state,
    EventStartTime: new Date(replay.startMs),
    EventEndTime: new Date(replay.endMs),
    ReplayStartTime: new Date(replay.replayStart.getTime()),
  };
  if (replay.lastReplayedMs !== undefined) out.EventLastReplayedTime = new Date(replay.lastReplayedMs);
  if (replay.replayEnd !== undefined) out.ReplayEndTime = new Date(replay.replayEnd.getTime());
  return out;
}
