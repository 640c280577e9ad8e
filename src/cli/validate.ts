/**
 * `eventbridge-matcher validate`: checks event patterns the way PutRule would and prints AWS's error
 * for each invalid one, prefixed by `file:line:column` when AWS's message carries a location. Reads
 * pattern files, directories of pattern files, and (with `--rules`) the rules files and directories
 * the `match` command reads, reporting each of their rules by name.
 * Exit 0 when all are valid, 1 when some are invalid, 2 when some input cannot be read.
 */

import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { checkEventPattern } from '../pattern/parse.js';
import { CliUsageError, ExitCode, describeFsError, readAll, readTextFile, writeText } from './io.js';
import type { CliIo, ExitCodeValue } from './io.js';
import { loadRuleDirectory, loadRules, wholeFile } from './rules-file.js';
import { infrastructureRuleSources, parseParamOptions } from '../iac/cli-source.js';
import type { RuleOrigin } from './rules-file.js';

/** Help text of `validate`. */
export const validateHelp = `Usage: eventbridge-matcher validate [options] [<pattern file or directory>...]

Checks event patterns as PutRule would and prints AWS's exact error for invalid ones,
as file:line:column: message (the location is AWS's own, counted in the file, where AWS gives one).

Arguments:
  <file>        a file holding one event pattern; - reads one pattern from stdin
  <directory>   each *.json file in it, as one pattern
  <template>    infrastructure code: a CloudFormation/SAM template, a cdk.out directory or its
                manifest.json, a serverless.yml, or Terraform JSON (terraform show -json); each
                rule is reported by name at its pattern's line

Options:
  -r, --rules <path>  a rules file { "rule-name": pattern, ... } or a directory of pattern files,
                      read as the match command reads it; each rule is reported by name
                      (repeat the option for several)
      --param <K=V>   a template parameter or Serverless option (repeatable)
  -q, --quiet         print only the invalid patterns
  -h, --help          show this help

Exit codes: 0 all valid, 1 some invalid, 2 some input could not be read.

Examples:
  eventbridge-matcher validate rules/*.json
  eventbridge-matcher validate patterns/
  eventbridge-matcher validate --rules rules.json
  echo '{"detail":{"state":"running"}}' | eventbridge-matcher validate -
`;

/** One pattern to check and where it comes from. */
interface Checked {
  /** The rule's name, for a rule of a rules file or of infrastructure code; absent for a pattern file. */
  readonly rule?: string;
  readonly pattern: string;
  readonly origin: RuleOrigin;
}

/**
 * Runs `eventbridge-matcher validate`.
 *
 * @param args - The arguments after `validate`.
 * @param io - Streams to use.
 * @returns 0 all valid, 1 some invalid, 2 some input unreadable.
 */
export async function runValidate(args: readonly string[], io: CliIo): Promise<ExitCodeValue> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      rules: { type: 'string', short: 'r', multiple: true, default: [] },
      param: { type: 'string', multiple: true, default: [] },
      quiet: { type: 'boolean', short: 'q', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    await writeText(io.stdout, validateHelp);
    return ExitCode.ok;
  }
  if (positionals.length === 0 && values.rules.length === 0) {
    throw new CliUsageError('validate needs a pattern file, a directory or --rules (see eventbridge-matcher validate --help)');
  }

  const params = parseParamOptions(values.param, (message) => new CliUsageError(message));
  let invalid = 0;
  let unreadable = 0;
  const check = async (item: Checked): Promise<void> => {
    const problem = checkEventPattern(item.pattern);
    const rule = item.rule === undefined ? '' : `: rule ${JSON.stringify(item.rule)}`;
    if (item.rule === undefined && looksLikeRulesFile(item.pattern)) {
      await writeText(io.stderr, `${item.origin.file}: note: this looks like a rules file (rule name -> pattern); check it with --rules ${item.origin.file}\n`);
    }
    if (problem === null) {
      if (!values.quiet) await writeText(io.stdout, `${item.origin.file}${rule}: valid\n`);
      return;
    }
    invalid++;
    const at = fileLocation(item.origin, problem.location);
    const where = at === undefined ? item.origin.file : `${item.origin.file}:${at.line}:${at.column}`;
    await writeText(io.stdout, `${where}${rule}: ${problem.message}\n`);
  };

  for (const path of positionals) {
    let items: Checked[];
    try {
      items = await patternInputs(path, io, params);
    } catch (error) {
      if (!(error instanceof CliUsageError)) throw error;
      unreadable++;
      await writeText(io.stderr, `${error.message}\n`);
      continue;
    }
    for (const item of items) await check(item);
  }
  for (const path of values.rules) {
    let rules;
    try {
      rules = await loadRules(path, { params });
    } catch (error) {
      if (!(error instanceof CliUsageError)) throw error;
      unreadable++;
      await writeText(io.stderr, `${error.message}\n`);
      continue;
    }
    for (const rule of rules) await check({ rule: rule.name, pattern: rule.pattern, origin: rule.origin });
  }

  if (unreadable > 0) return ExitCode.badInput;
  return invalid > 0 ? ExitCode.negative : ExitCode.ok;
}

/** A pattern file, stdin (`-`), or each `*.json` file of a directory, in name order. */
async function patternInputs(path: string, io: CliIo, params: Readonly<Record<string, string>>): Promise<Checked[]> {
  if (path === '-') return [whole('<stdin>', await readAll(io.stdin))];
  const deployed = await infrastructureRuleSources(path, { params }, (message) => new CliUsageError(message));
  if (deployed !== undefined) {
    return deployed.map((rule) => ({ rule: rule.name, pattern: rule.pattern, origin: rule.origin }));
  }
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch (error) {
    throw new CliUsageError(`cannot read ${path}: ${describeFsError(error)}`);
  }
  if (!isDirectory) return [whole(path, await readTextFile(path))];
  // Each file is one pattern, reported by its file name (not as a rule).
  const files = await loadRuleDirectory(path, 'directory');
  if (files.length === 0) throw new CliUsageError(`${path} has no .json pattern files`);
  return files.map((file) => ({ pattern: file.pattern, origin: file.origin }));
}

function whole(file: string, pattern: string): Checked {
  return { pattern, origin: wholeFile(file) };
}

/**
 * Maps AWS's location inside a pattern to the file the pattern was read from; the pattern's own
 * start when AWS gives no location or the pattern was decoded from a JSON string.
 */
function fileLocation(
  origin: RuleOrigin,
  location: { readonly line: number; readonly column: number } | undefined,
): { line: number; column: number } | undefined {
  const atStart = origin.line === 1 && origin.column === 1;
  if (location === undefined || !origin.verbatim) return atStart ? undefined : { line: origin.line, column: origin.column };
  if (location.line === 1) return { line: origin.line, column: origin.column + location.column - 1 };
  return { line: origin.line + location.line - 1, column: location.column };
}

/** Top-level fields of the EventBridge envelope, and `$or`: a pattern with one of them is no rules file. */
const ENVELOPE_FIELDS = new Set(['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail', '$or']);

/**
 * A JSON object without envelope fields whose members are all objects or JSON text of one, as in
 * the rules files `match --rules` reads. Such a file is often a valid pattern too (its rule names
 * read as field names), so the hint does not depend on the verdict.
 */
function looksLikeRulesFile(text: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  if (Object.keys(value).some((key) => ENVELOPE_FIELDS.has(key))) return false;
  const members = Object.values(value);
  return (
    members.length > 0 &&
    members.every((m) => (typeof m === 'object' && m !== null && !Array.isArray(m)) || (typeof m === 'string' && m.trim().startsWith('{')))
  );
}
