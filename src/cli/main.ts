#!/usr/bin/env node
/**
 * The `eventbridge-matcher` command: parses the subcommand and hands over to its file (test,
 * validate, match, serve). Owns the exit-code policy for errors no command handles: usage errors
 * and unreadable inputs exit 2 with a one-line message, never a stack trace.
 */

import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { realpathSync } from 'node:fs';
import { CliUsageError, ExitCode, processIo, writeText } from './io.js';
import type { CliIo } from './io.js';
import { watchParent } from './parent-watch.js';

/** Help text of the tool itself. */
export const mainHelp = `Usage: eventbridge-matcher <command> [options]

Amazon EventBridge event patterns, in-process: test, validate and match them exactly as AWS does.

Commands:
  test      test one event against one pattern and explain the verdict
  validate  check pattern files, printing AWS's exact error for invalid ones
  match     match an NDJSON stream of events against many rules
  transform print exactly what a rule's target receives for an event (Input, InputPath, InputTransformer)
  serve     run an EventBridge-compatible HTTP endpoint (AWS JSON 1.1 protocol)
  sandbox   serve a local page to try patterns, events and target input in the browser

Options:
  -h, --help     show help (also: eventbridge-matcher <command> --help)
  -v, --version  show the version

Examples:
  eventbridge-matcher test --pattern rule.json --event event.json
  eventbridge-matcher validate rules/*.json
  eventbridge-matcher match --rules rules.json --events events.ndjson > matches.ndjson
  eventbridge-matcher transform --target target.json --event event.json
  eventbridge-matcher serve --port 4010
`;

/**
 * Runs the tool with the given arguments.
 *
 * @param argv - The arguments after the executable and script (`process.argv.slice(2)`).
 * @param io - Streams to use; the process's own by default.
 * @returns The exit code.
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
        await writeText(io.stderr, mainHelp);
        return ExitCode.badInput;
      case '-h':
      case '--help':
      case 'help':
        await writeText(io.stdout, mainHelp);
        return ExitCode.ok;
      case '-v':
      case '--version':
        await writeText(io.stdout, `${readVersion()}\n`);
        return ExitCode.ok;
      case 'test':
        return await (await import('./test.js')).runTest(rest, io);
      case 'validate':
        return await (await import('./validate.js')).runValidate(rest, io);
      case 'match':
        return await (await import('./match.js')).runMatch(rest, io);
      case 'transform':
        return await (await import('./transform.js')).runTransform(rest, io);
      case 'serve':
        // Loaded only when asked for, like every command, so other commands never load node:http.
        return await (await import('./serve.js')).runServe(rest, io);
      case 'sandbox':
        return await (await import('./sandbox.js')).runSandbox(rest, io);
      default:
        throw new CliUsageError(`unknown command ${JSON.stringify(command)} (see eventbridge-matcher --help)`);
    }
  } catch (error) {
    if (error instanceof CliUsageError || isParseArgsError(error)) {
      await writeText(io.stderr, `eventbridge-matcher: ${(error as Error).message}\n`);
      return ExitCode.badInput;
    }
    throw error;
  }
}

/** node:util parseArgs reports unknown options and missing values with `ERR_PARSE_ARGS_*` codes. */
function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

/** The package version, read from the package.json next to the built files. */
function readVersion(): string {
  try {
    const pkg = createRequire(import.meta.url)('../../package.json') as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** True when this file is the script node was started with (not when it is imported). */
function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  // `| head` closes stdout early: stop quietly instead of crashing on EPIPE.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(ExitCode.ok);
    throw error;
  });
  // Under npx a signal to npm does not reach this process: stop when npm is gone.
  watchParent();
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`eventbridge-matcher: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 70;
    },
  );
}
