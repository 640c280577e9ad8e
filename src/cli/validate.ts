/**
 * `eventbridge-matcher validate`: checks event pattern files the way PutRule would and prints AWS's
 * error for each invalid one, prefixed by `file:line:column` when AWS's message carries a location.
 * Exit 0 when all are valid, 1 when some are invalid, 2 when some file cannot be read.
 */

import { parseArgs } from 'node:util';
import { checkEventPattern } from '../pattern/parse.js';
import { CliUsageError, ExitCode, readAll, readTextFile, writeText } from './io.js';
import type { CliIo, ExitCodeValue } from './io.js';

/** Help text of `validate`. */
export const validateHelp = `Usage: eventbridge-matcher validate [--quiet] <pattern files...>

Checks each file as an EventBridge event pattern and prints AWS's exact error for invalid ones,
as file:line:column: message (the location is AWS's own, where AWS gives one).
Use - to read one pattern from stdin.

Options:
  -q, --quiet   print only the invalid files
  -h, --help    show this help

Exit codes: 0 all valid, 1 some invalid, 2 some file could not be read.

Examples:
  eventbridge-matcher validate rules/*.json
  echo '{"detail":{"state":"running"}}' | eventbridge-matcher validate -
`;

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
  if (positionals.length === 0) {
    throw new CliUsageError('validate needs at least one pattern file (see eventbridge-matcher validate --help)');
  }

  let invalid = 0;
  let unreadable = 0;
  for (const file of positionals) {
    let text: string;
    try {
      text = file === '-' ? await readAll(io.stdin) : await readTextFile(file);
    } catch (error) {
      if (!(error instanceof CliUsageError)) throw error;
      unreadable++;
      await writeText(io.stderr, `${error.message}\n`);
      continue;
    }
    const name = file === '-' ? '<stdin>' : file;
    const problem = checkEventPattern(text);
    if (problem === null) {
      if (!values.quiet) await writeText(io.stdout, `${name}: valid\n`);
      continue;
    }
    invalid++;
    const where = problem.location === undefined ? name : `${name}:${problem.location.line}:${problem.location.column}`;
    await writeText(io.stdout, `${where}: ${problem.message}\n`);
  }

  if (unreadable > 0) return ExitCode.badInput;
  return invalid > 0 ? ExitCode.negative : ExitCode.ok;
}
