/**
 * `eventbridge-matcher serve`: runs the EventBridge-compatible HTTP endpoint until SIGINT or
 * SIGTERM, then shuts down gracefully (in-flight requests finish, streams end). Rules given with
 * `--rules` (the `match` command's rules format) are put on the default bus before listening.
 * I/O only: the server itself lives in src/server.
 */

import { isIP } from 'node:net';
import { parseArgs } from 'node:util';
import { createServer } from '../server/index.js';
import type { ListeningAddress } from '../server/index.js';
import { isValidHost, normalizeAllowedHost } from '../server/host-check.js';
import { parseDeliveryUrl } from '../server/delivery-webhook.js';
import { DEFAULT_MATCH_LOG_BYTES } from '../server/match-log.js';
import { ManualClock } from '../bus/index.js';
import { EventBridgeError } from '../errors.js';
import { CliUsageError, ExitCode, processIo, writeText } from './io.js';
import type { CliIo } from './io.js';
import { loadRules } from './rules-file.js';
import { deployInfrastructureSource, parseParamOptions } from '../iac/cli-source.js';

/** Help text of `serve`. */
export const serveHelp = `Usage: eventbridge-matcher serve [--port 4010] [--host 127.0.0.1] [--rules rules.json] [options]

Runs an EventBridge endpoint speaking AWS's JSON 1.1 protocol. Point an AWS SDK or the AWS CLI at
it with endpoint http://<host>:<port>. Any credentials are accepted; signatures are not checked.
Matched events: GET /_matches (JSON) or GET /_matches?follow=1 (server-sent events).

Options:
  --port <n>             TCP port (default 4010; 0 picks a free one)
  --host <address>       interface to bind (default 127.0.0.1); an IP address or host name
  --allowed-host <name>  also answer requests whose Host header is <name> (repeatable); by
                         default only loopback names (localhost, 127.0.0.0/8, [::1]) and the
                         bound address are answered, others get 403 (against DNS rebinding)
  --rules <path>         rules file {"name": pattern, ...} or directory of pattern files,
                         put on the default bus before the server starts; or infrastructure
                         code (CloudFormation/SAM template, cdk.out, serverless.yml, Terraform
                         JSON): its buses are created and each rule put on its bus, with its state
  --param <K=V>          with infrastructure code: a parameter or option value (repeatable)
  --match-log-size <n>   most matches kept by /_matches (default 10000)
  --match-log-bytes <n>  most bytes of matches kept by /_matches, newest kept (default 67108864)
  --max-body-bytes <n>   largest request body (default 10485760)
  --deliver <url>        POST each delivery to <url>: the body is exactly the target's input,
                         headers x-eventbridge-rule, -target-id, -target-arn, -event-id and
                         -attempt, X-Amzn-Trace-Id and traceparent when the event has a trace.
                         A status of 500 or more (or 429, or no answer) is retried per the
                         target's RetryPolicy, then kept at GET /_dead-letters
  --retry-delay <ms>     delay before each retry of a delivery (default 1000)
  --clock <real|manual>  real (default): scheduled rules fire in real time; manual: time
                         stands still until POST /_clock {"AdvanceSeconds": N} or
                         {"Time": "<ISO 8601>"} moves it, firing every due schedule in order
  -h, --help             show this help

Stops gracefully on SIGINT (Ctrl-C) or SIGTERM. Exit codes: 0 stopped, 2 bad input or port in use.

Examples:
  eventbridge-matcher serve --port 4010 --rules rules.json
  eventbridge-matcher serve --rules template.yaml --param Stage=dev --clock manual
  eventbridge-matcher serve --deliver http://127.0.0.1:3000/events --retry-delay 100
`;

/** Test hooks for {@link runServe}; the real command uses none. */
export interface ServeHooks {
  /** Aborting it stops the server as SIGTERM would. */
  readonly signal?: AbortSignal;
  /** Called once the server listens. */
  readonly onListening?: (address: ListeningAddress) => void;
}

/**
 * Runs `serve`.
 *
 * @param args - Arguments after `serve`.
 * @param io - Streams; the process's own by default.
 * @param hooks - Optional stop signal and listening callback (for embedding and tests).
 * @returns Exit code: 0 after a graceful stop, 2 for bad options, an unloadable rules file or a port
 *   that cannot be bound.
 * @throws {@link CliUsageError} for unusable options (the caller prints it and exits 2).
 */
