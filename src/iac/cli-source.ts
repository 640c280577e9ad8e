/**
 * What the command-line tool needs to read rules from infrastructure code: telling such a source
 * from a rules file without loading the YAML parser, turning `--param Key=Value` into params, and
 * the rules as the CLI's rule readers use them. The parser and the loaders are imported only once a
 * source is known to be infrastructure code, so `match rules.json` never loads them.
 */

import { readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { detectFormat } from './detect.js';
import type { RuleHost } from './deploy.js';
import type { Infrastructure, InfrastructureRule } from './types.js';

/** How the CLI narrows the rules of a source. */
export interface InfrastructureRuleOptions {
  /** CloudFormation parameters, Serverless `opt:` values (`--param Key=Value`). */
  readonly params?: Readonly<Record<string, string>>;
  /** Only the rules of this bus (`--bus`). */
  readonly bus?: string | undefined;
  /** Leave out disabled rules (they never match). */
  readonly enabledOnly?: boolean;
}

/** A rule of infrastructure code in the shape of the CLI's rule reader. */
export interface InfrastructureRuleSource {
  /** The rule's name; `bus/name` when rules of different buses share the name. */
  readonly name: string;
  readonly pattern: string;
  /** Where the pattern is written; not the pattern's own text, so `verbatim` is false. */
  readonly origin: { readonly file: string; readonly line: number; readonly column: number; readonly verbatim: false };
  /** Everything the infrastructure code says about the rule. */
  readonly deployed: InfrastructureRule;
}

const yamlExtensions = new Set(['.yaml', '.yml', '.template']);

/** A key each JSON format has at its top level (template, Terraform, cloud assembly, Serverless). */
const markers = ['"Resources"', '"AWSTemplateFormatVersion"', '"format_version"', '"artifacts"', '"service"'];

/**
 * True when a path is infrastructure code rather than a rules file or pattern: a directory with a
 * `manifest.json` (a `cdk.out`), a YAML file, or a JSON file shaped as a template, cloud assembly
 * manifest, Serverless service or Terraform plan/state. An unreadable path is not (the caller's own
 * reader reports it).
 *
 * @param path - What the user named.
 * @returns Whether to read it with {@link readInfrastructure}.
 */
export async function isInfrastructureSource(path: string): Promise<boolean> {
  if (path === '-') return false;
  try {
    if ((await stat(path)).isDirectory()) return (await stat(join(path, 'manifest.json'))).isFile();
  } catch {
    return false;
  }
  if (yamlExtensions.has(extname(path).toLowerCase())) return true;
  if (extname(path).toLowerCase() !== '.json' && basename(path) !== 'manifest.json') return false;
  try {
    const text = await readFile(path, 'utf8');
    // A large rules file is not parsed twice: each format has a top-level key that must appear.
    if (!markers.some((marker) => text.includes(marker))) return false;
    return detectFormat(JSON.parse(text)) !== undefined;
  } catch {
    return false;
  }
}

/**
 * Reads `--param Key=Value` options.
 *
 * @param list - The option's values.
 * @param usageError - Makes the error to throw for a malformed one.
 * @returns The params.
 */
export function parseParamOptions(list: readonly string[] | undefined, usageError: (message: string) => Error): Record<string, string> {
  const params: Record<string, string> = {};
  for (const item of list ?? []) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw usageError(`--param takes Key=Value, got ${JSON.stringify(item)}`);
    Object.defineProperty(params, item.slice(0, eq), { value: item.slice(eq + 1), enumerable: true, writable: true, configurable: true });
  }
  return params;
}

/**
 * Loads infrastructure code (the loaders and the YAML parser are imported here, on first use).
 *
 * @param path - A file or `cdk.out` directory.
 * @param params - Parameter values.
 * @param usageError - Makes the error to throw for a source that cannot be read or resolved.
 * @returns Rules, buses and files.
 */
export async function readInfrastructure(
  path: string,
  params: Readonly<Record<string, string>>,
  usageError: (message: string) => Error,
): Promise<Infrastructure> {
  const { loadInfrastructure } = await import('./load.js');
  const { InfrastructureError } = await import('./types.js');
  try {
    return await loadInfrastructure(path, { params });
  } catch (error) {
    if (error instanceof InfrastructureError) throw usageError(error.message);
    throw error;
  }
}

/**
 * The rules of a source with an event pattern, for `match`, `validate --rules` and `test`; or
 * `undefined` when the path is not infrastructure code.
 *
 * @param path - What the user named.
 * @param options - Params, a bus, and whether to leave out disabled rules.
 * @param usageError - Makes the error to throw for a source that cannot be read or resolved.
 * @returns The rules, or `undefined`.
 */
