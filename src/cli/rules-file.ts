/**
 * Reads the rules the `match` command loads: a JSON file `{ "rule-name": pattern, ... }` or a
 * directory of pattern files (rule name = file name without `.json`). Each pattern is kept as the
 * exact text written in the file, so number spellings (`300.0`, `9007199254740993`) and AWS's
 * location suffixes in error messages come out as they would for the same text sent to AWS.
 */

import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { CliUsageError, describeFsError, readTextFile } from './io.js';
import { infrastructureRuleSources } from '../iac/cli-source.js';
import type { InfrastructureRuleOptions } from '../iac/cli-source.js';
import type { InfrastructureRule } from '../iac/types.js';

/** A rule as read from disk: its name and its event pattern's JSON text. */
export interface RuleSource {
  readonly name: string;
  /** The pattern text exactly as written (a string value in a rules file is decoded first). */
  readonly pattern: string;
  /** Where the pattern was read from, for messages. */
  readonly origin: RuleOrigin;
  /** For a rule read from infrastructure code (see src/iac): its bus, state, targets and the rest. */
  readonly deployed?: InfrastructureRule;
}

/** Where a rule's pattern starts in its file (1-based, as AWS counts pattern locations). */
export interface RuleOrigin {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /**
   * Whether `pattern` is the file's text from that point on, so that a location inside the pattern
   * maps to the file; `false` for a pattern written as a JSON string, which is decoded first.
   */
  readonly verbatim: boolean;
}

/**
 * The origin of a pattern that is a whole file's text.
 *
 * @param file - The file's path.
 * @returns Line 1, column 1, verbatim.
 */
export function wholeFile(file: string): RuleOrigin {
  return { file, line: 1, column: 1, verbatim: true };
}

/**
 * Loads rules from a rules file or a directory of pattern files.
 *
 * Duplicate names in a rules file are all returned in file order; adding them to a `Matcher` in
 * that order makes the last one win, as the same `PutRule` name does.
 *
 * Infrastructure code (a CloudFormation/SAM template, `cdk.out`, `serverless.yml`, Terraform JSON)
 * is recognised and read by src/iac: its rules that have a pattern, narrowed by `deployment`.
 *
 * @param path - A `.json` rules file, a directory, or infrastructure code.
 * @param deployment - For infrastructure code: params, a bus, whether to leave out disabled rules.
 * @returns The rules in file order (a directory: sorted by file name).
 * @throws {@link CliUsageError} when the path cannot be read, is not valid JSON, or is not an object.
 */
export async function loadRules(path: string, deployment: InfrastructureRuleOptions = {}): Promise<RuleSource[]> {
  const deployed = await infrastructureRuleSources(path, deployment, (message) => new CliUsageError(message));
  if (deployed !== undefined) return deployed;
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch (error) {
    throw new CliUsageError(`cannot read rules ${path}: ${describeFsError(error)}`);
  }
  return isDirectory ? loadRuleDirectory(path) : parseRulesText(await readTextFile(path), path);
}

/**
 * Loads a directory of pattern files: each `*.json` file, in name order, is one rule named after
 * the file (without `.json`), its pattern the whole file.
 *
 * @param dir - The directory.
 * @param what - How messages name the directory (`validate` reads pattern directories too).
 * @returns The rules; none when the directory has no `.json` file.
 * @throws {@link CliUsageError} when the directory or one of its files cannot be read.
 */
export async function loadRuleDirectory(dir: string, what = 'rules directory'): Promise<RuleSource[]> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    throw new CliUsageError(`cannot read ${what} ${dir}: ${describeFsError(error)}`);
  }
  const files = entries.filter((name) => name.endsWith('.json')).sort();
  const rules: RuleSource[] = [];
  for (const file of files) {
    const path = join(dir, file);
    rules.push({ name: basename(file, '.json'), pattern: await readTextFile(path), origin: wholeFile(path) });
  }
  return rules;
}

/**
 * Splits the text of a rules file into rules, keeping each pattern's source text.
 *
 * @param text - The rules file's content.
 * @param origin - The file name, for messages.
 * @returns The rules in file order.
 * @throws {@link CliUsageError} when the text is not JSON or its top level is not an object.
 */
export function parseRulesText(text: string, origin: string): RuleSource[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CliUsageError(`${origin} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new CliUsageError(`${origin} must be a JSON object mapping rule names to event patterns`);
  }
  const position = lineCounter(text);
  return splitMembers(text).map(({ key, value, start }) => ({
    name: key,
    pattern: value.charAt(0) === '"' ? String(JSON.parse(value)) : value,
    origin: { file: origin, ...position(start), verbatim: value.charAt(0) !== '"' },
  }));
}

/**
 * Line and column (1-based, in UTF-16 code units like AWS's pattern locations) of text offsets,
 * asked for in increasing order.
 */
function lineCounter(text: string): (offset: number) => { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  return (offset) => {
    for (; scanned < offset; scanned++) {
      if (text.charCodeAt(scanned) === 0x0a) {
        line++;
        lineStart = scanned + 1;
      }
    }
    return { line, column: offset - lineStart + 1 };
  };
}

/**
 * Slices the members of a top-level JSON object without building values. The text must already be
 * known to be valid JSON with an object at the top. Iterative: nesting depth costs nothing.
 *
 * ```
 * {"a": {"x":[1]}, "b": "{}"}  ->  [{key:"a", value:'{"x":[1]}', start:6}, {key:"b", value:'"{}"', start:22}]
 * ```
 */
function splitMembers(text: string): Array<{ key: string; value: string; start: number }> {
  const members: Array<{ key: string; value: string; start: number }> = [];
  let i = text.indexOf('{') + 1;
  const n = text.length;
  while (i < n) {
    i = skipBlank(text, i);
    const c = text.charCodeAt(i);
    if (c === 0x7d /* } */) break;
    if (c === 0x2c /* , */) {
      i++;
      continue;
    }
    // Key string, colon, then the value's extent.
    const keyEnd = skipString(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    i = skipBlank(text, keyEnd) + 1;
    i = skipBlank(text, i);
    const valueEnd = skipValue(text, i);
    members.push({ key, value: text.slice(i, valueEnd), start: i });
    i = valueEnd;
  }
  return members;
}

function skipBlank(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
    i++;
  }
  return i;
}

/** `i` is at an opening quote; returns the index after the closing quote. */
function skipString(text: string, i: number): number {
  i++;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) i += 2;
    else if (c === 0x22 /* " */) return i + 1;
    else i++;
  }
  return i;
}

/** `i` is at the first character of a value; returns the index after it. */
function skipValue(text: string, i: number): number {
  let depth = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      i = skipString(text, i);
      if (depth === 0) return i;
      continue;
    }
    if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      if (depth === 0) return i;
      depth--;
      if (depth === 0) return i + 1;
    } else if (depth === 0 && (c === 0x2c || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09)) {
      return i;
    }
    i++;
  }
  return i;
}
