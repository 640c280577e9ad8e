/**
 * Rules of a Serverless Framework service (`serverless.yml`): each function's `eventBridge`,
 * `cloudwatchEvent` and `schedule` events, and any `AWS::Events::Rule` under `resources`.
 * `${self:…}`, `${opt:…}`, `${sls:stage}` and `${aws:region}`/`${aws:accountId}` variables are
 * resolved from the file and the given params, with `, fallback` values; anything else used by an
 * event is an error naming the rule and the path.
 *
 * Names follow the Framework (v3): an `eventBridge` rule is `<function name>-rule-<n>`, the
 * function name being `<service>-<stage>-<key>` unless the function sets `name`, and `n` the
 * event's 1-based position among the function's events; `cloudwatchEvent` and `schedule` rules
 * without a `name` get CloudFormation names, so their logical id stands for the name:
 * `<Function>EventsRuleCloudWatchEvent<n>` and `<Function>EventsRuleSchedule<n>`.
 */

import type { SourceDocument } from './document.js';
import { Collector, busName, ruleState } from './collect.js';
import { collectTemplate } from './cloudformation.js';
import { Unresolvable, formatPath, resolveValue } from './intrinsics.js';
import type { TemplateScope } from './intrinsics.js';
import { scalarText, toJsonText } from './json-text.js';
import { InfrastructureError } from './types.js';
import type { InfrastructureInputTransformer, InfrastructureTarget, LoadRulesOptions, PatternKeyLine } from './types.js';

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Resolves `${…}` variables against the service file and the options. */
class Variables {
  private depth = 0;

  private readonly root: Record<string, unknown>;
  private readonly options: LoadRulesOptions;

  constructor(root: Record<string, unknown>, options: LoadRulesOptions) {
    this.root = root;
    this.options = options;
  }

  /** The stage: `--param stage=...` (as `${opt:stage}`), else `provider.stage`, else `dev`. */
  stage(): string {
    const given = this.options.params?.['stage'];
    if (given !== undefined) return given;
    const written = record(this.root['provider'])['stage'];
    return written === undefined ? 'dev' : String(this.resolve(written, ['provider', 'stage']));
  }

  region(): string {
    const given = this.options.params?.['region'] ?? this.options.region;
    if (given !== undefined) return given;
    const written = record(this.root['provider'])['region'];
    return written === undefined ? 'us-east-1' : String(this.resolve(written, ['provider', 'region']));
  }

