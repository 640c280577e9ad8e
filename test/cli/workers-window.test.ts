/**
 * `match --workers N` keeps memory bounded however slowly its output is taken: while stdout does
 * not take a batch's output, the main thread reads no more than the batches in flight (8 per
 * worker, src/cli/match-worker.ts) allow, and once stdout takes output again every batch is
 * written, in input order. Driven in-process on the built package (the workers load its compiled
 * module), with a sink that holds its first write back.
 */

import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { EncodedBatch, ParallelSink, matchInWorkers as MatchInWorkers } from '../../src/cli/match-worker.js';
import type { NdjsonBytes } from '../../src/cli/io.js';
import { buildCli } from './helpers.js';

const WORKERS = 2;
const RUNS = 200;
const LINES_PER_RUN = 50;

/** Waits until `read()` has not changed for `quietMs`. */
async function settled(read: () => number, quietMs: number): Promise<number> {
  let last = read();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    const now = read();
    if (now === last) return now;
    last = now;
  }
}

describe('match --workers with a stalled stdout', () => {
  test('reads no more than the batches in flight allow, then writes every batch in order', async () => {
    const main = await buildCli();
    const module = (await import(pathToFileURL(join(dirname(main), 'match-worker.js')).href)) as { matchInWorkers: typeof MatchInWorkers };

    let pulled = 0;
    const line = '{"source":"aws.ec2","detail":{"n":1}}\n';
    async function* runs(): AsyncGenerator<NdjsonBytes> {
      for (let r = 0; r < RUNS; r++) {
        pulled++;
        const bytes = new Uint8Array(Buffer.from(line.repeat(LINES_PER_RUN)));
        yield { bytes, offset: r * bytes.length, longFirst: false, fresh: true };
      }
    }

    let release: () => void = () => undefined;
    const stalled = new Promise<void>((resolve) => (release = resolve));
    const written: EncodedBatch[] = [];
    const sink: ParallelSink = {
      write: async (batch) => {
        written.push(batch);
        if (written.length === 1) await stalled;
      },
      progress: async () => undefined,
    };
    const perRule = new Map<string, number>();
    const done = module.matchInWorkers([{ name: 'ec2', pattern: '{"source":["aws.ec2"]}' }], runs(), { origin: 'test', maxLineBytes: 1 << 20 }, WORKERS, false, perRule, sink);

    // The first batch's output is held: reading stops within the window.
    const whileStalled = await settled(() => pulled, 300);
    expect(written).toHaveLength(1);
    expect(whileStalled).toBeGreaterThan(0);
    expect(whileStalled).toBeLessThanOrEqual(8 * WORKERS + 1);

    release();
    await done;
    expect(pulled).toBe(RUNS);
    expect(written).toHaveLength(RUNS);
    const text = written.map((b) => Buffer.from(b.out).toString('utf8')).join('');
    const numbers = text
      .trimEnd()
      .split('\n')
      .map((l) => (JSON.parse(l) as { line: number; rules: string[] }).line);
    expect(numbers).toEqual(Array.from({ length: RUNS * LINES_PER_RUN }, (_, i) => i + 1));
    expect(perRule.get('ec2')).toBe(RUNS * LINES_PER_RUN);
  }, 60_000);
});
