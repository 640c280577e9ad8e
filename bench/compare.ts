// Times two builds of the package against each other on the bench's own workloads, paired: the
// measurement design notes give when they credit one change ("B ÷ A, paired"). Both builds are
// loaded into one process, must return the same rule names for every event, and are then timed in
// alternating passes over the same texts (bench/timing.ts, pairedRatios), each also against
// `JSON.parse`. The same build given twice shows the harness's noise on this machine.
//
// Usage: node bench/dist/compare.js <buildA> <buildB> [TARGET ...] [--trusted] [--split]
//        [--rules=10000] [--events=N] [--rounds=21]
//   buildA, buildB  directories of a compiled package (its index.js at their top): dist/ after
//                   `npm run build`, or another commit compiled from a worktree of it with
//                   `npx tsc -p tsconfig.build.json --outDir <dir>`
//   TARGET          a CityLots rule set (EXACT, COMBO, ...: bench/citylots.ts) or a scenario of
//                   bench/scenarios.ts (mixed-envelope, exact-citylots, ...); default COMBO and
//                   mixed-envelope. bus:<scenario> (an envelope scenario) times each build's
//                   EventBridge instead (its bus/index.js): the scenario's rules as rules of the
//                   default bus, its events as PutEvents entries, 8 to a call
//   --trusted       time match(text, { trusted: true }) on both builds
//   --split         also time each build's scan alone (its event/scanner.js over the matcher's
//                   path table, reaching into the Matcher's internals: for this project's own
//                   builds), to give each match's time as scan and the rest, in parse units
//   --rules=N       rules of a scenario (default 10,000; a CityLots set has its own rules)
//   --events=N      distinct events (default 20,000 CityLots lines, or 128 scenario events as
//                   `npm run bench` uses)
//   --rounds=N      rounds of each paired timing (default 21)

import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CITYLOTS_RULE_SETS, makeCityLots2 } from './citylots.js';
import { BENCH_SEED, createRandom, flatText } from './data.js';
import { SCENARIOS, SHAPES } from './scenarios.js';
import { PAIRED_ROUNDS, hasTrustedOption, median, pairedRatio, pairedRatios, parseLine, sameNames } from './timing.js';

/** The part of a build's API compared: `Matcher` with `addRule` and `match`. */
export interface ComparedMatcher {
  addRule(name: string, pattern: string): unknown;
  match(eventText: string, options?: { trusted?: boolean }): string[];
}

/** A build's `Matcher` class. */
export type MatcherClass = new () => ComparedMatcher;

/** The fields object a build's scanner fills (`EventFields`), as far as a scan alone uses it. */
interface ScanFields {
  reset(leafCapacity: number): void;
  clearValues(): void;
}

/** A build's `scanEventText` (src/event/scanner.ts). */
export type ScanEventText = (text: string, table: never, fields: never, trusted: boolean) => void;

/** One PutEvents entry of a bus target. */
export interface ComparedEntry {
  readonly Source: string;
  readonly DetailType: string;
  readonly Detail: string;
  readonly Resources: readonly string[];
}

/** The part of a build's `EventBridge` compared: rules on the default bus, and PutEvents. */
export interface ComparedBus {
  putRule(input: { Name: string; EventPattern: string }): unknown;
  putEvents(input: { Entries: readonly ComparedEntry[] }): { FailedEntryCount: number; Matches: readonly { Rules: readonly { Name: string }[] }[] };
}

/** A build's `EventBridge` class. */
export type BusClass = new () => ComparedBus;

/** A loaded build: its `Matcher`, its scanner when a split is asked for, its `EventBridge` for a bus target. */
export interface LoadedBuild {
  readonly Matcher: MatcherClass;
  readonly scanEventText?: ScanEventText;
  readonly EventBridge?: BusClass;
}

/** Options of a comparison. */
export interface CompareOptions {
  /** Rule-set or scenario names. */
  readonly targets: readonly string[];
  readonly trusted: boolean;
  /** Also time each build's scan alone. */
  readonly split: boolean;
  /** Rules of a scenario. */
  readonly rules: number;
  /** Distinct events; `undefined` for the target's default. */
  readonly events: number | undefined;
  readonly rounds: number;
}

