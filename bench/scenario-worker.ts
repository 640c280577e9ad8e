// Runs one scenario in a fresh child process (so JIT state and heap do not leak between scenarios):
// builds each rule count once, checks the oracle against testEventPattern on a sample, asserts the
// Matcher's matches on every event before timing, then times match(), JSON.parse of the same texts and
// (at 10,000 rules) trusted matching and a per-rule loop of testEventPattern. Sends one result to the
// parent over IPC.
// Needs `node --expose-gc` for heap figures. It imports the built package (dist/) by its own name.

import Benchmark from 'benchmark';
import { createRandom, randomInt } from './data.js';
import { hasTrustedOption, pairedRatio, parseLine, sameNames } from './timing.js';
import type { GeneratedEvent } from './data.js';
import { jsonParseRatio } from './report.js';
import type { AbandonedBuild, CountResult, LoopResult, Measurement, ScenarioResult } from './report.js';
import { SCENARIOS, SHAPES } from './scenarios.js';
import type { BenchRule } from './scenarios.js';

/** Rule count at which the per-rule testEventPattern loop is timed. */
export const LOOP_RULES = 10_000;

/** The rule counts whose rates 100k ÷ 100 compares (see `runScenario`'s reference matcher). */
const REFERENCE_RULES = 100;
const SCALE_RULES = 100_000;

/** What the parent asks a worker to run. */
export interface WorkerOptions {
  /** The scenario name. */
  readonly scenario: string;
  /** Rule counts to build, ascending. */
  readonly ruleCounts: readonly number[];
  /** Distinct events in the pool (a power of two). */
  readonly eventCount: number;
  /** benchmark.js maxTime per measurement, in seconds. */
  readonly maxTime: number;
  /** Time budget of the per-rule loop, in seconds. */
  readonly loopSeconds: number;
  /** Time budget of one build; a slower build is abandoned and larger rule counts are skipped. */
  readonly buildBudgetSeconds: number;
  /** PRNG seed for the events. */
  readonly seed: number;
}

/** What the worker sends back. */
export type WorkerReply = { readonly ok: true; readonly result: ScenarioResult } | { readonly ok: false; readonly error: string };

/**
 * The part of the public API this bench times (docs/api.md: Matcher, testEventPattern). Declared here, not
 * imported, so the project's type-check does not need dist/ to exist.
 */
export interface BenchedApi {
  Matcher: new () => {
    addRule(name: string, pattern: string): unknown;
    deleteRule(name: string): boolean;
    match(eventText: string, options?: { trusted?: boolean }): string[];
    readonly size: number;
  };
  testEventPattern(pattern: string, event: string): boolean;
}

/** Sum of the timed calls' results, kept so the optimiser cannot drop those calls. */
export let sinkTotal = 0;

/** The package's own name: Node resolves it to dist/ through package.json "exports" (self-reference). */
const PACKAGE_NAME: string = 'eventbridge-matcher';

function settledHeap(): number | null {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) return null;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

function measure(name: string, fn: () => void, maxTime: number): Measurement {
  const bench = new Benchmark(name, fn, { maxTime, minSamples: 10 });
  bench.run({ async: false });
  const error = (bench as unknown as { error?: unknown }).error;
  if (error !== undefined) throw error instanceof Error ? error : new Error(String(error));
  return { hz: bench.hz, rme: bench.stats.rme, samples: bench.stats.sample.length };
}

function preview(names: readonly string[]): string {
  return `[${names.slice(0, 5).join(', ')}${names.length > 5 ? ', ...' : ''}] (${names.length})`;
}

/**
 * Runs one scenario: JSON.parse baseline, then for each rule count build, verify and time.
 *
 * @param api - The package under test.
 * @param options - What to run.
 * @returns The scenario's results.
 * @throws Error if the oracle disagrees with testEventPattern, or the Matcher with the oracle.
 */
