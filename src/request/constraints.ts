/**
 * Model-constraint checks of AWS requests, worded as AWS's front end (Coral) words them: one
 * `ValidationException` whose message lists every violation, `2 validation errors detected: Value
 * 'x y' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern:
 * [\.\-_A-Za-z0-9]+; Value ...`. Used by the bus's operations and by PutTargets' target checks.
 */

import { EventBridgeError } from '../errors.js';

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
   * Records a violation worded by the caller (for members whose message has a shape of its own,
   * such as a map's keys).
   *
   * @param message - `Value '...' at '<member>' failed to satisfy constraint: ...`.
   */
  add(message: string): void {
    this.messages.push(message);
  }

  /**
   * The collected violations as AWS words them in one `ValidationException`.
   *
   * @returns `<n> validation error(s) detected: <violation>; <violation>`, or `undefined` when none.
   */
  summary(): string | undefined {
    const n = this.messages.length;
    if (n === 0) return undefined;
    return `${n} validation error${n === 1 ? '' : 's'} detected: ${this.messages.join('; ')}`;
  }

  /**
   * Throws the collected violations, if any.
   *
   * @throws {@link EventBridgeError} `ValidationException` listing every violation, joined by `; `.
   */
  throwIfAny(): void {
    const message = this.summary();
    if (message !== undefined) throw new EventBridgeError('ValidationException', message);
  }
}
