/**
 * The one-pattern door: validate a pattern exactly as AWS does and evaluate it against one event.
 * It uses the reference evaluator; `Matcher` is the many-rules door, and property tests hold the two
 * to the same answers.
 */

import { parsePattern } from './pattern/parse.js';
import { matchesPattern } from './match/reference.js';

/**
 * Tests one event against one event pattern, as EventBridge's TestEventPattern does.
 *
 * @param pattern - The event pattern, as JSON text (preferred: number spellings and duplicate keys
 *   survive only in text) or as an object.
 * @param event - The event, as JSON text or as an already-parsed object. It need not be an
 *   EventBridge envelope.
 * @returns `true` if the event matches the pattern.
 * @throws {@link InvalidEventPatternError} if AWS would reject the pattern (message and reason as AWS's).
 * @throws {@link InvalidEventError} if the event is not a JSON object (malformed text, an array, a scalar).
 *
 * @example
 * ```ts
 * testEventPattern('{"detail":{"state":[{"prefix":"run"}]}}', '{"detail":{"state":"running"}}'); // true
 * ```
 */
export function testEventPattern(pattern: string | object, event: string | object): boolean {
  return matchesPattern(parsePattern(pattern), event);
}
