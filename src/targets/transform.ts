/**
 * What a target receives for an event: the whole event, the constant `Input`, the part `InputPath`
 * selects, or the `InputTransformer`'s template filled in. The rules, each with its source:
 *
 * - The event is the compact envelope AWS delivers (whitespace outside strings removed, nothing
 *   else changed).
 * - `InputPath`: the selected value's compact JSON text; a string arrives with its quotes
 *   (`"baz"`). A path that selects nothing leaves the target without input: the delivery fails.
 * - `InputTransformer`, text template (anything not starting with `{` or `[`): the template as it
 *   is, each placeholder replaced by the value's text: a string without its quotes, a number or
 *   boolean as written, an object or array as compact JSON with every `"` removed
 *   (`{acc_id:0a787ecb-4015,sf_id:baz}`, `[ACTIVE,INACTIVE]`), a path missing from the event as
 *   nothing.
 * - JSON template: a placeholder in value position gets the value's JSON text (a string quoted,
 *   `""` for a missing path); one inside a JSON string gets a string's characters, a number's or
 *   boolean's text, or nothing for a missing path. An object or array inside a string keeps its
 *   JSON text, which makes the result invalid JSON, and AWS then delivers nothing: the delivery
 *   fails here too (a {@link TargetInputError}).
 * - Values are put in as the event spells them and never escaped again: a string holding `\"`
 *   arrives holding `\"`.
 *
 * These facts come from AWS-validated snapshots (LocalStack, tests/aws/services/events/
 * test_events_inputs.snapshot.json, recorded 2024-05 to 2025-10) and the user guide's "Input
 * transformation" page; test/fixtures/aws-input-transformer.json holds each case with its source.
 */

import { EventBridgeError } from '../errors.js';
import { parseEventText } from '../event/parse-event.js';
import { parseJsonPath, selectJsonPath } from './json-path.js';
import { compactText, memberOf, readSpans, wholeSpan } from './json-spans.js';
import type { SpanNode } from './json-spans.js';
import { readTemplate } from './template.js';
import type { TargetInputContext, TargetInputSpec } from './types.js';
import { validateTargetInput } from './validate.js';

/**
 * The target would receive nothing: the `InputPath` selects nothing, or a JSON template's result
 * is not valid JSON. AWS counts such a delivery as failed; so does the emulator.
 */
export class TargetInputError extends Error {
  override readonly name = 'TargetInputError';
}

/** A value ready to be written into a template. */
interface Resolved {
  /** `string`, `number` (also booleans and null), `object` (also arrays), or `missing`. */
  readonly kind: 'string' | 'scalar' | 'structure' | 'missing';
  /** Compact JSON text (`""` when missing). */
  readonly json: string;
}

/** The envelope members `<aws.events.event>` carries, in AWS's order, `detail-type` renamed. */
const EVENT_VARIABLE_MEMBERS: ReadonlyArray<readonly [string, string]> = [
  ['id', 'id'],
  ['account', 'account'],
  ['detail-type', 'detailType'],
  ['time', 'time'],
  ['source', 'source'],
  ['region', 'region'],
  ['resources', 'resources'],
  ['version', 'version'],
];

/**
 * Computes the exact text a target receives for an event.
 *
 * ```ts
 * transformTargetInput(
 *   { Id: 't1', InputTransformer: { InputPathsMap: { total: '$.detail.total' }, InputTemplate: '{"total": <total>}' } },
 *   '{"version":"0","id":"1","detail-type":"Order","source":"shop","account":"123456789012","time":"2024-01-01T00:00:00Z","region":"us-east-1","resources":[],"detail":{"total":42.50}}',
 *   { ruleName: 'orders', ruleArn: 'arn:aws:events:us-east-1:123456789012:rule/orders' },
 * ); // '{"total": 42.50}'
 * ```
 *
 * @param target - The target's `Input`, `InputPath` or `InputTransformer` (at most one), and its `Id`.
 * @param eventText - The event as JSON text (the envelope, as `Matches[i].Event` holds it).
 * @param context - The rule's name and ARN and the ingestion time, for the predefined variables.
 * @returns The text the target receives.
 * @throws {@link EventBridgeError} `ValidationException` when PutTargets would refuse the target
 *   (AWS's message), {@link InvalidEventError} when the event is not a JSON object, and
 *   {@link TargetInputError} when the target would receive nothing.
 */
export function transformTargetInput(target: TargetInputSpec, eventText: string, context: TargetInputContext = {}): string {
  const problem = validateTargetInput(target);
  if (problem !== undefined) throw new EventBridgeError(problem.code, problem.message);
  parseEventText(eventText);
  return targetInput(target, eventText, context);
}

/**
 * {@link transformTargetInput} for a target PutTargets already accepted and an envelope the bus
 * built itself: neither is checked again (the bus delivers every matched event to every target,
 * so the checks would run once per delivery).
 *
 * @param target - A target that passed {@link validateTargetInput}.
 * @param eventText - A valid event object as JSON text.
 * @param context - The rule's name and ARN and the ingestion time.
 * @returns The text the target receives.
 * @throws {@link TargetInputError} when the target would receive nothing.
 */
