// Small helpers the bench's timings share: the CPU clock, the JSON.parse baseline, the median,
// whether the build under test can be timed in trusted mode, the check that two answers name the
// same rules (made before anything is timed), and paired timings of two things over the same texts.

/**
 * This process's CPU time in microseconds, user and system (so garbage-collector threads count):
 * other processes on a shared machine disturb it far less than wall-clock time.
 */
export function cpuMicros(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

/**
 * The `JSON.parse` baseline for one event text, as the timed loops call it.
 *
 * @param text - A JSON text.
 * @returns A number for the loop's sink (so the call cannot be dropped).
 */
export function parseLine(text: string): number {
  return JSON.parse(text) === null ? 1 : 0;
}

/**
 * The median of some numbers (the mean of the two middle ones for an even count).
 *
 * @param values - The numbers (not modified).
 * @returns Their median; `NaN` for none.
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Whether the benched build's `Matcher.match` takes options (`{ trusted: true }`): builds from
 * before the option, timed for comparison, do not.
 *
 * @param match - `Matcher.prototype.match` of the loaded package.
 */
export function hasTrustedOption(match: (...args: never[]) => unknown): boolean {
  return match.length >= 2;
}

/**
 * Whether two match answers name the same rules, in any order.
 *
 * @param a - Rule names.
 * @param b - Rule names.
 */
export function sameNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const sortedB = [...b].sort();
  return [...a].sort().every((name, i) => name === sortedB[i]);
}

/** Rounds of a paired timing (see {@link pairedRatios}). */
export const PAIRED_ROUNDS = 21;
/** Fewest CPU microseconds the slower side's pass of a paired timing takes. */
const PAIRED_PASS_MICROS = 20_000;

/** Sum of the paired timings' results, kept so the optimiser cannot drop the timed calls. */
export let pairedSink = 0;

/**
 * The rate of `timed` over the rate of `base` on the same texts, round by round, paired: rounds
 * alternate one pass of each (which goes first alternates too), each pass the same number of
 * sweeps of the pool, enough for the slower one's pass to take {@link PAIRED_PASS_MICROS} of CPU
 * time. A round's two passes run within milliseconds of each other, where benchmark.js timings of
 * the two run a second or more apart and moved by up to 15 % between such timings on the bench
 * machine.
 *
 * @param timed - What is timed, called once per item of the pool (its result feeds a sink).
 * @param base - What it is compared with, likewise.
 * @param pool - Event texts, or whatever both sides take (a batch of PutEvents entries).
 * @param rounds - How many rounds.
 * @returns Per round, (CPU time of `base`) ÷ (CPU time of `timed`).
 */
export function pairedRatios<T = string>(timed: (item: T) => number, base: (item: T) => number, pool: readonly T[], rounds = PAIRED_ROUNDS): number[] {
  let sink = 0;
  const sweep = (body: (item: T) => number, sweeps: number): number => {
    const start = cpuMicros();
    for (let k = 0; k < sweeps; k++) for (const item of pool) sink += body(item);
    return cpuMicros() - start;
  };
  // Sweeps per pass: enough for the slower of the two to take PAIRED_PASS_MICROS.
  let sweeps = 1;
  while (Math.max(sweep(timed, sweeps), sweep(base, sweeps)) < PAIRED_PASS_MICROS && sweeps < 1 << 16) sweeps *= 2;
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    let timedMicros: number;
    let baseMicros: number;
    if (round % 2 === 0) {
      timedMicros = sweep(timed, sweeps);
      baseMicros = sweep(base, sweeps);
    } else {
      baseMicros = sweep(base, sweeps);
      timedMicros = sweep(timed, sweeps);
    }
    ratios.push(baseMicros / Math.max(timedMicros, 1));
  }
  pairedSink += sink;
  return ratios;
}

/**
 * The median of {@link pairedRatios}: how many times as fast as `base` `timed` runs over the pool.
 */
export function pairedRatio<T = string>(timed: (item: T) => number, base: (item: T) => number, pool: readonly T[], rounds = PAIRED_ROUNDS): number {
  return median(pairedRatios(timed, base, pool, rounds));
}