  /** Resolves the variables in a value (deeply). */
  resolve(value: unknown, path: readonly (string | number)[]): unknown {
    if (typeof value === 'string') return this.resolveString(value, path);
    if (Array.isArray(value)) return value.map((item, i) => this.resolve(item, [...path, i]));
    if (typeof value === 'object' && value !== null && value.constructor === Object) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        Object.defineProperty(out, key, { value: this.resolve(item, [...path, key]), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return value;
  }

  private resolveString(text: string, path: readonly (string | number)[]): unknown {
    if (!text.includes('${')) return text;
    if (++this.depth > 50) throw new Unresolvable(`variables nest too deep in ${JSON.stringify(text)}`, path);
    try {
      // The innermost `${...}` first, so `${opt:stage, ${self:custom.stage}}` works.
      const innermost = /\$\{([^${}]*)\}/;
      let current: unknown = text;
      for (;;) {
        if (typeof current !== 'string') return current;
        const found = innermost.exec(current);
        if (found === null) return current;
        const value = this.variable(found[1]!, path);
        if (found[0] === current) {
          current = value;
        } else {
          const piece = scalarText(value);
          if (piece === undefined) throw new Unresolvable(`${found[0]} is not a string and sits inside a string`, path);
          current = current.slice(0, found.index) + piece + current.slice(found.index + found[0].length);
        }
      }
    } finally {
      this.depth--;
    }
  }

  private variable(body: string, path: readonly (string | number)[]): unknown {
    const choices = body.split(',').map((s) => s.trim());
    for (const choice of choices) {
      const value = this.source(choice, path);
      if (value !== undefined) return value;
    }
    throw new Unresolvable(
      `\${${body}} has no value (self: reads this file, opt: and env: read params, e.g. --param ${choices[0]?.replace(/^(opt|env):/, '') ?? 'name'}=...)`,
      path,
    );
  }

  private source(choice: string, path: readonly (string | number)[]): unknown {
    const quoted = /^(['"])(.*)\1$/.exec(choice);
    if (quoted !== null) return quoted[2];
    if (/^-?\d+(\.\d+)?$/.test(choice)) return Number(choice);
    const colon = choice.indexOf(':');
    const kind = colon === -1 ? '' : choice.slice(0, colon);
    const name = colon === -1 ? choice : choice.slice(colon + 1);
    switch (kind) {
      case 'self': {
        let node: unknown = this.root;
        for (const key of name.split('.').filter((k) => k !== '')) {
          node = typeof node === 'object' && node !== null && Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined;
        }
        return node === undefined ? undefined : this.resolve(node, path);
      }
      case 'opt':
        // Only what was given: `provider.stage: ${opt:stage, 'dev'}` must not read itself.
        return this.options.params?.[name];
      case 'env':
        return this.options.params?.[name];
      case 'sls':
        return name === 'stage' ? this.stage() : name === 'instanceId' ? 'local' : undefined;
      case 'aws':
        return name === 'region' ? this.region() : name === 'accountId' ? (this.options.accountId ?? '123456789012') : undefined;
      default:
        return this.options.params?.[choice];
    }
  }
}

/** `my-function_1` → `MyDashfunctionUnderscore1`, as the Framework builds logical ids. */
function normalizedName(key: string): string {
  const text = key.replace(/-/g, 'Dash').replace(/_/g, 'Underscore');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Reads the rules of a Serverless service into a collector.
 *
 * @param doc - The read file.
 * @param options - Params (`stage`, other `opt:` values), region, account.
 * @param into - Where rules and buses go.
 * @throws {@link InfrastructureError} for a variable or intrinsic that cannot be resolved in a rule.
 */
export function collectServerless(doc: SourceDocument, options: LoadRulesOptions, into: Collector): void {
  const root = record(doc.value);
  const vars = new Variables(root, options);
  const located = (line: number) => ({ file: doc.file, line });
  let service: string;
  let stage: string;
  let region: string;
  try {
    const written = vars.resolve(root['service'], ['service']);
    service = scalarText(written) ?? scalarText(record(written)['name']) ?? 'service';
    stage = vars.stage();
    region = vars.region();
  } catch (error) {
    if (!(error instanceof Unresolvable)) throw error;
    throw new InfrastructureError(`cannot resolve ${formatPath(error.path)}: ${error.reason}`, located(1));
  }
  const resources = record(record(root['resources'])['Resources']);
  const scope: TemplateScope = {
    resources,
    parameters: {},
    mappings: {},
    conditions: record(record(root['resources'])['Conditions']),
    params: options.params ?? {},
    region,
    accountId: options.accountId ?? '123456789012',
    stackName: `${service}-${stage}`,
  };
  const functions = record(root['functions']);
  for (const [key, fnValue] of Object.entries(functions)) {
    const fn = record(fnValue);
    const events = Array.isArray(fn['events']) ? (fn['events'] as unknown[]) : [];
    let lambdaName: string | undefined;
    const counters = { cloudwatchEvent: 0, schedule: 0 };
    events.forEach((eventValue, index) => {
      const event = record(eventValue);
      const kind = ['eventBridge', 'cloudwatchEvent', 'schedule'].find((k) => event[k] !== undefined);
      if (kind === undefined) return;
      const written = event[kind];
      const base = ['functions', key, 'events', index, kind];
      const location = located(doc.lineOf(eventValue) === 1 ? doc.keyLine(fn, 'events') : doc.lineOf(eventValue));
      let ruleLabel = `${key} events[${index}].${kind}`;
      const fail = (error: unknown): never => {
        if (!(error instanceof Unresolvable)) throw error;
        throw new InfrastructureError(`rule ${JSON.stringify(ruleLabel)}: cannot resolve ${formatPath(error.path)}: ${error.reason}`, location, ruleLabel);
      };
      let props: Record<string, unknown>;
      try {
        // `schedule: rate(5 minutes)` is the short form of `schedule: { rate: ... }`.
        const resolved = vars.resolve(written, base);
        props = kind === 'schedule' && typeof resolved === 'string' ? { rate: resolved } : record(resolved);
        lambdaName ??= scalarText(vars.resolve(fn['name'], ['functions', key, 'name'])) ?? `${service}-${stage}-${key}`;
      } catch (error) {
        return fail(error);
      }
      const logicalId =
        kind === 'eventBridge'
          ? `${normalizedName(key)}EventBridgeRule${index + 1}`
          : kind === 'cloudwatchEvent'
            ? `${normalizedName(key)}EventsRuleCloudWatchEvent${++counters.cloudwatchEvent}`
            : `${normalizedName(key)}EventsRuleSchedule${++counters.schedule}`;
      const givenName = scalarText(props['name']);
      const name = givenName ?? (kind === 'eventBridge' ? `${lambdaName}-rule-${index + 1}` : logicalId);
      ruleLabel = name;
      let bus = 'default';
      let pattern: string | undefined;
      let schedule: string | undefined;
      const keyLines: PatternKeyLine[] = [];
      try {
        if (kind === 'eventBridge' && props['eventBus'] !== undefined) {
          const value = resolveValue(props['eventBus'], scope, true, [...base, 'eventBus']);
          const text = scalarText(value);
          if (text === undefined) throw new Unresolvable(`eventBus must be a name or ARN, got ${toJsonText(value)}`, [...base, 'eventBus']);
          bus = busName(text);
          // A bus given by name is created by the Framework.
          if (!text.startsWith('arn:')) into.addBus(bus, location);
        }
        const patternValue = kind === 'eventBridge' ? props['pattern'] : kind === 'cloudwatchEvent' ? props['event'] : undefined;
        if (patternValue !== undefined) {
          const key = kind === 'eventBridge' ? 'pattern' : 'event';
          const resolved = resolveValue(patternValue, scope, true, [...base, key]);
          pattern =
            typeof resolved === 'string'
              ? resolved
              : toJsonText(resolved, (offset, path) => keyLines.push({ offset, line: doc.lineAtPath(written, [key, ...path], location.line) }));
        }
        const rate = kind === 'eventBridge' ? props['schedule'] : kind === 'schedule' ? props['rate'] : undefined;
        if (rate !== undefined) {
          // `rate` may be a list of expressions: each becomes its own rule in the Framework; the first is kept.
          schedule = scalarText(Array.isArray(rate) ? rate[0] : rate);
        }
      } catch (error) {
        return fail(error);
      }
      const target = serverlessTarget(props, `${lambdaName}-target`, scope);
      const patternKey = kind === 'eventBridge' ? 'pattern' : 'event';
      into.addRule({
        name,
        logicalId,
        bus,
        ...(pattern === undefined ? {} : { pattern }),
        ...(schedule === undefined ? {} : { schedule }),
        state: ruleState(props['enabled'] === false || props['enabled'] === 'false' ? false : true),
        targets: [target],
        format: 'serverless',
        location,
        ...(pattern === undefined ? {} : { patternLocation: located(doc.keyLine(written, patternKey)) }),
        ...(keyLines.length === 0 ? {} : { patternKeyLines: keyLines }),
      });
    });
  }
  // Plain CloudFormation under `resources:` (rules, buses) counts too.
  if (Object.keys(resources).length > 0) {
    collectTemplate(doc, record(root['resources']), { format: 'serverless', stackName: scope.stackName, params: scope.params, region: scope.region, accountId: scope.accountId }, into);
  }
}

function serverlessTarget(props: Record<string, unknown>, id: string, scope: TemplateScope): InfrastructureTarget {
  const input = props['input'];
  const inputPath = scalarText(props['inputPath']);
  const transformer = record(props['inputTransformer']);
  let inputTransformer: InfrastructureInputTransformer | undefined;
  if (transformer['inputTemplate'] !== undefined) {
    const paths: Record<string, string> = {};
    for (const [k, v] of Object.entries(record(transformer['inputPathsMap']))) paths[k] = scalarText(v) ?? toJsonText(v);
    inputTransformer = {
      ...(Object.keys(paths).length === 0 ? {} : { inputPathsMap: paths }),
      inputTemplate: scalarText(transformer['inputTemplate']) ?? toJsonText(transformer['inputTemplate']),
    };
  }
  const arn = `arn:aws:lambda:${scope.region}:${scope.accountId}:function:${id.replace(/-target$/, '')}`;
  return {
    id,
    arn,
    ...(input === undefined ? {} : { input: typeof input === 'string' ? input : toJsonText(input) }),
    ...(inputPath === undefined ? {} : { inputPath }),
    ...(inputTransformer === undefined ? {} : { inputTransformer }),
  };
}
