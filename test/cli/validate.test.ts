/**
 * `eventbridge-matcher validate`, driven as a child process on real files: AWS's message per
 * invalid file with its location, exit codes 0 / 1 / 2.
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildCli, runCli } from './helpers.js';

let main: string;
let dir: string;

beforeAll(async () => {
  main = await buildCli();
  dir = mkdtempSync(join(tmpdir(), 'ebm-cli-validate-'));
  writeFileSync(join(dir, 'good.json'), '{"source":["aws.ec2"],"detail":{"state":[{"anything-but":"running"}]}}\n');
  writeFileSync(join(dir, 'empty-array.json'), '{"resources": []}');
  writeFileSync(join(dir, 'multi-line.json'), '{\n  "detail": {\n    "state": []\n  }\n}\n');
  writeFileSync(join(dir, 'cidr.json'), '{"detail": {"sourceIPAddress": [{"cidr": "bad-filter"}]}}');
  writeFileSync(join(dir, 'not-json.json'), '{"source": [aws.ec2]}');
}, 60_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe.concurrent('validate', () => {
  test('should exit 0 and say valid for valid files', async () => {
    const good = join(dir, 'good.json');
    const run = await runCli(main, ['validate', good]);
    expect(run).toMatchObject({ code: 0, stdout: `${good}: valid\n`, stderr: '' });
  });

  test('should exit 1 and print AWS error with file:line:column', async () => {
    const file = join(dir, 'empty-array.json');
    const run = await runCli(main, ['validate', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      `${file}:1:17: Event pattern is not valid. Reason: Empty arrays are not allowed\n at [Source: (String)"{"resources": []}"; line: 1, column: 17]\n`,
    );
  });

  test('should report the line of a multi-line pattern', async () => {
    const file = join(dir, 'multi-line.json');
    const run = await runCli(main, ['validate', file]);
    expect(run.code).toBe(1);
    expect(run.stdout.startsWith(`${file}:3:`)).toBe(true);
    expect(run.stdout).toContain('Reason: Empty arrays are not allowed');
  });

  test('should print errors AWS gives without a location with the file name only', async () => {
    const file = join(dir, 'cidr.json');
    const run = await runCli(main, ['validate', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(`${file}: Event pattern is not valid. Reason: Malformed CIDR, one '/' required\n`);
  });

  test("should print Jackson's message for text that is not JSON", async () => {
    const run = await runCli(main, ['validate', join(dir, 'not-json.json')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("Reason: Unrecognized token 'aws'");
  });

  test('should check every file and list only invalid ones with --quiet', async () => {
    const files = ['good.json', 'empty-array.json', 'cidr.json'].map((f) => join(dir, f));
    const run = await runCli(main, ['validate', '--quiet', ...files]);
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n').filter((l) => l.startsWith(dir));
    expect(lines.map((l) => l.slice(0, l.indexOf('.json') + 5))).toEqual([files[1], files[2]]);
  });

  test('should read a pattern from stdin with -', async () => {
    const run = await runCli(main, ['validate', '-'], { stdin: '{"a":[{"prefix":5}]}' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^<stdin>:1:\d+: Event pattern is not valid\. Reason: prefix match pattern must be a string/);
  });

  test('should exit 2 when a file cannot be read, after checking the others', async () => {
    const missing = join(dir, 'missing.json');
    const run = await runCli(main, ['validate', missing, join(dir, 'empty-array.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`cannot read ${missing}: no such file or directory\n`);
    expect(run.stdout).toContain('Empty arrays are not allowed');
  });

  test('should exit 2 without any file', async () => {
    const run = await runCli(main, ['validate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('at least one pattern file');
  });
});
