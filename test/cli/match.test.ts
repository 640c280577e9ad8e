/**
 * `eventbridge-matcher match`, driven as a child process: rules from a file or a directory, NDJSON
 * events from a file or stdin, results per line, bad lines reported with their number while the
 * stream goes on, invalid patterns naming the rule, and the bundled examples.
 */

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildCli, parseNdjson, runCli } from './helpers.js';

let main: string;
let dir: string;

const rules = {
  stopped: { source: ['aws.ec2'], detail: { state: ['stopped'] } },
  ec2: { source: ['aws.ec2'] },
  big: { detail: { size: [{ numeric: ['>', 100] }] } },
};

const events = [
  '{"source":"aws.ec2","detail":{"state":"stopped"}}',
  '{"source":"aws.ec2","detail":{"state":"running"}}',
  '{"source":"aws.s3","detail":{"size":500}}',
  '{"source":"other"}',
];

beforeAll(async () => {
  main = await buildCli();
  dir = mkdtempSync(join(tmpdir(), 'ebm-cli-match-'));
  writeFileSync(join(dir, 'rules.json'), JSON.stringify(rules, null, 2));
  writeFileSync(join(dir, 'events.ndjson'), `${events.join('\n')}\n`);
  mkdirSync(join(dir, 'rules'));
  writeFileSync(join(dir, 'rules', 'stopped.json'), JSON.stringify(rules.stopped));
  writeFileSync(join(dir, 'rules', 'ec2.json'), JSON.stringify(rules.ec2));
  writeFileSync(join(dir, 'rules', 'README.md'), 'not a pattern');
  writeFileSync(join(dir, 'bad-rules.json'), '{"ok":{"source":["x"]},"broken":{"detail":{"state":[]}}}');
}, 60_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface ResultLine {
  line: number;
  rules?: string[];
  error?: string;
}

function sorted(lines: unknown[]): ResultLine[] {
  return (lines as ResultLine[]).map((l) => (l.rules === undefined ? l : { ...l, rules: [...l.rules].sort() }));
}

describe.concurrent('match', () => {
  test('should print one result line per event, with the matching rules', async () => {
    const run = await runCli(main, ['match', '--rules', join(dir, 'rules.json'), '--events', join(dir, 'events.ndjson')]);
    expect(run.code).toBe(0);
    expect(sorted(parseNdjson(run.stdout))).toEqual([
      { line: 1, rules: ['ec2', 'stopped'] },
      { line: 2, rules: ['ec2'] },
      { line: 3, rules: ['big'] },
      { line: 4, rules: [] },
    ]);
  });

  test('should read events from stdin by default and with -', async () => {
    const input = `${events.join('\n')}\n`;
    const implicit = await runCli(main, ['match', '-r', join(dir, 'rules.json'), '-q'], { stdin: input });
    const explicit = await runCli(main, ['match', '-r', join(dir, 'rules.json'), '-e', '-', '-q'], { stdin: input });
    expect(implicit.code).toBe(0);
    expect(sorted(parseNdjson(implicit.stdout))).toEqual(sorted(parseNdjson(explicit.stdout)));
    expect(parseNdjson(implicit.stdout)).toHaveLength(4);
    expect(implicit.stderr).toBe('');
  });

  test('should load a directory of pattern files, named after the files', async () => {
    const run = await runCli(main, ['match', '--rules', join(dir, 'rules'), '--events', join(dir, 'events.ndjson')]);
    expect(run.code).toBe(0);
    expect(sorted(parseNdjson(run.stdout)).map((l) => l.rules)).toEqual([['ec2', 'stopped'], ['ec2'], [], []]);
  });

  test('should report invalid JSON with its line number and go on', async () => {
    const input = [events[0], '{"source": "aws.ec2", oops}', '', events[2], 'not json at all', events[1]].join('\n');
    const run = await runCli(main, ['match', '-r', join(dir, 'rules.json')], { stdin: input });
    expect(run.code).toBe(1);
    const lines = sorted(parseNdjson(run.stdout));
    expect(lines.map((l) => l.line)).toEqual([1, 2, 4, 5, 6]);
    expect(lines[0]).toEqual({ line: 1, rules: ['ec2', 'stopped'] });
    expect(lines[1]?.error).toMatch(/^Parameter Event is not valid\./);
    expect(lines[2]).toEqual({ line: 4, rules: ['big'] });
    expect(lines[3]?.error).toMatch(/^Parameter Event is not valid\./);
    expect(lines[4]).toEqual({ line: 6, rules: ['ec2'] });
    expect(run.stderr).toMatch(/^line 2: Parameter Event is not valid\./m);
    expect(run.stderr).toMatch(/^line 5: Parameter Event is not valid\./m);
  });

  test('should reject a line that is JSON but not an object', async () => {
    const run = await runCli(main, ['match', '-r', join(dir, 'rules.json'), '-q'], { stdin: '[1,2]\n"x"\n' });
    expect(run.code).toBe(1);
    expect(parseNdjson(run.stdout).map((l) => (l as ResultLine).error !== undefined)).toEqual([true, true]);
  });

  test('should accept CRLF line endings and a last line without a newline', async () => {
    const run = await runCli(main, ['match', '-r', join(dir, 'rules.json'), '-q'], { stdin: `${events[0]}\r\n${events[2]}` });
    expect(run.code).toBe(0);
    expect(sorted(parseNdjson(run.stdout))).toEqual([
      { line: 1, rules: ['ec2', 'stopped'] },
      { line: 2, rules: ['big'] },
    ]);
  });

  test('should print only matching events with --matches-only', async () => {
    const run = await runCli(main, ['match', '-r', join(dir, 'rules.json'), '-e', join(dir, 'events.ndjson'), '-m', '-q']);
    expect(parseNdjson(run.stdout).map((l) => (l as ResultLine).line)).toEqual([1, 2, 3]);
  });

  test('should print a summary with events, matches per rule and events/s on stderr', async () => {
    const run = await runCli(main, ['match', '-r', join(dir, 'rules.json'), '-e', join(dir, 'events.ndjson')]);
    expect(run.stderr).toMatch(/^4 events in [\d.]+ s \([\d,]+ events\/s\): 3 matched at least one rule, 0 rejected$/m);
    expect(run.stderr).toMatch(/^ +2 {2}ec2$/m);
    expect(run.stderr).toMatch(/^ +1 {2}stopped$/m);
    expect(run.stderr).toMatch(/^ +1 {2}big$/m);
  });

  test('should stream many events across read chunks without losing or repeating lines', async () => {
    const count = 20_000;
    const lines: string[] = [];
    for (let i = 0; i < count; i++) {
      lines.push(i % 3 === 0 ? `{"source":"aws.ec2","n":${i},"pad":"${'x'.repeat(i % 50)}"}` : `{"source":"s${i}","detail":{"size":${i}}}`);
    }
    const run = await runCli(main, ['match', '-r', join(dir, 'rules.json'), '-q'], { stdin: `${lines.join('\n')}\n` });
    expect(run.code).toBe(0);
    const results = parseNdjson(run.stdout) as ResultLine[];
    expect(results).toHaveLength(count);
    results.forEach((r, i) => {
      expect(r.line).toBe(i + 1);
      expect(r.rules).toEqual(i % 3 === 0 ? ['ec2'] : i > 100 ? ['big'] : []);
    });
  });

  test('should let the last of duplicate rule names win, with a warning', async () => {
    writeFileSync(join(dir, 'dup-rules.json'), '{"r":{"source":["aws.ec2"]},"r":{"source":["aws.s3"]}}');
    const run = await runCli(main, ['match', '-r', join(dir, 'dup-rules.json'), '-e', join(dir, 'events.ndjson')]);
    expect(run.code).toBe(0);
    expect(parseNdjson(run.stdout).map((l) => (l as ResultLine).rules)).toEqual([[], [], ['r'], []]);
    expect(run.stderr).toContain('rule "r" is defined more than once; the last definition wins');
  });

  describe('should exit 2 on bad input', () => {
    test('for an invalid pattern, with AWS message naming the rule', async () => {
      const run = await runCli(main, ['match', '-r', join(dir, 'bad-rules.json'), '-e', join(dir, 'events.ndjson')]);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('rule "broken"');
      expect(run.stderr).toContain('Event pattern is not valid. Reason: Empty arrays are not allowed');
    });

    test('for a missing rules file', async () => {
      const run = await runCli(main, ['match', '-r', join(dir, 'nope.json')]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('no such file or directory');
    });

    test('for a rules file that is not JSON', async () => {
      writeFileSync(join(dir, 'not-json.json'), '{"a": ');
      const run = await runCli(main, ['match', '-r', join(dir, 'not-json.json')]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('is not valid JSON');
    });

    test('for a missing events file', async () => {
      const run = await runCli(main, ['match', '-r', join(dir, 'rules.json'), '-e', join(dir, 'nope.ndjson')]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('cannot read events');
    });

    test('for events that are a directory', async () => {
      const run = await runCli(main, ['match', '-r', join(dir, 'rules.json'), '-e', join(dir, 'rules')]);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`eventbridge-matcher: cannot read events ${join(dir, 'rules')}: is a directory\n`);
    });

    test('for a missing --rules', async () => {
      const run = await runCli(main, ['match']);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('--rules');
    });
  });

  test('should match the bundled examples (what npm start runs)', async () => {
    const run = await runCli(main, ['match', '--rules', 'examples/rules.json', '--events', 'examples/events.ndjson']);
    expect(run.code).toBe(0);
    const results = parseNdjson(run.stdout) as ResultLine[];
    expect(results).toHaveLength(40);
    const matched = new Set(results.flatMap((r) => r.rules ?? []));
    // Every example rule is exercised by at least one example event.
    expect([...matched].sort()).toEqual([
      'api-call-from-vpc',
      'console-login-failed',
      'ec2-instance-stopped',
      'guardduty-high-or-unauthorized',
      'large-order',
      'non-production-deploy',
      'order-without-coupon',
      'prod-rule-changed',
      's3-image-uploaded',
    ]);
    expect(run.stderr).toContain('40 events in');
  });

  test('should write the same bytes with --workers 3 as with one thread, in input order', async () => {
    // Many chunks, bad lines, blank lines, CRLF, invalid UTF-8, and --matches-only.
    const lines: string[] = [];
    // About 6 MB: several 1 MiB batches per worker.
    for (let i = 0; i < 100_000; i++) {
      if (i === 50_000) lines.push(`{"source":"aws.ec2","blob":"${'x'.repeat(3_000_000)}"}`); // spans several read chunks
      else if (i % 997 === 0) lines.push('{not json');
      else if (i % 1009 === 0) lines.push('');
      else if (i % 1013 === 0) lines.push(`{"source":"aws.ec2"}\r`);
      else lines.push(i % 3 === 0 ? `{"source":"aws.ec2","detail":{"state":"${i % 2 === 0 ? 'stopped' : 'x'}"}}` : `{"source":"s${i}","detail":{"size":${i % 300}}}`);
    }
    const input = Buffer.concat([Buffer.from(`${lines.join('\n')}\n`), Buffer.from([0xff, 0x0a]), Buffer.from('{"source":"aws.ec2"}\n')]);
    writeFileSync(join(dir, 'many.ndjson'), input);
    for (const extra of [[], ['--matches-only']]) {
      const args = ['match', '-r', join(dir, 'rules.json'), '-e', join(dir, 'many.ndjson'), '-q', ...extra];
      const [one, three] = await Promise.all([runCli(main, args), runCli(main, [...args, '--workers', '3'])]);
      expect(one.code).toBe(1);
      expect(three.code).toBe(1);
      expect(three.stdout).toBe(one.stdout);
      expect(three.stderr).toBe(one.stderr);
      expect(one.stdout.length).toBeGreaterThan(100_000);
    }
  });

  test('should reject a --workers value that is not a whole number from 1 to 256', async () => {
    for (const bad of ['0', '-1', '1.5', 'two', '257']) {
      const run = await runCli(main, ['match', '-r', join(dir, 'rules.json'), '-e', join(dir, 'events.ndjson'), `--workers=${bad}`]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('--workers must be a whole number from 1 to 256');
    }
  });
});
