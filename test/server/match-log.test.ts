/**
 * Tests of the bounded matches log: numbering, overwriting with a dropped count, paging, clearing
 * and listeners.
 */

import { describe, expect, test } from 'vitest';
import { MatchLog } from '../../src/server/match-log.js';
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

  test.each([0, -1, 1.5, Number.NaN])('should refuse capacity %s', (capacity) => {
    expect(() => new MatchLog(capacity)).toThrow(RangeError);
  });
});