export function runScenario(api: BenchedApi, options: WorkerOptions): ScenarioResult {
  const scenario = SCENARIOS.find((s) => s.name === options.scenario);
  if (scenario === undefined) throw new Error(`unknown scenario ${options.scenario}`);
  const random = createRandom(options.seed);
  const makeEvent = SHAPES[scenario.shape];
  const events = Array.from({ length: options.eventCount }, () => makeEvent(random));
  const texts = events.map((e) => e.text);
  const mask = texts.length - 1;
  const averageEventBytes = Math.round(texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0) / texts.length);
  // Results feed this sink so the optimiser cannot drop the timed calls.
  let sink = 0;

  // Baseline: JSON.parse of the same texts, timed by benchmark.js first and again right after each
  // match timing (the table's JSON.parse column is the mean); each count's ratio comes from paired
  // passes of its matcher and JSON.parse (pairedRatio).
  let p = 0;
  const timeJsonParse = (): Measurement => measure('JSON.parse', () => {
    sink += parseLine(texts[p++ & mask] as string);
  }, options.maxTime);
  const jsonParseRuns = [timeJsonParse()];

  // A matcher of the first REFERENCE_RULES rules, built before any count (so every count's heap
  // figures include it alike) and timed again right after the SCALE_RULES count: 100k ÷ 100 then
  // compares two matchers timed together in one JIT and heap state, not minutes apart.
  let reference: InstanceType<BenchedApi['Matcher']> | undefined;
  if (options.ruleCounts.includes(REFERENCE_RULES) && options.ruleCounts.includes(SCALE_RULES)) {
    reference = new api.Matcher();
    for (let i = 0; i < REFERENCE_RULES; i++) {
      const rule = scenario.rule(i);
      reference.addRule(rule.name, rule.pattern);
    }
    for (let e = 0; e < events.length; e++) {
      const want: string[] = [];
      for (let i = 0; i < REFERENCE_RULES; i++) {
        const rule = scenario.rule(i);
        if (rule.matches((events[e] as GeneratedEvent).value)) want.push(rule.name);
      }
      const got = reference.match(texts[e] as string);
      if (!sameNames(got, want)) throw new Error(`${scenario.name}, ${REFERENCE_RULES} rules (reference), event ${e}: expected ${preview(want)}, got ${preview(got)}`);
    }
  }

  const counts: Omit<CountResult, 'ratioToJsonParse'>[] = [];
  let loop: LoopResult | null = null;
  let abandoned: AbandonedBuild | null = null;
  for (const ruleCount of options.ruleCounts) {
    const rules = Array.from({ length: ruleCount }, (_, i) => scenario.rule(i));

    // Expected matches for every event, from the oracle.
    const expected = events.map((e) => {
      const names: string[] = [];
      for (const rule of rules) if (rule.matches(e.value)) names.push(rule.name);
      return names;
    });
    const expectedMatches = expected.reduce((sum, names) => sum + names.length, 0);
    const oracleChecks = checkOracle(api, rules, events, expected, options.seed ^ ruleCount);

    // Build once: addRule throughput and heap per rule.
    const heapBefore = settledHeap();
    const started = process.hrtime.bigint();
    const matcher = new api.Matcher();
    const budget = BigInt(Math.round(options.buildBudgetSeconds * 1e9));
    for (let i = 0; i < rules.length; i++) {
      matcher.addRule((rules[i] as BenchRule).name, (rules[i] as BenchRule).pattern);
      if ((i & 255) === 255 && process.hrtime.bigint() - started > budget) {
        abandoned = { rules: ruleCount, added: i + 1, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
        break;
      }
    }
    if (abandoned !== null) break;
    const buildSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const heapAfter = settledHeap();
    if (matcher.size !== ruleCount) throw new Error(`matcher.size is ${matcher.size}, expected ${ruleCount}`);

    // Assert the match count, and the names, before timing.
    let actualMatches = 0;
    for (let e = 0; e < events.length; e++) {
      const got = matcher.match(texts[e] as string);
      const want = expected[e] ?? [];
      actualMatches += got.length;
      if (!sameNames(got, want)) {
        throw new Error(`${scenario.name}, ${ruleCount} rules, event ${e}: expected ${preview(want)}, got ${preview(got)}; event ${texts[e]}`);
      }
    }
    if (actualMatches !== expectedMatches) throw new Error(`expected ${expectedMatches} matches, got ${actualMatches}`);

    // Warm up beyond the verification pass before timing.
    for (let round = 0; round < 4; round++) for (const text of texts) sink += matcher.match(text).length;
    let q = 0;
    const match = measure(`match ${ruleCount}`, () => {
      sink += matcher.match(texts[q++ & mask] as string).length;
    }, options.maxTime);
    // JSON.parse of the same texts right after, by benchmark.js too: the table's rates (and the ratio
    // of results without the paired timing below).
    const parseNow = timeJsonParse();
    jsonParseRuns.push(parseNow);
    // The ratio the report uses: this matcher and JSON.parse in alternating passes (see pairedRatio).
    const pairedToJsonParse = pairedRatio((text) => matcher.match(text).length, parseLine, texts);
    // At 10,000 rules, trusted matching (the bus's) against strict, likewise paired, where the build
    // has it; first it must give the same names on every event.
    let trustedToStrict: number | undefined;
    if (ruleCount === LOOP_RULES && hasTrustedOption(api.Matcher.prototype.match)) {
      const trusted = { trusted: true };
      for (let e = 0; e < texts.length; e++) {
        if (!sameNames(matcher.match(texts[e] as string, trusted), expected[e] ?? [])) throw new Error(`${scenario.name}, ${ruleCount} rules, event ${e}: trusted matching disagrees with the oracle`);
      }
      trustedToStrict = pairedRatio((text) => matcher.match(text, trusted).length, (text) => matcher.match(text).length, texts);
    }
    let again: CountResult['reference'];
    if (reference !== undefined && ruleCount === SCALE_RULES) {
      const small = reference;
      for (let round = 0; round < 4; round++) for (const text of texts) sink += small.match(text).length;
      let r = 0;
      const smallMatch = measure(`match ${REFERENCE_RULES} again`, () => {
        sink += small.match(texts[r++ & mask] as string).length;
      }, options.maxTime);
      const parseHz = timeJsonParse().hz;
      const paired = pairedRatio((text) => matcher.match(text).length, (text) => small.match(text).length, texts);
      again = { rules: REFERENCE_RULES, match: smallMatch, parseHz, paired };
    }

    if (ruleCount === LOOP_RULES) loop = timeRuleLoop(api, rules, events, expected, options.loopSeconds);

    // Deleting every rule must give the heap back: what is left, relative to before the build.
    for (const rule of rules) matcher.deleteRule(rule.name);
    if (matcher.size !== 0) throw new Error(`matcher.size is ${matcher.size} after deleting every rule`);
    const heapAfterDelete = settledHeap();

    counts.push({
      rules: ruleCount,
      buildSeconds,
      addsPerSecond: ruleCount / buildSeconds,
      heapBytesPerRule: heapBefore === null || heapAfter === null ? null : (heapAfter - heapBefore) / ruleCount,
      heapLeftAfterDeleteBytes: heapBefore === null || heapAfterDelete === null ? null : heapAfterDelete - heapBefore,
      expectedMatches,
      oracleChecks,
      match,
      parseHz: parseNow.hz,
      pairedToJsonParse,
      ...(trustedToStrict !== undefined ? { trustedToStrict } : {}),
      ...(again !== undefined ? { reference: again } : {}),
    });
  }
  const jsonParse: Measurement = {
    hz: jsonParseRuns.reduce((sum, m) => sum + m.hz, 0) / jsonParseRuns.length,
    rme: Math.max(...jsonParseRuns.map((m) => m.rme)),
    samples: jsonParseRuns.reduce((sum, m) => sum + m.samples, 0),
  };
  const atLoop = counts.find((c) => c.rules === LOOP_RULES);
  sinkTotal += sink;
  return {
    name: scenario.name,
    shape: scenario.shape,
    family: scenario.family,
    description: scenario.description,
    simple: scenario.simple,
    events: texts.length,
    averageEventBytes,
    jsonParse,
    jsonParseRuns,
    loop,
    speedupOverLoop: loop !== null && atLoop !== undefined ? atLoop.match.hz / loop.hz : null,
    counts: counts.map((c) => ({ ...c, ratioToJsonParse: jsonParseRatio(c, jsonParse.hz) })),
    abandoned,
  };
}

