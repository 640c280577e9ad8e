import { describe, expect, test } from 'vitest';
import { compactDetail } from '../../src/bus/detail.js';

describe('compactDetail', () => {
  test.each([
    ['{}', '{}'],
    [' { } ', '{}'],
    ['{"a": 1}', '{"a":1}'],
    ['{\n  "a" : [ 1.0 , -2e+3, 0.5E-1 ] ,\t"b": {"c": null, "d": true, "e": false}\r\n}', '{"a":[1.0,-2e+3,0.5E-1],"b":{"c":null,"d":true,"e":false}}'],
    ['{"s": "a b\\" \\\\ \\u00e9 \\n"}', '{"s":"a b\\" \\\\ \\u00e9 \\n"}'],
    ['{"dup": 1, "dup": 2}', '{"dup":1,"dup":2}'],
    ['{"__proto__": {"x": []}}', '{"__proto__":{"x":[]}}'],
    ['{"a":[[],[{}]]}', '{"a":[[],[{}]]}'],
  ])('should compact %j', (input, expected) => {
    expect(compactDetail(input)).toBe(expected);
  });

  test('should return the same string when there is no whitespace', () => {
    const text = '{"a":[1,2,{"b":"c d"}]}';
    expect(compactDetail(text)).toBe(text);
  });

  test.each([
    ['NotJSON'],
    ['[]'],
    ['"NotJSON"'],
    ['null'],
    ['1'],
    ['{{}'],
    ['{"a":1,}'],
    ['{"a":[1,]}'],
    ['{"a" 1}'],
    ["{'a':1}"],
    ['{"a":01}'],
    ['{"a":1.}'],
    ['{"a":.5}'],
    ['{"a":+1}'],
    ['{"a":1e}'],
    ['{"a":NaN}'],
    ['{"a":tru}'],
    ['{"a":"\\x"}'],
    ['{"a":"\\u12G4"}'],
    ['{"a":"tab\there"}'],
    ['{"a":"unterminated}'],
    ['{} {}'],
    ['{}x'],
    ['{"a":1'],
    ['{"a":[1}'],
    ['{"a":{]}'],
    [''],
    ['   '],
  ])('should reject %j', (input) => {
    expect(compactDetail(input)).toBeUndefined();
  });

  test('should read 10,000 levels of nesting without recursion', () => {
    const depth = 10_000;
    const text = `{"a": ${'['.repeat(depth)}${']'.repeat(depth)}}`;
    expect(compactDetail(text)).toBe(`{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`);
    expect(compactDetail(`{"a": ${'['.repeat(depth)}${']'.repeat(depth - 1)}}`)).toBeUndefined();
  });

  test('should read a 1 MB string', () => {
    const big = 'x'.repeat(1024 * 1024);
    expect(compactDetail(`{ "big" : "${big}" }`)).toBe(`{"big":"${big}"}`);
  });
});
