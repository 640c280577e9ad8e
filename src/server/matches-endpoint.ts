/**
 * `GET /_matches`: the matches log as JSON, or with `follow=1` as a server-sent-events stream
 * (history first, then live records; `id:` is the record's `Seq`, so `Last-Event-ID` resumes). Each
 * record's `Event` is the envelope text spliced in as a JSON object, so readers get structured
 * events without the server re-parsing them.
 *
 * Both answers are written with backpressure: records are read from the log only when the socket
 * takes more, so neither a large history nor a slow reader makes the server buffer without bound.
 * A follower that stops reading is disconnected once more than {@link FOLLOWER_MAX_LAG_BYTES} of new
 * records arrive while its socket refuses data, after a final `event: cut` saying why.
 */

import type { ServerResponse } from 'node:http';
import type { MatchLog, MatchRecord } from './match-log.js';

/** Open follow streams, ended when the server closes. */
export type SseClients = Set<{ end(): void }>;

/**
 * Bytes of new records (as the log counts them) that may arrive while a follower's socket refuses
 * data; past this the follower is cut off. 16 MiB.
 */
export const FOLLOWER_MAX_LAG_BYTES = 16 * 1024 * 1024;

/** Text gathered before one `write` call: batching small records keeps the per-write cost low. */
const BATCH_BYTES = 64 * 1024;

/** How long a cut-off follower gets to take its final event before its socket is destroyed. */
const CUT_GRACE_MS = 2_000;

/**
 * One record as JSON text, its `Event` as an object rather than a string.
 *
 * @param record - A log record; its `Event` is the compact envelope JSON from the in-process class.
 * @returns JSON text of the record.
 */
export function recordJson(record: MatchRecord): string {
  const { Event: event, ...rest } = record;
  const head = JSON.stringify(rest);
  return `${head.slice(0, -1)},"Event":${event}}`;
}

/**
 * The JSON page for `GET /_matches` as one string: `{"Matches":[...],"Dropped":n,"LastSeq":n}`.
 * For small pages; the endpoint itself streams with {@link sendMatchesPage}.
 *
 * @param log - The matches log.
 * @param since - Return records with `Seq` greater than this.
 * @param limit - Most records to return; all when `undefined`.
 * @returns JSON text.
 */
export function matchesPage(log: MatchLog, since: number, limit: number | undefined): string {
  const page = log.since(since, limit);
  const items = page.records.map(recordJson).join(',');
  return `{"Matches":[${items}],"Dropped":${page.dropped},"LastSeq":${page.lastSeq}}`;
}

/**
 * Streams the page of `GET /_matches` (same JSON as {@link matchesPage}) in chunks, reading records
 * from the log only as the socket takes them, so no single string grows with the history. Records
 * dropped from the log while the page is being written end the page early; its `LastSeq` is then
 * the last record written, and the next page reports them as `Dropped`.
 *
 * @param res - The response (nothing sent yet).
 * @param log - The matches log.
 * @param since - Return records with `Seq` greater than this.
 * @param limit - Most records to return; all held ones when `undefined`.
 */
export function sendMatchesPage(res: ServerResponse, log: MatchLog, since: number, limit: number | undefined): void {
  const { from, dropped } = log.locate(since);
  const end = limit === undefined ? log.lastSeq : Math.min(log.lastSeq, from + limit - 1);
  let next = from;
  let lastSeq = Math.min(Math.max(since, from - 1), log.lastSeq);
  let first = true;
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache' });
  const pump = (): void => {
    let batch = first ? '{"Matches":[' : '';
    for (;;) {
      const record = next <= end ? log.at(next) : undefined;
      if (record === undefined) break;
      batch += `${first ? '' : ','}${recordJson(record)}`;
      first = false;
      lastSeq = record.Seq;
      next++;
      if (batch.length >= BATCH_BYTES) {
        if (!res.write(batch)) {
          res.once('drain', pump);
          return;
        }
        batch = '';
      }
    }
    res.end(`${batch}],"Dropped":${dropped},"LastSeq":${lastSeq}}`);
  };
  pump();
}