/**
 * Checks the hand-written oracle against testEventPattern on the first 4 events: every rule the oracle
 * says matches, plus up to 150 other rules (all of them for small rule sets).
 *
 * @returns The number of (rule, event) pairs checked.
 * @throws Error on the first disagreement.
 */
function checkOracle(api: BenchedApi, rules: readonly BenchRule[], events: readonly GeneratedEvent[], expected: readonly string[][], seed: number): number {
  const random = createRandom(seed);
  let checked = 0;
  for (let e = 0; e < Math.min(4, events.length); e++) {
    const event = events[e] as GeneratedEvent;
    const chosen = new Set<number>(rules.length <= 150 ? rules.keys() : []);
    for (const name of expected[e] ?? []) chosen.add(Number(name.slice('rule-'.length)));
    const target = Math.min(rules.length, chosen.size + 150);
    while (chosen.size < target) chosen.add(randomInt(random, rules.length));
    for (const index of chosen) {
      const rule = rules[index] as BenchRule;
      const want = rule.matches(event.value);
      if (api.testEventPattern(rule.pattern, event.text) !== want) {
        throw new Error(`oracle and testEventPattern disagree (oracle says ${want}): ${rule.pattern} on ${event.text}`);
      }
      checked++;
    }
  }
  return checked;
}