export async function runServe(args: string[], io: CliIo = processIo(), hooks: ServeHooks = {}): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      rules: { type: 'string' },
      param: { type: 'string', multiple: true },
      'match-log-size': { type: 'string' },
      'match-log-bytes': { type: 'string' },
      'allowed-host': { type: 'string', multiple: true },
      'max-body-bytes': { type: 'string' },
      deliver: { type: 'string' },
      'retry-delay': { type: 'string' },
      clock: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help === true) {
    await writeText(io.stdout, serveHelp);
    return ExitCode.ok;
  }
  const port = integerOption('--port', values.port, 4010, 0, 65_535);
  const host = values.host ?? '127.0.0.1';
  if (!isValidHost(host)) {
    throw new CliUsageError(`--host must be an IP address or a host name, got ${JSON.stringify(host)}`);
  }
  const allowedHosts = values['allowed-host'] ?? [];
  for (const name of allowedHosts) {
    if (!isValidHost(normalizeAllowedHost(name))) {
      throw new CliUsageError(`--allowed-host must be a host name or an IP address, got ${JSON.stringify(name)}`);
    }
  }
  const matchLogSize = integerOption('--match-log-size', values['match-log-size'], 10_000, 1, 100_000_000);
  const matchLogBytes = integerOption('--match-log-bytes', values['match-log-bytes'], DEFAULT_MATCH_LOG_BYTES, 1024, Number.MAX_SAFE_INTEGER);
  const maxBodyBytes = integerOption('--max-body-bytes', values['max-body-bytes'], 10 * 1024 * 1024, 1, 2 ** 31);
  const retryDelayMs = integerOption('--retry-delay', values['retry-delay'], 1000, 0, 3_600_000);
  const deliverTo = values.deliver;
  const clockMode = values.clock ?? 'real';
  if (clockMode !== 'real' && clockMode !== 'manual') {
    throw new CliUsageError(`--clock must be real or manual, got ${JSON.stringify(clockMode)}`);
  }
  if (deliverTo !== undefined && parseDeliveryUrl(deliverTo) === undefined) {
    throw new CliUsageError(`--deliver must be an http:// or https:// URL, got ${JSON.stringify(deliverTo)}`);
  }

  // A host name given to --host is how clients will name the server, so it is allowed too.
  const server = createServer({
    matchLogSize,
    matchLogBytes,
    maxBodyBytes,
    allowedHosts: isIP(host) === 0 ? [host, ...allowedHosts] : allowedHosts,
    bridgeOptions: clockMode === 'manual' ? { retryDelayMs, clock: new ManualClock() } : { retryDelayMs },
    ...(deliverTo === undefined ? {} : { deliverTo }),
  });
  let ruleCount = 0;
  const usage = (message: string): Error => new CliUsageError(message);
  const deployed = values.rules === undefined ? undefined : await deployInfrastructureSource(server.bridge, values.rules, parseParamOptions(values.param, usage), usage);
  if (deployed !== undefined) {
    ruleCount = deployed;
  } else if (values.rules !== undefined) {
    for (const rule of await loadRules(values.rules)) {
      try {
        server.bridge.putRule({ Name: rule.name, EventPattern: rule.pattern });
      } catch (error) {
        if (error instanceof EventBridgeError) {
          throw new CliUsageError(`rule ${JSON.stringify(rule.name)} in ${values.rules}: ${error.name}: ${error.message}`);
        }
        throw error;
      }
      ruleCount++;
    }
  }

  let address: ListeningAddress;
  try {
    address = await server.listen(port, host);
  } catch (error) {
    await writeText(io.stderr, `eventbridge-matcher: cannot listen on ${host}:${port}: ${(error as Error).message}\n`);
    return ExitCode.badInput;
  }
  const rulesNote = values.rules === undefined ? '' : ` with ${ruleCount} rule${ruleCount === 1 ? '' : 's'}`;
  await writeText(io.stdout, `eventbridge-matcher: EventBridge endpoint listening on ${address.url}${rulesNote}\n`);
  hooks.onListening?.(address);

  // Wait for SIGINT, SIGTERM or the hook's abort, whichever comes first.
  const reason = await new Promise<string>((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => finish(signal);
    const onAbort = (): void => finish('abort');
    function finish(why: string): void {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      hooks.signal?.removeEventListener('abort', onAbort);
      resolve(why);
    }
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    if (hooks.signal?.aborted === true) finish('abort');
    else hooks.signal?.addEventListener('abort', onAbort);
  });
  await writeText(io.stderr, `eventbridge-matcher: ${reason === 'abort' ? 'stopping' : `${reason} received`}, shutting down\n`);
  await server.close();
  return ExitCode.ok;
}

/** Parses an integer option within bounds, or returns the default when absent. */
function integerOption(name: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new CliUsageError(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(text)}`);
  }
  return value;
}
