/**
 * PutTargets' checks of a target's input members, with AWS's texts. Model constraints come first,
 * worded as AWS's front end words them (`1 validation error detected: Value '...' at
 * 'targets.1.member.inputPath' failed to satisfy constraint: ...`); the limits are the API
 * reference's (Target: `Input` at most 8192 characters, `InputPath` at most 256; InputTransformer:
 * `InputTemplate` 1 to 8192, `InputPathsMap` at most 100 entries, keys 1 to 256 characters of
 * `[A-Za-z0-9\_\-]+`, values at most 256; RetryPolicy: `MaximumRetryAttempts` 0 to 185,
 * `MaximumEventAgeInSeconds` 60 to 86400). Then the operation's own checks, whose texts were recorded
 * against AWS (LocalStack's AWS-validated snapshots of tests/aws/services/events/test_events_inputs.py):
 * `Only one of Input, InputPath, or InputTransformer must be provided for target <id>.` and
 * `InputTemplate for target <id> contains invalid placeholder <name>.`
 *
 * The key pattern is also what keeps the predefined names reserved: `aws.events.rule-name` and the
 * others contain dots, which no `InputPathsMap` key may.
 */

import { Constraints } from '../request/constraints.js';
import { placeholderNames } from './template.js';
import type { TargetInputProblem } from './types.js';

/** The predefined template variables (user guide, "Predefined variables"). */
export const PREDEFINED_VARIABLES: readonly string[] = [
  'aws.events.rule-arn',
  'aws.events.rule-name',
  'aws.events.event.ingestion-time',
  'aws.events.event',
  'aws.events.event.json',
];

/** The model's key pattern as AWS prints it (`\_` is no valid escape for `matchesModelPattern`'s `u` flag, hence KEY_REGEX). */
const KEY_PATTERN = '[A-Za-z0-9\\_\\-]+';
const KEY_REGEX = /^[A-Za-z0-9_-]+$/u;

/** Most `InputPathsMap` entries (API reference, InputTransformer). */
export const MAX_INPUT_PATHS = 100;

/**
 * Checks the input members of one PutTargets target, as AWS does.
 *
 * @param target - The target as given to PutTargets (any value; wrong types are reported).
 * @param position - Its 1-based position in the request's `Targets`, for the member names in
 *   constraint messages (`targets.<position>.member.input`). Default 1.
 * @returns The first problem AWS would report, or `undefined` when the target's input is valid.
 */
export function validateTargetInput(target: unknown, position = 1): TargetInputProblem | undefined {
  if (typeof target !== 'object' || target === null || Array.isArray(target)) {
    return { code: 'SerializationException', message: `Targets[${position - 1}] must be an object.` };
  }
  const t = target as Readonly<Record<string, unknown>>;
  const id = typeof own(t, 'Id') === 'string' ? (own(t, 'Id') as string) : '';
  const input = own(t, 'Input');
  const inputPath = own(t, 'InputPath');
  const transformer = own(t, 'InputTransformer');
  for (const [name, value] of [['Input', input], ['InputPath', inputPath]] as const) {
    if (value !== undefined && value !== null && typeof value !== 'string') return serialization(`${name} must be a string.`);
  }
  let template: unknown;
  let paths: unknown;
  if (transformer !== undefined && transformer !== null) {
    if (typeof transformer !== 'object' || Array.isArray(transformer)) return serialization('InputTransformer must be an object.');
    template = own(transformer as Record<string, unknown>, 'InputTemplate');
    paths = own(transformer as Record<string, unknown>, 'InputPathsMap');
    if (template !== undefined && template !== null && typeof template !== 'string') {
      return serialization('InputTemplate must be a string.');
    }
    if (paths !== undefined && paths !== null) {
      if (typeof paths !== 'object' || Array.isArray(paths) || !Object.values(paths).every((v) => typeof v === 'string')) {
        return serialization('InputPathsMap must be a map of strings.');
      }
    }
  }

  const at = `targets.${position}.member`;
  const c = new Constraints();
  c.text(typeof input === 'string' ? input : undefined, `${at}.input`, 0, 8192);
  c.text(typeof inputPath === 'string' ? inputPath : undefined, `${at}.inputPath`, 0, 256);
  if (transformer !== undefined && transformer !== null) {
    const member = `${at}.inputTransformer`;
    if (c.required(template, `${member}.inputTemplate`)) c.text(template as string, `${member}.inputTemplate`, 1, 8192);
    if (paths !== undefined && paths !== null) {
      pathsMapViolations(paths as Record<string, string>, `${member}.inputPathsMap`, c);
    }
  }
  const violations = c.summary();
  if (violations !== undefined) return { code: 'ValidationException', message: violations };

  const given = [input, inputPath, transformer].filter((v) => v !== undefined && v !== null).length;
  if (given > 1) {
    return { code: 'ValidationException', message: `Only one of Input, InputPath, or InputTransformer must be provided for target ${id}.` };
  }
  if (typeof template === 'string') {
    const defined = paths === undefined || paths === null ? {} : (paths as Record<string, string>);
    for (const name of placeholderNames(template)) {
      if (!Object.hasOwn(defined, name) && !PREDEFINED_VARIABLES.includes(name)) {
        return { code: 'ValidationException', message: `InputTemplate for target ${id} contains invalid placeholder ${name}.` };
      }
    }
  }
  return undefined;
}

