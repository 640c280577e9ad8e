/**
 * Tests of the bounded matches log: numbering, overwriting with a dropped count, paging, clearing
 * and listeners.
 */

import { describe, expect, test } from 'vitest';
import { MatchLog, matchRecordBytes } from '../../src/server/match-log.js';
import type { NewMatchRecord } from '../../src/server/match-log.js';

const record = (id: string): NewMatchRecord => ({
  ReceivedAt: '2026-01-01T00:00:00.000Z',
  RequestId: 'req',
  EventId: id,
  EventBusName: 'default',
  Rules: [{ Name: 'r', Arn: 'arn:aws:events:us-east-1:123456789012:rule/r' }],
  Event: `{"id":"${id}"}`,
});

describe('MatchLog', () => {
  test('should number records from 1', () => {
    const log = new MatchLog(3);
    expect(log.append(record('a')).Seq).toBe(1);
    expect(log.append(record('b')).Seq).toBe(2);
    expect(log.since().records.map((r) => r.EventId)).toEqual(['a', 'b']);
    expect(log.size).toBe(2);
  });

  test('should keep only the newest records and count the dropped ones', () => {
    const log = new MatchLog(3);
    for (const id of ['a', 'b', 'c', 'd', 'e']) log.append(record(id));
    const page = log.since(0);
    expect(page.records.map((r) => r.EventId)).toEqual(['c', 'd', 'e']);
    expect(page.dropped).toBe(2);
    expect(page.lastSeq).toBe(5);
    expect(log.size).toBe(3);
  });

  test('should page with after and limit', () => {
    const log = new MatchLog(10);
    for (const id of ['a', 'b', 'c', 'd']) log.append(record(id));
    const first = log.since(1, 2);
    expect(first.records.map((r) => r.EventId)).toEqual(['b', 'c']);
    expect(first.lastSeq).toBe(3);
    const second = log.since(first.lastSeq, 2);
    expect(second.records.map((r) => r.EventId)).toEqual(['d']);
    expect(log.since(4).records).toEqual([]);
    expect(log.since(4).lastSeq).toBe(4);
  });

  test('should forget records on clear but keep counting', () => {
    const log = new MatchLog(10);
    log.append(record('a'));
    log.append(record('b'));
    log.clear();
    expect(log.since(0)).toEqual({ records: [], dropped: 0, lastSeq: 2 });
    expect(log.append(record('c')).Seq).toBe(3);
    expect(log.since(0).records.map((r) => r.EventId)).toEqual(['c']);
  });

  test('should tell listeners and survive a throwing one', () => {
    const log = new MatchLog(2);
    const seen: string[] = [];
    log.subscribe(() => {
      throw new Error('bad follower');
    });
    const unsubscribe = log.subscribe((r) => seen.push(r.EventId));
    log.append(record('a'));
    unsubscribe();
    log.append(record('b'));
    expect(seen).toEqual(['a']);
    expect(log.lastSeq).toBe(2);
  });

  test('should bound the held bytes too, keeping the newest records', () => {
    const big = (id: string): NewMatchRecord => ({ ...record(id), Event: `{"id":"${id}","pad":"${'p'.repeat(1000)}"}` });
    const size = matchRecordBytes(big('a'));
    const log = new MatchLog(1000, size * 3 + 10);
    for (const id of ['a', 'b', 'c', 'd', 'e']) log.append(big(id));
    expect(log.since(0).records.map((r) => r.EventId)).toEqual(['c', 'd', 'e']);
    expect(log.since(0).dropped).toBe(2);
    expect(log.bytes).toBe(size * 3);
    expect(log.bytes).toBeLessThanOrEqual(log.maxBytes);
  });

  test('should keep the newest record even when it alone is over the byte bound', () => {
    const log = new MatchLog(10, 10);
    log.append(record('a'));
    log.append(record('b'));
    expect(log.since(0).records.map((r) => r.EventId)).toEqual(['b']);
  });

  test('should count a multi-byte event by its UTF-8 bytes', () => {
    const ascii = matchRecordBytes({ ...record('x'), Event: '"aa"' });
    expect(matchRecordBytes({ ...record('x'), Event: '"\u00e9"' })).toBe(ascii);
  });

  test('should answer since() past the last Seq with the real last Seq', () => {
    const log = new MatchLog(10);
    log.append(record('a'));
    expect(log.since(1000)).toEqual({ records: [], dropped: 0, lastSeq: 1 });
    expect(new MatchLog(10).since(5).lastSeq).toBe(0);
  });

  test('should not allocate by capacity: a huge count bound costs nothing to create or clear', () => {
    const before = process.memoryUsage().heapUsed;
    const log = new MatchLog(50_000_000);
    log.append(record('a'));
    log.clear();
    log.append(record('b'));
    log.clear();
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(32 * 1024 * 1024);
    expect(log.since(0)).toEqual({ records: [], dropped: 0, lastSeq: 2 });
  });

  test('should keep dropped counts right across clear and later overflow', () => {
    const log = new MatchLog(2);
    for (const id of ['a', 'b', 'c']) log.append(record(id));
    log.clear();
    for (const id of ['d', 'e', 'f', 'g']) log.append(record(id));
    // d (4) and e (5) were dropped by the bound; a..c were cleared and are not counted.
    expect(log.since(0)).toMatchObject({ dropped: 2, lastSeq: 7 });
    expect(log.since(0).records.map((r) => r.EventId)).toEqual(['f', 'g']);
    expect(log.at(6)?.EventId).toBe('f');
    expect(log.at(5)).toBeUndefined();
  });

  test('should stay correct through many compactions', () => {
    const log = new MatchLog(100);
    for (let i = 0; i < 5000; i++) log.append(record(`e${i}`));
    const page = log.since(0);
    expect(page.records.length).toBe(100);
    expect(page.records[0]?.Seq).toBe(4901);
    expect(page.records[99]?.EventId).toBe('e4999');
  });

  test.each([0, -1, 1.5, Number.NaN])('should refuse byte bound %s', (bytes) => {
    expect(() => new MatchLog(10, bytes)).toThrow(RangeError);
  });

  test.each([0, -1, 1.5, Number.NaN])('should refuse capacity %s', (capacity) => {
    expect(() => new MatchLog(capacity)).toThrow(RangeError);
  });
});
