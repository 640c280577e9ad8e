/**
 * CloudFormation intrinsic functions, resolved as far as a template can be without deploying it:
 * parameters (given values over defaults), pseudo parameters, mappings, conditions, and the names of
 * resources whose name the template itself sets (an event bus's `Name`, a bucket's `BucketName`...).
 *
 * Two modes. Strict (patterns, bus names, states, schedules): anything that has no value before
 * deployment is an {@link Unresolvable} carrying the path where it sits. Lenient (target ARNs and
 * inputs): such values become a readable stand-in, `${LogicalId.Attribute}`.
 */

import { NumberText } from './document.js';
import { scalarText, toJsonText } from './json-text.js';

/** Thrown in strict mode: why a value cannot be known and where it sits. */
export class Unresolvable extends Error {
  readonly reason: string;
  readonly path: readonly (string | number)[];

  constructor(reason: string, path: readonly (string | number)[]) {
    super(reason);
    this.reason = reason;
    this.path = path;
  }
}

/** Marks a value that `Ref: AWS::NoValue` removed. */
const noValue = Symbol('AWS::NoValue');

/** The properties whose value `Ref` returns for resource types where Ref gives the name. */
const refNameProperty: Readonly<Record<string, string>> = {
  'AWS::Events::EventBus': 'Name',
  'AWS::Events::Rule': 'Name',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::Serverless::Function': 'FunctionName',
  'AWS::Kinesis::Stream': 'Name',
  'AWS::ECS::Cluster': 'ClusterName',
  'AWS::CodeBuild::Project': 'Name',
};

/** What intrinsics resolve against. */
export interface TemplateScope {
  readonly resources: Readonly<Record<string, unknown>>;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly mappings: Readonly<Record<string, unknown>>;
  readonly conditions: Readonly<Record<string, unknown>>;
  /** Given values: parameters, and overrides for a resource's `Ref` (`Id`) or attribute (`Id.Attr`). */
  readonly params: Readonly<Record<string, string>>;
  readonly region: string;
  readonly accountId: string;
  readonly stackName: string;
}

type Path = readonly (string | number)[];

/**
 * Resolves intrinsics in a value.
 *
 * @param value - A value of a read template.
 * @param scope - Parameters, resources and the rest.
 * @param strict - Throw {@link Unresolvable} for what has no value before deployment.
 * @param path - Where the value sits, for messages.
 * @returns The value with every intrinsic replaced; `undefined` when `AWS::NoValue` removed it.
 * @throws {@link Unresolvable} in strict mode.
 */
export function resolveValue(value: unknown, scope: TemplateScope, strict: boolean, path: Path = []): unknown {
  const out = new Resolver(scope, strict).resolve(value, path);
  return out === noValue ? undefined : out;
}

/**
 * Evaluates a named condition of the template.
 *
 * @param name - A key of `Conditions`.
 * @param scope - The template scope.
 * @returns Its truth value.
 * @throws {@link Unresolvable} when it depends on a value that has none.
 */
export function evaluateCondition(name: string, scope: TemplateScope): boolean {
  return new Resolver(scope, true).condition(name, ['Condition']);
}

/** Reads the single intrinsic key of `{ "Fn::X": ... }` / `{ Ref: ... }`, if the value is one. */
function intrinsicOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof NumberText) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const key = keys[0]!;
  return key === 'Ref' || key.startsWith('Fn::') ? key : undefined;
}

class Resolver {
  private readonly conditionCache = new Map<string, boolean>();
  private steps = 0;

  private readonly scope: TemplateScope;
  private readonly strict: boolean;

  constructor(scope: TemplateScope, strict: boolean) {
    this.scope = scope;
    this.strict = strict;
  }

