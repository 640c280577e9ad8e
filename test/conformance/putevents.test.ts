/**
 * The 14 PutEvents requests recorded against AWS (test/fixtures/aws-putevents.json), replayed
 * through EventBridge. Snapshot placeholders are replaced by real values: `<uuid:N>`-style ids by
 * the ids the instance generates (equal placeholders must get equal ids), placeholder bus names by
 * valid names, and the `Time` placeholder by epoch seconds.
 */

import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { EventBridge } from '../../src/bus/event-bridge.js';
import { EventBridgeError } from '../../src/errors.js';
import type { PutEventsResponse } from '../../src/bus/types.js';

interface RecordedCase {
  name: string;
  request: { Entries: Record<string, unknown>[] };
  httpStatus: number;
  response?: { Entries: Record<string, string>[]; FailedEntryCount: number };
  exception?: { Code: string; Message: string };
  detailSpec?: { bytes: number };
}

const cases = JSON.parse(readFileSync(new URL('../fixtures/aws-putevents.json', import.meta.url), 'utf8')) as RecordedCase[];

/** The recorded too-big Detail: Python json.dumps of {"payload": ["p" * 262127]}. */
function tooBigDetail(bytes: number): string {
  const detail = `{"payload": ["${'p'.repeat(262127)}"]}`;
  expect(Buffer.byteLength(detail)).toBe(bytes);
  return detail;
}

function prepare(c: RecordedCase, now: Date): Record<string, unknown>[] {
  return c.request.Entries.map((e) => {
    const entry: Record<string, unknown> = { ...e };
    if (c.name === 'too_big') entry['Detail'] = tooBigDetail(c.detailSpec?.bytes ?? 0);
    if (entry['EventBusName'] === '<nonexistent bus name>') entry['EventBusName'] = 'nonexistent-bus-4f2a';
    if (typeof entry['Time'] === 'string' && entry['Time'].startsWith('<')) entry['Time'] = Math.floor(now.getTime() / 1000);
    return entry;
  });
}

/** Checks that actual ids are consistent with the recorded placeholders (same placeholder, same id). */
function expectSameResponse(actual: PutEventsResponse, recorded: NonNullable<RecordedCase['response']>): void {
  expect(actual.FailedEntryCount).toBe(recorded.FailedEntryCount);
  expect(actual.Entries).toHaveLength(recorded.Entries.length);
  const seen = new Map<string, string>();
  recorded.Entries.forEach((want, i) => {
    const got: Record<string, string | undefined> = { ...actual.Entries[i] };
    expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
    if (want['EventId'] !== undefined) {
      const placeholder = want['EventId'];
      const id = got['EventId'] ?? '';
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      if (seen.has(placeholder)) expect(id).toBe(seen.get(placeholder));
      else {
        expect([...seen.values()]).not.toContain(id);
        seen.set(placeholder, id);
      }
    } else {
      expect(got).toEqual(want);
    }
  });
}

describe('PutEvents recorded against AWS', () => {
  test('should cover all 14 recordings', () => {
    expect(cases).toHaveLength(14);
  });

  test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const now = new Date('2025-01-08T15:24:06Z');
    // The recordings predate AWS's 1 MiB limit: replay them with the limit of that day.
    const eb = new EventBridge({ now: () => now, maxRequestSize: 256 * 1024 });
    eb.createEventBus({ Name: 'custom-bus' });
    eb.putRule({ Name: 'all', EventPattern: '{"source":[{"prefix":""}]}' });
    const entries = prepare(c, now);
    if (c.exception !== undefined) {
      let caught: unknown;
      try {
        eb.putEvents({ Entries: entries });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(EventBridgeError);
      expect(c.httpStatus).toBe(400);
      expect((caught as EventBridgeError).statusCode).toBe(400);
      expect([(caught as EventBridgeError).name, (caught as EventBridgeError).message]).toEqual([c.exception.Code, c.exception.Message]);
      return;
    }
    const out = eb.putEvents({ Entries: entries });
    expect(c.httpStatus).toBe(200);
    expectSameResponse(out, c.response as NonNullable<RecordedCase['response']>);
    // Every accepted entry appears once in Matches, with the entry's EventId.
    const accepted = out.Entries.filter((e) => e.EventId !== undefined).map((e) => e.EventId);
    expect(out.Matches.map((m) => m.EventId)).toEqual(accepted);
  });

  test('nonexistent bus: only the default-bus event reaches a rule; the other is reported dropped', () => {
    const eb = new EventBridge();
    eb.putRule({ Name: 'r', EventPattern: '{"source":["MySource"]}' });
    const c = cases.find((x) => x.name === 'nonexistent_bus_is_silently_accepted') as RecordedCase;
    const out = eb.putEvents({ Entries: prepare(c, new Date()) });
    expect(out.Matches[0]?.Rules.map((r) => r.Name)).toEqual(['r']);
    expect(out.Matches[0]?.Dropped).toBeUndefined();
    expect(out.Matches[1]).toMatchObject({ Rules: [], Dropped: { Reason: 'BusNotFound', Message: 'Event bus nonexistent-bus-4f2a does not exist.' } });
    expect(JSON.parse(out.Matches[0]?.Event ?? '')).toMatchObject({ id: out.Entries[0]?.EventId });
  });

  test('time_field: the delivered time has second precision and a Z', () => {
    const eb = new EventBridge();
    const c = cases.find((x) => x.name === 'time_field') as RecordedCase;
    const now = new Date();
    const out = eb.putEvents({ Entries: prepare(c, now) });
    const time = (JSON.parse(out.Matches[0]?.Event ?? '') as { time: string }).time;
    expect(time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(Math.abs(Date.parse(time) - now.getTime())).toBeLessThan(60_000);
  });

  test('too_big: accepted under the current 1 MiB default', () => {
    const c = cases.find((x) => x.name === 'too_big') as RecordedCase;
    const out = new EventBridge().putEvents({ Entries: prepare(c, new Date()) });
    expect(out.FailedEntryCount).toBe(0);
  });

  test('eleven entries on the default bus name the bus in the echo', () => {
    const c = cases.find((x) => x.name === 'eleven_entries_default_bus') as RecordedCase;
    const entries = c.request.Entries.map((e) => ({ ...e, EventBusName: 'default' }));
    const want = (c.exception as { Message: string }).Message.replaceAll('<bus-name>', 'default');
    expect(() => new EventBridge().putEvents({ Entries: entries })).toThrow(want);
  });
});
