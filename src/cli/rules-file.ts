/**
 * Reads the rules the `match` command loads: a JSON file `{ "rule-name": pattern, ... }` or a
 * directory of pattern files (rule name = file name without `.json`). Each pattern is kept as the
 * exact text written in the file, so number spellings (`300.0`, `9007199254740993`) and AWS's
 * location suffixes in error messages come out as they would for the same text sent to AWS.
 */

import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { CliUsageError, describeFsError, readTextFile } from './io.js';

/** A rule as read from disk: its name and its event pattern's JSON text. */
export interface RuleSource {
  readonly name: string;
  /** The pattern text exactly as written (a string value in a rules file is decoded first). */
  readonly pattern: string;
}

/**
 * Loads rules from a rules file or a directory of pattern files.
 *
 * Duplicate names in a rules file are all returned in file order; adding them to a `Matcher` in
 * that order makes the last one win, as the same `PutRule` name does.
 *
 * @param path - A `.json` rules file or a directory.
 * @returns The rules in file order (a directory: sorted by file name).
 * @throws {@link CliUsageError} when the path cannot be read, is not valid JSON, or is not an object.
 */
export async function loadRules(path: string): Promise<RuleSource[]> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch (error) {
    throw new CliUsageError(`cannot read rules ${path}: ${describeFsError(error)}`);
  }
  return isDirectory ? loadRuleDirectory(path) : parseRulesText(await readTextFile(path), path);
}

async function loadRuleDirectory(dir: string): Promise<RuleSource[]> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    throw new CliUsageError(`cannot read rules directory ${dir}: ${describeFsError(error)}`);
  }
  const files = entries.filter((name) => name.endsWith('.json')).sort();
  const rules: RuleSource[] = [];
  for (const file of files) {
    rules.push({ name: basename(file, '.json'), pattern: await readTextFile(join(dir, file)) });
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
  return splitMembers(text).map(({ key, value }) => ({
    name: key,
    pattern: value.charAt(0) === '"' ? String(JSON.parse(value)) : value,
  }));
}

/**
 * Slices the members of a top-level JSON object without building values. The text must already be
 * known to be valid JSON with an object at the top. Iterative: nesting depth costs nothing.
 *
 * ```
 * {"a": {"x":[1]}, "b": "{}"}  ->  [{key:"a", value:'{"x":[1]}'}, {key:"b", value:'"{}"'}]
 * ```
 */
function splitMembers(text: string): Array<{ key: string; value: string }> {
  const members: Array<{ key: string; value: string }> = [];
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
    members.push({ key, value: text.slice(i, valueEnd) });
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
