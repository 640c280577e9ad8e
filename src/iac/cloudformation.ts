/**
 * Rules of a CloudFormation or SAM template (and of CDK's synthesized templates, which are
 * CloudFormation): `AWS::Events::Rule`, `AWS::Events::EventBus`, and the `EventBridgeRule`,
 * `CloudWatchEvent` and `Schedule` events of `AWS::Serverless::Function` and
 * `AWS::Serverless::StateMachine`, which SAM turns into `AWS::Events::Rule` resources whose logical
 * id is the function's followed by the event's.
 */

import type { SourceDocument } from './document.js';
import { Collector, busName, ruleState } from './collect.js';
import { Unresolvable, evaluateCondition, formatPath, resolveValue } from './intrinsics.js';
import type { TemplateScope } from './intrinsics.js';
import { scalarText, toJsonText } from './json-text.js';
import { InfrastructureError } from './types.js';
import type { InfrastructureFormat, InfrastructureInputTransformer, InfrastructureRule, InfrastructureTarget, PatternKeyLine } from './types.js';

/** How to read one template. */
export interface TemplateContext {
  readonly format: InfrastructureFormat;
  readonly stackName: string;
  readonly params: Readonly<Record<string, string>>;
  readonly region: string;
  readonly accountId: string;
}

/** A nested stack the template creates (`AWS::CloudFormation::Stack`). */
export interface NestedStack {
  readonly logicalId: string;
  /** CDK's `aws:asset:path` metadata: the nested template's file in the cloud assembly. */
  readonly assetPath: string | undefined;
  /** The parameters passed to it, resolved where possible. */
  readonly parameters: Record<string, string>;
  /** Its `TemplateURL`, resolved where possible. */
  readonly templateUrl: string | undefined;
}

