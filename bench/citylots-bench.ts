// The CityLots scenario: every CL2 rule set of event-ruler's Benchmarks.java against seeded
// citylots2-shaped lines (bench/citylots.ts), each timed (process CPU time) as whole passes over all lines with
// `Matcher.match` (strict) and `Matcher.match(text, { trusted: true })`, next to `JSON.parse` and a
// `charCodeAt` loop over the same lines timed right before or after each set's passes. Figures are
// ratios to those two baselines (medians over rounds, each round's ratio from the baselines timed
// next to it). Before timing, strict and
// trusted must return the same names on every line, and the Matcher must agree with testEventPattern
// (one rule at a time) on a sample of lines.
//
// Usage: node --expose-gc bench/dist/citylots-bench.js [--events=200000] [--rounds=3] [--quick (10,000 events)]
//        [--seed=N] [SET_NAME ...]
// Run by `npm run bench` (bench/run.ts) in a child process; standalone it prints the same table.

import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CITYLOTS_RULE_SETS, makeCityLots2 } from './citylots.js';
import { BENCH_SEED } from './data.js';
import type { BenchedApi } from './scenario-worker.js';
import { reportFromChild } from './child-report.js';
import { cpuMicros, hasTrustedOption, median, parseLine, sameNames } from './timing.js';

/** One rule set's figures. */
export interface CityLotsResult {
  readonly name: string;
  readonly rules: number;
  /** Matches per event (all rules). */
  readonly matchesPerEvent: number;
  /** Median ratio of strict `match` events/s to `JSON.parse` events/s. */
  readonly strictVsParse: number;
  /** Median ratio of strict `match` events/s to the `charCodeAt` loop's events/s. */
  readonly strictVsCharLoop: number;
  /** The same with `{ trusted: true }`, or null when the Matcher has no options parameter. */
  readonly trustedVsParse: number | null;
  readonly trustedVsCharLoop: number | null;
  /**
   * Median over rounds of the trusted rate over the strict rate (each round times the two passes one
   * right after the other); null as above, and absent in older results.
   */
  readonly trustedVsStrict?: number | null;
  /** Median strict events/s (for context only; compare the ratios). */
  readonly strictEventsPerSecond: number;
}

/** The whole CityLots run. */
export interface CityLotsReport {
  readonly events: number;
  readonly meanBytes: number;
  readonly rounds: number;
  readonly parseEventsPerSecond: number;
  readonly charLoopEventsPerSecond: number;
  readonly sets: readonly CityLotsResult[];
}

/** Options of one CityLots run. */
export interface CityLotsOptions {
  readonly events: number;
  readonly rounds: number;
  readonly seed: number;
  /** Rule-set names to run; empty for all. */
  readonly sets: readonly string[];
}

/** Lines checked one rule at a time against testEventPattern before timing. */
const SAMPLE = 500;

type TrustedMatch = (event: string, options?: { trusted?: boolean }) => string[];

/** Sum of results, kept so the optimiser cannot drop the timed calls. */
let sink = 0;

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * Times one pass of `body` over every line; returns events per second of this process's CPU time
 * (user + system, so garbage-collector threads count), which other processes on a shared machine
 * disturb far less than wall-clock time.
 */
function pass(lines: readonly string[], body: (line: string) => number): number {
  gc();
  const t0 = cpuMicros();
  let s = 0;
  for (let i = 0; i < lines.length; i++) s += body(lines[i] as string);
  const used = cpuMicros() - t0;
  sink += s;
  return lines.length / (used / 1e6);
}

function charLoop(line: string): number {
  let s = 0;
  for (let i = 0; i < line.length; i++) s += line.charCodeAt(i);
  return s;
}

/**
 * Runs the CityLots scenario.
 *
 * @param api - The package under test (its built entry point).
 * @param options - Event count, rounds, seed and rule-set filter.
 * @param log - Receives progress lines.
 * @returns The figures.
 * @throws Error when a verification fails.
 */