/**
 * Checks a target's `RetryPolicy` and `DeadLetterConfig` members (API reference ranges).
 *
 * @param target - The target as given to PutTargets.
 * @param position - Its 1-based position in the request's `Targets`. Default 1.
 * @returns The first problem AWS would report, or `undefined`.
 */
export function validateTargetDeliveryConfig(target: unknown, position = 1): TargetInputProblem | undefined {
  if (typeof target !== 'object' || target === null || Array.isArray(target)) return undefined;
  const t = target as Readonly<Record<string, unknown>>;
  const at = `targets.${position}.member`;
  const c = new Constraints();
  const retry = own(t, 'RetryPolicy');
  if (retry !== undefined && retry !== null) {
    if (typeof retry !== 'object' || Array.isArray(retry)) return serialization('RetryPolicy must be an object.');
    const ranges = [
      ['MaximumRetryAttempts', 'maximumRetryAttempts', 0, 185],
      ['MaximumEventAgeInSeconds', 'maximumEventAgeInSeconds', 60, 86400],
    ] as const;
    for (const [name, wire, min, max] of ranges) {
      const value = own(retry as Record<string, unknown>, name);
      if (value === undefined || value === null) continue;
      if (typeof value !== 'number' || !Number.isInteger(value)) return serialization(`${name} must be an integer.`);
      c.range(value, `${at}.retryPolicy.${wire}`, min, max);
    }
  }
  const dlq = own(t, 'DeadLetterConfig');
  if (dlq !== undefined && dlq !== null) {
    if (typeof dlq !== 'object' || Array.isArray(dlq)) return serialization('DeadLetterConfig must be an object.');
    const arn = own(dlq as Record<string, unknown>, 'Arn');
    if (arn !== undefined && arn !== null) {
      if (typeof arn !== 'string') return serialization('Arn must be a string.');
      c.text(arn, `${at}.deadLetterConfig.arn`, 1, 1600);
    }
  }
  const violations = c.summary();
  return violations === undefined ? undefined : { code: 'ValidationException', message: violations };
}

/** Records the constraint violations of an `InputPathsMap`: entry count, then key and value constraints. */
function pathsMapViolations(paths: Readonly<Record<string, string>>, member: string, c: Constraints): void {
  const entries = Object.entries(paths);
  // Java's Map.toString, as AWS shows a map member: {a=$.x, b=$.y}
  const shown = `{${entries.map(([k, v]) => `${k}=${v}`).join(', ')}}`;
  c.count(entries.length, shown, member, 0, MAX_INPUT_PATHS);
  const keyProblems = new Set<string>();
  const valueProblems = new Set<string>();
  for (const [key, value] of entries) {
    if (key.length < 1) keyProblems.add('Member must have length greater than or equal to 1');
    if (key.length > 256) keyProblems.add('Member must have length less than or equal to 256');
    if (key.length > 0 && !KEY_REGEX.test(key)) keyProblems.add(`Member must satisfy regular expression pattern: ${KEY_PATTERN}`);
    if (value.length > 256) valueProblems.add('Member must have length less than or equal to 256');
  }
  if (keyProblems.size > 0) {
    c.add(`Value '${shown}' at '${member}' failed to satisfy constraint: Map keys must satisfy constraint: [${[...keyProblems].join(', ')}]`);
  }
  if (valueProblems.size > 0) {
    c.add(`Value '${shown}' at '${member}' failed to satisfy constraint: Map value must satisfy constraint: [${[...valueProblems].join(', ')}]`);
  }
}

function own(record: Readonly<Record<string, unknown>>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function serialization(message: string): TargetInputProblem {
  return { code: 'SerializationException', message };
}