  resolve(value: unknown, path: Path): unknown {
    if (++this.steps > 1_000_000) throw new Unresolvable('the value expands too far', path);
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      value.forEach((item, i) => {
        const r = this.resolve(item, [...path, i]);
        if (r !== noValue) out.push(r);
      });
      return out;
    }
    if (typeof value !== 'object' || value === null || value instanceof NumberText) return value;
    const fn = intrinsicOf(value);
    if (fn !== undefined) return this.call(fn, (value as Record<string, unknown>)[fn], path);
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const r = this.resolve(item, [...path, key]);
      if (r !== noValue) Object.defineProperty(out, key, { value: r, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }

  private fail(reason: string, path: Path, standIn: string): string {
    if (this.strict) throw new Unresolvable(reason, path);
    return standIn;
  }

  private text(value: unknown, path: Path, what: string): string {
    const resolved = this.resolve(value, path);
    const text = scalarText(resolved);
    if (text === undefined) throw new Unresolvable(`${what} must be a string, got ${toJsonText(resolved)}`, path);
    return text;
  }

  private list(value: unknown, path: Path, what: string): unknown[] {
    const resolved = this.resolve(value, path);
    if (!Array.isArray(resolved)) throw new Unresolvable(`${what} must be a list, got ${toJsonText(resolved)}`, path);
    return resolved;
  }

  private args(value: unknown, count: number, fn: string, path: Path): unknown[] {
    if (!Array.isArray(value) || value.length < count) {
      throw new Unresolvable(`${fn} takes a list of ${count} values, got ${toJsonText(value)}`, path);
    }
    return value;
  }

  private call(fn: string, arg: unknown, path: Path): unknown {
    switch (fn) {
      case 'Ref':
        return this.ref(this.text(arg, path, 'Ref'), path);
      case 'Fn::GetAtt': {
        let id: string;
        let attribute: string;
        if (typeof arg === 'string') {
          const dot = arg.indexOf('.');
          id = dot === -1 ? arg : arg.slice(0, dot);
          attribute = dot === -1 ? '' : arg.slice(dot + 1);
        } else {
          const [a, b] = this.args(arg, 2, 'Fn::GetAtt', path);
          id = this.text(a, path, 'Fn::GetAtt');
          attribute = this.text(b, path, 'Fn::GetAtt');
        }
        return this.getAtt(id, attribute, path);
      }
      case 'Fn::Sub':
        return this.sub(arg, path);
      case 'Fn::Join': {
        const [delimiter, items] = this.args(arg, 2, 'Fn::Join', path);
        const sep = this.text(delimiter, path, 'Fn::Join delimiter');
        return this.list(items, path, 'Fn::Join').map((item, i) => this.text(item, [...path, i], 'Fn::Join item')).join(sep);
      }
      case 'Fn::Select': {
        const [index, items] = this.args(arg, 2, 'Fn::Select', path);
        const i = Number(this.text(index, path, 'Fn::Select index'));
        const list = this.list(items, path, 'Fn::Select');
        if (!Number.isInteger(i) || i < 0 || i >= list.length) {
          throw new Unresolvable(`Fn::Select index ${i} is outside the list of ${list.length}`, path);
        }
        return list[i];
      }
      case 'Fn::Split': {
        const [delimiter, source] = this.args(arg, 2, 'Fn::Split', path);
        return this.text(source, path, 'Fn::Split').split(this.text(delimiter, path, 'Fn::Split delimiter'));
      }
      case 'Fn::FindInMap':
        return this.findInMap(arg, path);
      case 'Fn::If': {
        const [name, whenTrue, whenFalse] = this.args(arg, 3, 'Fn::If', path);
        const chosen = this.condition(this.text(name, path, 'Fn::If condition'), path) ? whenTrue : whenFalse;
        return this.resolve(chosen, path);
      }
      case 'Fn::Equals':
      case 'Fn::And':
      case 'Fn::Or':
      case 'Fn::Not':
        return this.conditionValue({ [fn]: arg }, path);
      case 'Fn::Base64':
        return Buffer.from(this.text(arg, path, 'Fn::Base64'), 'utf8').toString('base64');
      case 'Fn::GetAZs': {
        const region = this.text(arg, path, 'Fn::GetAZs') || this.scope.region;
        return ['a', 'b', 'c'].map((zone) => `${region}${zone}`);
      }
      case 'Fn::Length':
        return this.list(arg, path, 'Fn::Length').length;
      case 'Fn::ToJsonString':
        return toJsonText(this.resolve(arg, path));
      case 'Fn::ImportValue': {
        const name = this.text(arg, path, 'Fn::ImportValue');
        const given = this.scope.params[name];
        if (given !== undefined) return given;
        return this.fail(`Fn::ImportValue ${JSON.stringify(name)} is another stack's export (give its value as a parameter named ${JSON.stringify(name)})`, path, `\${ImportValue:${name}}`);
      }
      default:
        return this.fail(`${fn} cannot be resolved before deployment`, path, `\${${fn}}`);
    }
  }

  private ref(name: string, path: Path): unknown {
    const given = this.scope.params[name];
    const parameter = this.scope.parameters[name];
    if (typeof parameter === 'object' && parameter !== null) {
      const type = scalarText((parameter as Record<string, unknown>)['Type']) ?? 'String';
      const fallback = (parameter as Record<string, unknown>)['Default'];
      const text = given ?? (fallback === undefined ? undefined : scalarText(fallback));
      if (text === undefined) {
        return this.fail(`parameter ${JSON.stringify(name)} has no Default and no value was given (params / --param ${name}=...)`, path, `\${${name}}`);
      }
      return type.startsWith('List<') || type === 'CommaDelimitedList' ? text.split(',').map((s) => s.trim()) : text;
    }
    switch (name) {
      case 'AWS::Region':
        return this.scope.region;
      case 'AWS::AccountId':
        return this.scope.accountId;
      case 'AWS::StackName':
        return this.scope.stackName;
      case 'AWS::StackId':
        return `arn:aws:cloudformation:${this.scope.region}:${this.scope.accountId}:stack/${this.scope.stackName}/00000000-0000-0000-0000-000000000000`;
      case 'AWS::Partition':
        return 'aws';
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      case 'AWS::NotificationARNs':
        return [];
      case 'AWS::NoValue':
        return noValue;
    }
    if (given !== undefined) return given;
    const resource = this.scope.resources[name];
    if (typeof resource !== 'object' || resource === null) {
      throw new Unresolvable(`Ref ${JSON.stringify(name)} names no parameter or resource of the template`, path);
    }
    const type = scalarText((resource as Record<string, unknown>)['Type']) ?? '';
    const property = refNameProperty[type];
    const props = (resource as Record<string, unknown>)['Properties'];
    if (property !== undefined && typeof props === 'object' && props !== null && (props as Record<string, unknown>)[property] !== undefined) {
      return this.text((props as Record<string, unknown>)[property], path, `${name}.${property}`);
    }
    return this.fail(
      `Ref ${JSON.stringify(name)} is the ${type || 'resource'}'s id, known only once deployed (give it as a parameter named ${JSON.stringify(name)})`,
      path,
      name,
    );
  }

  private getAtt(id: string, attribute: string, path: Path): unknown {
    const given = this.scope.params[`${id}.${attribute}`];
    if (given !== undefined) return given;
    const resource = this.scope.resources[id];
    if (typeof resource !== 'object' || resource === null) {
      throw new Unresolvable(`Fn::GetAtt ${id}.${attribute} names no resource of the template`, path);
    }
    const type = scalarText((resource as Record<string, unknown>)['Type']) ?? '';
    if (type === 'AWS::Events::EventBus' && (attribute === 'Name' || attribute === 'Arn')) {
      const name = this.ref(id, path);
      return attribute === 'Name' ? name : `arn:aws:events:${this.scope.region}:${this.scope.accountId}:event-bus/${String(name)}`;
    }
    return this.fail(
      `Fn::GetAtt ${id}.${attribute} is known only once deployed (give it as a parameter named ${JSON.stringify(`${id}.${attribute}`)})`,
      path,
      `\${${id}.${attribute}}`,
    );
  }

  private sub(arg: unknown, path: Path): string {
    let template: unknown = arg;
    let variables: Record<string, unknown> = {};
    if (Array.isArray(arg)) {
      const [text, vars] = this.args(arg, 1, 'Fn::Sub', path);
      template = text;
      if (typeof vars === 'object' && vars !== null && !Array.isArray(vars)) variables = vars as Record<string, unknown>;
    }
    if (typeof template !== 'string') throw new Unresolvable(`Fn::Sub takes a string, got ${toJsonText(template)}`, path);
    return template.replace(/\$\{([^}]*)\}/g, (whole, name: string) => {
      if (name.startsWith('!')) return `\${${name.slice(1)}}`;
      const key = name.trim();
      if (Object.hasOwn(variables, key)) return this.text(variables[key], path, `Fn::Sub variable ${key}`);
      const dot = key.indexOf('.');
      const value = dot !== -1 && !key.startsWith('AWS::') ? this.getAtt(key.slice(0, dot), key.slice(dot + 1), path) : this.ref(key, path);
      const text = scalarText(value);
      if (text === undefined) throw new Unresolvable(`Fn::Sub ${whole} is not a string`, path);
      return text;
    });
  }

