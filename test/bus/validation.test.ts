/**
 * Tests of the request-shape checks: AWS's ValidationException wording for one and several
 * violations, whole-string model patterns, object members, and own-member-only reads.
 */

import { describe, expect, test } from 'vitest';
import { Constraints, NAME_PATTERN, matchesModelPattern, member, objectMember, requestObject } from '../../src/bus/validation.js';
import { EventBridgeError } from '../../src/errors.js';

function messageOf(fn: () => void): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(EventBridgeError);
    expect((error as EventBridgeError).name).toBe('ValidationException');
    return (error as Error).message;
  }
  throw new Error('expected a throw');
}

describe('Constraints', () => {
  test('should not throw when nothing was violated', () => {
    const c = new Constraints();
    c.text('ok', 'name', 1, 64, NAME_PATTERN);
    expect(() => c.throwIfAny()).not.toThrow();
  });

  test('should report one violation in AWS wording', () => {
    const c = new Constraints();
    c.required(undefined, 'name');
    expect(messageOf(() => c.throwIfAny())).toBe(
      "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null",
    );
  });

  test('should list several violations joined by "; "', () => {
    const c = new Constraints();
    c.text('a b', 'name', 1, 2, NAME_PATTERN);
    c.oneOf('ON', 'state', ['ENABLED', 'DISABLED']);
    expect(messageOf(() => c.throwIfAny())).toBe(
      "3 validation errors detected: Value 'a b' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+; " +
        "Value 'a b' at 'name' failed to satisfy constraint: Member must have length less than or equal to 2; " +
        "Value 'ON' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]",
    );
  });

  test('should check ranges and counts', () => {
    const c = new Constraints();
    c.range(0, 'limit', 1, 100);
    c.count(0, '[]', 'entries', 1, 10);
    expect(messageOf(() => c.throwIfAny())).toBe(
      "2 validation errors detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
        "Value '[]' at 'entries' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });
});

describe('matchesModelPattern', () => {
  test('should match the whole string only', () => {
    expect(matchesModelPattern('abc.-_9', NAME_PATTERN)).toBe(true);
    expect(matchesModelPattern('abc def', NAME_PATTERN)).toBe(false);
    expect(matchesModelPattern('', NAME_PATTERN)).toBe(false);
  });
});

describe('requestObject, objectMember and member', () => {
  test('should refuse non-objects', () => {
    for (const bad of [null, undefined, 'x', 1, []]) {
      expect(() => requestObject(bad)).toThrow(EventBridgeError);
    }
  });

  test('should refuse members that are not objects, naming the member', () => {
    for (const bad of [null, undefined, 'x', 1, [{ Id: 't' }]]) {
      expect(() => objectMember(bad, 'Targets[2]')).toThrow(expect.objectContaining({ name: 'SerializationException', message: 'Targets[2] must be an object.' }));
    }
    const record = { Id: 't' };
    expect(objectMember(record, 'Targets[0]')).toBe(record);
  });

  test('should read own members only', () => {
    const req = JSON.parse('{"__proto__": {"Name": "x"}}') as Record<string, unknown>;
    expect(member(req, 'Name')).toBeUndefined();
    expect(member(req, '__proto__')).toEqual({ Name: 'x' });
    expect(member({}, 'constructor')).toBeUndefined();
  });
});
