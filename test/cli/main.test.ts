/**
 * The `eventbridge-matcher` entry point, driven as a child process: help, version, usage errors.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildCli, projectRoot, runCli } from './helpers.js';

let main: string;
beforeAll(async () => {
  main = await buildCli();
}, 60_000);

describe.concurrent('eventbridge-matcher', () => {
  test('should print help listing every command, with examples', async () => {
    const run = await runCli(main, ['--help']);
    expect(run.code).toBe(0);
    for (const command of ['test', 'validate', 'match', 'serve']) expect(run.stdout).toContain(`  ${command} `);
    expect(run.stdout).toContain('Examples:');
  });

  test('should print the package version', async () => {
    const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string };
    const run = await runCli(main, ['--version']);
    expect(run).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  test('should exit 2 with help on stderr when no command is given', async () => {
    const run = await runCli(main, []);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: eventbridge-matcher <command>');
  });

  test('should exit 2 on an unknown command, without a stack trace', async () => {
    const run = await runCli(main, ['frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('eventbridge-matcher: unknown command "frobnicate" (see eventbridge-matcher --help)\n');
  });

  test.each(['test', 'validate', 'match'])('should show help with examples for %s', async (command) => {
    const run = await runCli(main, [command, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Usage: eventbridge-matcher ${command}`);
    expect(run.stdout).toContain('Examples:');
    expect(run.stdout).toContain('Exit codes:');
  });

  test('should hand serve over to its own command', async () => {
    const run = await runCli(main, ['serve', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: eventbridge-matcher serve');
  });

  test('should exit 2 on an unknown option, naming it', async () => {
    const run = await runCli(main, ['validate', '--frob', 'x.json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^eventbridge-matcher: .*--frob/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
