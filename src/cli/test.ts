/**
 * `eventbridge-matcher test`: one event pattern against one event. Prints the verdict and the
 * explanation; exit 0 on a match, 1 on no match, 2 on bad input (AWS's message on stderr). The
 * verdict and its reasons come from the library's explainer; this file only does I/O.
 */

import { parseArgs } from 'node:util';
import { EventBridgeError, InvalidEventPatternError } from '../errors.js';
import { explainEventPattern, formatExplanation } from '../explain/explain.js';
import type { ParsedPattern } from '../pattern/ast.js';
import { parsePattern } from '../pattern/parse.js';
import { CliUsageError, ExitCode, describeLibraryError, readJsonArgument, writeText } from './io.js';
import { infrastructurePatternArgument, parseParamOptions } from '../iac/cli-source.js';
import type { CliIo, ExitCodeValue } from './io.js';

/** Help text of `test`. */
export const testHelp = `Usage: eventbridge-matcher test --pattern <file|json|-> --event <file|json|-> [--json]

Tests one event against one event pattern, as EventBridge's TestEventPattern would, and explains
the verdict: which fields failed and why, or which branch matched.

Options:
  -p, --pattern <file|json|->  the event pattern: a file, inline JSON, or - for stdin; or
                               infrastructure code (template, cdk.out, serverless.yml, Terraform
                               JSON) with --rule
      --rule <name>            the rule of that infrastructure code: its name, logical id or CDK
                               construct path (not needed when it has only one rule)
      --param <K=V>            a template parameter or Serverless option (repeatable)
  -e, --event <file|json|->    the event: a file, inline JSON, or - for stdin
      --json                   print the explanation as JSON instead of text
  -h, --help                   show this help

Arguments starting with {, [ or " are inline JSON; anything else is a file path.
The event does not need the envelope fields TestEventPattern insists on (id, time, ...).

Exit codes: 0 match, 1 no match, 2 bad input (unreadable file, invalid pattern or event).

Examples:
  eventbridge-matcher test --pattern rule.json --event event.json
  eventbridge-matcher test -p '{"source":["aws.ec2"]}' -e '{"source":"aws.ec2"}'
  aws events list-rules --query 'Rules[0].EventPattern' --output text | \\
    eventbridge-matcher test --pattern - --event event.json
`;

/**
 * Runs `eventbridge-matcher test`.
 *
 * @param args - The arguments after `test`.
 * @param io - Streams to use.
 * @returns 0 on a match, 1 on no match, 2 on bad input.
 */
export async function runTest(args: readonly string[], io: CliIo): Promise<ExitCodeValue> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      pattern: { type: 'string', short: 'p' },
      rule: { type: 'string' },
      param: { type: 'string', multiple: true },
      event: { type: 'string', short: 'e' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: false,
    strict: true,
  });
  if (values.help) {
    await writeText(io.stdout, testHelp);
    return ExitCode.ok;
  }
  if (values.pattern === undefined || values.event === undefined) {
    throw new CliUsageError('test needs --pattern and --event (see eventbridge-matcher test --help)');
  }
  if (values.pattern === '-' && values.event === '-') {
    throw new CliUsageError('only one of --pattern and --event can be read from stdin');
  }
  const usage = (message: string): Error => new CliUsageError(message);
  const pattern =
    (await infrastructurePatternArgument(values.pattern, values.rule, parseParamOptions(values.param, usage), usage)) ??
    (await readJsonArgument(values.pattern, io));
  const event = await readJsonArgument(values.event, io);

  let parsed: ParsedPattern;
  try {
    parsed = parsePattern(pattern.text);
  } catch (error) {
    if (!(error instanceof InvalidEventPatternError)) throw error;
    await writeText(io.stderr, `invalid event pattern (${pattern.origin}):\n${error.message}\n`);
    return ExitCode.badInput;
  }

  let explanation;
  try {
    explanation = explainEventPattern(parsed, event.text);
  } catch (error) {
    if (error instanceof EventBridgeError) {
      await writeText(io.stderr, `invalid event (${event.origin}):\n${describeLibraryError(error)}\n`);
      return ExitCode.badInput;
    }
    throw error;
  }

  if (values.json) {
    await writeText(io.stdout, `${JSON.stringify(explanation, null, 2)}\n`);
  } else {
    // The explanation's first line is the verdict ("Match." / "No match.").
    await writeText(io.stdout, `${formatExplanation(explanation).trimEnd()}\n`);
  }
  return explanation.matches ? ExitCode.ok : ExitCode.negative;
}
