/**
 * `eventbridge-matcher match`: loads rules into one compiled Matcher, streams NDJSON events in and
 * NDJSON results out (`{"line":n,"rules":[...]}`), in constant memory: input is read chunk by chunk,
 * output is written once per chunk and the next chunk is not read until stdout has drained. With
 * `--workers N` up to 8×N chunks are in flight (read, being matched or waiting to be written), so
 * memory is bounded by that many chunks. A bad line is reported (stderr and `{"line":n,"error":...}`)
 * and the stream goes on.
 */

import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { EventBridgeError } from '../errors.js';
import { Matcher } from '../match/matcher.js';
import { CliUsageError, ExitCode, describeFsError, formatCount, readNdjsonBytes, readNdjsonLines, writeText } from './io.js';
import type { CliIo, ExitCodeValue } from './io.js';
import { loadRules } from './rules-file.js';
import type { RuleSource } from './rules-file.js';
import { matchBatch, matchInWorkers } from './match-worker.js';
import { parseParamOptions } from '../iac/cli-source.js';

/** Help text of `match`. */
export const matchHelp = `Usage: eventbridge-matcher match --rules <rules.json|dir> [--events <file.ndjson|->] [options]

Matches a stream of events (one JSON event per line) against many rules at once and prints one
JSON line per event: {"line":n,"rules":["rule-a",...]}. A line that is not a valid event gives
{"line":n,"error":"..."} (also reported on stderr) and the stream goes on. Blank lines are skipped.
A summary (events, matches per rule, events/s) goes to stderr at the end; a progress line too,
while running, when stderr is a terminal.

Options:
  -r, --rules <path>        a JSON file {"rule-name": pattern, ...}, or a directory of pattern
                            files (rule name = file name without .json), or infrastructure code:
                            a CloudFormation/SAM template, cdk.out (or its manifest.json),
                            serverless.yml, Terraform JSON; its enabled rules of every bus apply
      --bus <name>          with infrastructure code: only the rules of this bus
      --param <K=V>         with infrastructure code: a parameter or option value (repeatable)
  -e, --events <path|->     NDJSON events; - or absent reads stdin
  -m, --matches-only        print only events that matched at least one rule
  -w, --workers <n>         match on n worker threads, each with its own compiled rules; output
                            stays in input order, the same bytes as one thread (default 1)
  -q, --quiet               no summary and no progress on stderr
  -h, --help                show this help

Exit codes: 0 all lines processed, 1 some event lines were rejected,
            2 bad input (unreadable file, invalid rules file, invalid pattern: AWS's message).

Examples:
  eventbridge-matcher match --rules rules.json --events events.ndjson
  cat events.ndjson | eventbridge-matcher match -r rules/ -m | jq -c .rules
`;

/** Lines longer than this many bytes are rejected without being buffered further. */
const maxLineBytes = 16 * 1024 * 1024;

/** How many per-rule counts the summary lists. */
const summaryRuleLimit = 20;

/**
 * Runs `eventbridge-matcher match`.
 *
 * @param args - The arguments after `match`.
 * @param io - Streams to use.
 * @returns 0 when every line was processed, 1 when some lines were rejected, 2 on bad input.
 */