/** A workload: rule patterns and event texts; for a bus target, the same events as PutEvents calls. */
export interface CompareTarget {
  readonly name: string;
  readonly patterns: readonly string[];
  readonly texts: readonly string[];
  /** A bus target's PutEvents calls, {@link BUS_BATCH} entries each, in the order of `texts`. */
  readonly batches?: readonly BusBatch[];
}

/** One PutEvents call of a bus target: its entries and the texts of the same events. */
export interface BusBatch {
  readonly entries: readonly ComparedEntry[];
  readonly texts: readonly string[];
}

/** Entries per PutEvents call of a bus target (AWS takes at most 10). */
export const BUS_BATCH = 8;

/** Sweeps of a bus target's calls each build makes before it is timed. */
const BUS_WARM_UP_SWEEPS = 50;

/** What one comparison found. */
export interface Comparison {
  readonly target: string;
  readonly rules: number;
  readonly events: number;
  readonly trusted: boolean;
  /** For a bus target, the entries per PutEvents call (the bus matches trusted, as it always does). */
  readonly batch?: number;
  /** Matches per event (the same for both builds). */
  readonly matchesPerEvent: number;
  /**
   * Median over rounds of B's speed over A's, and the middle half of the rounds (from the first
   * quartile to the third: a round disturbed by a collection or the machine falls outside).
   */
  readonly speedup: number;
  readonly lowQuartile: number;
  readonly highQuartile: number;
  /** Each build's speed over `JSON.parse` of the same texts (medians, paired). */
  readonly aToParse: number;
  readonly bToParse: number;
  /** With `split`: each build's scan alone, its speed over `JSON.parse` (medians, paired); else null. */
  readonly aScanToParse: number | null;
  readonly bScanToParse: number | null;
}

/**
 * Parses the command line.
 *
 * @param argv - Arguments after the script name.
 * @returns The two build directories and the options.
 * @throws Error on an unknown option, a bad count, or fewer than two build directories.
 */
export function parseCompareArgs(argv: readonly string[]): { buildA: string; buildB: string; options: CompareOptions } {
  const positional: string[] = [];
  let trusted = false;
  let split = false;
  let rules = 10_000;
  let events: number | undefined;
  let rounds = PAIRED_ROUNDS;
  for (const arg of argv) {
    const [flag, value] = arg.split('=', 2);
    if (flag === '--trusted' && value === undefined) trusted = true;
    else if (flag === '--split' && value === undefined) split = true;
    else if (flag === '--rules') rules = Number(value);
    else if (flag === '--events') events = Number(value);
    else if (flag === '--rounds') rounds = Number(value);
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else positional.push(arg);
  }
  const positive = (n: number | undefined): boolean => n === undefined || (Number.isInteger(n) && n > 0);
  if (!positive(rules) || !positive(events) || !positive(rounds)) throw new Error('--rules, --events and --rounds must be positive integers');
  const [buildA, buildB, ...targets] = positional;
  if (buildA === undefined || buildB === undefined) throw new Error('usage: compare.js <buildA> <buildB> [TARGET ...] [--trusted] [--split] [--rules=N] [--events=N] [--rounds=N]');
  return { buildA, buildB, options: { targets: targets.length > 0 ? targets : ['COMBO', 'mixed-envelope'], trusted, split, rules, events, rounds } };
}

/**
 * The workload a target names: a CityLots rule set over CityLots lines, or a scenario's first
 * `rules` rules over its events.
 *
 * @throws Error for a name that is neither.
 */
export function resolveTarget(name: string, options: CompareOptions): CompareTarget {
  if (name.startsWith(BUS_PREFIX)) return busTarget(name, options);
  const set = CITYLOTS_RULE_SETS.find((s) => s.name === name);
  if (set !== undefined) return { name, patterns: set.patterns, texts: makeCityLots2(options.events ?? 20_000, BENCH_SEED) };
  const scenario = SCENARIOS.find((s) => s.name === name);
  if (scenario === undefined) {
    const buses = SCENARIOS.filter((s) => s.shape === 'envelope').map((s) => BUS_PREFIX + s.name);
    const known = [...CITYLOTS_RULE_SETS.map((s) => s.name), ...SCENARIOS.map((s) => s.name), ...buses];
    throw new Error(`unknown target ${name}; one of: ${known.join(', ')}`);
  }
  const random = createRandom(BENCH_SEED);
  const makeEvent = SHAPES[scenario.shape];
  const texts = Array.from({ length: options.events ?? 128 }, () => makeEvent(random).text);
  const patterns = Array.from({ length: options.rules }, (_, i) => scenario.rule(i).pattern);
  return { name, patterns, texts };
}

