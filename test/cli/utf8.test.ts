/**
 * Strict UTF-8 on every CLI input (src/cli/io.ts): pattern and event files, stdin, rules files and
 * NDJSON lines. Bytes that are not UTF-8 are an error naming the input and the byte offset, never
 * U+FFFD: before, a Latin-1 `caf\xE9` pattern matched a Latin-1 `caf\xFC` event, as both decoded to
 * `caf\uFFFD`. The commands run in-process through `main` with in-memory streams.
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { decodeUtf8, invalidUtf8Offset, ndjsonLineCount, ndjsonLinesOf, readNdjsonBytes, readNdjsonLines } from '../../src/cli/io.js';
import type { NdjsonLine } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { memoryIo } from './helpers.js';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ebm-cli-utf8-'));
  writeFileSync(join(dir, 'latin1-pattern.json'), Buffer.from('{"detail":{"name":["caf\xE9"]}}', 'latin1'));
  writeFileSync(join(dir, 'latin1-event.json'), Buffer.from('{"detail":{"name":"caf\xFC"}}', 'latin1'));
  writeFileSync(join(dir, 'event.json'), '{"detail":{"name":"café"}}');
  writeFileSync(join(dir, 'pattern.json'), '{"detail":{"name":["café"]}}');
  writeFileSync(join(dir, 'rules.json'), '{"cafe":{"detail":{"name":["café"]}}}');
  writeFileSync(join(dir, 'latin1-rules.json'), Buffer.from('{"cafe":{"detail":{"name":["caf\xE9"]}}}', 'latin1'));
  const good = Buffer.from('{"detail":{"name":"café"}}\n');
  const bad = Buffer.from('{"detail":{"name":"caf\xE9"}}\n', 'latin1');
  writeFileSync(join(dir, 'events.ndjson'), Buffer.concat([good, bad, good]));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function run(args: string[], stdin: Buffer = Buffer.alloc(0)): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo(stdin);
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('invalidUtf8Offset', () => {
  test.each([
    ['valid ASCII and 2-4 byte forms', [0x61, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80], -1],
    ['a Latin-1 byte', [0x63, 0x61, 0x66, 0xe9], 3],
    ['an overlong two-byte form', [0x41, 0xc0, 0x80], 1],
    ['an overlong three-byte form', [0xe0, 0x80, 0xaf], 0],
    ['a UTF-16 surrogate', [0x20, 0xed, 0xa0, 0x80], 1],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['a truncated sequence at the end', [0x61, 0x62, 0xe2, 0x82], 2],
    ['a lone continuation byte', [0x61, 0x80], 1],
    ['a bad continuation', [0xe2, 0x28, 0xa1], 0],
  ])('should find %s', (_name, bytes, offset) => {
    expect(invalidUtf8Offset(Uint8Array.from(bytes))).toBe(offset);
  });

  test('should agree with a fatal TextDecoder on every two-byte input', () => {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    for (let a = 0; a < 256; a++) {
      for (const b of [0x00, 0x41, 0x7f, 0x80, 0x9f, 0xa0, 0xbf, 0xc0, 0xff]) {
        const bytes = Uint8Array.from([a, b]);
        let valid = true;
        try {
          decoder.decode(bytes);
        } catch {
          valid = false;
        }
        expect(invalidUtf8Offset(bytes) === -1).toBe(valid);
      }
    }
  });
});

describe('decodeUtf8', () => {
  test('should name the origin and the offset', () => {
    expect(() => decodeUtf8(Buffer.from([0x7b, 0xff, 0x7d]), 'p.json')).toThrow('p.json is not valid UTF-8: invalid byte sequence at byte offset 1');
  });
  test('should drop a leading byte-order mark', () => {
    expect(decodeUtf8(Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]), 'x')).toBe('{}');
  });
});

describe('readNdjsonLines', () => {
  async function lines(chunks: Buffer[], max = 1024): Promise<NdjsonLine[]> {
    const all: NdjsonLine[] = [];
    for await (const batch of readNdjsonLines(Readable.from(chunks), 'in', max)) all.push(...batch);
    return all;
  }

  test('should join a character split across chunks', async () => {
    const bytes = Buffer.from('"é"\n"€"');
    expect(await lines([bytes.subarray(0, 2), bytes.subarray(2, 6), bytes.subarray(6)])).toEqual(['"é"', '"€"']);
  });

  test('should reject only the bad line, with its offset in the stream', async () => {
    const got = await lines([Buffer.from('ok\n'), Buffer.from([0x61, 0xff, 0x0a]), Buffer.from('fine')]);
    expect(got[0]).toBe('ok');
    expect(got[1]).toEqual({ error: 'Line is not valid UTF-8: invalid byte sequence at byte offset 4 of in (byte 1 of the line)' });
    expect(got[2]).toBe('fine');
  });

  test('should reject an over-long line without keeping it, then go on', async () => {
    const got = await lines([Buffer.from('x'.repeat(600)), Buffer.from('y'.repeat(600)), Buffer.from('\nshort\n')], 1000);
    expect(got).toEqual([{ error: 'Line is longer than 1000 bytes' }, 'short']);
  });
});

describe('readNdjsonBytes and ndjsonLinesOf (the split the match workers use)', () => {
  /** The lines of a whole stream read in one piece, as the definition of what any chunking must give. */
  function reference(bytes: Buffer, max: number): NdjsonLine[] {
    const out: NdjsonLine[] = [];
    let start = 0;
    while (start < bytes.length) {
      const newline = bytes.indexOf(0x0a, start);
      const end = newline === -1 ? bytes.length : newline;
      const line = bytes.subarray(start, end);
      if (line.length > max) out.push({ error: `Line is longer than ${max} bytes` });
      else if (invalidUtf8Offset(line) >= 0) {
        const at = invalidUtf8Offset(line);
        out.push({ error: `Line is not valid UTF-8: invalid byte sequence at byte offset ${start + at} of in (byte ${at} of the line)` });
      } else {
        // A line's last \r (CRLF) is dropped.
        const text = (line[line.length - 1] === 0x0d ? line.subarray(0, -1) : line).toString('utf8');
        out.push(start === 0 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
      }
      start = end + 1;
    }
    return out;
  }

  test('should drop the last \r of each line (CRLF, and a last line without \n), and no other', async () => {
    const got: NdjsonLine[] = [];
    for await (const run of readNdjsonBytes(Readable.from([Buffer.from('{"a":1}\r\n{"b":"x\ry"}\n\r\r\n\r\n{"c":2}\r')]), 100)) got.push(...ndjsonLinesOf(run, 'in', 100));
    expect(got).toEqual(['{"a":1}', '{"b":"x\ry"}', '\r', '', '{"c":2}']);
  });

  test('any chunking gives the lines of the whole stream, and each run counts its lines right', async () => {
    const piece = fc.constantFrom('{"a":1}', '\n', '\r\n', '\r', 'é', '€', '\uFEFF', 'xxxxxxxxxxxxxxxxxxxx', '');
    const stream = fc.tuple(
      fc.array(fc.oneof(piece.map((p) => Buffer.from(p)), fc.constantFrom(Buffer.from([0xff]), Buffer.from([0xc3]), Buffer.from([0x0a]))), { maxLength: 40 }),
      fc.array(fc.integer({ min: 1, max: 17 }), { minLength: 1, maxLength: 8 }),
      fc.integer({ min: 4, max: 40 }),
    );
    await fc.assert(
      fc.asyncProperty(stream, async ([pieces, sizes, max]) => {
        const bytes = Buffer.concat(pieces);
        const chunks: Buffer[] = [];
        for (let at = 0, k = 0; at < bytes.length; k++) {
          const size = sizes[k % sizes.length] as number;
          chunks.push(bytes.subarray(at, at + size));
          at += size;
        }
        const got: NdjsonLine[] = [];
        for await (const run of readNdjsonBytes(Readable.from(chunks), max)) {
          const lines = ndjsonLinesOf(run, 'in', max);
          expect(ndjsonLineCount(run)).toBe(lines.length);
          got.push(...lines);
        }
        expect(got).toEqual(reference(bytes, max));
      }),
      { seed: 19, numRuns: 1500 },
    );
  });
});