  private findInMap(arg: unknown, path: Path): unknown {
    const [mapName, top, second, options] = this.args(arg, 3, 'Fn::FindInMap', path);
    const names = [
      this.text(mapName, path, 'Fn::FindInMap'),
      this.text(top, path, 'Fn::FindInMap'),
      this.text(second, path, 'Fn::FindInMap'),
    ];
    let node: unknown = this.scope.mappings;
    for (const name of names) {
      node = typeof node === 'object' && node !== null && Object.hasOwn(node, name) ? (node as Record<string, unknown>)[name] : undefined;
    }
    if (node === undefined) {
      const fallback = (options as Record<string, unknown> | undefined)?.['DefaultValue'];
      if (fallback !== undefined) return this.resolve(fallback, path);
      throw new Unresolvable(`Fn::FindInMap ${names.join('.')} is not in Mappings`, path);
    }
    return this.resolve(node, path);
  }

  condition(name: string, path: Path): boolean {
    const cached = this.conditionCache.get(name);
    if (cached !== undefined) return cached;
    if (!Object.hasOwn(this.scope.conditions, name)) throw new Unresolvable(`condition ${JSON.stringify(name)} is not in Conditions`, path);
    this.conditionCache.set(name, false); // a condition that refers to itself is false, not a loop
    const value = this.conditionValue(this.scope.conditions[name], path);
    this.conditionCache.set(name, value);
    return value;
  }