/** The prefix of a bus target's name. */
const BUS_PREFIX = 'bus:';

/**
 * A bus target: an envelope scenario's first `rules` rules and its events, each event also as a
 * PutEvents entry (its source, detail type, detail and resources; the bus writes the rest of the
 * envelope), {@link BUS_BATCH} to a call.
 *
 * @throws Error for a scenario that is not on envelopes.
 */
function busTarget(name: string, options: CompareOptions): CompareTarget {
  const scenario = SCENARIOS.find((s) => s.name === name.slice(BUS_PREFIX.length));
  if (scenario?.shape !== 'envelope') throw new Error(`${name}: a bus target takes an envelope scenario`);
  const inner = resolveTarget(scenario.name, options);
  const events = inner.texts.map((text) => JSON.parse(text) as { source: string; 'detail-type': string; detail: unknown; resources: string[] });
  const batches: BusBatch[] = [];
  for (let i = 0; i < events.length; i += BUS_BATCH) {
    const entries = events.slice(i, i + BUS_BATCH).map((event): ComparedEntry => ({
      Source: event.source,
      DetailType: event['detail-type'],
      Detail: flatText(JSON.stringify(event.detail)),
      Resources: event.resources,
    }));
    batches.push({ entries, texts: inner.texts.slice(i, i + BUS_BATCH) });
  }
  return { name, patterns: inner.patterns, texts: inner.texts, batches };
}

/**
 * A scan alone of a matcher's build: what `match` does before its walk, over the matcher's own path
 * table and fields (internals of this project's `Matcher`).
 *
 * @throws Error when the build has no scanner or its matcher keeps no path table and fields.
 */
function scanOnly(m: ComparedMatcher, scan: ScanEventText | undefined, trusted: boolean): (text: string) => number {
  const inner = m as unknown as { paths?: { leafCapacity: number }; fields?: ScanFields };
  const paths = inner.paths;
  const fields = inner.fields;
  if (scan === undefined || paths === undefined || fields === undefined) throw new Error('--split: a build has no scanner, or its Matcher keeps no path table and fields');
  return (text) => {
    fields.reset(paths.leafCapacity);
    scan(text, paths as never, fields as never, trusted);
    fields.clearValues();
    return 1;
  };
}

/**
 * Compares two builds on one workload: checks that they return the same names for every event,
 * then times B against A, and each against `JSON.parse`, in paired passes (with `split`, each
 * build's scan alone too).
 *
 * @param buildA - The first build.
 * @param buildB - The second.
 * @param target - The workload.
 * @param options - Mode, split and rounds.
 * @returns The figures.
 * @throws Error if a build lacks the trusted option or the scanner asked for, or the builds
 *   disagree on an event.
 */
