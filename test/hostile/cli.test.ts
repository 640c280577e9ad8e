/**
 * Hostile inputs through the CLI (`test`, `validate`, `match`), run in-process through `main`:
 * every run must end with a documented exit code (0, 1 or 2) and a message, never an internal
 * error (exit 70) or an exception, whatever the pattern, event or NDJSON stream holds.
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../cli/helpers.js';
import { assertNoPollution, hostileEvents, hostilePatterns, invalidUtf8Bodies, longString } from './inputs.js';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ebm-hostile-cli-'));
  writeFileSync(join(dir, 'pattern.json'), '{"source":["s"]}');
  writeFileSync(join(dir, 'event.json'), '{"source":"s"}');
  writeFileSync(join(dir, 'rules.json'), '{"s":{"source":["s"]},"__proto__":{"source":["p"]},"constructor":{"source":["c"]}}');
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function run(args: string[], stdin: Buffer | string = ''): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo(stdin);
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('test and validate', () => {
  test('should end every hostile pattern with exit 0, 1 or 2', async () => {
    for (const [i, pattern] of hostilePatterns.entries()) {
      const file = join(dir, `p${i}.json`);
      writeFileSync(file, pattern);
      const tested = await run(['test', '--pattern', file, '--event', join(dir, 'event.json')]);
      expect([0, 1, 2]).toContain(tested.code);
      if (tested.code === 2) expect(tested.err).not.toBe('');
      const validated = await run(['validate', '-q', file]);
      expect([0, 1, 2]).toContain(validated.code);
    }
    assertNoPollution();
  });

  test('should end every hostile event with exit 0, 1 or 2', async () => {
    for (const event of hostileEvents) {
      const tested = await run(['test', '--pattern', join(dir, 'pattern.json'), '--event', '-'], event);
      expect([0, 1, 2]).toContain(tested.code);
    }
    assertNoPollution();
  });

  test.each(invalidUtf8Bodies.map((bytes, i) => [i, bytes] as const))('should refuse non-UTF-8 input #%i with exit 2', async (_i, bytes) => {
    const tested = await run(['test', '--pattern', join(dir, 'pattern.json'), '--event', '-'], bytes);
    expect(tested.code).toBe(2);
    expect(tested.err).toMatch(/stdin is not valid UTF-8: invalid byte sequence at byte offset \d+/);
  });
});

describe('match', () => {
  test('should report each hostile NDJSON line and go on, exit 1', async () => {
    const lines: Buffer[] = [
      Buffer.from('{"source":"s"}'),
      ...hostileEvents.filter((event) => !event.includes('\n')).map((event) => Buffer.from(event)),
      ...invalidUtf8Bodies,
      Buffer.from('{"source":"s"}'),
    ];
    const input = Buffer.concat(lines.flatMap((line) => [line, Buffer.from('\n')]));
    const result = await run(['match', '--rules', join(dir, 'rules.json'), '--quiet'], input);
    expect(result.code).toBe(1);
    const out = result.out.trim().split('\n').map((line) => JSON.parse(line) as { line: number; rules?: string[]; error?: string });
    expect(out[0]).toEqual({ line: 1, rules: ['s'] });
    expect(out[out.length - 1]).toEqual({ line: lines.length, rules: ['s'] });
    expect(out.filter((o) => o.error?.startsWith('Line is not valid UTF-8')).length).toBe(invalidUtf8Bodies.length);
    assertNoPollution();
  });

  test('should match rules named __proto__ and constructor like any other', async () => {
    const result = await run(['match', '--rules', join(dir, 'rules.json'), '--quiet'], '{"source":"p"}\n{"source":"c"}\n');
    expect(result.code).toBe(0);
    expect(result.out).toBe('{"line":1,"rules":["__proto__"]}\n{"line":2,"rules":["constructor"]}\n');
  });

  test('should reject a line past 16 MiB without holding it, then go on', async () => {
    const before = process.memoryUsage().heapUsed;
    const chunks = [Buffer.from('{"source":"'), ...Array.from({ length: 17 }, () => Buffer.from(longString(1024 * 1024))), Buffer.from('"}\n{"source":"s"}\n')];
    const stdout = new PassThrough();
    const stderr = new PassThrough().resume();
    let out = '';
    stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await main(['match', '--rules', join(dir, 'rules.json'), '--quiet'], { stdin: Readable.from(chunks), stdout, stderr });
    expect(code).toBe(1);
    expect(out).toBe('{"line":1,"error":"Line is longer than 16777216 bytes"}\n{"line":2,"rules":["s"]}\n');
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(256 * 1024 * 1024);
  });
});
