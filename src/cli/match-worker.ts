/**
 * `match --workers N`: NDJSON batches matched on worker threads, each with its own compiled
 * Matcher, written back in input order. Also the per-batch line matching itself, which the
 * one-thread path runs too, so both write the same bytes.
 *
 * Split: the main thread reads the input, finds line ends and counts lines (readNdjsonBytes), hands
 * each chunk's whole lines to a worker as undecoded bytes, and writes the workers' output bytes in
 * order. Workers split and decode the lines (ndjsonLinesOf: strict UTF-8, line cap), match them and
 * encode their output, so the main thread never touches a line's text. A batch is one input
 * chunk's lines (files are read 1 MiB at a time in this mode); at most 8×N batches are in flight
 * in all (each to the worker with the fewest outstanding), so memory stays bounded by the chunk
 * size whatever the stream's length.
 */

import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { EventBridgeError } from '../errors.js';
import { Matcher } from '../match/matcher.js';
import { describeLibraryError, ndjsonLineCount, ndjsonLinesOf } from './io.js';
import type { NdjsonBytes, NdjsonLine } from './io.js';

/** One line as the reader yields it: the decoded text, or why it was rejected. */
export type BatchLine = NdjsonLine;

/** What matching one batch of lines produced. */
export interface BatchResult {
  /** stdout text for the batch (one JSON line per event, or per match with matches-only). */
  readonly out: string;
  /** stderr text for the batch (one line per rejected event). */
  readonly err: string;
  readonly events: number;
  readonly rejected: number;
  readonly matchedEvents: number;
}

/**
 * Matches one batch of lines. Hot: per line it allocates only the matcher's answer and the output
 * text.
 *
 * @param matcher - The compiled rules.
 * @param lines - The batch's lines, in order.
 * @param lineBefore - The number of the line before the batch's first line (lines count from 1).
 * @param matchesOnly - Print only events that matched at least one rule.
 * @param perRule - Receives the matches per rule name.
 * @returns The batch's output and counts.
 */
export function matchBatch(matcher: Matcher, lines: readonly BatchLine[], lineBefore: number, matchesOnly: boolean, perRule: Map<string, number>): BatchResult {
  let out = '';
  let err = '';
  let events = 0;
  let rejected = 0;
  let matchedEvents = 0;
  let lineNumber = lineBefore;
  const reject = (message: string): void => {
    rejected++;
    out += `{"line":${lineNumber},"error":${JSON.stringify(message)}}\n`;
    err += `line ${lineNumber}: ${message}\n`;
  };
  for (const line of lines) {
    lineNumber++;
    if (typeof line !== 'string') {
      events++;
      reject(line.error);
      continue;
    }
    // A CRLF line comes without its `\r` (ndjsonLinesOf).
    if (line.trim() === '') continue;
    events++;
    let names: string[];
    try {
      names = matcher.match(line);
    } catch (error) {
      reject(error instanceof EventBridgeError ? describeLibraryError(error) : `internal error: ${String(error)}`);
      continue;
    }
    if (names.length > 0) {
      matchedEvents++;
      for (const name of names) perRule.set(name, (perRule.get(name) ?? 0) + 1);
    } else if (matchesOnly) {
      continue;
    }
    out += `{"line":${lineNumber},"rules":${JSON.stringify(names)}}\n`;
  }
  return { out, err, events, rejected, matchedEvents };
}

/** The data a match worker starts with. */
interface WorkerSetup {
  readonly kind: typeof WORKER_KIND;
  readonly rules: readonly { readonly name: string; readonly pattern: string }[];
  readonly matchesOnly: boolean;
  /** The input's name in messages, and the line cap (for ndjsonLinesOf). */
  readonly origin: string;
  readonly maxLineBytes: number;
}

/** A batch sent to a worker: whole lines, undecoded (the bytes are transferred, not copied). */
interface BatchRequest {
  readonly seq: number;
  readonly lineBefore: number;
  readonly run: NdjsonBytes;
}

/** What {@link matchInWorkers} writes per batch: a {@link BatchResult} with stdout as UTF-8 bytes. */
export interface EncodedBatch extends Omit<BatchResult, 'out'> {
  readonly out: Uint8Array;
}

/** A worker's answer to one batch (its stdout bytes are transferred, not copied). */
interface BatchReply extends EncodedBatch {
  readonly seq: number;
  /** Matches per rule name in this batch. */
  readonly perRule: readonly (readonly [string, number])[];
}

/**
 * Batches in flight per worker. Replies are written in order, so a worker that is done with its
 * batches waits once the window is full and the oldest batch is still another worker's; eight keep
 * it busy through that (with four, one of two workers sat idle about 7 % of a run, and `--workers 2`
 * ran 0.98 times as fast: design note 013). Memory stays a few input chunks per worker.
 */
const BATCHES_PER_WORKER = 8;

/** Marks the worker data of this module's workers (other worker threads that load it do nothing). */
const WORKER_KIND = 'eventbridge-matcher/match-worker';

/** Callbacks of {@link matchInWorkers}. */
export interface ParallelSink {
  /** Writes a batch's stderr and stdout, in input order; awaited before more output is written. */
  readonly write: (result: EncodedBatch) => Promise<void>;
  /** Called after each batch is written (progress display). */
  readonly progress: () => Promise<void>;
}