export function runCityLots(api: BenchedApi, options: CityLotsOptions, log: (line: string) => void): CityLotsReport {
  const lines = makeCityLots2(options.events, options.seed);
  let bytes = 0;
  for (const line of lines) bytes += line.length;
  const sets = CITYLOTS_RULE_SETS.filter((s) => options.sets.length === 0 || options.sets.includes(s.name));
  if (sets.length === 0) throw new Error(`no CityLots rule set named ${options.sets.join(', ')}`);
  const matchers = sets.map((set) => {
    const m = new api.Matcher();
    set.patterns.forEach((p, i) => m.addRule(`r${i}`, p));
    return m;
  });
  const supportsTrusted = hasTrustedOption(api.Matcher.prototype.match);
  // Verification: trusted agrees with strict on every line; strict agrees with testEventPattern on a sample.
  const perEvent: number[] = [];
  sets.forEach((set, k) => {
    const m = matchers[k] as InstanceType<BenchedApi['Matcher']>;
    const match = m.match.bind(m) as TrustedMatch;
    let total = 0;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as string;
      const strict = match(line).sort();
      total += strict.length;
      if (supportsTrusted) {
        const trusted = match(line, { trusted: true }).sort();
        if (!sameNames(trusted, strict)) throw new Error(`${set.name}: trusted and strict differ on line ${i}`);
      }
      if (i < SAMPLE) {
        const expected = set.patterns.flatMap((p, r) => (api.testEventPattern(p, line) ? [`r${r}`] : [])).sort();
        if (!sameNames(expected, strict)) throw new Error(`${set.name}: Matcher ${strict.join()} but testEventPattern ${expected.join()} on line ${i}`);
      }
    }
    perEvent.push(total / lines.length);
  });
  log(`  CityLots: ${lines.length} events, ${Math.round(bytes / lines.length)} B mean, ${sets.length} rule sets verified`);
  // Warm the baselines up as verification warmed the matchers (small runs would time cold code).
  for (let i = 0; i < Math.min(lines.length, 20_000); i++) sink += parseLine(lines[i] as string) + charLoop(lines[i] as string);
  // Each set's passes are paired with baselines timed right next to them (before or after, in turn),
  // so that a change of the shared machine's speed during a round moves both sides of a ratio.
  const parse: number[][] = sets.map(() => []);
  const chars: number[][] = sets.map(() => []);
  const strict: number[][] = sets.map(() => []);
  const trusted: number[][] = sets.map(() => []);
  for (let round = 0; round < options.rounds; round++) {
    sets.forEach((_, k) => {
      const m = matchers[k] as InstanceType<BenchedApi['Matcher']>;
      const match = m.match.bind(m) as TrustedMatch;
      const baselines = (): void => {
        (parse[k] as number[]).push(pass(lines, parseLine));
        (chars[k] as number[]).push(pass(lines, charLoop));
      };
      const baselinesFirst = (round + k) % 2 === 0;
      if (baselinesFirst) baselines();
      (strict[k] as number[]).push(pass(lines, (line) => match(line).length));
      if (supportsTrusted) {
        const options = { trusted: true };
        (trusted[k] as number[]).push(pass(lines, (line) => match(line, options).length));
      }
      if (!baselinesFirst) baselines();
    });
    log(`  CityLots: round ${round + 1}/${options.rounds} done`);
  }
  const ratio = (rates: number[], base: number[]): number => median(rates.map((r, i) => r / (base[i] as number)));
  return {
    events: lines.length,
    meanBytes: Math.round(bytes / lines.length),
    rounds: options.rounds,
    parseEventsPerSecond: Math.round(median(parse.flat())),
    charLoopEventsPerSecond: Math.round(median(chars.flat())),
    sets: sets.map((set, k) => ({
      name: set.name,
      rules: set.patterns.length,
      matchesPerEvent: perEvent[k] as number,
      strictVsParse: ratio(strict[k] as number[], parse[k] as number[]),
      strictVsCharLoop: ratio(strict[k] as number[], chars[k] as number[]),
      trustedVsParse: supportsTrusted ? ratio(trusted[k] as number[], parse[k] as number[]) : null,
      trustedVsCharLoop: supportsTrusted ? ratio(trusted[k] as number[], chars[k] as number[]) : null,
      trustedVsStrict: supportsTrusted ? ratio(trusted[k] as number[], strict[k] as number[]) : null,
      strictEventsPerSecond: Math.round(median(strict[k] as number[])),
    })),
  };
}

/**
 * Formats a CityLots report as a plain-text table.
 *
 * @param report - The figures.
 * @returns The table, with a heading line.
 */
export function formatCityLots(report: CityLotsReport): string {
  const x = (v: number | null | undefined): string => (v == null ? 'n/a' : `${v.toFixed(2)}x`);
  const rows = report.sets.map((s) => [
    s.name, String(s.rules), s.matchesPerEvent.toFixed(2), x(s.strictVsParse), x(s.trustedVsParse), x(s.strictVsCharLoop), x(s.trustedVsCharLoop), x(s.trustedVsStrict),
  ]);
  const head = ['CL2 rule set', 'rules', 'matches/ev', 'strict/parse', 'trusted/parse', 'strict/charLoop', 'trusted/charLoop', 'trusted/strict'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const fmt = (r: readonly string[]): string => r.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  return [
    `CityLots (citylots2 shape): ${report.events} events of ${report.meanBytes} B mean, medians of ${report.rounds} rounds; ` +
      `charCodeAt loop = ${(report.charLoopEventsPerSecond / report.parseEventsPerSecond).toFixed(2)}x JSON.parse`,
    fmt(head),
    ...rows.map(fmt),
  ].join('\n');
}

/**
 * Parses this script's command line.
 *
 * @param argv - Arguments after the script name.
 * @returns The options.
 */
export function parseCityLotsArgs(argv: readonly string[]): CityLotsOptions {
  let events = 200_000;
  let rounds = 3;
  let seed = BENCH_SEED;
  const sets: string[] = [];
  for (const arg of argv) {
    const [flag, value = ''] = arg.split('=', 2);
    if (flag === '--events') events = Number(value);
    else if (flag === '--rounds') rounds = Number(value);
    else if (flag === '--seed') seed = Number(value);
    else if (flag === '--quick') {
      events = 10_000;
      rounds = 3;
    } else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else sets.push(arg);
  }
  if (!(Number.isInteger(events) && events > 0 && Number.isInteger(rounds) && rounds > 0)) throw new Error('--events and --rounds must be positive integers');
  return { events, rounds, seed, sets };
}

async function main(): Promise<void> {
  const options = parseCityLotsArgs(process.argv.slice(2));
  await reportFromChild((api, log) => runCityLots(api, options, log), formatCityLots);
  if (sink === 0.5) console.log('');
}

// Runs only as a script (run.ts imports the formatter from this module).
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
