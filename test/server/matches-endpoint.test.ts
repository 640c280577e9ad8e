/**
 * Tests of GET /_matches: records with their envelope spliced in, JSON pages, and the server-sent
 * events stream (history, live records, dropped notice, slow followers, shutdown).
 */

import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { describe, expect, test } from 'vitest';
import { MatchLog } from '../../src/server/match-log.js';
import { followMatches, matchesPage, recordJson, sendMatchesPage } from '../../src/server/matches-endpoint.js';
import type { SseClients } from '../../src/server/matches-endpoint.js';

describe('recordJson', () => {
  test('should splice the envelope in as an object', () => {
    const json = recordJson({
      Seq: 7,
      ReceivedAt: 't',
      RequestId: 'req',
      EventId: 'e',
      EventBusName: 'default',
      Rules: [{ Name: 'r', Arn: 'arn' }],
      TraceHeader: 'Root=1-abc',
      Event: '{"version":"0","id":"e","detail":{"a":[1]}}',
    });
    const parsed = JSON.parse(json) as Record<string, unknown>;
    expect(parsed['Event']).toEqual({ version: '0', id: 'e', detail: { a: [1] } });
    expect(parsed['Seq']).toBe(7);
    expect(parsed['TraceHeader']).toBe('Root=1-abc');
  });
});

describe('matchesPage', () => {
  test('should report matches, dropped count and last seq', () => {
    const log = new MatchLog(1);
    for (const id of ['a', 'b']) {
      log.append({ ReceivedAt: 't', RequestId: 'r', EventId: id, EventBusName: 'b', Rules: [], Event: '{}' });
    }
    const page = JSON.parse(matchesPage(log, 0, undefined)) as { Matches: Array<{ EventId: string }>; Dropped: number; LastSeq: number };
    expect(page.Matches.map((m) => m.EventId)).toEqual(['b']);
    expect(page.Dropped).toBe(1);
    expect(page.LastSeq).toBe(2);
  });
});

/**
 * The parts of a ServerResponse that followMatches uses, recording what happens. `capacity` models
 * a socket: `write` returns false once more than that many characters wait unread, and `read()`
 * takes them (emitting `drain` as Node does).
 */
