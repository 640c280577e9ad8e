/**
 * Tests of the operation table and input decoding: timestamps, unknown and null members, hostile
 * keys, opaque target parameters, wrong JSON types and long lists.
 */

import { describe, expect, test } from 'vitest';
import { EventBridgeError } from '../../src/errors.js';
import { OPERATIONS, decodeInput, methodName } from '../../src/server/operations.js';

const shape = (operation: string) => {
  const members = OPERATIONS.get(operation);
  if (members === undefined) throw new Error(`no shape for ${operation}`);
  return members;
};

function serializationMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(EventBridgeError);
    expect((error as EventBridgeError).name).toBe('SerializationException');
    expect((error as EventBridgeError).statusCode).toBe(400);
    return (error as Error).message;
  }
  throw new Error('expected a SerializationException');
}

describe('OPERATIONS', () => {
  test('should list the supported operations', () => {
    expect([...OPERATIONS.keys()].sort()).toEqual(
      [
        'CreateEventBus', 'DeleteEventBus', 'DeleteRule', 'DescribeEventBus', 'DescribeRule', 'DisableRule',
        'EnableRule', 'ListEventBuses', 'ListRules', 'ListTargetsByRule', 'PutEvents', 'PutRule', 'PutTargets',
        'RemoveTargets', 'TestEventPattern',
        // Issue 14: tags, bus settings and policy, archives and replays, connections and API destinations.
        'TagResource', 'UntagResource', 'ListTagsForResource', 'UpdateEventBus', 'ListRuleNamesByTarget',
        'PutPermission', 'RemovePermission', 'CreateArchive', 'DescribeArchive', 'ListArchives', 'UpdateArchive',
        'DeleteArchive', 'StartReplay', 'DescribeReplay', 'ListReplays', 'CancelReplay', 'CreateConnection',
        'DescribeConnection', 'ListConnections', 'UpdateConnection', 'DeleteConnection', 'CreateApiDestination',
        'DescribeApiDestination', 'ListApiDestinations', 'UpdateApiDestination', 'DeleteApiDestination',
      ].sort(),
    );
  });

  test('should map operations to camelCase methods', () => {
    expect(methodName('PutEvents')).toBe('putEvents');
    expect(methodName('ListTargetsByRule')).toBe('listTargetsByRule');
  });
});

describe('decodeInput', () => {
  test('should turn epoch-second timestamps into dates', () => {
    const input = decodeInput(shape('PutEvents'), {
      Entries: [{ Time: 1640995200, Source: 's', DetailType: 'd', Detail: '{}' }],
    });
    const entries = input['Entries'] as Array<Record<string, unknown>>;
    expect(entries[0]?.['Time']).toEqual(new Date('2022-01-01T00:00:00Z'));
    expect(entries[0]?.['Source']).toBe('s');
  });

  test('should accept date strings for timestamps', () => {
    const input = decodeInput(shape('PutEvents'), { Entries: [{ Time: '2022-01-01T00:00:00Z' }] });
    expect((input['Entries'] as Array<Record<string, unknown>>)[0]?.['Time']).toEqual(new Date(1640995200000));
  });

  test('should drop unknown members at every level', () => {
    const input = decodeInput(shape('PutEvents'), {
      Entries: [{ Source: 's', Bogus: 1 }],
      Extra: { deep: true },
    });
    expect(input).toEqual({ Entries: [{ Source: 's' }] });
  });

  test('should treat null members as absent', () => {
    expect(decodeInput(shape('PutRule'), { Name: 'r', Description: null })).toEqual({ Name: 'r' });
  });

  test('should keep __proto__ and constructor as unknown data, never as prototypes', () => {
    const body = JSON.parse('{"Name":"r","__proto__":{"polluted":true},"constructor":1}') as unknown;
    const input = decodeInput(shape('PutRule'), body);
    expect(input).toEqual({ Name: 'r' });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  test('should pass opaque target parameters through unchanged', () => {
    const transformer = { InputPathsMap: { a: '$.detail' }, InputTemplate: '<a>' };
    const input = decodeInput(shape('PutTargets'), {
      Rule: 'r',
      Targets: [{ Id: 't', Arn: 'arn:aws:sqs:us-east-1:123456789012:q', InputTransformer: transformer }],
    });
    expect((input['Targets'] as Array<Record<string, unknown>>)[0]?.['InputTransformer']).toEqual(transformer);
  });

  test.each([
    ['a body that is not an object', 'PutRule', [1, 2], "Expected a structure at 'input' but found a list."],
    ['a string where a list belongs', 'PutEvents', { Entries: 'x' }, "Expected a list at 'input.Entries' but found a string."],
    ['a number where a string belongs', 'PutRule', { Name: 5 }, "Expected a string at 'input.Name' but found a number."],
    ['a fraction where an integer belongs', 'ListRules', { Limit: 1.5 }, "Expected an integer at 'input.Limit' but found a number."],
    ['a string where a boolean belongs', 'DeleteRule', { Name: 'r', Force: 'yes' }, "Expected a boolean at 'input.Force' but found a string."],
    ['an entry that is a string', 'PutEvents', { Entries: ['x'] }, "Expected a structure at 'input.Entries[0]' but found a string."],
    ['a bad timestamp', 'PutEvents', { Entries: [{ Time: 'yesterday' }] }, "Expected a timestamp at 'input.Entries[0].Time' but found a string."],
    ['a resource that is a number', 'PutEvents', { Entries: [{ Resources: [1] }] }, "Expected a string at 'input.Entries[0].Resources[0]' but found a number."],
  ])('should reject %s', (_name, operation, body, message) => {
    expect(serializationMessage(() => decodeInput(shape(operation), body))).toBe(message);
  });

  test('should keep null list elements for the in-process validation', () => {
    expect(decodeInput(shape('RemoveTargets'), { Rule: 'r', Ids: ['a', null] })).toEqual({ Rule: 'r', Ids: ['a', null] });
  });

  test('should handle a list of 10,000 entries without deep recursion', () => {
    const entries = Array.from({ length: 10_000 }, (_, i) => ({ Source: `s${i}` }));
    const input = decodeInput(shape('PutEvents'), { Entries: entries });
    expect((input['Entries'] as unknown[]).length).toBe(10_000);
    expect((input['Entries'] as Array<Record<string, unknown>>)[9_999]).toEqual({ Source: 's9999' });
  });
});
