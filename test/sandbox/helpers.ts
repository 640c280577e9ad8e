/**
 * Helpers of the sandbox tests: run a CLI command in-process and capture what it prints, and build
 * the sandbox page from the sources (cached for the test file).
 */

import { main } from '../../src/cli/main.js';
import { memoryIo } from '../cli/helpers.js';
import { bundleSandbox } from '../../scripts/build-sandbox.mjs';
import type { SandboxBundle } from '../../scripts/build-sandbox.mjs';

/** What a command printed, and its exit code. */
export interface CapturedRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `eventbridge-matcher <args>` in-process (stdout is not a terminal, as in a pipe).
 *
 * @param args - The arguments after the executable.
 * @returns The exit code and the text on stdout and stderr.
 */
export async function runCommand(args: readonly string[]): Promise<CapturedRun> {
  const io = memoryIo();
  const code = await main(args, io);
  return { code, stdout: io.out(), stderr: io.err() };
}

let bundle: Promise<SandboxBundle> | undefined;

/**
 * The page built from the sources, as `npm run build` builds it (once per test file).
 *
 * @returns The page's files.
 */
export function sandboxBundle(): Promise<SandboxBundle> {
  bundle ??= bundleSandbox();
  return bundle;
}
