/**
 * `GET /_matches`: the matches log as one JSON page, or with `follow=1` as a server-sent-events
 * stream (history first, then live records; `id:` is the record's `Seq`, so `Last-Event-ID`
 * resumes). Each record's `Event` is the envelope text spliced in as a JSON object, so readers get
 * structured events without the server re-parsing them. A follower that stops reading is cut off
 * once too much is buffered for it, so it cannot make the server's memory grow.
 */

import type { ServerResponse } from 'node:http';
import type { MatchLog, MatchRecord } from './match-log.js';

/** Open follow streams, ended when the server closes. */
export type SseClients = Set<{ end(): void }>;

/** Bytes buffered for one follower before it is disconnected. */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;

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
 * The JSON page for `GET /_matches`: `{"Matches":[...],"Dropped":n,"LastSeq":n}`.
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
 * Turns a response into a server-sent-events stream of matches.
 *
 * @param res - The response to stream on.
 * @param log - The matches log.
 * @param clients - Registry of open streams; this one is added and removed when it ends.
 * @param since - Send held records with `Seq` greater than this first.
 * @param heartbeatMs - Interval of keep-alive comments.
 */
export function followMatches(res: ServerResponse, log: MatchLog, clients: SseClients, since: number, heartbeatMs: number): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    // The socket is not reused after the stream, so ending the stream frees it at once.
    connection: 'close',
  });
  res.flushHeaders();
  let open = true;
  const send = (text: string): void => {
    if (!open) return;
    res.write(text);
    if (res.writableLength > MAX_BUFFERED_BYTES) stop(true);
  };
  const sendRecord = (record: MatchRecord): void => send(`id: ${record.Seq}\nevent: match\ndata: ${recordJson(record)}\n\n`);
  const page = log.since(since);
  if (page.dropped > 0) send(`event: dropped\ndata: {"Dropped":${page.dropped}}\n\n`);
  for (const record of page.records) sendRecord(record);
  const unsubscribe = log.subscribe(sendRecord);
  const heartbeat = setInterval(() => send(': keep-alive\n\n'), heartbeatMs);
  heartbeat.unref();
  const client = { end: (): void => stop(false) };
  clients.add(client);
  function stop(abort: boolean): void {
    if (!open) return;
    open = false;
    unsubscribe();
    clearInterval(heartbeat);
    clients.delete(client);
    if (abort) res.destroy();
    else res.end();
  }
  res.on('close', () => stop(false));
}
