// The "adversarial arrays" scenario: the event shapes that once made matching polynomial or
// exponential in the event (arrays of objects; several independent arrays; arrays nested in array
// elements; order items with a numeric field), each grown from 1 KiB to 1 MiB. For every shape and
// size it reports `Matcher.match(text)` time as a ratio to `JSON.parse(text)` of the same text in the
// same process (medians of interleaved rounds), and the growth factor when the event doubles from
// 512 KiB to 1 MiB. Answers are checked against testEventPattern before timing.
//
// Usage: node bench/dist/adversarial-arrays.js [--rounds=5] [--quick]
// Run by `npm run bench` (bench/run.ts) in a child process; standalone it prints the same table.

import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchedApi } from './scenario-worker.js';
import { median } from './timing.js';
import { reportFromChild } from './child-report.js';

/** One shape of the scenario: its rule and an event generator for a target size in bytes. */
interface Shape {
  readonly name: string;
  readonly rule: string;
  make(bytes: number): string;
}

/** Figures for one shape. */
export interface ArraysResult {
  readonly shape: string;
  /** Per size: the actual event bytes and the median match/JSON.parse time ratio. */
  readonly sizes: readonly { readonly bytes: number; readonly vsParse: number }[];
  /** Median match time at 1 MiB divided by that at 512 KiB (2 means linear). */
  readonly doubling: number;
}

/** The whole run. */
export interface ArraysReport {
  readonly rounds: number;
  readonly results: readonly ArraysResult[];
}

function envelope(detail: unknown): string {
  return JSON.stringify({ version: '0', id: 'adversarial', 'detail-type': 'shape', source: 'bench', account: '123456789012', time: '2026-12-06T00:00:00Z', region: 'us-east-1', resources: [], detail });
}

/** Fits a count so that the event is about `bytes` long, given the bytes one unit adds. */
function count(bytes: number, unit: number): number {
  return Math.max(1, Math.floor((bytes - 200) / unit));
}

const SHAPES: readonly Shape[] = [
  {
    // Two fields of one element; `c` never matches, so every element is a candidate for `b`.
    name: 'two fields of one element',
    rule: JSON.stringify({ detail: { a: { b: [1], c: [2] } } }),
    make: (bytes) => envelope({ a: Array.from({ length: count(bytes, 14) }, () => ({ b: 1, c: 3 })) }),
  },
  {
    // Eight independent arrays; every field matches everywhere but the last never does.
    name: '8 independent arrays',
    rule: JSON.stringify({ detail: Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`f${i + 1}`, { v: [i === 7 ? 'nope' : 'x'] }])) }),
    make: (bytes) => {
      const n = count(bytes, 8 * 10);
      return envelope(Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`f${i + 1}`, Array.from({ length: n }, () => ({ v: 'x' }))])));
    },
  },
  {
    // Arrays inside array elements, n by n; no inner element holds both fields.
    name: 'nested n x n',
    rule: JSON.stringify({ detail: { a: { b: { c: [1], d: [2] } } } }),
    make: (bytes) => {
      const n = Math.max(1, Math.floor(Math.sqrt(count(bytes, 14))));
      return envelope({ a: Array.from({ length: n }, () => ({ b: Array.from({ length: n }, () => ({ c: 1, d: 3 })) })) });
    },
  },
  {
    // Order items: a numeric range and a sku list that never meet in one item.
    name: 'order items',
    rule: JSON.stringify({ detail: { items: { qty: [{ numeric: ['>', 0] }], sku: ['sku-7', 'sku-9'] } } }),
    make: (bytes) => envelope({ items: Array.from({ length: count(bytes, 24) }, (_, i) => ({ sku: `sku-${i % 10}`, qty: i % 10 === 7 || i % 10 === 9 ? 0 : 3 })) }),
  },
];

/** Sizes reported; 512 KiB is timed for the doubling figure. */
const SIZES = [1024, 64 * 1024, 1024 * 1024] as const;
const HALF = 512 * 1024;

let sink = 0;

/** Mean time of one call over at least `minMs`, in milliseconds. */
function timeOf(fn: () => unknown, minMs: number): number {
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    const r = fn();
    sink += Array.isArray(r) ? r.length : 1;
    n++;
    elapsed = performance.now() - start;
  } while (elapsed < minMs);
  return elapsed / n;
}

/**
 * Runs the scenario.
 *
 * @param api - The built package.
 * @param rounds - Interleaved rounds per measurement.
 * @param log - Progress lines.
 * @returns The figures.
 */
export function runAdversarialArrays(api: BenchedApi, rounds: number, log: (line: string) => void): ArraysReport {
  const results: ArraysResult[] = [];
  for (const shape of SHAPES) {
    const matcher = new api.Matcher();
    matcher.addRule('rule', shape.rule);
    const sizes: { bytes: number; vsParse: number }[] = [];
    const matchMs = new Map<number, number>();
    for (const size of [...SIZES, HALF]) {
      const text = shape.make(size);
      const expected = api.testEventPattern(shape.rule, text);
      if (matcher.match(text).length === 1 !== expected) throw new Error(`${shape.name} at ${size} B: Matcher and testEventPattern disagree`);
      const minMs = size <= 64 * 1024 ? 50 : 300;
      const ratios: number[] = [];
      const times: number[] = [];
      timeOf(() => JSON.parse(text), minMs);
      timeOf(() => matcher.match(text), minMs);
      for (let r = 0; r < rounds; r++) {
        const parse = timeOf(() => JSON.parse(text), minMs);
        const match = timeOf(() => matcher.match(text), minMs);
        ratios.push(match / parse);
        times.push(match);
      }
      matchMs.set(size, median(times));
      if (size !== HALF) sizes.push({ bytes: Buffer.byteLength(text), vsParse: median(ratios) });
    }
    const doubling = (matchMs.get(1024 * 1024) as number) / (matchMs.get(HALF) as number);
    results.push({ shape: shape.name, sizes, doubling });
    log(`  adversarial arrays: ${shape.name} done`);
  }
  return { rounds, results };
}

/**
 * Formats the report as a plain-text table.
 *
 * @param report - The figures.
 * @returns The table with a heading line.
 */
export function formatAdversarialArrays(report: ArraysReport): string {
  const head = ['adversarial arrays', ...SIZES.map((s) => (s >= 1024 * 1024 ? `${s / 1024 / 1024} MiB` : `${s / 1024} KiB`)), 'x2 size'];
  const rows = report.results.map((r) => [r.shape, ...r.sizes.map((s) => `${s.vsParse.toFixed(2)}x`), `${r.doubling.toFixed(2)}x time`]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  const fmt = (row: readonly string[]): string => row.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  return [`Adversarial arrays: Matcher.match time / JSON.parse time of the same text (medians of ${report.rounds} interleaved rounds)`, fmt(head), ...rows.map(fmt)].join('\n');
}

async function main(): Promise<void> {
  let rounds = 5;
  for (const arg of process.argv.slice(2)) {
    if (arg === '--quick') rounds = 1;
    else if (arg.startsWith('--rounds=')) rounds = Number(arg.slice('--rounds='.length));
    else throw new Error(`unknown option ${arg}`);
  }
  await reportFromChild((api, log) => runAdversarialArrays(api, rounds, log), formatAdversarialArrays);
  if (sink === 0.5) console.log('');
}

// Runs only as a script (run.ts imports the formatter from this module).
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
