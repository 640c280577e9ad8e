/**
 * TestEventPattern as the API operation: the pattern read as PutRule reads it, the event required
 * to be a JSON object with the envelope fields AWS insists on (docs/semantics.md §2.1), then one evaluation
 * by the reference evaluator. It touches no bus.
 */

import { InvalidEventError } from '../event/errors.js';
import { flattenEventObject } from '../event/flatten.js';
import { parseEventText } from '../event/parse-event.js';
import type { EventObject } from '../event/parse-event.js';
import { matchesPattern } from '../match/reference.js';
import { parsePattern } from '../pattern/parse.js';
import type { BridgeState } from './state.js';
import type { TestEventPatternRequest, TestEventPatternResponse } from './types.js';
import { Constraints, member, optionalString, requestObject, validationError } from './validation.js';

/** Envelope fields TestEventPattern insists on (docs/semantics.md §2.1). */
const REQUIRED_EVENT_FIELDS = ['id', 'account', 'source', 'time', 'region', 'detail-type'] as const;

/** TestEventPattern; see {@link EventBridge.testEventPattern}. */
export function testEventPattern(state: BridgeState, input: TestEventPatternRequest): TestEventPatternResponse {
  const req = requestObject(input);
  const pattern = optionalString(member(req, 'EventPattern'), 'EventPattern');
  const event = optionalString(member(req, 'Event'), 'Event');
  const c = new Constraints();
  c.required(pattern, 'eventPattern');
  c.required(event, 'event');
  c.throwIfAny();
  const parsed = parsePattern(pattern as string, state.patternOptions);
  const root = envelopeEvent(event as string);
  if (root === undefined) throw validationError('Parameter Event is not valid.');
  return { Result: matchesPattern(parsed, flattenEventObject(root)) };
}

/**
 * Reads TestEventPattern's Event once with the strict event reader (iterative, so deep nesting is
 * fine) and checks that it has every envelope field AWS requires at the top level.
 *
 * @param text - The request's `Event` member, JSON text.
 * @returns The event's top-level object, or `undefined` when it is malformed, not an object, or
 *   lacks a required field (AWS answers all three alike).
 */
function envelopeEvent(text: string): EventObject | undefined {
  let root: EventObject;
  try {
    root = parseEventText(text);
  } catch (error) {
    if (error instanceof InvalidEventError) return undefined;
    throw error;
  }
  const keys = new Set(root.members.map((m) => m[0]));
  return REQUIRED_EVENT_FIELDS.every((f) => keys.has(f)) ? root : undefined;
}
