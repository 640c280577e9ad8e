/**
 * Tests of GET /_matches: records with their envelope spliced in, JSON pages, and the server-sent
 * events stream (history, live records, dropped notice, slow followers, shutdown).
 */

import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { describe, expect, test } from 'vitest';
import { MatchLog } from '../../src/server/match-log.js';
import { followMatches, matchesPage, recordJson } from '../../src/server/matches-endpoint.js';
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

/** The parts of a ServerResponse that followMatches uses, recording what happens. */
class FakeResponse extends EventEmitter {
  written = '';
  writableLength = 0;
  destroyed = false;
  ended = false;
  status = 0;
  writeHead(status: number): this {
    this.status = status;
    return this;
  }
  flushHeaders(): void {}
  write(text: string): boolean {
    this.written += text;
    return true;
  }
  end(): void {
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

  test('should cut off a follower that stops reading', () => {
    const log = new MatchLog(10);
    const res = new FakeResponse();
    const clients: SseClients = new Set();
    followMatches(res as unknown as ServerResponse, log, clients, 0, 60_000);
    res.writableLength = 33 * 1024 * 1024;
    log.append(newRecord('x'));
    expect(res.destroyed).toBe(true);
    expect(clients.size).toBe(0);
    const before = res.written.length;
    log.append(newRecord('y'));
    expect(res.written.length).toBe(before);
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