/**
 * Matches an NDJSON stream on `workers` worker threads, each compiling `rules` itself, and writes
 * each batch's output in input order, the same bytes as one thread would write.
 *
 * @param rules - The rules, already checked (every pattern compiles).
 * @param runs - The input, whole lines per chunk, undecoded (readNdjsonBytes).
 * @param input - The input's name in messages and the line cap, for decoding on the workers.
 * @param workers - Number of threads, at least 2.
 * @param matchesOnly - Print only events that matched at least one rule.
 * @param perRule - Receives the matches per rule name.
 * @param sink - Where output goes.
 */
export async function matchInWorkers(
  rules: readonly { readonly name: string; readonly pattern: string }[],
  runs: AsyncIterable<NdjsonBytes>,
  input: { readonly origin: string; readonly maxLineBytes: number },
  workers: number,
  matchesOnly: boolean,
  perRule: Map<string, number>,
  sink: ParallelSink,
): Promise<void> {
  const setup: WorkerSetup = {
    kind: WORKER_KIND,
    rules: rules.map((r) => ({ name: r.name, pattern: r.pattern })),
    matchesOnly,
    origin: input.origin,
    maxLineBytes: input.maxLineBytes,
  };
  const pool: Worker[] = [];
  /** Batches sent to each worker and not answered yet. */
  const pending: number[] = [];
  /** Replies that arrived before their turn, by sequence number. */
  const ready = new Map<number, BatchReply>();
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  for (let i = 0; i < workers; i++) {
    const worker = new Worker(new URL('./match-worker.js', import.meta.url), { workerData: setup });
    pending.push(0);
    worker.on('message', (reply: BatchReply) => {
      pending[i] = (pending[i] as number) - 1;
      ready.set(reply.seq, reply);
      notify();
    });
    worker.on('error', (error) => {
      failure ??= error;
      notify();
    });
    worker.on('exit', (code) => {
      if (code !== 0) failure ??= new Error(`match worker exited with code ${code}`);
      notify();
    });
    pool.push(worker);
  }
  let sent = 0;
  let written = 0;
  /** Waits for the next reply (or failure). */
  const nextEvent = (): Promise<void> => new Promise((resolve) => (wake = resolve));
  /** Writes every reply that is next in order. */
  const drain = async (): Promise<void> => {
    for (let reply = ready.get(written); reply !== undefined; reply = ready.get(written)) {
      ready.delete(written);
      written++;
      for (const [name, count] of reply.perRule) perRule.set(name, (perRule.get(name) ?? 0) + count);
      await sink.write(reply);
      await sink.progress();
    }
  };
  try {
    let lineBefore = 0;
    for await (const run of runs) {
      if (failure !== undefined) throw failure;
      // Counted before the bytes move to the worker (a moved buffer reads as empty here).
      const lines = ndjsonLineCount(run);
      const bytes = movableBytes(run);
      const request: BatchRequest = { seq: sent, lineBefore, run: { ...run, bytes, fresh: true } };
      // To the worker with the fewest batches waiting (a slow batch does not hold the others up).
      let to = 0;
      for (let i = 1; i < workers; i++) if ((pending[i] as number) < (pending[to] as number)) to = i;
      pending[to] = (pending[to] as number) + 1;
      (pool[to] as Worker).postMessage(request, [bytes.buffer]);
      sent++;
      lineBefore += lines;
      // Bounded: at most BATCHES_PER_WORKER batches per worker are waiting, being matched or
      // waiting for their turn to be written.
      while (sent - written >= BATCHES_PER_WORKER * workers) {
        if (failure !== undefined) throw failure;
        if (!ready.has(written)) await nextEvent();
        await drain();
      }
      await drain();
    }
    while (written < sent) {
      if (failure !== undefined) throw failure;
      if (!ready.has(written)) await nextEvent();
      await drain();
    }
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}

/** Whether a view spans the whole of its memory (then the memory can be transferred to a thread). */
function ownsMemory(bytes: Uint8Array): boolean {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
}

/**
 * A run's bytes in memory a worker can be given: the run's own when it was assembled for it alone,
 * else a copy (a view of an input chunk the reader still uses cannot be taken from it).
 */
function movableBytes(run: NdjsonBytes): Uint8Array<ArrayBuffer> {
  const bytes = run.bytes;
  if (run.fresh && ownsMemory(bytes) && bytes.buffer instanceof ArrayBuffer) return bytes as Uint8Array<ArrayBuffer>;
  const copy = new Uint8Array(run.bytes.length);
  copy.set(run.bytes);
  return copy;
}

/** The worker thread's side: compile the rules once, then match each batch it is sent. */
function serveBatches(setup: WorkerSetup): void {
  const matcher = new Matcher();
  for (const rule of setup.rules) matcher.addRule(rule.name, rule.pattern);
  const port = parentPort;
  if (port === null) return;
  port.on('message', (request: BatchRequest) => {
    const perRule = new Map<string, number>();
    const lines = ndjsonLinesOf(request.run, setup.origin, setup.maxLineBytes);
    const result = matchBatch(matcher, lines, request.lineBefore, setup.matchesOnly, perRule);
    const out = Buffer.from(result.out, 'utf8');
    const reply: BatchReply = { ...result, out, seq: request.seq, perRule: [...perRule] };
    // A Buffer this size owns its memory (only small ones come from the shared pool), so it can move.
    port.postMessage(reply, ownsMemory(out) ? [out.buffer] : []);
  });
}

if (!isMainThread && (workerData as { kind?: unknown } | null)?.kind === WORKER_KIND) serveBatches(workerData as WorkerSetup);
