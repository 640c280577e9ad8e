/**
 * Tests of the strict, iterative event reader: duplicate keys, number texts, depth, size, hostile keys,
 * malformed inputs with their reasons, and how already-parsed JavaScript values map.
 */

import { describe, expect, test } from 'vitest';
import { eventFromValue, parseEvent, parseEventText } from '../../src/event/parse-event.js';
import type { EventObject, EventValue } from '../../src/event/parse-event.js';
import { InvalidEventError } from '../../src/event/errors.js';
import type { JsonNumber } from '../../src/values/json-number.js';

/** Converts an event tree back to plain data for readable assertions (members as [key, value] pairs). */
function plain(value: EventValue): unknown {
  if (Array.isArray(value)) return (value as EventValue[]).map(plain);
  if (typeof value === 'object' && value !== null) {
    if ('members' in value) return { members: value.members.map(([k, v]) => [k, plain(v)]) };
    return { num: (value as JsonNumber).text };
  }
  return value;
}

function reasonOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidEventError);
    const err = e as InvalidEventError;
    expect(err.name).toBe('ValidationException');
    expect(err.message).toBe('Parameter Event is not valid.');
    expect(err.statusCode).toBe(400);
    return err.reason;
  }
  throw new Error('expected an InvalidEventError');
}

describe('parseEventText', () => {
  test('should keep duplicate keys in document order', () => {
    expect(plain(parseEventText('{"a":"y","a":"x"}'))).toEqual({ members: [['a', 'y'], ['a', 'x']] });
  });

  test('should keep number texts', () => {
    const e = parseEventText('{"a":300.0,"b":-0,"c":3e2,"d":9007199254740993}');
    expect(plain(e)).toEqual({
      members: [['a', { num: '300.0' }], ['b', { num: '-0' }], ['c', { num: '3e2' }], ['d', { num: '9007199254740993' }]],
    });
  });

  test('should read every JSON type and whitespace', () => {
    const e = parseEventText(' \t\r\n{ "s" : "x" , "t":true,"f":false,"n":null,"a":[ 1 , [ ] , { } ],"o":{"k":[]}} \n');
    expect(plain(e)).toEqual({
      members: [
        ['s', 'x'], ['t', true], ['f', false], ['n', null],
        ['a', [{ num: '1' }, [], { members: [] }]],
        ['o', { members: [['k', []]] }],
      ],
    });
  });

  test('should decode escapes', () => {
    const e = parseEventText(String.raw`{"s":"a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00"}`);
    expect(plain(e)).toEqual({ members: [['s', 'a"b\\c/d\b\f\n\r\té😀']] });
  });

  test('should treat __proto__ and constructor keys as plain data', () => {
    const e = parseEventText('{"__proto__":{"polluted":"yes"},"constructor":"c"}');
    expect(plain(e)).toEqual({ members: [['__proto__', { members: [['polluted', 'yes']] }], ['constructor', 'c']] });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  test('should read events nested 10,000 deep', () => {
    const depth = 10_000;
    const text = '{"a":'.repeat(depth) + '"x"' + '}'.repeat(depth);
    let node: EventValue = parseEventText(text);
    for (let i = 0; i < depth; i++) node = (node as EventObject).members[0]![1];
    expect(node).toBe('x');
    const arrays = '{"a":' + '['.repeat(depth) + '1' + ']'.repeat(depth) + '}';
    expect(() => parseEventText(arrays)).not.toThrow();
  });

  test('should read a 1 MB string, with and without escapes', () => {
    const big = 'x'.repeat(1 << 20);
    expect(plain(parseEventText(`{"s":"${big}"}`))).toEqual({ members: [['s', big]] });
    const escaped = '\\n'.repeat(1 << 19);
    const e = parseEventText(`{"s":"${escaped}"}`);
    expect((e.members[0]![1] as string).length).toBe(1 << 19);
  });

  test.each([
    ['{"a":1', 'Unexpected end of input at position 6'],
    ['{"a":x}', "Unexpected character 'x' at position 5"],
    ['{"a":1,}', "Unexpected character '}' at position 7"],
    ['{"a":[1,]}', "Unexpected character ']' at position 8"],
    ['{a:1}', "Unexpected character 'a' at position 1"],
    ["{'a':1}", "Unexpected character ''' at position 1"],
    ['{"a":01}', 'Leading zeros are not allowed in a number at position 5'],
    ['{"a":-}', "Unexpected character '}' in a number at position 6"],
    ['{"a":1.}', "Unexpected character '}' in a number at position 7"],
    ['{"a":1e}', "Unexpected character '}' in a number at position 7"],
    ['{"a":NaN}', "Unexpected character 'N' at position 5"],
    ['{"a":tru}', "Unexpected character 't' at position 5"],
    ['{"a":"x', 'Unterminated string starting at position 5'],
    ['{"a":"\n"}', 'Unescaped control character U+000A in string at position 6'],
    ['{"a":"\\x"}', "Invalid escape character 'x' in string at position 6"],
    ['{"a":"\\u12G4"}', 'Invalid \\u escape in string at position 6'],
    ['{"a":1} x', "Unexpected character 'x' at position 8"],
    ['{"a":1}{}', "Unexpected character '{' at position 7"],
    ['{"a":1 /* c */}', "Unexpected character '/' at position 7"],
    ['\ufeff{"a":1}', 'Unexpected character \'\ufeff\' at position 0'],
    ['', 'Unexpected end of input at position 0'],
    ['{"a" 1}', "Unexpected character '1' at position 5"],
  ])('should reject malformed JSON %j with a reason', (text, reason) => {
    expect(reasonOf(() => parseEventText(text))).toBe(reason);
  });

  test.each(['[]', '[{"a":1}]', '"x"', '1', 'null', 'true'])('should reject the non-object top level %s', (text) => {
    expect(reasonOf(() => parseEventText(text))).toBe('Event must be a JSON object');
  });
});

describe('eventFromValue', () => {
  test('should map plain values like their JSON text', () => {
    const value = { s: 'x', n: 1.5, t: true, z: null, a: [1, { b: -0 }], o: {} };
    expect(plain(eventFromValue(value))).toEqual(plain(parseEventText(JSON.stringify(value))));
  });

  test('should skip undefined, functions and symbols in objects and turn them into null in arrays', () => {
    const value = { u: undefined, f: () => 1, s: Symbol('x'), a: [undefined, () => 1, Symbol('y'), 2] };
    expect(plain(eventFromValue(value))).toEqual({ members: [['a', [null, null, null, { num: '2' }]]] });
  });

  test('should turn holes into null, call toJSON and unbox primitives', () => {
    const value = { a: [1, , 3], d: new Date(0), s: new String('x'), n: new Number(2), b: new Boolean(false) };
    expect(plain(eventFromValue(value))).toEqual({
      members: [
        ['a', [{ num: '1' }, null, { num: '3' }]],
        ['d', '1970-01-01T00:00:00.000Z'],
        ['s', 'x'],
        ['n', { num: '2' }],
        ['b', false],
      ],
    });
  });

  test('should turn bigint into a number with its decimal text', () => {
    expect(plain(eventFromValue({ a: 9007199254740993n }))).toEqual({ members: [['a', { num: '9007199254740993' }]] });
  });

  test.each([
    [{ a: { b: Number.NaN } }, 'Number NaN at $.a.b is not valid JSON'],
    [{ a: [0, Infinity] }, 'Number Infinity at $.a[1] is not valid JSON'],
    [{ 'x y': -Infinity }, 'Number -Infinity at $["x y"] is not valid JSON'],
  ])('should reject non-finite numbers %#', (value, reason) => {
    expect(reasonOf(() => eventFromValue(value))).toBe(reason);
  });

  test('should reject circular references but accept shared ones', () => {
    const a: Record<string, unknown> = { x: 1 };
    a['self'] = { back: a };
    expect(reasonOf(() => eventFromValue(a))).toBe('Circular reference at $.self.back');
    const shared = { k: 'v' };
    expect(plain(eventFromValue({ p: shared, q: [shared] }))).toEqual({
      members: [['p', { members: [['k', 'v']] }], ['q', [{ members: [['k', 'v']] }]]],
    });
  });

  test('should keep an own __proto__ key as plain data', () => {
    const value = JSON.parse('{"__proto__":{"x":1}}') as object;
    expect(plain(eventFromValue(value))).toEqual({ members: [['__proto__', { members: [['x', { num: '1' }]] }]] });
  });

  test('should convert objects nested 10,000 deep', () => {
    let value: Record<string, unknown> = { leaf: 'x' };
    for (let i = 0; i < 10_000; i++) value = { a: value };
    expect(() => eventFromValue(value)).not.toThrow();
  });

  test.each([[[]], [[{ a: 1 }]], [new Date(0)]])('should reject a top level that is not an object %#', (value) => {
    expect(reasonOf(() => eventFromValue(value))).toBe('Event must be a JSON object');
  });

  test.each([null, undefined, 5, 'x'])('should reject the top-level value %j', (value) => {
    expect(reasonOf(() => eventFromValue(value))).toBe('Event must be a JSON object');
  });
});

describe('parseEvent', () => {
  test('should read text and values alike', () => {
    expect(plain(parseEvent('{"a":[1,"x"]}'))).toEqual(plain(parseEvent({ a: [1, 'x'] })));
  });
});
