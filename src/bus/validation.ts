/**
 * Request-shape checks with AWS's wording. AWS's front end (Coral) reports model-constraint
 * violations as one `ValidationException` whose message lists every violation:
 * `2 validation errors detected: Value 'x y' at 'name' failed to satisfy constraint: Member must
 * satisfy regular expression pattern: [\.\-_A-Za-z0-9]+; Value ...`. Wrong JSON types never reach
 * AWS's handlers either; they give a `SerializationException`.
 */

import { EventBridgeError } from '../errors.js';

/** Name pattern of rules and targets (model `RuleName`, `TargetId`). */
export const NAME_PATTERN = '[\\.\\-_A-Za-z0-9]+';
/** Name pattern of a bus being created (model `EventBusName`). */
export const BUS_NAME_PATTERN = '[/\\.\\-_A-Za-z0-9]+';
/** Pattern of a bus name or ARN (model `EventBusNameOrArn`). */
export const BUS_NAME_OR_ARN_PATTERN =
  '(arn:aws[\\w-]*:events:[a-z]+-[a-z]+-[\\w-]+:[0-9]{12}:event-bus\\/)?[/\\.\\-_A-Za-z0-9]+';
/** Pattern of a PutEvents entry's bus name or ARN (model `NonPartnerEventBusNameOrArn`). */
export const ENTRY_BUS_PATTERN =
  '(arn:aws[\\w-]*:events:[a-z]+-[a-z]+-[\\w-]+:[0-9]{12}:event-bus\\/)?[\\.\\-_A-Za-z0-9]+';

// The model-constraint checks are shared with target validation, which sits below the bus.
export { Constraints, matchesModelPattern } from '../request/constraints.js';

/**
 * Builds the error for a member of the wrong JSON type (AWS answers these with a
 * `SerializationException` before any handler runs).
 *
 * @param member - The member's PascalCase name, as in the request.
 * @param expected - What the model wants, e.g. `a string`.
 * @returns The error to throw.
 */
export function serializationError(member: string, expected: string): EventBridgeError {
  return new EventBridgeError('SerializationException', `${member} must be ${expected}.`);
}

/**
 * AWS's `ValidationException` for a check made by the operation itself (not a model constraint).
 *
 * @param message - AWS's text, e.g. `Cannot delete event bus default.`
 * @returns The error to throw.
 */
export function validationError(message: string): EventBridgeError {
  return new EventBridgeError('ValidationException', message);
}

/**
 * AWS's `ResourceNotFoundException`.
 *
 * @param message - AWS's text, e.g. `Event bus orders does not exist.`
 * @returns The error to throw.
 */
export function notFoundError(message: string): EventBridgeError {
  return new EventBridgeError('ResourceNotFoundException', message);
}

/**
 * Reads an optional string member, rejecting other types.
 *
 * @param value - The member's value.
 * @param member - The member's PascalCase name.
 * @returns The string, or `undefined` when absent (`null` counts as absent, as on the wire).
 * @throws {@link EventBridgeError} `SerializationException` for a non-string.
 */
export function optionalString(value: unknown, member: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw serializationError(member, 'a string');
  return value;
}

/**
 * Reads an optional integer member, rejecting other types.
 *
 * @param value - The member's value.
 * @param member - The member's PascalCase name.
 * @returns The number, or `undefined` when absent.
 * @throws {@link EventBridgeError} `SerializationException` for a non-integer.
 */
export function optionalInteger(value: unknown, member: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw serializationError(member, 'an integer');
  return value;
}

/**
 * Reads a member that must be a JSON object (a list entry such as `Entries[0]`, `Targets[1]`).
 *
 * @param value - The member's value.
 * @param member - The member's name as shown in the message, e.g. `Entries[0]`.
 * @returns The value as a record; read its members with {@link member}.
 * @throws {@link EventBridgeError} `SerializationException` (`<member> must be an object.`) for
 *   anything else, arrays and `null` included.
 */
export function objectMember(value: unknown, member: string): Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw serializationError(member, 'an object');
  return value as Readonly<Record<string, unknown>>;
}

/**
 * Reads the request object itself.
 *
 * @param input - What the caller passed.
 * @returns The input as a record; read its members with {@link member}, which sees own members only.
 * @throws {@link EventBridgeError} `SerializationException` when it is not a plain object.
 */
export function requestObject(input: unknown): Readonly<Record<string, unknown>> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new EventBridgeError('SerializationException', 'The request must be a JSON object.');
  }
  return input as Readonly<Record<string, unknown>>;
}

/**
 * Reads one own member of a request object (inherited members such as `__proto__` or
 * `constructor` are never read).
 *
 * @param record - The request object.
 * @param key - The member's PascalCase name.
 * @returns The value, or `undefined` when the object has no such own member.
 */
export function member(record: Readonly<Record<string, unknown>>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