  private conditionValue(value: unknown, path: Path): boolean {
    if (typeof value === 'boolean') return value;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const keys = Object.keys(value);
      const record = value as Record<string, unknown>;
      if (keys.length === 1 && keys[0] === 'Condition') return this.condition(this.text(record['Condition'], path, 'Condition'), path);
      const fn = intrinsicOf(value);
      const arg = fn === undefined ? undefined : record[fn];
      switch (fn) {
        case 'Fn::Equals': {
          const [a, b] = this.args(arg, 2, 'Fn::Equals', path);
          const left = this.resolve(a, path);
          const right = this.resolve(b, path);
          const leftText = scalarText(left);
          const rightText = scalarText(right);
          return leftText !== undefined && rightText !== undefined ? leftText === rightText : toJsonText(left) === toJsonText(right);
        }
        case 'Fn::And':
          return this.args(arg, 1, 'Fn::And', path).every((item) => this.conditionValue(item, path));
        case 'Fn::Or':
          return this.args(arg, 1, 'Fn::Or', path).some((item) => this.conditionValue(item, path));
        case 'Fn::Not':
          return !this.conditionValue(this.args(arg, 1, 'Fn::Not', path)[0], path);
      }
    }
    const resolved = scalarText(this.resolve(value, path));
    if (resolved === 'true' || resolved === 'false') return resolved === 'true';
    throw new Unresolvable(`not a condition: ${toJsonText(value)}`, path);
  }
}

/**
 * Writes a path as `EventPattern.detail.state[0]`.
 *
 * @param path - Keys and indexes.
 * @returns Its text.
 */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}