export function targetInput(target: TargetInputSpec, eventText: string, context: TargetInputContext = {}): string {
  if (typeof target.Input === 'string') return target.Input;
  if (typeof target.InputPath === 'string') {
    const path = parseJsonPath(target.InputPath);
    const found = path === undefined ? [] : selectJsonPath(readSpans(eventText), path);
    if (path === undefined || (path.definite && found.length === 0)) {
      throw new TargetInputError(`InputPath ${target.InputPath} selects nothing in the event.`);
    }
    return path.definite ? compactText(eventText, found[0] as SpanNode) : `[${found.map((v) => compactText(eventText, v)).join(',')}]`;
  }
  const transformer = target.InputTransformer;
  // No input member: the whole event, compact, which needs no tree of its values.
  if (transformer === undefined || transformer === null) return compactText(eventText, wholeSpan(eventText));
  return fillTemplate(transformer.InputTemplate, transformer.InputPathsMap ?? {}, eventText, readSpans(eventText), context, target.Id ?? '');
}

function fillTemplate(
  templateText: string,
  paths: Readonly<Record<string, string>>,
  eventText: string,
  root: SpanNode,
  context: TargetInputContext,
  id: string,
): string {
  const template = readTemplate(templateText);
  const cache = new Map<string, Resolved>();
  let out = '';
  for (const part of template.parts) {
    if (part.kind === 'text') {
      out += part.text;
      continue;
    }
    let value = cache.get(part.name);
    if (value === undefined) {
      value = resolve(part.name, paths, eventText, root, context);
      cache.set(part.name, value);
    }
    out += write(value, template.kind, part.inString);
  }
  if (template.kind === 'json' && !isJson(out)) {
    throw new TargetInputError(`The InputTemplate of target ${id} gives text that is not valid JSON: ${out}`);
  }
  return out;
}

/** The value of one variable: a predefined one, or the event value its path selects. */
function resolve(
  name: string,
  paths: Readonly<Record<string, string>>,
  eventText: string,
  root: SpanNode,
  context: TargetInputContext,
): Resolved {
  switch (name) {
    case 'aws.events.rule-name':
      return stringValue(context.ruleName ?? '');
    case 'aws.events.rule-arn':
      return stringValue(context.ruleArn ?? '');
    case 'aws.events.event.ingestion-time':
      return stringValue(ingestionTime(context.ingestionTime, eventText, root));
    case 'aws.events.event.json':
      return { kind: 'structure', json: compactText(eventText, root) };
    case 'aws.events.event':
      return { kind: 'structure', json: eventVariable(eventText, root) };
    default:
      break;
  }
  const pathText = Object.hasOwn(paths, name) ? paths[name] : undefined;
  const path = pathText === undefined ? undefined : parseJsonPath(pathText);
  if (path === undefined) return { kind: 'missing', json: '""' };
  const found = selectJsonPath(root, path);
  if (!path.definite) return { kind: 'structure', json: `[${found.map((v) => compactText(eventText, v)).join(',')}]` };
  const node = found[0];
  if (node === undefined) return { kind: 'missing', json: '""' };
  const json = compactText(eventText, node);
  if (node.kind === 'string') return { kind: 'string', json };
  if (node.kind === 'object' || node.kind === 'array') return { kind: 'structure', json };
  return { kind: 'scalar', json };
}

/** Writes a value at a placeholder. */
function write(value: Resolved, kind: 'json' | 'text', inString: boolean): string {
  if (kind === 'json' && !inString) return value.json;
  switch (value.kind) {
    case 'missing':
      return '';
    case 'string':
      return value.json.slice(1, -1);
    case 'scalar':
      return value.json;
    case 'structure':
      // In a text template the quotes go; inside a JSON template's string they stay (and the
      // result is not JSON, as on AWS).
      return kind === 'text' ? value.json.replaceAll('"', '') : value.json;
  }
}

function stringValue(text: string): Resolved {
  return { kind: 'string', json: JSON.stringify(text) };
}

/** `<aws.events.event>`: the envelope without `detail`, `detail-type` as `detailType`. */
function eventVariable(eventText: string, root: SpanNode): string {
  if (root.kind !== 'object') return '{}';
  const members: string[] = [];
  for (const [key, name] of EVENT_VARIABLE_MEMBERS) {
    const value = memberOf(root, key);
    if (value !== undefined) members.push(`${JSON.stringify(name)}:${compactText(eventText, value)}`);
  }
  return `{${members.join(',')}}`;
}

/** ISO 8601 with second precision; the event's `time` when no ingestion time is given. */
function ingestionTime(given: Date | string | undefined, eventText: string, root: SpanNode): string {
  if (given instanceof Date) return given.toISOString().replace(/\.\d{3}Z$/u, 'Z');
  if (typeof given === 'string') return given;
  const time = root.kind === 'object' ? memberOf(root, 'time') : undefined;
  return time?.kind === 'string' ? eventText.slice(time.start + 1, time.end - 1) : '';
}

/**
 * Whether a target's input text is JSON (a JSON template's output must be; a delivery is sent
 * with a JSON content type when it is).
 *
 * @param text - An input text.
 * @returns Whether `JSON.parse` accepts it.
 */
export function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