export function compareBuilds(buildA: LoadedBuild, buildB: LoadedBuild, target: CompareTarget, options: CompareOptions): Comparison {
  if (target.batches !== undefined) return compareBuses(buildA, buildB, target, target.batches, options);
  const A = buildA.Matcher;
  const B = buildB.Matcher;
  if (options.trusted && !(hasTrustedOption(A.prototype.match) && hasTrustedOption(B.prototype.match))) {
    throw new Error('--trusted: a build has no options parameter on match');
  }
  const build = (M: MatcherClass): ComparedMatcher => {
    const m = new M();
    target.patterns.forEach((pattern, i) => m.addRule(`rule-${i}`, pattern));
    return m;
  };
  const a = build(A);
  const b = build(B);
  const mode = options.trusted ? { trusted: true } : undefined;
  const texts = target.texts;
  let matches = 0;
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i] as string;
    const fromA = a.match(text, mode).sort();
    const fromB = b.match(text, mode).sort();
    if (!sameNames(fromA, fromB)) {
      throw new Error(`the builds disagree on event ${i} of ${target.name}: A ${JSON.stringify(fromA)}, B ${JSON.stringify(fromB)}`);
    }
    matches += fromA.length;
  }
  const matchA = (text: string): number => a.match(text, mode).length;
  const matchB = (text: string): number => b.match(text, mode).length;
  const scanA = options.split ? scanOnly(a, buildA.scanEventText, options.trusted) : undefined;
  const scanB = options.split ? scanOnly(b, buildB.scanEventText, options.trusted) : undefined;
  const toParse = (timed: ((text: string) => number) | undefined): number | null =>
    timed === undefined ? null : pairedRatio(timed, parseLine, texts, options.rounds);
  return {
    target: target.name,
    rules: target.patterns.length,
    events: texts.length,
    trusted: options.trusted,
    matchesPerEvent: matches / texts.length,
    ...speedupOf(pairedRatios(matchB, matchA, texts, options.rounds)),
    aToParse: toParse(matchA) as number,
    bToParse: toParse(matchB) as number,
    aScanToParse: toParse(scanA),
    bScanToParse: toParse(scanB),
  };
}

/**
 * {@link compareBuilds} for a bus target: each build's `EventBridge` gets the rules, then the two
 * must route every entry to the same rules, then PutEvents is timed, B against A and each against
 * `JSON.parse` of the same events' texts, paired.
 *
 * @throws Error if a build has no `EventBridge`, `--trusted` or `--split` is asked for, a build
 *   fails an entry, or the builds disagree on an event.
 */
function compareBuses(buildA: LoadedBuild, buildB: LoadedBuild, target: CompareTarget, batches: readonly BusBatch[], options: CompareOptions): Comparison {
  if (options.trusted || options.split) throw new Error(`${target.name}: --trusted and --split do not apply to a bus target (the bus always matches trusted)`);
  const A = buildA.EventBridge;
  const B = buildB.EventBridge;
  if (A === undefined || B === undefined) throw new Error(`${target.name}: a build has no EventBridge (bus/index.js)`);
  const build = (Bus: BusClass): ComparedBus => {
    const bus = new Bus();
    target.patterns.forEach((pattern, i) => bus.putRule({ Name: `rule-${i}`, EventPattern: pattern }));
    return bus;
  };
  const a = build(A);
  const b = build(B);
  let matches = 0;
  batches.forEach((batch, k) => {
    const fromA = a.putEvents({ Entries: batch.entries });
    const fromB = b.putEvents({ Entries: batch.entries });
    if (fromA.FailedEntryCount > 0 || fromB.FailedEntryCount > 0) throw new Error(`a build failed an entry of call ${k} of ${target.name}`);
    for (let e = 0; e < batch.entries.length; e++) {
      const namesA = fromA.Matches[e]?.Rules.map((r) => r.Name) ?? [];
      const namesB = fromB.Matches[e]?.Rules.map((r) => r.Name) ?? [];
      if (!sameNames(namesA, namesB)) {
        throw new Error(`the builds disagree on event ${k * BUS_BATCH + e} of ${target.name}: A ${JSON.stringify(namesA)}, B ${JSON.stringify(namesB)}`);
      }
      matches += namesA.length;
    }
  });
  const putA = (batch: BusBatch): number => a.putEvents({ Entries: batch.entries }).Matches.length;
  const putB = (batch: BusBatch): number => b.putEvents({ Entries: batch.entries }).Matches.length;
  // The check above is a few calls; a bus's code takes far more before it runs at speed (its first
  // passes ran 3 to 10 times as long as its later ones).
  for (let sweep = 0; sweep < BUS_WARM_UP_SWEEPS; sweep++) {
    for (const batch of batches) {
      putA(batch);
      putB(batch);
    }
  }
  const parse = (batch: BusBatch): number => {
    let sum = 0;
    for (const text of batch.texts) sum += parseLine(text);
    return sum;
  };
  return {
    target: target.name,
    rules: target.patterns.length,
    events: target.texts.length,
    trusted: true,
    batch: BUS_BATCH,
    matchesPerEvent: matches / target.texts.length,
    ...speedupOf(pairedRatios(putB, putA, batches, options.rounds)),
    aToParse: pairedRatio(putA, parse, batches, options.rounds),
    bToParse: pairedRatio(putB, parse, batches, options.rounds),
    aScanToParse: null,
    bScanToParse: null,
  };
}

