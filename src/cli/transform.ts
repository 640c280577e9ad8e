/**
 * `eventbridge-matcher transform`: prints exactly what one target of a rule receives for one event
 * (its `Input`, the part its `InputPath` selects, or its `InputTransformer`'s template filled in).
 * AWS offers no API for this outside the console's sandbox. The work is the library's
 * `transformTargetInput`; this file only does I/O.
 */

import { parseArgs } from 'node:util';
import { EventBridgeError } from '../errors.js';
import { InvalidEventError } from '../event/errors.js';
import { TargetInputError, transformTargetInput } from '../targets/index.js';
import type { TargetInputSpec } from '../targets/index.js';
import { CliUsageError, ExitCode, describeLibraryError, readJsonArgument, writeText } from './io.js';
import type { CliIo, ExitCodeValue } from './io.js';

/** Help text of `transform`. */
export const transformHelp = `Usage: eventbridge-matcher transform --target <file|json|-> --event <file|json|-> [options]

Prints exactly the text a rule's target receives for an event: the event itself, the target's
Input, the part its InputPath selects, or its InputTransformer's InputTemplate filled in, as
EventBridge writes it. Nothing is added: no newline at the end unless stdout is a terminal.

Options:
  -t, --target <file|json|->  the target, as in PutTargets: {"Id":..., "InputTransformer": {...}}
  -e, --event <file|json|->   the event (the envelope a rule matched)
      --rule-name <name>      value of <aws.events.rule-name> (default: empty)
      --rule-arn <arn>        value of <aws.events.rule-arn> (default: empty)
      --ingestion-time <iso>  value of <aws.events.event.ingestion-time> (default: the event's time)
  -h, --help                  show this help

Arguments starting with {, [ or " are inline JSON; anything else is a file path.

Exit codes: 0 printed, 1 the target would receive nothing (its InputPath selects nothing, or its
JSON template gives text that is not JSON: AWS then delivers nothing), 2 bad input (unreadable
file, a target PutTargets would refuse, an event that is not a JSON object).

Examples:
  eventbridge-matcher transform --target target.json --event event.json
  eventbridge-matcher transform -e event.json \\
    -t '{"Id":"t","InputTransformer":{"InputPathsMap":{"total":"$.detail.total"},"InputTemplate":"{\\"total\\": <total>}"}}'
`;

/**
 * Runs `eventbridge-matcher transform`.
 *
 * @param args - The arguments after `transform`.
 * @param io - Streams to use.
 * @returns 0 when printed, 1 when the target would receive nothing, 2 on bad input.
 */
export async function runTransform(args: readonly string[], io: CliIo): Promise<ExitCodeValue> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      target: { type: 'string', short: 't' },
      event: { type: 'string', short: 'e' },
      'rule-name': { type: 'string' },
      'rule-arn': { type: 'string' },
      'ingestion-time': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: false,
    strict: true,
  });
  if (values.help) {
    await writeText(io.stdout, transformHelp);
    return ExitCode.ok;
  }
  if (values.target === undefined || values.event === undefined) {
    throw new CliUsageError('transform needs --target and --event (see eventbridge-matcher transform --help)');
  }
  if (values.target === '-' && values.event === '-') {
    throw new CliUsageError('only one of --target and --event can be read from stdin');
  }
  const targetInput = await readJsonArgument(values.target, io);
  const event = await readJsonArgument(values.event, io);
  let target: unknown;
  try {
    target = JSON.parse(targetInput.text);
  } catch (error) {
    await writeText(io.stderr, `invalid target (${targetInput.origin}): not JSON: ${(error as Error).message}\n`);
    return ExitCode.badInput;
  }
  if (typeof target !== 'object' || target === null || Array.isArray(target)) {
    await writeText(io.stderr, `invalid target (${targetInput.origin}): a target must be a JSON object\n`);
    return ExitCode.badInput;
  }

  let text: string;
  try {
    text = transformTargetInput(target as TargetInputSpec, event.text, {
      ruleName: values['rule-name'],
      ruleArn: values['rule-arn'],
      ingestionTime: values['ingestion-time'],
    });
  } catch (error) {
    if (error instanceof TargetInputError) {
      await writeText(io.stderr, `the target receives nothing: ${error.message}\n`);
      return ExitCode.negative;
    }
    if (error instanceof EventBridgeError) {
      const what = error instanceof InvalidEventError ? `invalid event (${event.origin})` : `invalid target (${targetInput.origin})`;
      await writeText(io.stderr, `${what}:\n${error.name}: ${describeLibraryError(error)}\n`);
      return ExitCode.badInput;
    }
    throw error;
  }
  await writeText(io.stdout, io.stdout.isTTY === true ? `${text}\n` : text);
  return ExitCode.ok;
}