const samEventTypes = new Set(['EventBridgeRule', 'CloudWatchEvent', 'Schedule']);

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * Reads the rules and buses of one template into a collector.
 *
 * @param doc - The read file (for lines).
 * @param template - The template value (the document's value, or part of it for Serverless).
 * @param context - Format, stack name, parameter values, region and account.
 * @param into - Where rules and buses go.
 * @returns The nested stacks the template creates.
 * @throws {@link InfrastructureError} when a rule's pattern, bus, state or schedule cannot be resolved.
 */
export function collectTemplate(doc: SourceDocument, template: unknown, context: TemplateContext, into: Collector): NestedStack[] {
  const top = record(template);
  const resources = record(top['Resources']);
  const scope: TemplateScope = {
    resources,
    parameters: record(top['Parameters']),
    mappings: record(top['Mappings']),
    conditions: record(top['Conditions']),
    params: context.params,
    region: context.region,
    accountId: context.accountId,
    stackName: context.stackName,
  };
  const nested: NestedStack[] = [];
  for (const [logicalId, resourceValue] of Object.entries(resources)) {
    const resource = record(resourceValue);
    const location = { file: doc.file, line: doc.keyLine(resources, logicalId) };
    const condition = scalarText(resource['Condition']);
    if (condition !== undefined) {
      let holds: boolean;
      try {
        holds = evaluateCondition(condition, scope);
      } catch (error) {
        if (!(error instanceof Unresolvable)) throw error;
        throw new InfrastructureError(`resource ${JSON.stringify(logicalId)}: condition ${JSON.stringify(condition)}: ${error.reason}`, location);
      }
      if (!holds) continue;
    }
    const properties = record(resource['Properties']);
    const reader = new PropertyReader(doc, scope, resource, ['Properties'], logicalId, location);
    switch (resource['Type']) {
      case 'AWS::Events::EventBus': {
        const name = reader.text(properties['Name'], ['Name']) ?? logicalId;
        into.addBus(name, location);
        break;
      }
      case 'AWS::Events::Rule': {
        const name = reader.text(properties['Name'], ['Name']) ?? logicalId;
        reader.rule = name;
        into.addRule(
          buildRule(reader, {
            name,
            logicalId,
            constructPath: scalarText(record(resource['Metadata'])['aws:cdk:path']),
            format: context.format,
            location,
            properties,
            patternKey: 'EventPattern',
            scheduleKey: 'ScheduleExpression',
            state: reader.text(properties['State'], ['State']),
            targets: readTargets(reader, properties['Targets']),
          }),
        );
        break;
      }
      case 'AWS::Serverless::Function':
      case 'AWS::Serverless::StateMachine':
        collectSamEvents(doc, scope, resource, logicalId, context, into);
        break;
      case 'AWS::CloudFormation::Stack': {
        const parameters: Record<string, string> = {};
        const given = reader.lenient(properties['Parameters'], ['Parameters']);
        for (const [key, value] of Object.entries(record(given))) {
          const text = scalarText(value) ?? (Array.isArray(value) ? value.map(scalarText).join(',') : undefined);
          if (text !== undefined) parameters[key] = text;
        }
        nested.push({
          logicalId,
          assetPath: scalarText(record(resource['Metadata'])['aws:asset:path']),
          parameters,
          templateUrl: scalarText(reader.lenient(properties['TemplateURL'], ['TemplateURL'])),
        });
        break;
      }
    }
  }
  return nested;
}

/** Reads the properties of one resource, turning unresolvable values into located errors. */
class PropertyReader {
  rule: string | undefined;

  readonly doc: SourceDocument;
  readonly scope: TemplateScope;
  /** The resource (or event) the paths start from, for lines. */
  readonly root: unknown;
  /** The path from `root` to the properties. */
  readonly base: readonly (string | number)[];
  readonly logicalId: string;
  readonly location: { file: string; line: number };

  constructor(
    doc: SourceDocument,
    scope: TemplateScope,
    root: unknown,
    base: readonly (string | number)[],
    logicalId: string,
    location: { file: string; line: number },
  ) {
    this.doc = doc;
    this.scope = scope;
    this.root = root;
    this.base = base;
    this.logicalId = logicalId;
    this.location = location;
  }

  /** A strict value: patterns, names, buses, states, schedules. */
  strict(value: unknown, path: readonly (string | number)[]): unknown {
    try {
      return resolveValue(value, this.scope, true, path);
    } catch (error) {
      if (!(error instanceof Unresolvable)) throw error;
      const who = this.rule === undefined ? `resource ${JSON.stringify(this.logicalId)}` : `rule ${JSON.stringify(this.rule)}`;
      throw new InfrastructureError(
        `${who}: cannot resolve ${formatPath(error.path)}: ${error.reason}`,
        { file: this.doc.file, line: this.lineAt([...this.base, ...error.path]) },
        this.rule,
      );
    }
  }

  /** A lenient value: targets and their inputs. */
  lenient(value: unknown, path: readonly (string | number)[]): unknown {
    try {
      return resolveValue(value, this.scope, false, path);
    } catch (error) {
      if (!(error instanceof Unresolvable)) throw error;
      return `\${${formatPath(error.path)}}`;
    }
  }

  /** A strict scalar as text, or `undefined` when absent. */
  text(value: unknown, path: readonly (string | number)[]): string | undefined {
    if (value === undefined || value === null) return undefined;
    const resolved = this.strict(value, path);
    if (resolved === undefined) return undefined;
    const text = scalarText(resolved);
    if (text === undefined) {
      throw new InfrastructureError(`${formatPath(path)} must be a string, got ${toJsonText(resolved)}`, {
        file: this.doc.file,
        line: this.lineAt([...this.base, ...path]),
      });
    }
    return text;
  }

  /** The line of the deepest written key along a path from the root. */
  lineAt(path: readonly (string | number)[]): number {
    return this.doc.lineAtPath(this.root, path, this.location.line);
  }
}

interface RuleParts {
  readonly name: string;
  readonly logicalId: string;
  readonly constructPath: string | undefined;
  readonly format: InfrastructureFormat;
  readonly location: { file: string; line: number };
  readonly properties: Record<string, unknown>;
  readonly patternKey: string;
  readonly scheduleKey: string;
  readonly state: string | undefined;
  readonly targets: InfrastructureTarget[];
  readonly busKey?: string;
}

function buildRule(reader: PropertyReader, parts: RuleParts): InfrastructureRule {
  const { properties } = parts;
  const busValue = reader.text(properties[parts.busKey ?? 'EventBusName'], [parts.busKey ?? 'EventBusName']);
  const patternValue = properties[parts.patternKey];
  let pattern: string | undefined;
  const keyLines: PatternKeyLine[] = [];
  if (patternValue !== undefined && patternValue !== null) {
    const resolved = reader.strict(patternValue, [parts.patternKey]);
    pattern =
      typeof resolved === 'string'
        ? resolved
        : toJsonText(resolved, (offset, path) => keyLines.push({ offset, line: reader.lineAt([...reader.base, parts.patternKey, ...path]) }));
  }
  const schedule = reader.text(properties[parts.scheduleKey], [parts.scheduleKey]);
  const rule: InfrastructureRule = {
    name: parts.name,
    logicalId: parts.logicalId,
    ...(parts.constructPath === undefined ? {} : { constructPath: parts.constructPath.replace(/\/Resource$/, '') }),
    bus: busValue === undefined ? 'default' : busName(busValue),
    ...(pattern === undefined ? {} : { pattern }),
    ...(schedule === undefined ? {} : { schedule }),
    state: ruleState(parts.state),
    targets: parts.targets,
    format: parts.format,
    location: parts.location,
    ...(pattern === undefined
      ? {}
      : { patternLocation: { file: reader.doc.file, line: reader.lineAt([...reader.base, parts.patternKey]) } }),
    ...(keyLines.length === 0 ? {} : { patternKeyLines: keyLines }),
  };
  return rule;
}

function readTargets(reader: PropertyReader, value: unknown): InfrastructureTarget[] {
  const list = reader.lenient(value, ['Targets']);
  if (!Array.isArray(list)) return [];
  return list.map((item, i) => {
    const target = record(item);
    return readTarget(target, scalarText(target['Id']) ?? `Target${i}`, target['Arn']);
  });
}

/** A target from resolved properties named as CloudFormation names them (`Input`, `InputPath`, `InputTransformer`). */
function readTarget(props: Record<string, unknown>, id: string, arn: unknown): InfrastructureTarget {
  const input = props['Input'];
  const inputPath = scalarText(props['InputPath']);
  const transformer = record(props['InputTransformer']);
  const template = transformer['InputTemplate'];
  let inputTransformer: InfrastructureInputTransformer | undefined;
  if (template !== undefined) {
    const paths = record(transformer['InputPathsMap']);
    const map: Record<string, string> = {};
    for (const [key, path] of Object.entries(paths)) map[key] = scalarText(path) ?? toJsonText(path);
    inputTransformer = {
      ...(Object.keys(paths).length === 0 ? {} : { inputPathsMap: map }),
      inputTemplate: scalarText(template) ?? toJsonText(template),
    };
  }
  const arnText = scalarText(arn);
  return {
    id,
    ...(arnText === undefined ? {} : { arn: arnText }),
    ...(input === undefined || input === null ? {} : { input: scalarText(input) ?? toJsonText(input) }),
    ...(inputPath === undefined ? {} : { inputPath }),
    ...(inputTransformer === undefined ? {} : { inputTransformer }),
  };
}

function collectSamEvents(
  doc: SourceDocument,
  scope: TemplateScope,
  resource: Record<string, unknown>,
  ownerId: string,
  context: TemplateContext,
  into: Collector,
): void {
  const events = record(record(resource['Properties'])['Events']);
  const isFunction = resource['Type'] === 'AWS::Serverless::Function';
  for (const [eventId, eventValue] of Object.entries(events)) {
    const event = record(eventValue);
    const type = scalarText(event['Type']);
    if (type === undefined || !samEventTypes.has(type)) continue;
    const props = record(event['Properties']);
    const logicalId = `${ownerId}${eventId}`;
    const location = { file: doc.file, line: doc.keyLine(events, eventId) };
    const reader = new PropertyReader(doc, scope, event, ['Properties'], logicalId, location);
    const name = reader.text(props['RuleName'], ['RuleName']) ?? reader.text(props['Name'], ['Name']) ?? logicalId;
    reader.rule = name;
    const state = reader.text(props['State'], ['State']) ?? (props['Enabled'] === false ? 'DISABLED' : undefined);
    const resolvedProps = record(reader.lenient(props, []));
    const targetId = scalarText(record(resolvedProps['Target'])['Id']) ?? `${logicalId}${isFunction ? 'LambdaTarget' : 'StepFunctionsTarget'}`;
    const arn = reader.lenient(isFunction ? { 'Fn::GetAtt': [ownerId, 'Arn'] } : { Ref: ownerId }, []);
    into.addRule(
      buildRule(reader, {
        name,
        logicalId,
        constructPath: undefined,
        format: context.format,
        location,
        properties: props,
        patternKey: 'Pattern',
        scheduleKey: 'Schedule',
        state,
        targets: [readTarget(resolvedProps, targetId, arn)],
      }),
    );
  }
}
