/**
 * PutEvents: the request checks (entry count, total size), each entry's own checks (`entry.ts`),
 * then the event path (`event-path.ts`) for every accepted entry (docs/putevents.md §2–§4).
 *
 * Error messages stay small whatever the request: AWS echoes the entries of a request with too
 * many, and its 1 MiB request limit keeps that echo small; this emulator may be handed far larger
 * requests (a 10 MB HTTP body, a million entries in-process), so it echoes a bounded prefix
 * ({@link echoEntries}).
 */

import { checkEntry, entrySize, isFailure, javaEntryString, readEntry } from './entry.js';
import type { EntryInput } from './entry.js';
import { routeEvent } from './event-path.js';
import type { BridgeState } from './state.js';
import type { PutEventsContext, PutEventsMatch, PutEventsResponse, PutEventsResultEntry } from './types.js';
import { Constraints, member, requestObject, serializationError, validationError } from './validation.js';

const MAX_ENTRIES = 10;
/**
 * Longest entry list echoed in the too-many-entries message, in UTF-16 code units. At most 3 UTF-8
 * bytes per code unit, so the whole message stays under 64 KiB on the wire.
 */
export const MAX_ENTRIES_ECHO_LENGTH = 20_000;

/** PutEvents; see {@link EventBridge.putEvents}. */
export function putEvents(state: BridgeState, input: unknown, context: PutEventsContext): PutEventsResponse {
  const req = requestObject(input);
  const raw = member(req, 'Entries');
  const c = new Constraints();
  c.required(raw, 'entries');
  c.throwIfAny();
  if (!Array.isArray(raw)) throw serializationError('Entries', 'a list');
  const entries: EntryInput[] = raw.map((e: unknown, i) => readEntry(e, i));
  if (entries.length < 1 || entries.length > MAX_ENTRIES) {
    c.count(entries.length, echoEntries(entries), 'entries', 1, MAX_ENTRIES);
    c.throwIfAny();
  }
  let total = 0;
  for (const e of entries) total += entrySize(e);
  if (total >= state.maxRequestSize) throw validationError('Total size of the entries in the request is over the limit.');

  const requestTime = Math.floor(state.now().getTime() / 1000) * 1000;
  const results: PutEventsResultEntry[] = [];
  const matches: PutEventsMatch[] = [];
  let failed = 0;
  // Hot loop: one strict Detail pass (checkEntry) and one trip along the event path per entry.
  for (const entry of entries) {
    const checked = checkEntry(entry);
    if (isFailure(checked)) {
      results.push(checked);
      failed++;
      continue;
    }
    const routed = routeEvent(state, checked.eventBusName, {
      ...checked,
      timeMs: checked.timeMs ?? requestTime,
      traceHeader: checked.traceHeader ?? context.traceHeader,
    });
    if ('ErrorCode' in routed) {
      results.push(routed);
      failed++;
      continue;
    }
    results.push({ EventId: routed.id });
    matches.push({
      EventId: routed.id,
      EventBusName: routed.busName,
      Rules: routed.rules,
      ...(checked.traceHeader === undefined ? {} : { TraceHeader: checked.traceHeader }),
      ...(context.traceHeader === undefined ? {} : { HttpTraceHeader: context.traceHeader }),
      Event: routed.envelope,
      ...(routed.dropped === undefined ? {} : { Dropped: routed.dropped }),
      ...(routed.deliveries.length === 0 ? {} : { Deliveries: routed.deliveries }),
    });
  }
  return { FailedEntryCount: failed, Entries: results, Matches: matches };
}

/**
 * The entry list as AWS's Java model prints it in the too-many-entries message, `[E1, E2, ...]`,
 * cut to at most {@link MAX_ENTRIES_ECHO_LENGTH} code units: entries are printed one by one until
 * the budget is spent, and a cut list ends with `... (<n> entries)]`. Only the printed prefix is
 * ever formatted, so the cost is bounded too.
 *
 * @param entries - The request's entries.
 * @returns The printed list.
 */
export function echoEntries(entries: readonly EntryInput[]): string {
  let out = '[';
  for (let i = 0; i < entries.length; i++) {
    const shown = javaEntryString(entries[i] as EntryInput);
    const separator = i === 0 ? '' : ', ';
    if (out.length + separator.length + shown.length + 1 > MAX_ENTRIES_ECHO_LENGTH) {
      const tail = `... (${entries.length} entries)]`;
      const room = Math.max(0, MAX_ENTRIES_ECHO_LENGTH - out.length - separator.length - tail.length);
      return `${out}${separator}${shown.slice(0, room)}${tail}`;
    }
    out += separator + shown;
  }
  return `${out}]`;
}
