/**
 * `eventbridge-matcher sandbox`: starts the local server (as `serve`, with the same options) and
 * prints the address of its sandbox page, where a pattern, an event and a target's input can be tried
 * in the browser and explained as `test` and `transform` do. I/O only: the page is src/sandbox.
 */

import { runServe } from './serve.js';
import type { ServeHooks } from './serve.js';
import { ExitCode, processIo, writeText } from './io.js';
import type { CliIo } from './io.js';

/** Help text of `sandbox`. */
export const sandboxHelp = `Usage: eventbridge-matcher sandbox [--port 4010] [serve options]

Starts the local EventBridge endpoint and prints the address of its sandbox page
(http://127.0.0.1:<port>/_sandbox). Open it in a browser to type an event pattern, an event and a
target and see, as you type, the verdict and explanation that \`test\` prints, AWS's error (with
line and column) for an invalid pattern, and exactly what the target receives, as \`transform\`
prints it. The page runs the library itself and loads nothing from outside the server; it can also
test the server's loaded rules against the events the server has recently matched.

Options:
  --port <n>     TCP port (default 4010; 0 picks a free one)
  --rules <path> rules or infrastructure code to load, as for serve
  -h, --help     show this help
Every option of \`serve\` is accepted (see eventbridge-matcher serve --help).

Stops on SIGINT (Ctrl-C) or SIGTERM. Exit codes: 0 stopped, 2 bad input or port in use.

Examples:
  eventbridge-matcher sandbox
  eventbridge-matcher sandbox --port 0 --rules rules.json
`;

/**
 * Runs `sandbox`.
 *
 * @param args - Arguments after `sandbox` (the options of `serve`).
 * @param io - Streams; the process's own by default.
 * @param hooks - Optional stop signal and listening callback (for tests).
 * @returns The exit code of `serve`.
 * @throws CliUsageError for unusable options (the caller prints it and exits 2).
 */
export async function runSandbox(args: readonly string[], io: CliIo = processIo(), hooks: ServeHooks = {}): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) {
    await writeText(io.stdout, sandboxHelp);
    return ExitCode.ok;
  }
  let printed: Promise<void> = Promise.resolve();
  const code = await runServe([...args], io, {
    ...hooks,
    onListening: (address) => {
      printed = writeText(io.stdout, `eventbridge-matcher: sandbox page at ${address.url}/_sandbox\n`);
      hooks.onListening?.(address);
    },
  });
  await printed;
  return code;
}