class FakeResponse extends EventEmitter {
  written = '';
  unread = 0;
  destroyed = false;
  ended = false;
  endText = '';
  status = 0;
  readonly capacity: number;
  constructor(capacity = Number.POSITIVE_INFINITY) {
    super();
    this.capacity = capacity;
  }
  writeHead(status: number): this {
    this.status = status;
    return this;
  }
  flushHeaders(): void {}
  write(text: string): boolean {
    this.written += text;
    this.unread += text.length;
    return this.unread <= this.capacity;
  }
  /** What Node reports as buffered: everything not yet read. */
  get writableLength(): number {
    return this.unread;
  }
  /** The client reads everything waiting. */
  read(): void {
    const wasFull = this.unread > this.capacity;
    this.unread = 0;
    if (wasFull) this.emit('drain');
  }
  end(text = ''): void {
    this.written += text;
    this.endText = text;
    this.ended = true;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

const newRecord = (id: string, event = '{}') => ({
  ReceivedAt: 't',
  RequestId: 'r',
  EventId: id,
  EventBusName: 'default',
  Rules: [{ Name: 'r', Arn: 'arn' }],
  Event: event,
});

describe('sendMatchesPage', () => {
  test('should stream a large page in bounded writes, waiting for drain, as valid JSON', () => {
    const log = new MatchLog(1000, 2 ** 40);
    const event = `{"pad":"${'q'.repeat(5000)}"}`;
    for (let i = 0; i < 500; i++) log.append(newRecord(`e${i}`, event));
    const res = new FakeResponse(128 * 1024);
    sendMatchesPage(res as unknown as ServerResponse, log, 0, undefined);
    expect(res.ended).toBe(false);
    expect(res.written.length).toBeLessThan(256 * 1024);
    let reads = 0;
    while (!res.ended && reads++ < 1000) res.read();
    const page = JSON.parse(res.written) as { Matches: Array<{ Seq: number }>; Dropped: number; LastSeq: number };
    expect(page.Matches.length).toBe(500);
    expect(page.LastSeq).toBe(500);
  });

  test('should end early with the last Seq written when records leave the log meanwhile', () => {
    const log = new MatchLog(100, 2 ** 40);
    const event = `{"pad":"${'q'.repeat(5000)}"}`;
    for (let i = 0; i < 100; i++) log.append(newRecord(`e${i}`, event));
    const res = new FakeResponse(16 * 1024);
    sendMatchesPage(res as unknown as ServerResponse, log, 0, undefined);
    for (let i = 0; i < 100; i++) log.append(newRecord(`f${i}`, event));
    while (!res.ended) res.read();
    const page = JSON.parse(res.written) as { Matches: Array<{ Seq: number }>; LastSeq: number };
    expect(page.LastSeq).toBe(page.Matches[page.Matches.length - 1]?.Seq);
    expect(page.LastSeq).toBeLessThan(100);
  });

  test('should give the real LastSeq for a since past the end, and honour limit', () => {
    const log = new MatchLog(10);
    for (const id of ['a', 'b', 'c']) log.append(newRecord(id));
    const res = new FakeResponse();
    sendMatchesPage(res as unknown as ServerResponse, log, 1000, undefined);
    expect(JSON.parse(res.written)).toEqual({ Matches: [], Dropped: 0, LastSeq: 3 });
    const limited = new FakeResponse();
    sendMatchesPage(limited as unknown as ServerResponse, log, 0, 2);
    expect((JSON.parse(limited.written) as { LastSeq: number }).LastSeq).toBe(2);
  });
});

describe('followMatches', () => {
  test('should send history, then live records, and stop on close', () => {
    const log = new MatchLog(10);
    log.append(newRecord('old'));
    const res = new FakeResponse();
    const clients: SseClients = new Set();
    followMatches(res as unknown as ServerResponse, log, clients, 0, 60_000);
    log.append(newRecord('new'));
    expect(res.status).toBe(200);
    expect(res.written).toContain('id: 1\nevent: match\ndata: {"Seq":1');
    expect(res.written).toContain('id: 2\nevent: match\ndata: {"Seq":2');
    expect(clients.size).toBe(1);
    res.emit('close');
    log.append(newRecord('after'));
    expect(res.written).not.toContain('"after"');
    expect(clients.size).toBe(0);
  });

  test('should announce records the ring already dropped', () => {
    const log = new MatchLog(1);
    log.append(newRecord('a'));
    log.append(newRecord('b'));
    const res = new FakeResponse();
    followMatches(res as unknown as ServerResponse, log, new Set(), 0, 60_000);
    expect(res.written).toContain('event: dropped\ndata: {"Dropped":1}');
    res.emit('close');
  });

  test('should cut off a follower that stops reading, with a final event saying why', () => {
    const log = new MatchLog(1000);
    const res = new FakeResponse(1024);
    const clients: SseClients = new Set();
    followMatches(res as unknown as ServerResponse, log, clients, 0, 60_000, 10_000);
    const big = `{"pad":"${'x'.repeat(2000)}"}`;
    for (let i = 0; i < 4; i++) log.append(newRecord(`early-${i}`, big));
    expect(res.ended).toBe(false);
    const before = res.written.length;
    for (let i = 0; i < 10; i++) log.append(newRecord(`late-${i}`, big));
    // Nothing more was written while the socket refused data, except the final event.
    expect(res.written.length - before).toBe(res.endText.length);
    expect(res.ended).toBe(true);
    expect(res.endText).toContain('event: cut\ndata: {"Reason":"the client read nothing while more than 10000 bytes');
    expect(clients.size).toBe(0);
    const after = res.written.length;
    log.append(newRecord('y'));
    expect(res.written.length).toBe(after);
  });

  test('should replay a history larger than the cut-off bound, then send live records', () => {
    // The temporal-dead-zone bug: a history past the old 32 MiB bound threw a ReferenceError and
    // the stream stopped for good, with no live records and no heartbeat.
    const log = new MatchLog(100_000, 2 ** 40);
    const event = `{"pad":"${'y'.repeat(3000)}"}`;
    for (let i = 0; i < 400; i++) log.append(newRecord(`h${i}`, event));
    const res = new FakeResponse(64 * 1024);
    followMatches(res as unknown as ServerResponse, log, new Set(), 0, 60_000, 100_000);
    expect(res.written.length).toBeLessThan(200 * 1024);
    let reads = 0;
    while (res.unread > res.capacity && reads++ < 1000) res.read();
    log.append(newRecord('live'));
    res.read();
    const ids = [...res.written.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    expect(ids).toEqual(Array.from({ length: 401 }, (_, i) => i + 1));
    expect(res.ended).toBe(false);
  });

  test('should replay 10,000 records past 32 MiB without throwing, then send live records', () => {
    // The figures: the old stream threw a ReferenceError (temporal dead zone) once the
    // buffered history passed 32 MiB, after 8,369 of 10,000 ~3.4 KB records.
    const log = new MatchLog(10_000, 2 ** 40);
    const event = `{"pad":"${'z'.repeat(3400)}"}`;
    for (let i = 0; i < 10_000; i++) log.append(newRecord(`h${i}`, event));
    const res = new FakeResponse(256 * 1024);
    expect(() => followMatches(res as unknown as ServerResponse, log, new Set(), 0, 60_000)).not.toThrow();
    let reads = 0;
    while (res.unread > res.capacity && reads++ < 10_000) res.read();
    for (let i = 0; i < 100; i++) log.append(newRecord(`live${i}`));
    res.read();
    const ids = [...res.written.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    expect(ids.length).toBe(10_100);
    expect(ids[10_099]).toBe(10_100);
    expect(res.ended).toBe(false);
  });

  test('should report records dropped while the follower was behind, then go on', () => {
    const log = new MatchLog(3);
    const res = new FakeResponse(10);
    followMatches(res as unknown as ServerResponse, log, new Set(), 0, 60_000);
    for (const id of ['a', 'b', 'c', 'd', 'e', 'f']) log.append(newRecord(id));
    res.read();
    // "a" went out before the socket pushed back; b and c left the ring before it drained.
    expect(res.written).toContain('event: dropped\ndata: {"Dropped":2}');
    const ids = [...res.written.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    expect(ids).toEqual([1, 4, 5, 6]);
  });

  test('should send heartbeats', async () => {
    const log = new MatchLog(10);
    const res = new FakeResponse();
    followMatches(res as unknown as ServerResponse, log, new Set(), 0, 5);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(res.written).toContain(': keep-alive\n\n');
    res.emit('close');
  });

  test('should read a since past the last Seq as the last Seq', () => {
    const log = new MatchLog(10);
    log.append(newRecord('a'));
    const res = new FakeResponse();
    followMatches(res as unknown as ServerResponse, log, new Set(), 99, 60_000);
    log.append(newRecord('b'));
    expect(res.written).toContain('id: 2\n');
    res.emit('close');
  });

  test('should end streams when the server closes them', () => {
    const log = new MatchLog(10);
    const res = new FakeResponse();
    const clients: SseClients = new Set();
    followMatches(res as unknown as ServerResponse, log, clients, 0, 60_000);
    for (const client of clients) client.end();
    expect(res.ended).toBe(true);
    expect(res.destroyed).toBe(false);
  });
});
