/**
 * The event scanner: which occurrences it extracts (paths, values, duplicates, escapes, array
 * coordinates), hostile input (10,000 deep, 1 MB strings, __proto__), and malformed JSON rejected
 * with the event reader's own reason, including inside skipped parts.
 */

import { describe, expect, test } from 'vitest';
import { PathTable } from '../../src/compile/path-table.js';
import { EventFields } from '../../src/event/scanner-fields.js';
import { isCompactJsonObject, scanEventText, scanEventValue } from '../../src/event/scanner.js';
import { InvalidEventError } from '../../src/event/errors.js';
import { eventFromValue, parseEventText } from '../../src/event/parse-event.js';
import type { LeafValue } from '../../src/values/leaf-value.js';

/** One extracted occurrence, with its coordinates as `array:index` steps from the outside in. */
interface Found {
  readonly value: LeafValue;
  readonly coords: string;
}

/** Scans `event` with the given used paths and returns the occurrences per path, in document order. */
function scan(paths: readonly string[], event: string | object): Record<string, Found[]> {
  const table = new PathTable();
  const nodes = paths.map((p) => table.acquire(p));
  const fields = new EventFields();
  fields.reset(table.leafCapacity);
  if (typeof event === 'string') scanEventText(event, table, fields);
  else scanEventValue(event, table, fields);
  const out: Record<string, Found[]> = {};
  paths.forEach((p, i) => {
    const list: Found[] = [];
    for (let o = fields.first((nodes[i] as { leafId: number }).leafId); o >= 0; o = fields.next[o] as number) {
      const steps: string[] = [];
      for (let e = fields.contexts[o] as number; e >= 0; e = fields.elementParent[e] as number) {
        steps.unshift(`${fields.elementArray[e]}:${fields.elementIndex[e]}`);
      }
      // Numbers as plain { text, value } (the scanner's own number objects slice their text lazily).
      const v = fields.values[o] as LeafValue;
      const value = typeof v === 'object' && v !== null ? { text: v.text, value: v.value } : v;
      list.unshift({ value, coords: steps.join('/') });
    }
    out[p] = list;
  });
  return out;
}

const values = (found: readonly Found[] | undefined): unknown[] => (found ?? []).map((f) => f.value);

/** The reason the event reader gives for malformed text. */
function readerReason(text: string): string {
  try {
    parseEventText(text);
  } catch (e) {
    return (e as InvalidEventError).reason;
  }
  return 'accepted';
}