describe('commands', () => {
  test('test: a Latin-1 pattern is an error naming the file and offset, exit 2', async () => {
    const result = await run(['test', '--pattern', join(dir, 'latin1-pattern.json'), '--event', join(dir, 'latin1-event.json')]);
    expect(result.code).toBe(2);
    expect(result.out).not.toContain('Match.');
    expect(result.err).toContain(`${join(dir, 'latin1-pattern.json')} is not valid UTF-8: invalid byte sequence at byte offset 23`);
  });

  test('test: a Latin-1 event on stdin is an error naming stdin, exit 2', async () => {
    const result = await run(['test', '--pattern', join(dir, 'pattern.json'), '--event', '-'], Buffer.from('{"detail":{"name":"caf\xE9"}}', 'latin1'));
    expect(result.code).toBe(2);
    expect(result.err).toContain('stdin is not valid UTF-8: invalid byte sequence at byte offset 22');
  });

  test('test: UTF-8 input still matches', async () => {
    const result = await run(['test', '--pattern', join(dir, 'pattern.json'), '--event', join(dir, 'event.json')]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^Match\./);
  });

  test('validate: a Latin-1 pattern file is unreadable input, exit 2', async () => {
    const result = await run(['validate', join(dir, 'pattern.json'), join(dir, 'latin1-pattern.json')]);
    expect(result.code).toBe(2);
    expect(result.err).toContain('latin1-pattern.json is not valid UTF-8: invalid byte sequence at byte offset 23');
  });

  test('match: a Latin-1 rules file is bad input, exit 2', async () => {
    const result = await run(['match', '--rules', join(dir, 'latin1-rules.json'), '--events', join(dir, 'events.ndjson')]);
    expect(result.code).toBe(2);
    expect(result.err).toContain('latin1-rules.json is not valid UTF-8: invalid byte sequence at byte offset 31');
  });

  test('match: a Latin-1 event line is rejected alone, exit 1', async () => {
    const events = join(dir, 'events.ndjson');
    const result = await run(['match', '--rules', join(dir, 'rules.json'), '--events', events, '--quiet']);
    expect(result.code).toBe(1);
    const lines = result.out.trim().split('\n').map((line) => JSON.parse(line) as unknown);
    expect(lines).toEqual([
      { line: 1, rules: ['cafe'] },
      { line: 2, error: `Line is not valid UTF-8: invalid byte sequence at byte offset 50 of ${events} (byte 22 of the line)` },
      { line: 3, rules: ['cafe'] },
    ]);
    expect(result.err).toContain('line 2: Line is not valid UTF-8');
  });

  test('match: the same from stdin names stdin', async () => {
    const bytes = Buffer.concat([Buffer.from('{"detail":{"name":"caf\xE9"}}\n', 'latin1')]);
    const result = await run(['match', '--rules', join(dir, 'rules.json'), '--quiet'], bytes);
    expect(result.code).toBe(1);
    expect(result.out).toContain('at byte offset 22 of stdin (byte 22 of the line)');
  });
});
