/**
 * Tests of the AWS JSON 1.1 writer: dates as epoch seconds, undefined members, values deeper than
 * the call stack and __proto__ keys.
 */

import { describe, expect, test } from 'vitest';
import { toWireJson } from '../../src/server/wire-json.js';

describe('toWireJson', () => {
  test('should write dates as epoch seconds', () => {
    const when = new Date(Date.UTC(2022, 0, 1));
    expect(toWireJson({ CreationTime: when, Nested: [{ At: new Date(1640995200123) }] })).toBe(
      '{"CreationTime":1640995200,"Nested":[{"At":1640995200.123}]}',
    );
  });

  test('should leave out undefined members and write null in arrays', () => {
    expect(toWireJson({ a: undefined, b: [undefined, 1] })).toBe('{"b":[null,1]}');
  });

  test('should write undefined as null at the top', () => {
    expect(toWireJson(undefined)).toBe('null');
  });

  test('should serialise values nested deeper than the call stack allows', () => {
    const depth = 20_000;
    let value: unknown = { leaf: new Date(0), s: 'x"y' };
    for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { k: value };
    const text = toWireJson(value);
    expect(text.length).toBeGreaterThan(depth * 2);
    expect(text.startsWith('{"k":[{"k":[')).toBe(true);
    expect(text).toContain('{"leaf":0,"s":"x\\"y"}');
    // Balanced: the iterative writer closed everything it opened.
    const opens = (text.match(/[[{]/g) ?? []).length;
    const closes = (text.match(/[\]}]/g) ?? []).length;
    expect(opens).toBe(closes);
  });

  test('should treat __proto__ keys as plain data', () => {
    const value = JSON.parse('{"__proto__":{"x":1}}') as unknown;
    expect(toWireJson(value)).toBe('{"__proto__":{"x":1}}');
  });
});