export async function runMatch(args: readonly string[], io: CliIo): Promise<ExitCodeValue> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      rules: { type: 'string', short: 'r' },
      bus: { type: 'string' },
      param: { type: 'string', multiple: true, default: [] },
      events: { type: 'string', short: 'e', default: '-' },
      'matches-only': { type: 'boolean', short: 'm', default: false },
      workers: { type: 'string', short: 'w', default: '1' },
      quiet: { type: 'boolean', short: 'q', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: false,
    strict: true,
  });
  if (values.help) {
    await writeText(io.stdout, matchHelp);
    return ExitCode.ok;
  }
  if (values.rules === undefined) {
    throw new CliUsageError('match needs --rules (see eventbridge-matcher match --help)');
  }
  const workers = Number(values.workers);
  if (!/^[1-9][0-9]{0,2}$/.test(values.workers) || workers > 256) {
    throw new CliUsageError(`--workers must be a whole number from 1 to 256, not ${JSON.stringify(values.workers)}`);
  }

  // Compile every rule first: one invalid pattern stops the command before any output.
  // Infrastructure code: disabled rules never match; NDJSON events carry no bus, so every bus applies unless --bus.
  const params = parseParamOptions(values.param, (message) => new CliUsageError(message));
  const rules = await loadRules(values.rules, { params, bus: values.bus, enabledOnly: true });
  const matcher = new Matcher();
  // The last definition of a name wins, as in the Matcher; a Map keeps each name's first position.
  const byName = new Map<string, RuleSource>();
  for (const rule of rules) {
    if (byName.has(rule.name) && !values.quiet) {
      await writeText(io.stderr, `rule ${JSON.stringify(rule.name)} is defined more than once; the last definition wins\n`);
    }
    byName.set(rule.name, rule);
    try {
      matcher.addRule(rule.name, rule.pattern);
    } catch (error) {
      if (!(error instanceof EventBridgeError)) throw error;
      await writeText(io.stderr, `invalid event pattern in rule ${JSON.stringify(rule.name)}:\n${error.message}\n`);
      return ExitCode.badInput;
    }
  }

  // With workers a read chunk is one batch: bigger batches cost fewer messages per line.
  const input = await openEvents(values.events, io, workers > 1 ? 1024 * 1024 : 64 * 1024);
  if (values.events === '-' && (io.stdin as { isTTY?: boolean }).isTTY === true) {
    await writeText(io.stderr, 'reading events from the terminal, one JSON object per line (Ctrl-D to end)\n');
  }
  let stats: MatchStats;
  try {
    stats = await streamMatches(matcher, input, io, {
      origin: values.events === '-' ? 'stdin' : values.events,
      matchesOnly: values['matches-only'],
      progress: !values.quiet && io.stderr.isTTY === true,
      workers,
      rules: [...byName.values()],
    });
  } catch (error) {
    // Errors of the input stream itself (a directory, a vanished file); stdout errors go on up.
    if ((error as NodeJS.ErrnoException).syscall === 'read') {
      throw new CliUsageError(`cannot read events ${values.events}: ${describeFsError(error)}`);
    }
    throw error;
  }
  if (!values.quiet) await writeText(io.stderr, formatSummary(stats, rules.map((r) => r.name)));
  return stats.rejected > 0 ? ExitCode.negative : ExitCode.ok;
}

async function openEvents(path: string, io: CliIo, chunkBytes: number): Promise<Readable> {
  if (path === '-') return io.stdin;
  try {
    const handle = await open(path, 'r');
    return handle.createReadStream({ highWaterMark: chunkBytes });
  } catch (error) {
    throw new CliUsageError(`cannot read events ${path}: ${describeFsError(error)}`);
  }
}

/** What a run did, for the summary. */
interface MatchStats {
  events: number;
  rejected: number;
  matchedEvents: number;
  /** Matches per rule name; bounded by the number of rules, not events. */
  readonly perRule: Map<string, number>;
  readonly startedAt: number;
  elapsedMs: number;
}

interface StreamOptions {
  /** The events file or `stdin`, for messages. */
  readonly origin: string;
  readonly matchesOnly: boolean;
  readonly progress: boolean;
  /** Worker threads; 1 matches on this thread. */
  readonly workers: number;
  /** The rules, for workers to compile. */
  readonly rules: readonly { readonly name: string; readonly pattern: string }[];
}

/**
 * The streaming loop. Hot: runs once per input chunk; per line it allocates only the line, the
 * matcher's answer and the output text. On one thread memory is bounded by one chunk, one line and
 * the output of one chunk; with `--workers N` by 8×N chunks and their output, whatever the length
 * of the stream.
 */