/**
 * Turns a response into a server-sent-events stream of matches: every held record after `since`,
 * then each new one, a `: keep-alive` comment every `heartbeatMs`, and `event: dropped` with
 * `{"Dropped":n}` whenever records the follower had not yet received left the log. Records are
 * taken from the log as the socket drains, so memory per follower is one batch, not its backlog.
 *
 * @param res - The response to stream on.
 * @param log - The matches log.
 * @param clients - Registry of open streams; this one is added and removed when it ends.
 * @param since - Send held records with `Seq` greater than this first (a value past the log's last
 *   `Seq` is read as the last `Seq`).
 * @param heartbeatMs - Interval of keep-alive comments.
 * @param maxLagBytes - Bytes of new records that may arrive while the socket refuses data before the
 *   follower is cut off; default {@link FOLLOWER_MAX_LAG_BYTES}.
 */
export function followMatches(
  res: ServerResponse,
  log: MatchLog,
  clients: SseClients,
  since: number,
  heartbeatMs: number,
  maxLagBytes: number = FOLLOWER_MAX_LAG_BYTES,
): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    // The socket is not reused after the stream, so ending the stream frees it at once.
    connection: 'close',
  });
  res.flushHeaders();
  let open = true;
  let next = Math.min(since, log.lastSeq) + 1;
  /** `log.appendedBytes` when the socket last refused data; `undefined` while it takes more. */
  let blockedAt: number | undefined;
  let unsubscribe = (): void => undefined;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  const client = { end: (): void => stop('') };

  const write = (text: string): boolean => {
    if (res.write(text)) return true;
    blockedAt = log.appendedBytes;
    res.once('drain', onDrain);
    return false;
  };

  /** Sends what the follower has not had yet, until caught up or the socket pushes back. */
  const pump = (): void => {
    if (!open || blockedAt !== undefined) return;
    const { from, dropped } = log.locate(next - 1);
    let batch = dropped > 0 ? `event: dropped\ndata: {"Dropped":${dropped}}\n\n` : '';
    next = from;
    for (;;) {
      const record = log.at(next);
      if (record === undefined) break;
      next++;
      batch += `id: ${record.Seq}\nevent: match\ndata: ${recordJson(record)}\n\n`;
      if (batch.length >= BATCH_BYTES) {
        if (!write(batch)) return;
        batch = '';
      }
    }
    if (batch !== '') write(batch);
  };

  function onDrain(): void {
    blockedAt = undefined;
    pump();
  }

  function onAppend(): void {
    if (blockedAt === undefined) {
      pump();
    } else if (log.appendedBytes - blockedAt > maxLagBytes) {
      stop(`the client read nothing while more than ${maxLagBytes} bytes of matches arrived`);
    }
  }

  /** Ends the stream; a non-empty `cutReason` sends a final `cut` event and destroys a socket that will not take it. */
  function stop(cutReason: string): void {
    if (!open) return;
    open = false;
    unsubscribe();
    if (heartbeat !== undefined) clearInterval(heartbeat);
    clients.delete(client);
    res.off('drain', onDrain);
    if (cutReason === '') {
      res.end();
      return;
    }
    const data = JSON.stringify({ Reason: cutReason, LastSeq: next - 1 });
    res.end(`: disconnected: ${cutReason}\nevent: cut\ndata: ${data}\n\n`);
    const timer = setTimeout(() => res.destroy(), CUT_GRACE_MS);
    timer.unref();
    res.once('close', () => clearTimeout(timer));
  }

  res.on('close', () => stop(''));
  clients.add(client);
  unsubscribe = log.subscribe(onAppend);
  heartbeat = setInterval(() => {
    if (blockedAt === undefined) write(': keep-alive\n\n');
  }, heartbeatMs);
  heartbeat.unref();
  pump();
}