export async function infrastructureRuleSources(
  path: string,
  options: InfrastructureRuleOptions,
  usageError: (message: string) => Error,
): Promise<InfrastructureRuleSource[] | undefined> {
  if (!(await isInfrastructureSource(path))) {
    if (options.bus !== undefined) {
      throw usageError(`--bus applies to infrastructure code (a template, cdk.out, serverless.yml or Terraform JSON); ${path} is a rules file whose rules have no bus`);
    }
    return undefined;
  }
  const { rules } = await readInfrastructure(path, options.params ?? {}, usageError);
  const chosen = rules.filter(
    (rule) =>
      rule.pattern !== undefined &&
      (options.bus === undefined || rule.bus === options.bus) &&
      (options.enabledOnly !== true || rule.state !== 'DISABLED'),
  );
  const busesOf = new Map<string, Set<string>>();
  for (const rule of chosen) busesOf.set(rule.name, (busesOf.get(rule.name) ?? new Set()).add(rule.bus));
  const { patternLine } = await import('./check.js');
  const { checkEventPattern } = await import('../pattern/parse.js');
  return chosen.map((rule) => {
    const location = rule.patternLocation ?? rule.location;
    // An invalid pattern is reported at the line of the member AWS's error points into.
    const problem = checkEventPattern(rule.pattern as string);
    return {
      name: (busesOf.get(rule.name)?.size ?? 0) > 1 ? `${rule.bus}/${rule.name}` : rule.name,
      pattern: rule.pattern as string,
      origin: { file: location.file, line: problem === null ? location.line : patternLine(rule, problem.location), column: 1, verbatim: false },
      deployed: rule,
    };
  });
}

/**
 * Puts a source's buses, rules and targets on a server's EventBridge, for `serve --rules`; or
 * returns `undefined` when the path is not infrastructure code.
 *
 * @param host - The server's `EventBridge`.
 * @param path - What the user named.
 * @param params - Parameter values.
 * @param usageError - Makes the error to throw for a source that cannot be read or resolved.
 * @returns How many rules were put, or `undefined`.
 */
export async function deployInfrastructureSource(
  host: RuleHost,
  path: string,
  params: Readonly<Record<string, string>>,
  usageError: (message: string) => Error,
): Promise<number | undefined> {
  if (!(await isInfrastructureSource(path))) return undefined;
  const infrastructure = await readInfrastructure(path, params, usageError);
  const { deployInfrastructure } = await import('./deploy.js');
  const { InfrastructureError } = await import('./types.js');
  try {
    return deployInfrastructure(host, infrastructure);
  } catch (error) {
    if (error instanceof InfrastructureError) throw usageError(error.message);
    throw error;
  }
}

/**
 * The pattern of one rule of infrastructure code, for `test --pattern <source> [--rule <name>]`; or
 * `undefined` when the path is not infrastructure code and no rule was asked for.
 *
 * @param path - The `--pattern` argument.
 * @param ruleName - The `--rule` argument: a rule name, logical id or CDK construct path. May be
 *   left out when the source has exactly one rule with a pattern.
 * @param params - Parameter values.
 * @param usageError - Makes the error to throw.
 * @returns The pattern text and where it came from, or `undefined`.
 */
export async function infrastructurePatternArgument(
  path: string,
  ruleName: string | undefined,
  params: Readonly<Record<string, string>>,
  usageError: (message: string) => Error,
): Promise<{ text: string; origin: string } | undefined> {
  if (!(await isInfrastructureSource(path))) {
    if (ruleName === undefined) return undefined;
    throw usageError(`--rule needs --pattern to name infrastructure code (a template, cdk.out, serverless.yml or Terraform JSON), not ${JSON.stringify(path)}`);
  }
  const { rules } = await readInfrastructure(path, params, usageError);
  const withPattern = rules.filter((rule) => rule.pattern !== undefined);
  const { findRule } = await import('./check.js');
  const names = withPattern.map((rule) => rule.name).join(', ');
  let rule: InfrastructureRule | undefined;
  if (ruleName !== undefined) {
    rule = findRule(withPattern, ruleName);
    if (rule === undefined) throw usageError(`${path} has no rule ${JSON.stringify(ruleName)} with an event pattern (rules: ${names || 'none'})`);
  } else if (withPattern.length === 1) {
    rule = withPattern[0];
  } else {
    throw usageError(`${path} has ${withPattern.length} rules with an event pattern: choose one with --rule (${names || 'none'})`);
  }
  const location = rule!.patternLocation ?? rule!.location;
  const disabled = rule!.state === 'DISABLED' ? ', DISABLED: deployed, it matches nothing' : '';
  return { text: rule!.pattern as string, origin: `${location.file}:${location.line}: rule ${JSON.stringify(rule!.name)}${disabled}` };
}
