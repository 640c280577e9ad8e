/**
 * Tests of one PutEvents entry: type checks, the per-entry checks in AWS's order with AWS's texts,
 * the documented size formula and the Java toString AWS echoes.
 */

import { describe, expect, test } from 'vitest';
import { EventBridgeError } from '../../src/errors.js';
import { checkEntry, entrySize, javaEntryString, readEntry } from '../../src/bus/entry.js';
import type { EntryInput } from '../../src/bus/entry.js';

const base = { Source: 'shop', DetailType: 'Order', Detail: '{"id": 1}' };

function check(entry: Record<string, unknown>): ReturnType<typeof checkEntry> {
  return checkEntry(readEntry(entry, 0));
}

describe('readEntry', () => {
  test.each<[string, unknown]>([
    ['a non-object entry', 'x'],
    ['an array entry', []],
    ['a numeric Source', { ...base, Source: 1 }],
    ['an object Detail', { ...base, Detail: { id: 1 } }],
    ['Resources that are not strings', { ...base, Resources: [1] }],
    ['Resources that is a string', { ...base, Resources: 'arn' }],
    ['a boolean Time', { ...base, Time: true }],
  ])('should throw SerializationException for %s', (_name, entry) => {
    expect(() => readEntry(entry, 0)).toThrow(EventBridgeError);
    try {
      readEntry(entry, 0);
    } catch (error) {
      expect((error as EventBridgeError).name).toBe('SerializationException');
    }
  });

  test('should treat null members as absent', () => {
    expect(readEntry({ Source: null, Time: null, Resources: null }, 0)).toMatchObject({
      source: undefined,
      time: undefined,
      resources: undefined,
    });
  });

  test('should not read inherited members', () => {
    const entry = Object.create({ Source: 'inherited' }) as Record<string, unknown>;
    expect(readEntry(entry, 0).source).toBeUndefined();
  });
});

describe('checkEntry', () => {
  test.each<[string, Record<string, unknown>, string, string]>([
    ['Source missing', { DetailType: 'x', Detail: '{}' }, 'InvalidArgument', 'Parameter Source is not valid. Reason: Source is a required argument.'],
    ['Source empty', { ...base, Source: '' }, 'InvalidArgument', 'Parameter Source is not valid. Reason: Source is a required argument.'],
    ['DetailType empty', { ...base, DetailType: '' }, 'InvalidArgument', 'Parameter DetailType is not valid. Reason: DetailType is a required argument.'],
    ['Detail missing', { Source: 's', DetailType: 'x' }, 'InvalidArgument', 'Parameter Detail is not valid. Reason: Detail is a required argument.'],
    ['Detail empty', { ...base, Detail: '' }, 'InvalidArgument', 'Parameter Detail is not valid. Reason: Detail is a required argument.'],
    ['everything missing (Source wins)', {}, 'InvalidArgument', 'Parameter Source is not valid. Reason: Source is a required argument.'],
    ['DetailType and Detail missing (DetailType wins)', { Source: 's' }, 'InvalidArgument', 'Parameter DetailType is not valid. Reason: DetailType is a required argument.'],
    ['Detail null JSON', { ...base, Detail: 'null' }, 'MalformedDetail', 'Detail is malformed.'],
    ['Detail array', { ...base, Detail: '[]' }, 'MalformedDetail', 'Detail is malformed.'],
    ['reserved source', { ...base, Source: 'aws.s3' }, 'NotAuthorizedForSourceException', 'Not authorized for the source.'],
    ['malformed Detail before reserved source', { ...base, Source: 'aws.s3', Detail: '[' }, 'MalformedDetail', 'Detail is malformed.'],
  ])('should fail for %s', (_name, entry, code, message) => {
    expect(check(entry)).toEqual({ ErrorCode: code, ErrorMessage: message });
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['a resource of 2049 characters', { ...base, Resources: ['a'.repeat(2049)] }, 'Resources'],
    ['an empty TraceHeader', { ...base, TraceHeader: '' }, 'TraceHeader'],
    ['a TraceHeader of 501 characters', { ...base, TraceHeader: 't'.repeat(501) }, 'TraceHeader'],
    ['a bus name with a space', { ...base, EventBusName: 'my bus' }, 'EventBusName'],
    ['a bus name with a slash', { ...base, EventBusName: 'a/b' }, 'EventBusName'],
    ['an empty bus name', { ...base, EventBusName: '' }, 'EventBusName'],
    ['a bus name of 1601 characters', { ...base, EventBusName: 'b'.repeat(1601) }, 'EventBusName'],
    ['an invalid Time', { ...base, Time: 'soon' }, 'Time'],
  ])('should fail with InvalidArgument for %s', (_name, entry, parameter) => {
    const result = check(entry);
    expect(result).toMatchObject({ ErrorCode: 'InvalidArgument' });
    expect((result as { ErrorMessage: string }).ErrorMessage).toMatch(new RegExp(`^Parameter ${parameter} is not valid\\. Reason: `));
  });

  test('should accept limits exactly at the model bounds', () => {
    const result = check({
      ...base,
      Resources: ['a'.repeat(2048)],
      TraceHeader: 't'.repeat(500),
      EventBusName: 'arn:aws:events:us-east-1:123456789012:event-bus/orders',
    });
    expect(result).toMatchObject({ source: 'shop', detail: '{"id":1}' });
  });

  test('should compact the Detail and default resources to []', () => {
    expect(check(base)).toEqual({
      source: 'shop',
      detailType: 'Order',
      detail: '{"id":1}',
      resources: [],
      timeMs: undefined,
      eventBusName: undefined,
      traceHeader: undefined,
    });
  });
});

describe('entrySize', () => {
  const entry = (over: Partial<EntryInput>): EntryInput => ({
    time: undefined,
    source: undefined,
    resources: undefined,
    detailType: undefined,
    detail: undefined,
    eventBusName: undefined,
    traceHeader: undefined,
    ...over,
  });

  test('should follow the documented formula (UTF-8 bytes, 14 for Time)', () => {
    expect(entrySize(entry({ source: 'ab', detailType: 'é', detail: '{}', resources: ['x', '€'] }))).toBe(2 + 2 + 2 + 1 + 3);
    expect(entrySize(entry({ time: 0 }))).toBe(14);
    expect(entrySize(entry({ eventBusName: 'ignored', traceHeader: 'ignored' }))).toBe(0);
  });
});

describe('javaEntryString', () => {
  test('should print like AWS Java model toString', () => {
    const e = readEntry({ Source: 's', DetailType: 'd', Detail: '{"a": 1}', Resources: ['r1', 'r2'], Time: 1640995200 }, 0);
    expect(javaEntryString(e)).toBe(
      'PutEventsRequestEntry(time=2022-01-01T00:00:00Z, source=s, resources=[r1, r2], detailType=d, detail={"a": 1}, eventBusName=null, traceHeader=null, kmsKeyIdentifier=null, internalMetadata=null)',
    );
  });
});
