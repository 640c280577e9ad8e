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

const compiled = new Map<string, RegExp>();

/**
 * Whether `value` matches a model pattern in full (Java `String.matches` semantics).
 *
 * @param value - The string to test.
 * @param pattern - One of the `*_PATTERN` constants (any regular expression source).
 * @returns `true` when the whole string matches.
 */
export function matchesModelPattern(value: string, pattern: string): boolean {
  let re = compiled.get(pattern);
  if (re === undefined) {
    re = new RegExp(`^(?:${pattern})$`, 'u');
    compiled.set(pattern, re);
  }
  return re.test(value);
}

/**
 * Collects model-constraint violations of one request and throws them as one AWS
 * `ValidationException`.
 *
 * ```
 * const c = new Constraints();
 * c.required(input.Name, 'name');
 * c.text(input.Name, 'name', 1, 64, NAME_PATTERN);
 * c.throwIfAny();   // "1 validation error detected: Value null at 'name' failed ..."
 * ```
 */
export class Constraints {
  private readonly messages: string[] = [];

  /**
   * Records `Member must not be null` when `value` is `undefined` or `null`.
   *
   * @param value - The member's value.
   * @param member - The member's wire name in camelCase (`name`, `eventBusName`).
   * @returns `true` when the value is present.
   */
  required(value: unknown, member: string): boolean {
    if (value === undefined || value === null) {
      this.messages.push(`Value null at '${member}' failed to satisfy constraint: Member must not be null`);
      return false;
    }
    return true;
  }

  /**
   * Checks a string member's pattern and length, when the member is present.
   *
   * @param value - The member's value (already known to be a string or absent).
   * @param member - The member's wire name.
   * @param min - Minimum length in characters.
   * @param max - Maximum length in characters.
   * @param pattern - Regular expression the whole value must match, if the model has one.
   */
  text(value: string | undefined, member: string, min: number, max: number, pattern?: string): void {
    if (value === undefined) return;
    const shown = `Value '${value}' at '${member}' failed to satisfy constraint: Member must`;
    if (pattern !== undefined && !matchesModelPattern(value, pattern)) {
      this.messages.push(`${shown} satisfy regular expression pattern: ${pattern}`);
    }
    if (value.length < min) this.messages.push(`${shown} have length greater than or equal to ${min}`);
    if (value.length > max) this.messages.push(`${shown} have length less than or equal to ${max}`);
  }

  /**
   * Checks that a string member is one of an enumeration's values, when present.
   *
   * @param value - The member's value.
   * @param member - The member's wire name.
   * @param allowed - The enumeration, in model order.
   */
  oneOf(value: string | undefined, member: string, allowed: readonly string[]): void {
    if (value === undefined || allowed.includes(value)) return;
    this.messages.push(
      `Value '${value}' at '${member}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`,
    );
  }

  /**
   * Checks a numeric member's range, when present.
   *
   * @param value - The member's value.
   * @param member - The member's wire name.
   * @param min - Smallest allowed value.
   * @param max - Largest allowed value.
   */
  range(value: number | undefined, member: string, min: number, max: number): void {
    if (value === undefined) return;
    const shown = `Value '${value}' at '${member}' failed to satisfy constraint: Member must have`;
    if (value < min) this.messages.push(`${shown} value greater than or equal to ${min}`);
    if (value > max) this.messages.push(`${shown} value less than or equal to ${max}`);
  }

  /**
   * Checks a list member's item count, when present. `shown` is the list as Java prints it.
   *
   * @param count - Number of items.
   * @param shown - The list's Java `toString`, e.g. `[a, b]`.
   * @param member - The member's wire name.
   * @param min - Fewest items allowed.
   * @param max - Most items allowed.
   */
  count(count: number, shown: string, member: string, min: number, max: number): void {
    const prefix = `Value '${shown}' at '${member}' failed to satisfy constraint: Member must have`;
    if (count < min) this.messages.push(`${prefix} length greater than or equal to ${min}`);
    if (count > max) this.messages.push(`${prefix} length less than or equal to ${max}`);
  }

  /**
   * Throws the collected violations, if any.
   *
   * @throws {@link EventBridgeError} `ValidationException` listing every violation, joined by `; `.
   */
  throwIfAny(): void {
    const n = this.messages.length;
    if (n === 0) return;
    throw new EventBridgeError(
      'ValidationException',
      `${n} validation error${n === 1 ? '' : 's'} detected: ${this.messages.join('; ')}`,
    );
  }
}

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
