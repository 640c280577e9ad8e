/**
 * The one path every event takes into a bus, whoever produced it: PutEvents, schedule firings
 * (schedules.ts) and archive replays (replays.ts). Three steps, in this order:
 *
 * 1. **Envelope**: an id and the compact JSON text AWS delivers (`version, id, detail-type, source,
 *    account, time, region, resources, detail`, in that order; docs/putevents.md §8).
 * 2. **Match**: one walk of the bus's compiled matcher, which holds exactly its enabled rules with
 *    a pattern; the matched rules sorted by name (a replay keeps those it lists; a schedule firing
 *    skips the match and names its own rule). An event that reached the bus from outside (not a
 *    replay, not a schedule) is kept by the bus's archives whose pattern it matches (archives.ts).
 * 3. **Deliver**: {@link deliver}: the matched rules' targets receive the event.
 *
 * Producers differ only in the fields they pass and in what they do with the result.
 */

import { isEventBridgeError } from '../errors.js';
import { archiveEvent } from './archives.js';
import type { MatchedEvent } from './delivery.js';
import type { EntryFailure } from './entry.js';
import { destination } from './state.js';
import type { BridgeState, RuleRecord } from './state.js';
import { formatEventTime } from './time.js';
import type { DroppedReason, MatchedRule, PutEventsMatch, TargetDelivery } from './types.js';
import type { ProducedEventListener } from './records.js';

/** The envelope members an event's producer chooses; the instance adds id, account and region. */
export interface EventFields {
  readonly source: string;
  readonly detailType: string;
  /** The detail as compact JSON object text (already checked). */
  readonly detail: string;
  readonly resources: readonly string[];
  /** Event time, epoch milliseconds (printed at second precision). */
  readonly timeMs: number;
  /** The X-Ray trace header deliveries pass on (the entry's, else the request's), if any. */
  readonly traceHeader?: string | undefined;
  /** The replay that sends this event again (`replay-name` in the envelope, after `region`), if any. */
  readonly replayName?: string | undefined;
}

/** How a producer other than PutEvents narrows the path (schedules.ts, replays.ts). */
export interface RouteOptions {
  /** Deliver to this rule alone, without matching (a schedule firing its own rule). */
  readonly onlyRule?: RuleRecord;
  /** Keep only matched rules with one of these ARNs (a replay's `FilterArns`). */
  readonly ruleArns?: ReadonlySet<string>;
}

/** What became of one event on the path. */
export interface RoutedEvent {
  /** The event's id, also the envelope's `id`. */
  readonly id: string;
  /** The envelope text. */
  readonly envelope: string;
  /** The bus the event addressed (the last part of an ARN). */
  readonly busName: string;
  /** Rules whose pattern matched, sorted by name; empty when dropped. */
  readonly rules: MatchedRule[];
  /** Why the event reached no bus, when it did not. */
  readonly dropped?: DroppedReason;
  /** What each target of the matched rules receives; empty when none. */
  readonly deliveries: TargetDelivery[];
}

/**
 * Sends one event along the path: envelope, match, deliver.
 *
 * @param state - The instance.
 * @param busNameOrArn - The bus the producer addressed; the `default` bus when `undefined`. An
 *   unknown or foreign bus is not an error: the event is dropped and the result says why.
 * @param fields - The event's own members.
 * @returns The routed event, or the per-entry failure `MalformedDetail` should the matcher refuse
 *   the envelope (not expected: the detail was checked; the failure is never thrown).
 */
