/**
 * `eventbridge-matcher test`, driven as a child process with real files in a temp dir, inline JSON
 * and stdin: verdicts, explanations, exit codes 0/1/2 and AWS's messages for bad input.
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildCli, runCli } from './helpers.js';

let main: string;
let dir: string;

const pattern = '{"source":["aws.ec2"],"detail":{"state":["stopped","terminated"]}}';
const stoppedEvent = '{"source":"aws.ec2","detail":{"state":"stopped"}}';
const runningEvent = '{"source":"aws.ec2","detail":{"state":"running"}}';

beforeAll(async () => {
  main = await buildCli();
  dir = mkdtempSync(join(tmpdir(), 'ebm-cli-test-'));
  writeFileSync(join(dir, 'pattern.json'), pattern);
  writeFileSync(join(dir, 'stopped.json'), stoppedEvent);
  writeFileSync(join(dir, 'running.json'), runningEvent);
  writeFileSync(join(dir, 'bad-pattern.json'), '{"detail":{"state":"stopped"}}');
  writeFileSync(join(dir, 'bad-event.json'), '{"source": "aws.ec2",');
}, 60_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe.concurrent('test', () => {
  describe('should exit 0 and print the verdict Match', () => {
    test('for files', async () => {
      const run = await runCli(main, ['test', '--pattern', join(dir, 'pattern.json'), '--event', join(dir, 'stopped.json')]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Match/);
      expect(run.stderr).toBe('');
    });

    test('for inline JSON with short options', async () => {
      const run = await runCli(main, ['test', '-p', pattern, '-e', stoppedEvent]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Match/);
    });

    test('for a pattern read from stdin', async () => {
      const run = await runCli(main, ['test', '--pattern', '-', '--event', join(dir, 'stopped.json')], { stdin: pattern });
      expect(run.code).toBe(0);
    });

    test('for an event read from stdin', async () => {
      const run = await runCli(main, ['test', '--pattern', pattern, '--event', '-'], { stdin: stoppedEvent });
      expect(run.code).toBe(0);
    });
  });

  describe('should exit 1, print No match and explain', () => {
    test('for an event whose field has another value', async () => {
      const run = await runCli(main, ['test', '--pattern', join(dir, 'pattern.json'), '--event', join(dir, 'running.json')]);
      expect(run.code).toBe(1);
      const [verdict, ...explanation] = run.stdout.split('\n');
      expect(verdict).toMatch(/^No match/);
      expect(explanation.join('\n')).toContain('detail.state');
      expect(explanation.join('\n')).toContain('running');
    });

    test('for an event missing the field', async () => {
      const run = await runCli(main, ['test', '-p', pattern, '-e', '{"source":"aws.ec2"}']);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('detail.state');
    });
  });

  test('should print the explanation as JSON with --json', async () => {
    const run = await runCli(main, ['test', '-p', pattern, '-e', runningEvent, '--json']);
    expect(run.code).toBe(1);
    const explanation = JSON.parse(run.stdout) as { matches: boolean; reasons: unknown[] };
    expect(explanation.matches).toBe(false);
    expect(explanation.reasons.length).toBeGreaterThan(0);
  });

  describe('should exit 2 with the message on stderr', () => {
    test('for an invalid pattern, with AWS text and location', async () => {
      const run = await runCli(main, ['test', '--pattern', join(dir, 'bad-pattern.json'), '--event', join(dir, 'stopped.json')]);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(
        'Event pattern is not valid. Reason: "state" must be an object or an array\n at [Source: (String)"{"detail":{"state":"stopped"}}"; line: 1, column: 21]',
      );
    });

    test('for an event that is not valid JSON', async () => {
      const run = await runCli(main, ['test', '--pattern', pattern, '--event', join(dir, 'bad-event.json')]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('Parameter Event is not valid.');
      expect(run.stderr).toContain('bad-event.json');
    });

    test('for an event that is a JSON array', async () => {
      const run = await runCli(main, ['test', '--pattern', pattern, '--event', '[1]']);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('Parameter Event is not valid.');
    });

    test('for a missing file, naming it', async () => {
      const missing = join(dir, 'nope.json');
      const run = await runCli(main, ['test', '--pattern', missing, '--event', stoppedEvent]);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`eventbridge-matcher: cannot read ${missing}: no such file or directory\n`);
    });

    test('for a missing --event', async () => {
      const run = await runCli(main, ['test', '--pattern', pattern]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('--pattern and --event');
    });

    test('for both inputs on stdin', async () => {
      const run = await runCli(main, ['test', '--pattern', '-', '--event', '-']);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('stdin');
    });
  });
});
