/**
 * Hostile inputs shared by the test/hostile suites: deep nesting, huge strings, prototype-pollution
 * keys, NaN-ish and enormous numbers, odd Unicode. Each is JSON text (or bytes, for what is not
 * UTF-8), so every entry point gets the same bytes. Sizes are chosen to stress the code paths (past
 * V8's default stack for recursion, past 1 MiB for buffers) while keeping the suite fast.
 */

/** `depth` nested arrays around a value: `[[[...1...]]]`. */
export function nestedArrays(depth: number, inner = '1'): string {
  return `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;
}

/** `depth` nested objects: `{"a":{"a":...1...}}`. */
export function nestedObjects(depth: number, inner = '1'): string {
  return `${'{"a":'.repeat(depth)}${inner}${'}'.repeat(depth)}`;
}

/** A string of `n` characters. */
export function longString(n: number, char = 'x'): string {
  return char.repeat(n);
}

/** Keys that must never reach an object's prototype chain. */
export const pollutionKeys = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', '__defineGetter__'];

/** Number spellings JSON forbids or that stretch a double. */
export const oddNumbers = [
  'NaN',
  'Infinity',
  '-Infinity',
  '0x10',
  '1e400',
  '-1e400',
  '5e-324',
  '1e-400',
  '-0',
  '0.0000000000000000000000000000001',
  `1${'0'.repeat(400)}`,
  `0.${'1'.repeat(1000)}`,
  '9007199254740993',
  '1.7976931348623157e308',
  '01',
  '1.',
  '.5',
  '+1',
];

/** Event patterns AWS rejects or that are merely hard, as JSON text. */
export const hostilePatterns: readonly string[] = [
  nestedObjects(20_000, '["x"]'),
  nestedArrays(20_000),
  `{"a":${nestedArrays(5_000, '"x"')}}`,
  `{"source":["${longString(1024 * 1024)}"]}`,
  `{"${longString(100_000)}":["x"]}`,
  ...pollutionKeys.map((key) => `{"${key}":["x"]}`),
  ...pollutionKeys.map((key) => `{"detail":{"${key}":{"polluted":["yes"]}}}`),
  '{"__proto__":{"polluted":["yes"]}}',
  '{"constructor":{"prototype":{"polluted":["yes"]}}}',
  ...oddNumbers.map((n) => `{"n":[{"numeric":[">",${n}]}]}`),
  ...oddNumbers.map((n) => `{"n":[${n}]}`),
  '{"a":[{"numeric":[">",0,"<",1e308,">=",5]}]}',
  '{"a":[{"wildcard":"' + '*a'.repeat(5_000) + '"}]}',
  '{"a":[{"prefix":{"equals-ignore-case":"' + longString(100_000) + '"}}]}',
  '{"a":[{"anything-but":{"prefix":""}}]}',
  '{"a":[{"cidr":"999.1.1.1/99"}]}',
  '{"a":[{"exists":"true"}]}',
  '{"a":["\\ud800"]}',
  '{"a":["\\u0000"]}',
  '{"$or":[' + Array.from({ length: 2_000 }, (_, i) => `{"k${i}":["v"]}`).join(',') + ']}',
  '{"a":' + '['.repeat(3) + ']]]}',
  '{"a":["x"],"a":["y"]}',
  '{"a":["x"]',
  '',
  'null',
  '[]',
  '"{}"',
  '{}',
];

/** Events, as JSON text, AWS would reject or that are merely hard. */
export const hostileEvents: readonly string[] = [
  nestedObjects(50_000),
  `{"detail":${nestedArrays(50_000)}}`,
  `{"source":"${longString(1024 * 1024)}"}`,
  `{"${longString(200_000)}":1}`,
  ...pollutionKeys.map((key) => `{"${key}":"x","detail":{"${key}":{"polluted":"yes"}}}`),
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  ...oddNumbers.map((n) => `{"n":${n}}`),
  '{"n":[' + Array.from({ length: 50_000 }, (_, i) => i).join(',') + ']}',
  '{"a":"\\ud800"}',
  '{"a":"x","a":"y"}',
  '{"a":1',
  '',
  'null',
  '[]',
  '1e400',
  '"event"',
];

/** Byte sequences that are not UTF-8, each inside otherwise valid JSON. */
export const invalidUtf8Bodies: readonly Buffer[] = [
  Buffer.from('{"source":"caf\xE9"}', 'latin1'),
  Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xc0, 0x80]), Buffer.from('"}')]),
  Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]),
  Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xf4, 0x90, 0x80, 0x80]), Buffer.from('"}')]),
  Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xe2, 0x82])]),
];

/** Throws when something reached `Object.prototype`. */
export function assertNoPollution(): void {
  const probe = {} as Record<string, unknown>;
  if ('polluted' in probe || Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')) {
    throw new Error('Object.prototype was polluted');
  }
}
