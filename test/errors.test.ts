/**
 * Tests of the error idiom: `name` is the AWS error code (as the AWS SDK v3 names its service
 * exceptions), subclasses keep it, and `isEventBridgeError` recognises errors made by a second copy
 * of the module, where `instanceof` fails (a package loaded twice, or another realm).
 */

import { describe, expect, test, vi } from 'vitest';
import { EventBridge } from '../src/bus/index.js';
import { EventBridgeError, InvalidEventPatternError, isEventBridgeError } from '../src/errors.js';
import { InvalidEventError } from '../src/event/errors.js';
import { parsePattern } from '../src/pattern/parse.js';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('EventBridgeError', () => {
  test('should carry the AWS code as name, the message and the HTTP status', () => {
    const e = new EventBridgeError('ResourceNotFoundException', 'Event bus x does not exist.', 400);
    expect([e.name, e.message, e.statusCode]).toEqual(['ResourceNotFoundException', 'Event bus x does not exist.', 400]);
    expect(String(e)).toBe('ResourceNotFoundException: Event bus x does not exist.');
  });

  test('subclasses should keep the code as name', () => {
    expect(new InvalidEventPatternError('Empty arrays are not allowed').name).toBe('InvalidEventPatternException');
    expect(new InvalidEventError('Event must be a JSON object').name).toBe('ValidationException');
  });
});

describe('isEventBridgeError', () => {
  test('should recognise the errors the library throws, by code when asked', () => {
    const bad = thrown(() => parsePattern('{"source":[]}'));
    expect(isEventBridgeError(bad)).toBe(true);
    expect(isEventBridgeError(bad, 'InvalidEventPatternException')).toBe(true);
    expect(isEventBridgeError(bad, 'ValidationException')).toBe(false);
    const missing = thrown(() => new EventBridge().describeRule({ Name: 'nope' }));
    expect(isEventBridgeError(missing, 'ResourceNotFoundException')).toBe(true);
  });

  test.each([
    ['a plain Error', new Error('x')],
    ['an error named like an AWS code', Object.assign(new Error('x'), { name: 'ValidationException', statusCode: 400 })],
    ['a look-alike object', { name: 'ValidationException', message: 'x', statusCode: 400 }],
    ['null', null],
    ['a string', 'ValidationException'],
  ])('should refuse %s', (_name, value) => {
    expect(isEventBridgeError(value)).toBe(false);
  });

  test('should recognise an error from a second copy of the module, where instanceof fails', async () => {
    vi.resetModules();
    // A query string makes the module loader evaluate the file again: a second, separate class.
    const secondCopy = '../src/errors.js?copy';
    const copy = (await import(secondCopy)) as typeof import('../src/errors.js');
    const foreign: unknown = new copy.InvalidEventPatternError('Empty arrays are not allowed');
    expect(copy.EventBridgeError).not.toBe(EventBridgeError);
    expect(foreign instanceof EventBridgeError).toBe(false);
    expect(isEventBridgeError(foreign)).toBe(true);
    expect(isEventBridgeError(foreign, 'InvalidEventPatternException')).toBe(true);
  });
});