/**
 * Times the naive alternative: for each event, call testEventPattern once per rule. Too slow for the
 * whole pool, so it runs whole events until the time budget is spent (at least one) and reports events
 * per second measured on that sample. Match counts are checked against the oracle as it goes.
 */
function timeRuleLoop(api: BenchedApi, rules: readonly BenchRule[], events: readonly GeneratedEvent[], expected: readonly string[][], budgetSeconds: number): LoopResult {
  // Warm up the single-pattern path first (on the last event, which the timed part reaches last).
  const warm = events[events.length - 1]?.text ?? '{}';
  for (let i = 0; i < Math.min(300, rules.length); i++) api.testEventPattern((rules[i] as BenchRule).pattern, warm);
  const started = process.hrtime.bigint();
  let done = 0;
  let seconds = 0;
  while (done < events.length) {
    const text = (events[done] as GeneratedEvent).text;
    let matched = 0;
    for (const rule of rules) if (api.testEventPattern(rule.pattern, text)) matched++;
    if (matched !== expected[done]?.length) throw new Error(`per-rule loop found ${matched} matches on event ${done}, expected ${expected[done]?.length}`);
    done++;
    seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (seconds >= budgetSeconds) break;
  }
  return { rules: rules.length, events: done, seconds, hz: done / seconds };
}

// Entry point when forked by run.ts: options arrive as JSON in argv[2]; the reply goes back over IPC.
const send = process.send?.bind(process);
if (send !== undefined && process.argv[2] !== undefined) {
  const options = JSON.parse(process.argv[2]) as WorkerOptions;
  let reply: WorkerReply;
  try {
    const api = (await import(PACKAGE_NAME)) as BenchedApi;
    reply = { ok: true, result: runScenario(api, options) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    reply = { ok: false, error: message.slice(0, 2000) };
  }
  send(reply, undefined, undefined, () => process.exit(0));
}
