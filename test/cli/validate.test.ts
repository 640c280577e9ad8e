/**
 * `eventbridge-matcher validate`, driven as a child process on real files: AWS's message per
 * invalid file with its location, exit codes 0 / 1 / 2; directories of pattern files, and rules
 * files and directories (`--rules`, as `match` reads them) reported rule by rule.
 */

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
  mkdirSync(join(dir, 'patterns'));
  writeFileSync(join(dir, 'patterns', 'b-bad.json'), '{"resources": []}');
  writeFileSync(join(dir, 'patterns', 'a-good.json'), '{"source":["aws.ec2"]}');
  writeFileSync(join(dir, 'patterns', 'notes.txt'), 'not a pattern');
  mkdirSync(join(dir, 'empty'));
  writeFileSync(
    join(dir, 'rules.json'),
    '{\n  "good": {"source": ["aws.ec2"]},\n  "bad": {"resources": []},\n  "text": "{\\"source\\": \\"x\\"}"\n}\n',
  );
  // Past 4096 characters as a whole, each rule well within the limit.
  const many = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`rule-${i}`, { source: [`com.example.service-${i}`] }]));
  writeFileSync(join(dir, 'many-rules.json'), JSON.stringify(many, null, 2));
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
    expect(run.stderr).toContain('validate needs a pattern file, a directory or --rules');
  });

  test('should check each .json file of a directory, in name order', async () => {
    const patterns = join(dir, 'patterns');
    const run = await runCli(main, ['validate', patterns]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      `${join(patterns, 'a-good.json')}: valid\n` +
        `${join(patterns, 'b-bad.json')}:1:17: Event pattern is not valid. Reason: Empty arrays are not allowed\n` +
        ` at [Source: (String)"{"resources": []}"; line: 1, column: 17]\n`,
    );
  });

  test('should exit 2 for a directory without pattern files', async () => {
    const run = await runCli(main, ['validate', join(dir, 'empty')]);
    expect(run).toMatchObject({ code: 2, stderr: `${join(dir, 'empty')} has no .json pattern files\n` });
  });

  test('should check each rule of a rules file by name, with its location in the file', async () => {
    const rules = join(dir, 'rules.json');
    const run = await runCli(main, ['validate', '--rules', rules]);
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(`${rules}: rule "good": valid`);
    // "bad"'s pattern starts at line 3, column 10; AWS's column 17 inside it is column 26 of the file.
    expect(lines[1]).toBe(`${rules}:3:26: rule "bad": Event pattern is not valid. Reason: Empty arrays are not allowed`);
    // A pattern written as a JSON string is reported at the string's start.
    expect(lines[3]).toBe(`${rules}:4:11: rule "text": Event pattern is not valid. Reason: "source" must be an object or an array`);
  });

  test('should check a rules file past 4096 characters rule by rule', async () => {
    const rules = join(dir, 'many-rules.json');
    const run = await runCli(main, ['validate', '-r', rules]);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').filter((l) => l.endsWith(': valid'))).toHaveLength(100);
    expect(run.stdout).toContain(`${rules}: rule "rule-99": valid`);
  });

  test('should read a rules directory as match does, one rule per file', async () => {
    const patterns = join(dir, 'patterns');
    const run = await runCli(main, ['validate', '--quiet', '--rules', patterns]);
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n')[0]).toBe(
      `${join(patterns, 'b-bad.json')}:1:17: rule "b-bad": Event pattern is not valid. Reason: Empty arrays are not allowed`,
    );
  });

  test('should say when a pattern file looks like a rules file', async () => {
    const rules = join(dir, 'many-rules.json');
    const run = await runCli(main, ['validate', rules]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Reason: Event pattern must have length less than or equal to 4096');
    expect(run.stderr).toBe(`${rules}: note: this looks like a rules file (rule name -> pattern); check it with --rules ${rules}\n`);
    const pattern = await runCli(main, ['validate', join(dir, 'good.json')]);
    expect(pattern.stderr).toBe('');
  });

  test('should exit 2 for an unreadable rules file, after checking the rest', async () => {
    const missing = join(dir, 'missing-rules.json');
    const run = await runCli(main, ['validate', join(dir, 'good.json'), '--rules', missing]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`cannot read rules ${missing}: no such file or directory\n`);
    expect(run.stdout).toContain('good.json: valid');
  });
});