/** B's speed over A's from the paired rounds: their median, and the middle half of them. */
function speedupOf(rounds: number[]): Pick<Comparison, 'speedup' | 'lowQuartile' | 'highQuartile'> {
  const sorted = [...rounds].sort((x, y) => x - y);
  return {
    speedup: median(sorted),
    lowQuartile: sorted[Math.floor(sorted.length / 4)] as number,
    highQuartile: sorted[Math.ceil((3 * sorted.length) / 4) - 1] as number,
  };
}

/**
 * A comparison as text: one line, and with a split a second one giving each match's time as the
 * scan's and the rest's (the walk), in parse units (time per event ÷ `JSON.parse`'s).
 */
export function formatComparison(c: Comparison): string {
  const mode = c.batch !== undefined ? `PutEvents of ${c.batch}` : c.trusted ? 'trusted' : 'strict';
  const setting = `${c.rules.toLocaleString('en-US')} rules, ${c.events.toLocaleString('en-US')} events, ${mode}, ${c.matchesPerEvent.toFixed(2)} matches/event`;
  const line =
    `${c.target} (${setting}): B ÷ A ${c.speedup.toFixed(3)} (middle half of rounds ${c.lowQuartile.toFixed(2)}–${c.highQuartile.toFixed(2)}); ` +
    `A ÷ JSON.parse ${c.aToParse.toFixed(2)}, B ÷ JSON.parse ${c.bToParse.toFixed(2)}`;
  if (c.aScanToParse === null || c.bScanToParse === null) return line;
  const units = (whole: number, scan: number): string => `scan ${(1 / scan).toFixed(2)}, rest ${(1 / whole - 1 / scan).toFixed(2)}`;
  return `${line}\n  parse units: A ${units(c.aToParse, c.aScanToParse)}; B ${units(c.bToParse, c.bScanToParse)}`;
}

/**
 * Loads a build from a directory holding its index.js (for a split, its event/scanner.js too; for a
 * bus target, its bus/index.js).
 */
async function loadBuild(dir: string, split: boolean, bus: boolean): Promise<LoadedBuild> {
  const module = (await import(pathToFileURL(resolve(dir, 'index.js')).href)) as { Matcher?: MatcherClass };
  if (typeof module.Matcher !== 'function') throw new Error(`${dir}/index.js exports no Matcher`);
  let scanEventText: ScanEventText | undefined;
  if (split) {
    const scanner = (await import(pathToFileURL(resolve(dir, 'event', 'scanner.js')).href)) as { scanEventText?: ScanEventText };
    if (typeof scanner.scanEventText !== 'function') throw new Error(`${dir}/event/scanner.js exports no scanEventText`);
    scanEventText = scanner.scanEventText;
  }
  let EventBridge: BusClass | undefined;
  if (bus) {
    const busModule = (await import(pathToFileURL(resolve(dir, 'bus', 'index.js')).href)) as { EventBridge?: BusClass };
    if (typeof busModule.EventBridge !== 'function') throw new Error(`${dir}/bus/index.js exports no EventBridge`);
    EventBridge = busModule.EventBridge;
  }
  return { Matcher: module.Matcher, ...(scanEventText === undefined ? {} : { scanEventText }), ...(EventBridge === undefined ? {} : { EventBridge }) };
}

async function main(): Promise<void> {
  const { buildA, buildB, options } = parseCompareArgs(process.argv.slice(2));
  const bus = options.targets.some((name) => name.startsWith(BUS_PREFIX));
  const A = await loadBuild(buildA, options.split, bus);
  const B = await loadBuild(buildB, options.split, bus);
  console.log(`A: ${buildA}\nB: ${buildB}`);
  for (const name of options.targets) console.log(formatComparison(compareBuilds(A, B, resolveTarget(name, options), options)));
}

// Runs only as a script (the tests import its parts); a refusal is one line and exit code 1.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await main();
  } catch (error) {
    console.error(`compare: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