export function routeEvent(
  state: BridgeState,
  busNameOrArn: string | undefined,
  fields: EventFields,
  options: RouteOptions = {},
): RoutedEvent | EntryFailure {
  // Step 1: envelope. The id is drawn first, so ids follow request order whatever happens next.
  const id = state.newId();
  const envelope = buildEnvelope(state, id, fields);
  const to = destination(state, busNameOrArn);
  if ('dropped' in to) return { id, envelope, busName: to.name, rules: [], dropped: to.dropped, deliveries: [] };

  // Step 2: match. Hot: one automaton walk per event, whatever the number of rules (archives with
  // a pattern add one each, archives.ts).
  const bus = to.bus;
  let matched: RuleRecord[];
  if (options.onlyRule !== undefined) {
    matched = [options.onlyRule];
  } else {
    let names: string[];
    try {
      // The envelope is built here from a checked detail: parts no rule reads need no second check.
      names = bus.matcher.match(envelope, { trusted: true });
    } catch (error) {
      if (!isEventBridgeError(error)) throw error;
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
    }
    matched = names.sort().map((name) => bus.rules.get(name) as RuleRecord);
    if (options.ruleArns !== undefined) matched = matched.filter((rule) => options.ruleArns?.has(rule.arn) === true);
    // Archives keep what reached the bus from outside; a replayed event is not archived again.
    if (fields.replayName === undefined) archiveEvent(state, bus, envelope, fields.timeMs);
  }

  // Step 3: deliver.
  const deliveries = deliver(state, { eventId: id, busName: bus.name, envelope, traceHeader: fields.traceHeader }, matched);
  return { id, envelope, busName: bus.name, rules: matched.map((r) => ({ Name: r.name, Arn: r.arn })), deliveries };
}

/**
 * The envelope text of an event, as AWS delivers it to targets.
 *
 * One flat string: `join` copies the parts into it, where `+` and template literals leave V8 a
 * rope of them. PutEvents ran 1.04–1.06 times as fast with it while the matcher read the text with
 * `charCodeAt` (design note 012, tenth pass); it now reads a copy of the code units and matches a
 * rope within a few per cent of flat text (note 016), and targets still get a flat string.
 *
 * @param state - The instance (account and region).
 * @param id - The event id.
 * @param fields - The producer's members.
 * @returns Compact JSON text.
 */
export function buildEnvelope(state: BridgeState, id: string, fields: EventFields): string {
  return [
    '{"version":"0","id":',
    JSON.stringify(id),
    ',"detail-type":',
    JSON.stringify(fields.detailType),
    ',"source":',
    JSON.stringify(fields.source),
    ',"account":',
    JSON.stringify(state.account),
    ',"time":"',
    formatEventTime(fields.timeMs),
    '","region":',
    JSON.stringify(state.region),
    fields.replayName === undefined ? '' : `,"replay-name":${JSON.stringify(fields.replayName)}`,
    ',"resources":',
    JSON.stringify(fields.resources),
    ',"detail":',
    fields.detail,
    '}',
  ].join('');
}

// -------------------------------------------------------------------------------------------------
// Delivery: input shaping (src/targets/) and handing the input to each target's receivers
// (delivery.ts), for every producer of events at once. It never throws for a target's failure:
// PutEvents has already accepted the event.

/**
 * Hands a matched event to the targets of each matched rule.
 *
 * @param state - The instance (its delivery hub).
 * @param event - The event's id, bus, envelope and trace header.
 * @param rules - The matched rules, sorted by name; each holds its targets in `targets`.
 * @returns What each target receives, in rule order then target order.
 */
function deliver(state: BridgeState, event: MatchedEvent, rules: readonly RuleRecord[]): TargetDelivery[] {
  return state.delivery.deliver(event, rules);
}

/**
 * Tells listeners of an event the instance produced itself (a schedule firing, a replayed event)
 * what PutEvents would have reported for it. A listener that throws does not stop the others, nor
 * the schedule or replay.
 *
 * @param listeners - The instance's listeners of produced events.
 * @param routed - The routed event.
 * @param origin - What produced it.
 */
export function publishProduced(listeners: Iterable<ProducedEventListener>, routed: RoutedEvent, origin: Parameters<ProducedEventListener>[1]): void {
  const match: PutEventsMatch = { EventId: routed.id, EventBusName: routed.busName, Rules: routed.rules, Event: routed.envelope };
  if (routed.deliveries.length > 0) match.Deliveries = routed.deliveries;
  for (const listener of listeners) {
    try {
      listener(match, origin);
    } catch {
      // A listener's failure is its own.
    }
  }
}
