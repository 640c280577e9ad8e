/**
 * The framework-neutral matcher object: results and messages as jest's or vitest's expect.extend
 * receives them, and no dependency on a test runner.
 */

import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { eventBridgeMatchers } from '../../src/testing/expect.js';

const context = { isNot: false };
const pattern = { source: ['aws.ec2'], detail: { state: ['stopped'] } };

describe('eventBridgeMatchers', () => {
  describe('toMatchEventPattern', () => {
    test('should return pass true and a message for .not when the event matches', () => {
      const result = eventBridgeMatchers.toMatchEventPattern.call(context, { source: 'aws.ec2', detail: { state: 'stopped' } }, pattern);
      expect(result.pass).toBe(true);
      expect(result.message()).toMatch(/^expected the event not to match the event pattern, but it does:\n/);
    });

    test('should return pass false with the explanation when it does not', () => {
      const result = eventBridgeMatchers.toMatchEventPattern.call(context, '{"source":"aws.ec2","detail":{"state":"running"}}', pattern);
      expect(result.pass).toBe(false);
      expect(result.message()).toMatch(/^expected the event to match the event pattern, but it does not:\n/);
      expect(result.message()).toContain('detail.state');
    });

    test('should keep number spellings of a pattern given as text', () => {
      const result = eventBridgeMatchers.toMatchEventPattern.call(context, '{"n": 300.0}', '{"n":[300]}');
      expect(result.pass).toBe(true);
    });

    test('should throw for an invalid pattern', () => {
      expect(() => eventBridgeMatchers.toMatchEventPattern.call(context, {}, '{"a":"x"}')).toThrow(
        'Event pattern is not valid. Reason: "a" must be an object or an array',
      );
    });
  });

  describe('toBeValidEventPattern', () => {
    test.each([
      ['{"a":[{"prefix":"x"}]}', true],
      [{ a: [{ numeric: ['>', 5, '<', 5] }] }, false],
      ['{"a":[{"cidr":"10.0.0.1"}]}', false],
      [null, false],
      [undefined, false],
    ])('should judge %j as valid: %s', (received, valid) => {
      expect(eventBridgeMatchers.toBeValidEventPattern.call(context, received).pass).toBe(valid);
    });

    test("should carry AWS's reason in the message", () => {
      const result = eventBridgeMatchers.toBeValidEventPattern.call(context, '{"a":[{"cidr":"10.0.0.1"}]}');
      expect(result.message()).toBe(
        "expected a valid event pattern, but AWS would reject it:\n  Event pattern is not valid. Reason: Malformed CIDR, one '/' required",
      );
    });
  });

  test('should not import a test runner', () => {
    const source = readFileSync(new URL('../../src/testing/expect.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/^import .* from '(vitest|jest|@jest\/globals)'/m);
  });
});