async function streamMatches(matcher: Matcher, input: Readable, io: CliIo, options: StreamOptions): Promise<MatchStats> {
  const stats: MatchStats = {
    events: 0,
    rejected: 0,
    matchedEvents: 0,
    perRule: new Map(),
    startedAt: performance.now(),
    elapsedMs: 0,
  };
  let lastProgress = Date.now();
  const write = async (result: { readonly out: string | Uint8Array; readonly err: string }): Promise<void> => {
    if (result.err !== '') await writeText(io.stderr, result.err);
    if (result.out.length > 0) await writeText(io.stdout, result.out);
  };
  const progress = async (): Promise<void> => {
    if (options.progress && Date.now() - lastProgress >= 1000) {
      lastProgress = Date.now();
      await writeText(io.stderr, `\r${progressText(stats)}\u001b[K`);
    }
  };
  // Lines are split on bytes and decoded as strict UTF-8: a line with bad bytes is rejected alone.
  if (options.workers > 1) {
    // The workers split and decode the lines themselves: this thread only finds line ends.
    const runs = readNdjsonBytes(input, maxLineBytes);
    await matchInWorkers(options.rules, runs, { origin: options.origin, maxLineBytes }, options.workers, options.matchesOnly, stats.perRule, {
      write: async (result) => {
        stats.events += result.events;
        stats.rejected += result.rejected;
        stats.matchedEvents += result.matchedEvents;
        await write(result);
      },
      progress,
    });
  } else {
    let lineBefore = 0;
    for await (const lines of readNdjsonLines(input, options.origin, maxLineBytes)) {
      const result = matchBatch(matcher, lines, lineBefore, options.matchesOnly, stats.perRule);
      lineBefore += lines.length;
      stats.events += result.events;
      stats.rejected += result.rejected;
      stats.matchedEvents += result.matchedEvents;
      await write(result);
      await progress();
    }
  }
  if (options.progress) await writeText(io.stderr, '\r\u001b[K');
  stats.elapsedMs = performance.now() - stats.startedAt;
  return stats;
}

function eventsPerSecond(stats: MatchStats, elapsedMs: number): number {
  return elapsedMs > 0 ? (stats.events * 1000) / elapsedMs : 0;
}

function progressText(stats: MatchStats): string {
  const elapsed = performance.now() - stats.startedAt;
  return `${formatCount(stats.events)} events, ${formatCount(stats.matchedEvents)} matched, ${formatCount(eventsPerSecond(stats, elapsed))} events/s`;
}

/**
 * The end-of-run summary: totals, throughput, and the most matched rules.
 *
 * @param stats - What the run did.
 * @param ruleNames - Every loaded rule, in load order (rules with no match are listed when few).
 * @returns Text for stderr.
 */
function formatSummary(stats: MatchStats, ruleNames: readonly string[]): string {
  const seconds = stats.elapsedMs / 1000;
  const lines = [
    `${formatCount(stats.events)} events in ${seconds.toFixed(2)} s (${formatCount(eventsPerSecond(stats, stats.elapsedMs))} events/s): ` +
      `${formatCount(stats.matchedEvents)} matched at least one rule, ${formatCount(stats.rejected)} rejected`,
  ];
  const distinct = [...new Set(ruleNames)];
  if (distinct.length === 0) {
    lines.push('no rules loaded');
    return `${lines.join('\n')}\n`;
  }
  const order = new Map(distinct.map((name, index) => [name, index]));
  const ranked = distinct
    .map((name) => ({ name, count: stats.perRule.get(name) ?? 0 }))
    .sort((a, b) => b.count - a.count || (order.get(a.name) ?? 0) - (order.get(b.name) ?? 0));
  const shown = ranked.slice(0, summaryRuleLimit);
  const width = Math.max(...shown.map((r) => formatCount(r.count).length));
  lines.push(
    distinct.length > summaryRuleLimit
      ? `matches per rule (top ${summaryRuleLimit} of ${formatCount(distinct.length)} rules):`
      : 'matches per rule:',
  );
  for (const { name, count } of shown) lines.push(`  ${formatCount(count).padStart(width)}  ${name}`);
  if (ranked.length > shown.length) {
    const unmatched = ranked.filter((r) => r.count === 0).length;
    lines.push(`  ... ${formatCount(ranked.length - shown.length)} more rules; ${formatCount(unmatched)} rules matched nothing`);
  }
  return `${lines.join('\n')}\n`;
}