describe('scanEventText', () => {
  test('should extract only used paths, with every leaf type', () => {
    const got = scan(['a', 'b.c', 'n', 't'], '{"a":"x","z":{"big":[1,2,3]},"b":{"c":null,"d":1},"n":-1.50e3,"t":[true,false]}');
    expect(values(got['a'])).toEqual(['x']);
    expect(values(got['b.c'])).toEqual([null]);
    expect(values(got['n'])).toEqual([{ text: '-1.50e3', value: -1500 }]);
    expect(values(got['t'])).toEqual([true, false]);
  });

  test('should reach one path through nested keys and dotted keys alike', () => {
    const got = scan(['a.b.c'], '{"a":{"b":{"c":1}},"a.b":{"c":2},"a.b.c":3,"a":{"b.c":4}}');
    expect(values(got['a.b.c']).map((v) => (v as { text: string }).text)).toEqual(['1', '2', '3', '4']);
  });

  test('should keep every value of duplicate keys', () => {
    expect(values(scan(['a'], '{"a":"y","a":"x"}')['a'])).toEqual(['y', 'x']);
  });

  test('should decode escapes in keys and values', () => {
    const got = scan(['é"k'], '{"\\u00e9\\"k":"a\\nb\\u0041\\/","x\\u0041":"\\\\"}');
    expect(values(got['é"k'])).toEqual(['a\nbA/']);
  });

  test('should treat __proto__ and constructor as plain keys', () => {
    const got = scan(['__proto__.x', 'constructor'], '{"__proto__":{"x":"p"},"constructor":"c"}');
    expect(values(got['__proto__.x'])).toEqual(['p']);
    expect(values(got['constructor'])).toEqual(['c']);
  });

  test('should give array elements that are objects or arrays a coordinate, scalars none', () => {
    const got = scan(['a.b', 'x'], '{"x":[1,2],"a":[{"b":1},{"b":[2,3]},[{"b":4}]]}');
    expect(got['x']?.map((f) => f.coords)).toEqual(['', '']);
    expect(got['a.b']).toEqual([
      // Array ids in order of appearance: x is #0, a is #1, [2,3] is #2, [{"b":4}] is #3.
      { value: { text: '1', value: 1 }, coords: '1:0' },
      { value: { text: '2', value: 2 }, coords: '1:1' },
      { value: { text: '3', value: 3 }, coords: '1:1' },
      { value: { text: '4', value: 4 }, coords: '1:2/3:0' },
    ]);
  });

  test('should skip an object under a leaf path yet still validate it', () => {
    expect(values(scan(['a'], '{"a":{"x":[1,{"y":"z"}]},"a":"v"}')['a'])).toEqual(['v']);
    expect(() => scan(['a'], '{"a":{"x":[1,]}}')).toThrow(InvalidEventError);
    expect(() => scan(['a'], '{"a":{"x":"\\u00"}}')).toThrow(InvalidEventError);
  });

  test('should validate skipped containers deeper than the skip regex reaches', () => {
    expect(values(scan(['a'], `{"z":${'[{"k":'.repeat(8)}1${'}]'.repeat(8)},"a":1}`)['a'])).toEqual([{ text: '1', value: 1 }]);
    expect(() => scan(['a'], `{"z":${'[{"k":'.repeat(8)}01${'}]'.repeat(8)},"a":1}`)).toThrow(InvalidEventError);
  });

  test('should yield nothing for empty arrays and objects', () => {
    expect(values(scan(['a'], '{"a":[],"a":{},"a":[[]]}')['a'])).toEqual([]);
  });

  test('should read events nested 10,000 deep, used or skipped', () => {
    const deep = `{"a":${'['.repeat(10_000)}"v"${']'.repeat(10_000)},"z":${'{"z":'.repeat(10_000)}1${'}'.repeat(10_000)}}`;
    expect(values(scan(['a'], deep)['a'])).toEqual(['v']);
  });

  test('should read and skip 1 MB strings', () => {
    const big = 'x'.repeat(1 << 20);
    const got = scan(['a'], `{"skip":"${big}","a":"${big}"}`);
    expect((got['a']?.[0]?.value as string).length).toBe(1 << 20);
  });

  test('should read characters whose low byte is JSON syntax as themselves', () => {
    // U+0122, U+015C, U+017B and U+0100 end in the bytes of '"', '\\', '{' and NUL: the scanner reads
    // a copy of the text's code units, which must be whole UTF-16 code units, not bytes.
    const key = '\u0122\u015c\u017b\u0100';
    const got = scan([key, 'b'], `{"${key}":"x\u0122y","skip":{"\u015c":["\u017b\u0122"]},"b":"\u0100"}`);
    expect(values(got[key])).toEqual(['x\u0122y']);
    expect(values(got['b'])).toEqual(['\u0100']);
  });

  test('should reject every cut-off prefix of an event it read whole, each like the event reader', () => {
    // Each cut is read right after the whole text, in the copy of code units the whole text left behind.
    const whole = '{"a":"xyz","n":[12.5,true,null],"z":{"q":"r"},"b":false}';
    for (let end = 1; end < whole.length; end++) {
      const cut = whole.slice(0, end);
      scan(['a', 'n', 'b'], whole);
      let reason = 'accepted';
      try {
        scan(['a', 'n', 'b'], cut);
      } catch (e) {
        reason = (e as InvalidEventError).reason;
      }
      expect({ cut, reason }).toEqual({ cut, reason: readerReason(cut) });
    }
  });

  test('should allow whitespace between every token', () => {
    const got = scan(['a.b'], ' \n{ "a" :\t[ { "b" : 1 } ,\r\n{"b":2} ] , "c" : [ ] }\n ');
    expect(values(got['a.b']).length).toBe(2);
  });

  test('should skip compact and spaced containers in one event, validating both', () => {
    // Skipped containers are tried as compact JSON first; once one has whitespace, the scan goes on
    // with the spaced form. Either order, each container is still validated.
    const compactThenSpaced = '{"z":{"p":[1,{"q":"r"}]},"y":{ "p" : [ 1 ] },"a":1}';
    const spacedThenCompact = '{"y":{ "p" : [ 1 ] },"z":{"p":[1,{"q":"r"}]},"a":1}';
    for (const text of [compactThenSpaced, spacedThenCompact]) {
      expect(values(scan(['a'], text)['a'])).toEqual([{ text: '1', value: 1 }]);
    }
    for (const bad of ['{"y":{ "p" : [ 1 ] },"z":{"p":[01]},"a":1}', '{"z":{"p":[1]},"y":{ "p" : [ 1, ] },"a":1}', '{"z":{"p":[1,]},"a":1}']) {
      expect(() => scan(['a'], bad)).toThrow(InvalidEventError);
    }
  });

  test.each([
    ['empty text', ''],
    ['not an object', '[1]'],
    ['a string', '"x"'],
    ['trailing text', '{"a":1} x'],
    ['two objects', '{"a":1}{"a":2}'],
    ['trailing comma in a skipped object', '{"a":1,"z":{"q":1,}}'],
    ['trailing comma in an array', '{"z":[1,2,]}'],
    ['missing colon', '{"z" 1}'],
    ['single quotes', "{'a':1}"],
    ['unquoted key', '{a:1}'],
    ['leading zero in a skipped number', '{"z":[012]}'],
    ['bare minus', '{"z":-}'],
    ['dot without digits', '{"z":1.}'],
    ['exponent without digits', '{"z":1e+}'],
    ['NaN', '{"z":NaN}'],
    ['truncated literal', '{"z":tru}'],
    ['unterminated string', '{"z":"abc'],
    ['unterminated skipped object', '{"z":{"a":1}'],
    ['raw newline inside a skipped string', '{"z":"a\nb"}'],
    ['raw tab inside a used string', '{"a":"a\tb"}'],
    ['raw control character inside a key', '{"a\u0001":1}'],
    ['bad escape', '{"z":"\\x"}'],
    ['short unicode escape', '{"a":"\\u12"}'],
    ['mismatched brackets', '{"z":[1}'],
    ['comment', '{"a":1 /* c */}'],
  ])('should reject %s like the event reader', (_name, text) => {
    let thrown: unknown;
    try {
      scan(['a'], text);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(InvalidEventError);
    expect((thrown as InvalidEventError).reason).toBe(readerReason(text));
  });
});

describe('scanEventValue', () => {
  test('should extract the same occurrences as the JSON text', () => {
    const event = { a: [{ b: 1 }, { b: [2, 'x'] }], c: { d: null }, e: [[{ b: true }]] };
    const paths = ['a.b', 'c.d', 'e.b'];
    expect(scan(paths, event)).toEqual(scan(paths, JSON.stringify(event)));
  });

  test('should reject values JSON cannot express, as the event reader does', () => {
    expect(() => scan(['a'], { a: Number.NaN })).toThrow(InvalidEventError);
    expect(() => scan(['a'], [1])).toThrow(InvalidEventError);
  });

  /** The event reader's message for a value, or 'accepted'. */
  function valueReason(event: object): string {
    try {
      eventFromValue(event);
    } catch (e) {
      return (e as InvalidEventError).message;
    }
    return 'accepted';
  }

  test('should read plain data directly and the rest as JSON.stringify would', () => {
    // Plain objects are walked directly; toJSON, class instances, boxed values and bigints go
    // through the event reader. Either way the result is that of the JSON text.
    const date = new Date(Date.UTC(2026, 0, 2));
    class Point {
      readonly b: number;
      constructor(b: number) {
        this.b = b;
      }
    }
    const bare = Object.create(null) as Record<string, unknown>;
    bare['b'] = 'bare';
    const events: object[] = [
      { a: { b: undefined, c: () => 1 }, d: [undefined, () => 1, Symbol('s'), 1] },
      { a: { b: -0 }, d: [0.1, 1e21, 300] },
      { a: { b: date }, d: [date] },
      { a: new Point(5), d: [new Point(6)] },
      { a: { b: new Number(7) }, d: [new String('s'), new Boolean(false)] },
      { a: bare, d: [bare, bare] },
      { a: { b: { toJSON: () => 'via toJSON' } }, d: [] },
      { a: [{ b: [{ b: 1 }] }], d: [[[]]] },
    ];
    for (const event of events) expect(scan(['a.b', 'd'], event)).toEqual(scan(['a.b', 'd'], JSON.stringify(event)));
    expect(scan(['a.b'], { a: { b: 10n } })['a.b']?.map((f) => (f.value as { text: string }).text)).toEqual(['10']);
  });

  test('should throw what the event reader throws for NaN, cycles and non-objects anywhere', () => {
    const cyclic: Record<string, unknown> = { x: 1 };
    cyclic['self'] = { back: cyclic };
    const deep: Record<string, unknown> = {};
    let cur = deep;
    for (let i = 0; i < 10_000; i++) cur = cur['n'] = {};
    const cases: object[] = [{ unused: { deeper: [1, Number.POSITIVE_INFINITY] } }, cyclic, [1], { a: { b: Number.NaN } }];
    for (const event of cases) {
      let thrown: unknown;
      try {
        scan(['a.b'], event);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(InvalidEventError);
      expect((thrown as InvalidEventError).message).toBe(valueReason(event));
    }
    expect(scan(['n.n'], deep)['n.n']?.length).toBe(0);
  });
});

describe('isCompactJsonObject', () => {
  const deep = (levels: number): string => `{"a":${'['.repeat(levels - 1)}1${']'.repeat(levels - 1)}}`;

  test.each([['{}'], ['{"a":[1,{"b":"c d"},true,null,-0.5e+3]}'], ['{"s":"\\u00e9\\"{["}'], ['{"a":1,"a":2}'], [deep(5)]])('should accept %s whole', (text) => {
    expect(isCompactJsonObject(text)).toBe(true);
  });

  // false decides nothing: the caller reads these the long way (and the valid ones are accepted there).
  test.each([
    ['an array', '[]'],
    ['leading whitespace', ' {}'],
    ['whitespace between tokens', '{"a": 1}'],
    ['text after the object', '{"a":1}x'],
    ['two objects', '{}{}'],
    ['six containers deep', deep(6)],
    ['a leading zero', '{"a":01}'],
    ['a trailing comma', '{"a":1,}'],
    ['a control character in a string', '{"a":"\u0001"}'],
    ['an empty text', ''],
  ])('should not accept %s', (_name, text) => {
    expect(isCompactJsonObject(text)).toBe(false);
  });
});
