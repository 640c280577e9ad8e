/**
 * The error thrown for an event that cannot be read: malformed JSON, or a top level that is not a
 * JSON object. AWS answers both with `ValidationException: Parameter Event is not valid.`
 * (docs/semantics.md §2.1); `reason` adds what was wrong and where, for people.
 */

import { EventBridgeError } from '../errors.js';

/**
 * An event AWS would refuse: its JSON is malformed, or it is not a JSON object.
 *
 * `name` is `ValidationException` and `message` is AWS's text `Parameter Event is not valid.`, so
 * emulators can put both on the wire unchanged. `reason` says what was wrong and where, for example
 * `Unexpected character 'x' at position 12` or `Event must be a JSON object`.
 */
export class InvalidEventError extends EventBridgeError {
  /** What was wrong with the event, with a position where there is one. */
  readonly reason: string;

  /**
   * @param reason - What was wrong, e.g. `Unexpected end of input at position 7`.
   */
  constructor(reason: string) {
    super('ValidationException', 'Parameter Event is not valid.');
    this.reason = reason;
  }
}
