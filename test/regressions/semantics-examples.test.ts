/**
 * Every concrete pattern/event example of docs/semantics.md (§1.2–1.7, §2.2–2.7, §3.1–3.11, §4.2, §8, §10)
 * as a table row, asserted through both doors: `testEventPattern` (reference evaluator) and a
 * one-rule `Matcher`, with the event as JSON text and, where the text survives `JSON.parse`
 * unchanged (no duplicate keys, no special number spellings), as a parsed object. Validation rows
 * assert the exact reason and how many location suffixes AWS appends. Q24 loads rules of different
 * operators on one field in many orders and checks each rule answers as it does alone.
 */

import { describe, expect, test } from 'vitest';
import { InvalidEventPatternError } from '../../src/errors.js';
import { Matcher } from '../../src/match/matcher.js';
import { checkEventPattern } from '../../src/pattern/parse.js';
import { testEventPattern } from '../../src/test-event-pattern.js';
import { INVALID_PATTERNS } from '../pattern/validation-catalogue.js';

/** One match example: pattern text, event text, documented result. */
type Row = readonly [pattern: string, event: string, expected: boolean];

/** One validation example: pattern text, documented reason, number of location suffixes (or undefined: not asserted). */
type Invalid = readonly [pattern: string, reason: string, suffixes?: number];

/**
 * Whether `JSON.parse(text)` keeps everything matching depends on: no duplicate object keys and
 * every number spelled as `String(Number(token))` spells it.
 */
function isObjectSafe(text: string): boolean {
  const stack: (Set<string> | null)[] = [];
  let expectKey = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      if (expectKey && top instanceof Set) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (top.has(key)) return false;
        top.add(key);
        expectKey = false;
      }
      i = j + 1;
      continue;
    }
    if (c === '{') {
      stack.push(new Set());
      expectKey = true;
    } else if (c === '[') {
      stack.push(null);
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',') {
      expectKey = stack[stack.length - 1] instanceof Set;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      const token = (/^-?[0-9.eE+-]+/.exec(text.slice(i)) as RegExpExecArray)[0];
      const x = Number(token);
      // A parsed subnormal is a comparable double even where Java spells it differently (5e-324).
      if (String(x) !== token || (x !== 0 && Math.abs(x) < 2.2250738585072014e-308)) return false;
      i += token.length;
      continue;
    }
    i++;
  }
  return true;
}

/** Asserts the documented result through every door. */
function expectResult(pattern: string, event: string, expected: boolean): void {
  expect(testEventPattern(pattern, event), 'testEventPattern(text)').toBe(expected);
  const m = new Matcher();
  m.addRule('r', pattern);
  expect(m.match(event), 'Matcher.match(text)').toEqual(expected ? ['r'] : []);
  if (isObjectSafe(event)) {
    const object = JSON.parse(event) as object;
    expect(testEventPattern(pattern, object), 'testEventPattern(object)').toBe(expected);
    expect(m.match(object), 'Matcher.match(object)').toEqual(expected ? ['r'] : []);
  }
}

/** Asserts the documented reason (and location-suffix count, when given) behind both doors. */
function expectInvalid(pattern: string, reason: string, suffixes?: number): void {
  const error = checkEventPattern(pattern);
  expect(error?.reason).toBe(reason);
  if (suffixes !== undefined) expect(error?.message.split('\n at [Source: ').length).toBe(suffixes + 1);
  expect(() => new Matcher().addRule('r', pattern)).toThrow(InvalidEventPatternError);
  expect(() => testEventPattern(pattern, '{}')).toThrow(InvalidEventPatternError);
}

/** `expectInvalid` for `test.each` rows whose third element is optional. */
function invalidRow(...row: unknown[]): void {
  expectInvalid(row[0] as string, row[1] as string, row[2] as number | undefined);
}

function expectValid(pattern: string): void {
  expect(checkEventPattern(pattern)?.message ?? null).toBeNull();
  expect(() => new Matcher().addRule('r', pattern)).not.toThrow();
}

const MATCH = 'pattern %s vs event %s → %s';

describe('docs/semantics.md §1 pattern structure', () => {
  test('§1.1: one leaf array may mix literals and operators', () => {
    expectValid('{"a":[{"equals-ignore-case":"x"},{"prefix":"y"},"z",5,null,true,{"anything-but":"q"}]}');
  });

  // §1.2 field paths; §1.3 duplicate pattern keys.
  test.each<Row>([
    ['{"a":{"b":["x"]}}', '{"a":{"b":"x"}}', true],
    ['{"a":{"b":["x"]}}', '{"a.b":"x"}', true],
    ['{"a.b":["x"]}', '{"a":{"b":"x"}}', true],
    ['{"a.b":["x"]}', '{"a.b":"x"}', true],
    ['{"":["x"]}', '{"":"x"}', true],
    // Q14: event-ruler misses this; the spec says treat empty keys normally.
    ['{"a":{"":["x"]}}', '{"a":{"":"x"}}', true],
    ['{"a":{"":["x"]}}', '{"a.":"x"}', true],
    ['{"a.":["x"]}', '{"a":{"":"x"}}', true],
    ['{"":{"":["x"]}}', '{"":{"":"x"}}', true],
    ['{"":{"":["x"]}}', '{".":"x"}', true],
    ['{"":{"":["x"]}}', '{"":"x"}', false],
    ['{"a":{"":["x"]}}', '{"a":"x"}', false],
    // Keys are plain data, prototype names included.
    ['{"__proto__":["x"]}', '{"__proto__":"x"}', true],
    ['{"constructor":[{"exists":true}]}', '{}', false],
    ['{"toString":[{"exists":false}]}', '{}', true],
    ['{"a":{"__proto__":{"b":["x"]}}}', '{"a":{"__proto__":{"b":"x"}}}', true],
    ['{"prefix":["x"]}', '{"prefix":"x"}', true],
    ['{"numeric":["x"]}', '{"numeric":"x"}', true],
    ['{"exists":["x"]}', '{"exists":"x"}', true],
    // §1.3: last wins on one leaf path.
    ['{"location":[{"prefix":"us-"}],"location":[{"anything-but":"us-east"}]}', '{"location":"us-east"}', false],
    ['{"location":[{"prefix":"us-"}],"location":[{"anything-but":"us-east"}]}', '{"location":"eu-west"}', true],
    ['{"location":[{"prefix":"us-"}],"location":[{"anything-but":"us-east"}]}', '{"location":"us-west"}', true],
    // §1.3: objects merge.
    ['{"b":{"c":["y"]},"b":{"d":["z"]}}', '{"b":{"c":"y","d":"z"}}', true],
    ['{"b":{"c":["y"]},"b":{"d":["z"]}}', '{"b":{"c":"y"}}', false],
    ['{"b":{"c":["y"]},"b":{"d":["z"]}}', '{"b":{"d":"z"}}', false],
    // §1.3: nested and dotted spellings of one path: last wins.
    ['{"a":{"b":["x"]},"a.b":["y"]}', '{"a":{"b":"y"}}', true],
    ['{"a":{"b":["x"]},"a.b":["y"]}', '{"a":{"b":"x"}}', false],
    ['{"a.b":["y"],"a":{"b":["x"]}}', '{"a":{"b":"x"}}', true],
  ])(MATCH, expectResult);

  // §1.4 degenerate patterns.
  test.each<Invalid>([
    ['{}', 'Empty objects are not allowed', 1],
    ['{"a":{}}', 'Empty objects are not allowed', 1],
    ['{"a":[]}', 'Empty arrays are not allowed', 1],
    ['{"a":[[ "x" ]]}', 'Match value must be String, number, true, false, or null', 1],
    ['{"a":[{}]}', 'Match expression name not found', 1],
    ['[]', 'Filter is not an object', 1],
    ['"x"', 'Filter is not an object', 1],
  ])('§1.4: %s is rejected with "%s"', invalidRow);

  test('§1.4, Q12: trailing garbage after the pattern is rejected', () => {
    expect(checkEventPattern('{"a":["x"]} trailing garbage')).not.toBeNull();
    expect(checkEventPattern('{"a":["x"]}{"b":["y"]}')).not.toBeNull();
  });

  // §1.6 $or validation.
  test.each<Invalid>([
    ['{"$or":{"a":["x"]}}', 'It must be an Array followed with $or.', 1],
    ['{"$or":"x"}', 'It must be an Array followed with $or.'],
    ['{"$or":[]}', 'There must have at least 2 Objects in $or relationship.', 1],
    ['{"$or":[{"a":["x"]}]}', 'There must have at least 2 Objects in $or relationship.', 1],
    ['{"$or":[{"a":["x"]},"b"]}', 'Only JSON object is allowed in array of $or relationship.', 1],
    ['{"$or":[{"a":["x"]},{}]}', 'Empty objects are not allowed', 1],
    ['{"$or":[{"a":["1"]},{"b":{"regex":["y"]}}]}', 'regex is Ruler reserved fieldName which cannot be used inside $or.'],
    ['{"x":{"$or":{"a":["1"]}}}', 'It must be an Array followed with $or.', 1],
    ['{"$or":[{"a":["1"]},{"$or":[{"b":["2"]}]}]}', 'There must have at least 2 Objects in $or relationship.', 1],
    ['{"$or":[{"a":["1"]},{"$or":[{"b":["2"]},{"c":{"exists":["y"]}}]}]}', 'exists is Ruler reserved fieldName which cannot be used inside $or.'],
    ['{"$or":[{"a":["x"]},{"numeric":["y"]}]}', 'numeric is Ruler reserved fieldName which cannot be used inside $or.', 1],
    // Q16: the legacy $or-as-field fallback is not implemented.
    ['{"$or":[{"numeric":[">",1]},{"prefix":"a"}]}', 'numeric is Ruler reserved fieldName which cannot be used inside $or.'],
  ])('§1.6: %s is rejected with "%s"', invalidRow);

  const reserved = [
    'exactly', 'equals-ignore-case', 'prefix', 'suffix', 'anything-but', 'exists', 'wildcard', 'numeric', 'cidr',
    '=', '<', '<=', '>', '>=', 'regex', 'not-wildcard', 'not-equals-ignore-case', 'date-after', 'date-on-or-after',
    'date-before', 'date-on-or-before', 'in-date-range', 'ip-address-in-range', 'ip-address-not-in-range',
  ];
  test.each(reserved)('§1.6: reserved word %s is rejected as a field name at any depth inside $or', (word) => {
    const reason = `${word} is Ruler reserved fieldName which cannot be used inside $or.`;
    const key = JSON.stringify(word);
    expectInvalid(`{"$or":[{"a":["1"]},{${key}:["y"]}]}`, reason);
    expectInvalid(`{"$or":[{"a":["1"]},{"b":{"c":{${key}:["y"]}}}]}`, reason);
    // Outside $or it is an ordinary field name.
    expectValid(`{${key}:["y"]}`);
  });

  test('§1.6: operators inside leaf arrays of $or branches are fine', () => {
    expectValid('{"$or":[{"a":[{"prefix":"x"}]},{"b":[{"numeric":[">",1]}]}]}');
  });

  test('§1.6: more than 1000 $or combinations (product of element counts) is rejected', () => {
    const or = (n: number, field: string): string =>
      `{"$or":[${Array.from({ length: n }, (_, i) => `{"${field}":["${i}"]}`).join(',')}]}`;
    expectValid(`{"x":${or(10, 'a')},"y":${or(10, 'b')},"z":${or(10, 'c')}}`);
    expect(checkEventPattern(`{"x":${or(11, 'a')},"y":${or(10, 'b')},"z":${or(10, 'c')}}`)).not.toBeNull();
    // Nested $or: the doc formula still multiplies (2 × 25 × 25 = 1250), though only 50 sub-rules exist.
    expect(checkEventPattern(`{"$or":[${or(25, 'a')},${or(25, 'b')}]}`)).not.toBeNull();
    expectValid(`{"$or":[${or(20, 'a')},${or(20, 'b')}]}`);
  });

  // §1.6 $or semantics.
  test.each<Row>([
    ['{"$or":[{"a":["1"]},{"b":["2"]}],"c":["3"]}', '{"a":"1","c":"3"}', true],
    ['{"$or":[{"a":["1"]},{"b":["2"]}],"c":["3"]}', '{"b":"2","c":"3"}', true],
    ['{"$or":[{"a":["1"]},{"b":["2"]}],"c":["3"]}', '{"a":"1","b":"2"}', false],
    ['{"c":["3"],"$or":[{"a":["1"]},{"b":["2"]}]}', '{"b":"2","c":"3"}', true],
    ['{"c":["3"],"$or":[{"a":["1"]},{"b":["2"]}]}', '{"b":"2"}', false],
    // Sequential $or multiply: AC, AD, BC, BD.
    ['{"$or":[{"a":["1"]},{"b":["2"]}],"$or":[{"c":["3"]},{"d":["4"]}]}', '{"a":"1","c":"3"}', true],
    ['{"$or":[{"a":["1"]},{"b":["2"]}],"$or":[{"c":["3"]},{"d":["4"]}]}', '{"a":"1","d":"4"}', true],
    ['{"$or":[{"a":["1"]},{"b":["2"]}],"$or":[{"c":["3"]},{"d":["4"]}]}', '{"b":"2","c":"3"}', true],
    ['{"$or":[{"a":["1"]},{"b":["2"]}],"$or":[{"c":["3"]},{"d":["4"]}]}', '{"b":"2","d":"4"}', true],
    ['{"$or":[{"a":["1"]},{"b":["2"]}],"$or":[{"c":["3"]},{"d":["4"]}]}', '{"a":"1","b":"2"}', false],
    ['{"$or":[{"a":["1"]},{"b":["2"]}],"$or":[{"c":["3"]},{"d":["4"]}]}', '{"c":"3","d":"4"}', false],
    // Nested $or adds up.
    ['{"$or":[{"a":["1"]},{"$or":[{"b":["2"]},{"c":["3"]}]}]}', '{"c":"3"}', true],
    ['{"$or":[{"a":["1"]},{"$or":[{"b":["2"]},{"c":["3"]}]}]}', '{"b":"2"}', true],
    ['{"$or":[{"a":["1"]},{"$or":[{"b":["2"]},{"c":["3"]}]}]}', '{"d":"4"}', false],
    // $or inside a nested object prefixes the branch paths.
    ['{"x":{"$or":[{"a":["1"]},{"b":["2"]}]}}', '{"x":{"a":"1"}}', true],
    ['{"x":{"$or":[{"a":["1"]},{"b":["2"]}]}}', '{"x":{"b":"2"}}', true],
    ['{"x":{"$or":[{"a":["1"]},{"b":["2"]}]}}', '{"a":"1"}', false],
    // Last-wins inside each sub-rule, in document order.
    ['{"$or":[{"a":["1"]},{"a":["2"]}],"a":["3"]}', '{"a":"1"}', false],
    ['{"$or":[{"a":["1"]},{"a":["2"]}],"a":["3"]}', '{"a":"2"}', false],
    ['{"$or":[{"a":["1"]},{"a":["2"]}],"a":["3"]}', '{"a":"3"}', true],
    ['{"a":["3"],"$or":[{"a":["1"]},{"a":["2"]}]}', '{"a":"1"}', true],
    ['{"a":["3"],"$or":[{"a":["1"]},{"a":["2"]}]}', '{"a":"2"}', true],
    ['{"a":["3"],"$or":[{"a":["1"]},{"a":["2"]}]}', '{"a":"3"}', false],
    // exists:false inside $or.
    ['{"$or":[{"a":[{"exists":false}]},{"b":["2"]}]}', '{}', true],
    ['{"$or":[{"a":[{"exists":false}]},{"b":["2"]}]}', '{"a":1}', false],
    ['{"$or":[{"a":[{"exists":false}]},{"b":["2"]}]}', '{"a":1,"b":"2"}', true],
    // Q23: every branch counts, even one sharing a pattern with an earlier branch.
    ['{"$or":[{"k":["a"]},{"k":["a","b"]}]}', '{"k":"b"}', true],
    ['{"$or":[{"k":["a"]},{"k":["a","b"]}]}', '{"k":"a"}', true],
    ['{"$or":[{"k":["a"]},{"k":["a","b"]}]}', '{"k":"c"}', false],
  ])(MATCH, expectResult);

  // §1.7 JSON parsing details.
  test.each<Invalid>([
    ['{"a":["x"],}', "Unexpected character ('}' (code 125)): was expecting double-quote to start field name", 1],
    ['{"a":[01]}', 'Invalid numeric value: Leading zeroes not allowed', 1],
    ['{"a":[NaN]}', "Non-standard token 'NaN': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow", 1],
    ["{'a':['x']}", "Unexpected character (''' (code 39)): was expecting double-quote to start field name"],
    ['{"a":[this]}', "Unrecognized token 'this': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"],
  ])('§1.7, §4.1: %s is rejected with "%s"', invalidRow);

  // §4.1: validation is single-pass in document order; later errors, even syntax errors, are not reached.
  test.each<Invalid>([
    ['{"b":"x","a":[]}', '"b" must be an object or an array', 1],
    ['{"a":"x", bad}', '"a" must be an object or an array', 1],
    ['{"a":[{"prefix":5}],"b":"x"}', 'prefix match pattern must be a string', 1],
    ['{"a":[{"anything-but":"x"},{}]}', 'Match expression name not found', 1],
  ])('§4.1: %s is rejected with "%s"', invalidRow);

  test.each(['{"a":["x"] /* c */}', '{a:["x"]}', '{"a":[Infinity]}', '{"a":["x",]}', '{"a":[-01]}'])(
    '§1.7: %s is rejected (strict JSON)',
    (pattern) => {
      expect(checkEventPattern(pattern)).not.toBeNull();
    },
  );

  test.each<Row>([
    ['{"a":["é"]}', '{"a":"\\u00e9"}', true],
    ['{"a":["\\u00e9"]}', '{"a":"é"}', true],
    ['{"a":["é"]}', '{"a":"e\\u0301"}', false],
  ])(MATCH, expectResult);
});

describe('docs/semantics.md §2 event side', () => {
  // §2.2 flattening.
  test.each<Row>([
    ['{"a":["x"]}', '{"a":[[[["x"]]]]}', true],
    ['{"a":[{"exists":false}]}', '{"a":{}}', true],
    ['{"a":[{"exists":false}]}', '{"a":[]}', true],
    ['{"a":[{"exists":false}]}', '{"a":[[]]}', true],
    ['{"a":[{"exists":true}]}', '{"a":{}}', false],
    ['{"a":[{"exists":true}]}', '{"a":[]}', false],
    ['{"a":[{"exists":true}]}', '{"a":[[]]}', false],
    ['{"resources":[null]}', '{"resources":[]}', false],
    ['{"resources":[{"exists":true}]}', '{"resources":[]}', false],
    ['{"a":[1]}', '{"a":[1,2]}', true],
    ['{"a":[2]}', '{"a":[1,2]}', true],
    ['{"a":[3]}', '{"a":[1,2]}', false],
    ['{"a":{"b":["x"]}}', '{"a.b":"x","a":{"b":"y"}}', true],
    ['{"a":{"b":["y"]}}', '{"a.b":"x","a":{"b":"y"}}', true],
    // Q11: the text door keeps both values of a duplicate event key.
    ['{"a":["y"]}', '{"a":"y","a":"x"}', true],
    ['{"a":["x"]}', '{"a":"y","a":"x"}', true],
  ])(MATCH, expectResult);

  // §2.3 value encoding keeps types apart.
  test.each<Row>([
    ['{"a":["1"]}', '{"a":1}', false],
    ['{"a":[1]}', '{"a":"1"}', false],
    ['{"a":["true"]}', '{"a":true}', false],
    ['{"a":[true]}', '{"a":"true"}', false],
    ['{"a":["null"]}', '{"a":null}', false],
    ['{"a":[null]}', '{"a":"null"}', false],
    ['{"a":[""]}', '{"a":null}', false],
    ['{"a":[null]}', '{"a":""}', false],
    ['{"a":[{"prefix":""}]}', '{"a":1}', false],
    ['{"a":[{"prefix":""}]}', '{"a":true}', false],
    ['{"a":[{"prefix":""}]}', '{"a":null}', false],
    ['{"a":[{"prefix":""}]}', '{"a":""}', true],
    ['{"a":[{"prefix":""}]}', '{"a":"abc"}', true],
    ['{"a":[{"wildcard":"*"}]}', '{"a":1}', false],
    ['{"a":[{"wildcard":"*"}]}', '{"a":false}', false],
    ['{"a":[{"wildcard":"*"}]}', '{"a":null}', false],
    ['{"a":[{"wildcard":"*"}]}', '{"a":""}', true],
    ['{"a":[{"suffix":"1"}]}', '{"a":1}', false],
    ['{"a":[{"equals-ignore-case":"1"}]}', '{"a":1}', false],
    ['{"a":[{"numeric":[">",100]}]}', '{"a":"300"}', false],
    ['{"a":[{"numeric":[">",100]}]}', '{"a":300}', true],
  ])(MATCH, expectResult);

  // §2.4 comparability, checked through numeric "=" validation.
  test.each([
    '300', '300.0', '3.0e2', '3E2', '0.1', '0.10', '1e-1', '0.30000000000000004', '-0', '0e10',
    '1.7976931348623157e308', '4.9e-324',
  ])('§2.4: %s is comparable', (text) => {
    expectValid(`{"a":[{"numeric":["=",${text}]}]}`);
  });
  test.each([
    '9007199254740993', '12345678901234567890', '300.0000000000000001', '1.0000000000000000001', '1e400', '1e-400', '5e-324',
  ])('§2.4: %s is not comparable', (text) => {
    expectInvalid(`{"a":[{"numeric":["=",${text}]}]}`, `Cannot compare number : ${text}`, 1);
    // A non-comparable literal is still a valid exact-text pattern (§3.2).
    expectValid(`{"a":[${text}]}`);
  });

  // §2.4 number equality: both comparable and same double, or identical text.
  test.each<Row>([
    ['{"a":[300]}', '{"a":300}', true],
    ['{"a":[300]}', '{"a":300.0}', true],
    ['{"a":[300]}', '{"a":3.0e2}', true],
    ['{"a":[300]}', '{"a":3E2}', true],
    ['{"a":[3.0e2]}', '{"a":300}', true],
    ['{"a":[0.1]}', '{"a":0.10}', true],
    ['{"a":[0.1]}', '{"a":1e-1}', true],
    ['{"a":[0.3]}', '{"a":0.30000000000000004}', false],
    ['{"a":[0.30000000000000004]}', '{"a":0.30000000000000004}', true],
    ['{"a":[0]}', '{"a":-0}', true],
    ['{"a":[-0]}', '{"a":0}', true],
    ['{"a":[0]}', '{"a":0e10}', true],
    ['{"a":[1.7976931348623157e308]}', '{"a":1.7976931348623157E308}', true],
    ['{"a":[4.9e-324]}', '{"a":4.9E-324}', true],
    ['{"a":[5e-324]}', '{"a":4.9e-324}', false],
    ['{"a":[5e-324]}', '{"a":5e-324}', true],
    ['{"a":[5e-324]}', '{"a":5E-324}', false],
    ['{"a":[9007199254740993]}', '{"a":9007199254740993}', true],
    ['{"a":[9007199254740993]}', '{"a":9007199254740992}', false],
    ['{"a":[9007199254740992]}', '{"a":9007199254740993}', false],
    ['{"a":[9007199254740993]}', '{"a":9007199254740993.0}', false],
    ['{"a":[12345678901234567890]}', '{"a":12345678901234567890}', true],
    ['{"a":[12345678901234567890]}', '{"a":12345678901234567890.0}', false],
    ['{"a":[12345678901234567890]}', '{"a":1.2345678901234567890e19}', false],
    ['{"a":[300]}', '{"a":300.0000000000000001}', false],
    ['{"a":[1.0000000000000000001]}', '{"a":1}', false],
    ['{"a":[1.0000000000000000001]}', '{"a":1.0000000000000000001}', true],
    ['{"a":[1e400]}', '{"a":1e400}', true],
    ['{"a":[1e400]}', '{"a":1E400}', false],
    ['{"a":[1e-400]}', '{"a":1e-400}', true],
    ['{"a":[1e-400]}', '{"a":0}', false],
    ['{"a":[0]}', '{"a":1e-400}', false],
    // Numeric operators silently fail on non-comparable event numbers.
    ['{"a":[{"numeric":[">",0]}]}', '{"a":1e400}', false],
    ['{"a":[{"numeric":[">",0]}]}', '{"a":9007199254740993}', false],
    ['{"a":[{"numeric":[">",0]}]}', '{"a":12345678901234567890}', false],
    ['{"a":[{"numeric":[">",0]}]}', '{"a":300.0000000000000001}', false],
    ['{"a":[{"numeric":["<",0]}]}', '{"a":-1e400}', false],
    ['{"a":[{"numeric":[">",0]}]}', '{"a":5e-324}', false],
    ['{"a":[{"numeric":[">",0]}]}', '{"a":4.9e-324}', true],
    ['{"a":[{"numeric":["=",300]}]}', '{"a":3e2}', true],
    ['{"a":[{"numeric":["=",0]}]}', '{"a":-0}', true],
    ['{"a":[{"anything-but":[0]}]}', '{"a":-0}', false],
    ['{"a":[{"anything-but":[0]}]}', '{"a":0.0}', false],
    ['{"a":[{"anything-but":[9007199254740992]}]}', '{"a":9007199254740993}', true],
    ['{"a":[{"numeric":["<",9007199254740992]}]}', '{"a":9007199254740991}', true],
    ['{"a":[{"exists":true}]}', '{"a":1e400}', true],
  ])(MATCH, expectResult);

  // §2.5 arrays and array consistency (the "AC match" column).
  const employees =
    '{"employees":[[{"firstName":"John","lastName":"Doe"},{"firstName":"Anna","lastName":"Smith"}],[{"firstName":"Peter","lastName":"Jones"}]]}';
  test.each<Row>([
    ['{"a":{"b":[1],"c":[4]}}', '{"a":[{"b":1,"c":2},{"b":3,"c":4}]}', false],
    ['{"a":{"b":[1],"c":[4]}}', '{"a":[{"b":1,"c":4},{"b":3,"c":2}]}', true],
    ['{"a":{"b":[2],"c":[3]}}', '{"a":[{"b":[1,2],"c":3}]}', true],
    ['{"a":{"b":[2],"c":[3]}}', '{"a":[{"b":[1,2]},{"c":3}]}', false],
    ['{"a":{"b":{"c":[1],"d":[2]}}}', '{"a":[{"b":[{"c":1},{"d":2}]}]}', false],
    ['{"a":{"b":{"c":[1],"d":[2]}}}', '{"a":[{"b":{"c":1}},{"b":{"d":2}}]}', false],
    ['{"a":{"b":{"c":[1],"d":[2]}}}', '{"a":[{"b":[{"c":1,"d":2}]}]}', true],
    ['{"x":[1],"a":{"b":[2]}}', '{"x":[1,5],"a":[{"b":2}]}', true],
    ['{"employees":{"firstName":["Anna"],"lastName":["Jones"]}}', employees, false],
    ['{"employees":{"firstName":["Anna"],"lastName":["Smith"]}}', employees, true],
    // exists:false under AC follows the sorted path order (Q2).
    ['{"a":{"b":[1],"c":[{"exists":false}]}}', '{"a":[{"b":1},{"c":4}]}', true],
    ['{"a":{"b":[{"exists":false}],"c":[4]}}', '{"a":[{"b":1},{"c":4}]}', false],
    ['{"b":{"d":[2],"e":[{"exists":false}]}}', '{"b":[{"d":2},{"e":1}]}', true],
    ['{"b":{"a":[{"exists":false}],"d":[2]}}', '{"b":[{"d":2},{"a":1}]}', false],
    // The order is that of whole path strings ("x.a-c" < "x.a.b" because "-" < "."), not of steps.
    ['{"x":{"a":{"b":[{"exists":false}]},"a-c":[1]}}', '{"x":[{"a-c":1},{"a":{"b":2}}]}', true],
    ['{"x":{"a":{"b":[1]},"a-c":[{"exists":false}]}}', '{"x":[{"a":{"b":1}},{"a-c":2}]}', false],
    // ... compared in UTF-16 code units like Java's String.compareTo: "😀" (D83D…) < "ｚ" (FF5A).
    ['{"x":{"😀":[{"exists":false}],"ｚ":[1]}}', '{"x":[{"ｚ":1},{"😀":1}]}', false],
    ['{"x":{"😀":[1],"ｚ":[{"exists":false}]}}', '{"x":[{"😀":1},{"ｚ":1}]}', true],
    // exists:false with nothing bound yet, or with the path absent everywhere.
    ['{"a":{"b":[{"exists":false}],"c":[4]}}', '{"a":[{"c":4}]}', true],
    ['{"a":{"b":[{"exists":false}]}}', '{"a":[{"b":[]},{"c":1}]}', true],
    ['{"a":{"b":[{"exists":false}]}}', '{"a":[{"c":1},{"b":[null]}]}', false],
  ])(MATCH, expectResult);

  // §2.6 null vs missing vs empty: every cell of the table.
  const columns = ['[null]', '[""]', '[{"exists":true}]', '[{"exists":false}]', '[{"anything-but":"x"}]'] as const;
  const table: readonly (readonly [string, readonly boolean[]])[] = [
    ['{}', [false, false, false, true, false]],
    ['{"a":null}', [true, false, true, false, true]],
    ['{"a":""}', [false, true, true, false, true]],
    ['{"a":[]}', [false, false, false, true, false]],
    ['{"a":[null]}', [true, false, true, false, true]],
    ['{"a":{}}', [false, false, false, true, false]],
    ['{"a":{"k":1}}', [false, false, false, true, false]],
  ];
  test.each<Row>(
    table.flatMap(([event, results]) =>
      columns.map((column, i): Row => [`{"a":${column}}`, event, results[i] as boolean]),
    ),
  )(`§2.6: ${MATCH}`, expectResult);

  // §2.7 objects as leaf values.
  test.each<Row>([
    ['{"detail":{"c-count":[{"exists":false}]}}', '{"detail":{"c-count":{"c1":100}}}', true],
    ['{"detail":{"c-count":[{"exists":true}]}}', '{"detail":{"c-count":{"c1":100}}}', false],
    ['{"detail":{"c-count":[100]}}', '{"detail":{"c-count":{"c1":100}}}', false],
    ['{"a":{"b":["x"]}}', '{"a":1}', false],
    ['{"a":{"b":[{"exists":false}]}}', '{"a":1}', true],
    ['{"detail":{"k":["v"]}}', '{"detail":"{\\"k\\":\\"v\\"}"}', false],
  ])(MATCH, expectResult);
});

describe('docs/semantics.md §3 operators', () => {
  // §3.0 which operator can match which event type. Events: string, comparable number,
  // non-comparable number, true, false, null.
  const S = '{"a":"5"}';
  const N = '{"a":5}';
  const BIG = '{"a":9007199254740993}';
  const T = '{"a":true}';
  const F = '{"a":false}';
  const Z = '{"a":null}';
  test.each<Row>([
    ['{"a":["5"]}', S, true], ['{"a":["5"]}', N, false], ['{"a":["5"]}', T, false], ['{"a":["5"]}', Z, false],
    ['{"a":[5]}', S, false], ['{"a":[5]}', N, true], ['{"a":[5]}', '{"a":5.0}', true], ['{"a":[5]}', T, false], ['{"a":[5]}', Z, false],
    ['{"a":[9007199254740993]}', BIG, true],
    ['{"a":[true]}', T, true], ['{"a":[true]}', F, false], ['{"a":[true]}', '{"a":"true"}', false], ['{"a":[true]}', Z, false],
    ['{"a":[false]}', F, true], ['{"a":[false]}', T, false], ['{"a":[false]}', '{"a":0}', false],
    ['{"a":[null]}', Z, true], ['{"a":[null]}', F, false], ['{"a":[null]}', '{"a":[1,null]}', true],
    ['{"a":[{"exactly":"5"}]}', S, true], ['{"a":[{"exactly":"5"}]}', N, false],
    ['{"a":[{"prefix":"5"}]}', N, false], ['{"a":[{"prefix":"5"}]}', S, true],
    ['{"a":[{"suffix":"5"}]}', N, false], ['{"a":[{"suffix":"5"}]}', S, true],
    ['{"a":[{"prefix":{"equals-ignore-case":"5"}}]}', N, false],
    ['{"a":[{"suffix":{"equals-ignore-case":"5"}}]}', N, false],
    ['{"a":[{"equals-ignore-case":"true"}]}', T, false], ['{"a":[{"equals-ignore-case":"5"}]}', S, true],
    ['{"a":[{"wildcard":"5*"}]}', N, false], ['{"a":[{"wildcard":"*"}]}', T, false], ['{"a":[{"wildcard":"5*"}]}', S, true],
    ['{"a":[{"cidr":"10.0.0.0/8"}]}', '{"a":"10.1.2.3"}', true],
    ['{"a":[{"cidr":"10.0.0.0/8"}]}', '{"a":"abc"}', false],
    ['{"a":[{"cidr":"10.0.0.0/8"}]}', '{"a":10}', false],
    ['{"a":[{"numeric":["=",5]}]}', S, false], ['{"a":[{"numeric":["=",5]}]}', N, true],
    ['{"a":[{"numeric":[">",0]}]}', BIG, false], ['{"a":[{"numeric":[">",0]}]}', T, false], ['{"a":[{"numeric":[">",0]}]}', Z, false],
    ['{"a":[{"exists":true}]}', S, true], ['{"a":[{"exists":true}]}', N, true], ['{"a":[{"exists":true}]}', BIG, true],
    ['{"a":[{"exists":true}]}', T, true], ['{"a":[{"exists":true}]}', F, true], ['{"a":[{"exists":true}]}', Z, true],
    // anything-but (string list).
    ['{"a":[{"anything-but":["5","x"]}]}', S, false], ['{"a":[{"anything-but":["5","x"]}]}', '{"a":"y"}', true],
    ['{"a":[{"anything-but":["5","x"]}]}', N, true], ['{"a":[{"anything-but":["5","x"]}]}', BIG, true],
    ['{"a":[{"anything-but":["5","x"]}]}', T, true], ['{"a":[{"anything-but":["5","x"]}]}', Z, true],
    // anything-but (number list).
    ['{"a":[{"anything-but":[5,6]}]}', S, true], ['{"a":[{"anything-but":[5,6]}]}', N, false],
    ['{"a":[{"anything-but":[5,6]}]}', '{"a":5.0}', false], ['{"a":[{"anything-but":[5,6]}]}', '{"a":7}', true],
    ['{"a":[{"anything-but":[5,6]}]}', BIG, true], ['{"a":[{"anything-but":[5,6]}]}', T, true], ['{"a":[{"anything-but":[5,6]}]}', Z, true],
    // anything-but prefix / suffix / ignore-case / wildcard.
    ['{"a":[{"anything-but":{"prefix":"5"}}]}', S, false], ['{"a":[{"anything-but":{"prefix":"5"}}]}', N, true],
    ['{"a":[{"anything-but":{"prefix":"5"}}]}', BIG, true], ['{"a":[{"anything-but":{"prefix":"5"}}]}', T, true],
    ['{"a":[{"anything-but":{"prefix":"5"}}]}', Z, true],
    ['{"a":[{"anything-but":{"suffix":"5"}}]}', S, false], ['{"a":[{"anything-but":{"suffix":"5"}}]}', N, true],
    ['{"a":[{"anything-but":{"equals-ignore-case":"5"}}]}', S, false],
    ['{"a":[{"anything-but":{"equals-ignore-case":"5"}}]}', N, true],
    ['{"a":[{"anything-but":{"equals-ignore-case":"true"}}]}', T, true],
    ['{"a":[{"anything-but":{"wildcard":"*"}}]}', S, false], ['{"a":[{"anything-but":{"wildcard":"*"}}]}', N, true],
    ['{"a":[{"anything-but":{"wildcard":"*"}}]}', Z, true], ['{"a":[{"anything-but":{"wildcard":"*"}}]}', F, true],
  ])(`§3.0: ${MATCH}`, expectResult);

  // §3.1 exact strings and the IP-literal quirk (Q7), Q20 and Q21.
  test.each<Row>([
    ['{"a":["10.0.0.1"]}', '{"a":"10.0.0.1"}', true],
    ['{"a":["10.0.0.1"]}', '{"a":"10.0.0.01"}', true],
    ['{"a":["10.0.0.1"]}', '{"a":"010.0.0.1"}', true],
    ['{"a":["10.0.0.1"]}', '{"a":"10.0.0.2"}', false],
    ['{"a":["001.002.003.004"]}', '{"a":"1.2.3.4"}', true],
    ['{"a":["1.2.3.4"]}', '{"a":"1.2.3.0004"}', true],
    ['{"a":["2001:db8::1"]}', '{"a":"2001:0db8:0000::0001"}', true],
    ['{"a":["10.0.0.1"]}', '{"a":["x","10.000.0.1"]}', true],
    ['{"a":["2001:db8::1"]}', '{"a":"2001:DB8:0:0:0:0:0:1"}', true],
    ['{"a":["::"]}', '{"a":"0:0:0:0:0:0:0:0"}', true],
    ['{"a":["::ffff:a00:5"]}', '{"a":"10.0.0.5"}', true],
    ['{"a":["10.0.0.5"]}', '{"a":"::ffff:a00:5"}', true],
    ['{"a":["12:30"]}', '{"a":"12:30"}', true],
    ['{"a":["12:30"]}', '{"a":"12:30:0"}', false],
    ['{"a":["1.2.3.4.5"]}', '{"a":"1.2.3.4.5"}', true],
    ['{"a":["1.2.3.4.5"]}', '{"a":"1.2.3.4.05"}', false],
    ['{"a":[{"exactly":"10.0.0.1"}]}', '{"a":"10.0.0.1"}', true],
    ['{"a":[{"exactly":"10.0.0.1"}]}', '{"a":"10.0.0.01"}', false],
    ['{"a":[{"exactly":"x"}]}', '{"a":"x"}', true],
    // Q8: no cross-family leak through the IP-literal quirk.
    ['{"a":["10.0.0.1"]}', '{"a":"a00:1::"}', false],
    // Q20: IP matchers only match strings ("17.17.17.17" is hex 11111111).
    ['{"a":["17.17.17.17"]}', '{"a":11111111}', false],
    ['{"a":["17.17.17.17"]}', '{"a":"17.17.17.17"}', true],
    // Q21: either IP reading of a 16-character IPv4-looking string keeps identical text equal.
    ['{"a":["255.255.255.0255"]}', '{"a":"255.255.255.0255"}', true],
    // Q21, this library's choice (as event-ruler, and so presumably AWS): over 15 characters is no IPv4.
    ['{"a":[{"cidr":"0.0.0.0/0"}]}', '{"a":"255.255.255.0255"}', false],
    ['{"a":["255.255.255.255"]}', '{"a":"255.255.255.0255"}', false],
  ])(`§3.1: ${MATCH}`, expectResult);

  // §3.2–3.3 exact numbers and literals.
  test('§3.2: a non-comparable number literal is valid', () => {
    expectValid('{"a":[1e400]}');
    expectValid('{"a":[9007199254740993]}');
  });

  // §3.4 prefix, §3.5 suffix.
  test.each<Row>([
    ['{"a":[{"prefix":"p"}]}', '{"a":"pa"}', true],
    ['{"a":[{"prefix":"p"}]}', '{"a":"Pa"}', false],
    ['{"a":[{"prefix":"p"}]}', '{"a":"ap"}', false],
    ['{"a":[{"prefix":"é"}]}', '{"a":"été"}', true],
    ['{"a":[{"prefix":"a\\"b"}]}', '{"a":"a\\"bc"}', true],
    ['{"a":[{"prefix":{"equals-ignore-case":"ab"}}]}', '{"a":"ABc"}', true],
    ['{"a":[{"prefix":{"equals-ignore-case":"ab"}}]}', '{"a":"aB"}', true],
    ['{"a":[{"prefix":{"equals-ignore-case":"ab"}}]}', '{"a":"xab"}', false],
    ['{"a":[{"prefix":{"equals-ignore-case":""}}]}', '{"a":"any"}', true],
    ['{"a":[{"prefix":{"equals-ignore-case":""}}]}', '{"a":""}', true],
    ['{"a":[{"prefix":{"equals-ignore-case":"straße"}}]}', '{"a":"STRASSE!"}', true],
    ['{"a":[{"suffix":"ng"}]}', '{"a":"png"}', true],
    ['{"a":[{"suffix":"ng"}]}', '{"a":"pnG"}', false],
    ['{"a":[{"suffix":""}]}', '{"a":"x"}', true],
    ['{"a":[{"suffix":""}]}', '{"a":""}', true],
    ['{"a":[{"suffix":"ë"}]}', '{"a":"noë"}', true],
    ['{"a":[{"suffix":"ë"}]}', '{"a":"noe"}', false],
    ['{"a":[{"suffix":{"equals-ignore-case":"NG"}}]}', '{"a":"png"}', true],
    ['{"a":[{"suffix":{"equals-ignore-case":"NG"}}]}', '{"a":"pnG"}', true],
    ['{"a":[{"suffix":{"equals-ignore-case":"NG"}}]}', '{"a":"pn"}', false],
    ['{"a":[{"suffix":{"equals-ignore-case":""}}]}', '{"a":"x"}', true],
    ['{"a":[{"prefix":{"equals-ignore-case":"ß"}}]}', '{"a":"SSx"}', true],
    ['{"a":[{"prefix":{"equals-ignore-case":"ß"}}]}', '{"a":"ssx"}', false],
    ['{"a":[{"suffix":{"equals-ignore-case":"ß"}}]}', '{"a":"xSS"}', true],
    ['{"a":[{"suffix":{"equals-ignore-case":"ë"}}]}', '{"a":"xË"}', true],
    ['{"a":[{"suffix":"ë"}]}', '{"a":"e\u0308"}', false],
  ])(`§3.4–3.5: ${MATCH}`, expectResult);

  // §3.6 wildcard.
  test.each<Row>([
    ['{"a":[{"wildcard":"a*x*"}]}', '{"a":"ax"}', true],
    ['{"a":[{"wildcard":"a*x*"}]}', '{"a":"abxcd"}', true],
    ['{"a":[{"wildcard":"a*x*"}]}', '{"a":"ab"}', false],
    ['{"a":[{"wildcard":"*"}]}', '{"a":""}', true],
    ['{"a":[{"wildcard":"*"}]}', '{"a":"anything"}', true],
    ['{"a":[{"wildcard":"abc"}]}', '{"a":"abc"}', true],
    ['{"a":[{"wildcard":"abc"}]}', '{"a":"abcd"}', false],
    ['{"a":[{"wildcard":""}]}', '{"a":""}', true],
    ['{"a":[{"wildcard":""}]}', '{"a":"a"}', false],
    ['{"a":[{"wildcard":"*.png"}]}', '{"a":"x.PNG"}', false],
    ['{"a":[{"wildcard":"*.png"}]}', '{"a":"x.png"}', true],
    ['{"a":[{"wildcard":"a\\\\*b"}]}', '{"a":"a*b"}', true],
    ['{"a":[{"wildcard":"a\\\\*b"}]}', '{"a":"axb"}', false],
    ['{"a":[{"wildcard":"a\\\\\\\\b"}]}', '{"a":"a\\\\b"}', true],
    ['{"a":[{"wildcard":"a\\\\\\\\b"}]}', '{"a":"ab"}', false],
    ['{"a":[{"wildcard":"\\\\**"}]}', '{"a":"*xyz"}', true],
    ['{"a":[{"wildcard":"\\\\**"}]}', '{"a":"*"}', true],
    ['{"a":[{"wildcard":"\\\\**"}]}', '{"a":"xyz"}', false],
    ['{"a":[{"wildcard":"/Users/*/doc.txt"}]}', '{"a":"/Users/me/doc.txt"}', true],
    ['{"a":[{"wildcard":"é*"}]}', '{"a":"éa"}', true],
    ['{"a":[{"wildcard":"*\\\\*"}]}', '{"a":"ab*"}', true],
    ['{"a":[{"wildcard":"*\\\\*"}]}', '{"a":"ab"}', false],
    ['{"a":[{"wildcard":"arn:aws:events:us-east-1:*:event-bus/*"}]}', '{"a":"arn:aws:events:us-east-1:123:event-bus/b"}', true],
  ])(`§3.6: ${MATCH}`, expectResult);

  // §3.7 equals-ignore-case: the probed table (with Q6 fixed: per code point).
  test.each<Row>([
    ['{"a":[{"equals-ignore-case":"abc"}]}', '{"a":"ABC"}', true],
    ['{"a":[{"equals-ignore-case":"abc"}]}', '{"a":"aBc"}', true],
    ['{"a":[{"equals-ignore-case":"abc"}]}', '{"a":"abcd"}', false],
    ['{"a":[{"equals-ignore-case":"1"}]}', '{"a":1}', false],
    ['{"a":[{"equals-ignore-case":"ÉTÉ"}]}', '{"a":"été"}', true],
    ['{"a":[{"equals-ignore-case":"ÉTÉ"}]}', '{"a":"ete"}', false],
    ['{"a":[{"equals-ignore-case":"Straße"}]}', '{"a":"STRASSE"}', true],
    ['{"a":[{"equals-ignore-case":"Straße"}]}', '{"a":"straße"}', true],
    ['{"a":[{"equals-ignore-case":"Straße"}]}', '{"a":"STRAßE"}', true],
    ['{"a":[{"equals-ignore-case":"Straße"}]}', '{"a":"StraSSe"}', true],
    ['{"a":[{"equals-ignore-case":"Straße"}]}', '{"a":"strasse"}', false],
    ['{"a":[{"equals-ignore-case":"σ"}]}', '{"a":"Σ"}', true],
    ['{"a":[{"equals-ignore-case":"σ"}]}', '{"a":"σ"}', true],
    ['{"a":[{"equals-ignore-case":"σ"}]}', '{"a":"ς"}', false],
    ['{"a":[{"equals-ignore-case":"ǅ"}]}', '{"a":"ǆ"}', true],
    ['{"a":[{"equals-ignore-case":"ǅ"}]}', '{"a":"Ǆ"}', true],
    ['{"a":[{"equals-ignore-case":"ǅ"}]}', '{"a":"ǅ"}', false],
    ['{"a":[{"equals-ignore-case":"\\u212A"}]}', '{"a":"k"}', true],
    ['{"a":[{"equals-ignore-case":"\\u212A"}]}', '{"a":"\\u212A"}', true],
    ['{"a":[{"equals-ignore-case":"\\u212A"}]}', '{"a":"K"}', false],
    ['{"a":[{"equals-ignore-case":"k"}]}', '{"a":"K"}', true],
    ['{"a":[{"equals-ignore-case":"k"}]}', '{"a":"k"}', true],
    ['{"a":[{"equals-ignore-case":"k"}]}', '{"a":"\\u212A"}', false],
    ['{"a":[{"equals-ignore-case":"İ"}]}', '{"a":"İ"}', true],
    ['{"a":[{"equals-ignore-case":"İ"}]}', '{"a":"i\\u0307"}', true],
    ['{"a":[{"equals-ignore-case":"İ"}]}', '{"a":"i"}', false],
    ['{"a":[{"equals-ignore-case":"i"}]}', '{"a":"i"}', true],
    ['{"a":[{"equals-ignore-case":"i"}]}', '{"a":"I"}', true],
    ['{"a":[{"equals-ignore-case":"i"}]}', '{"a":"İ"}', false],
    ['{"a":[{"equals-ignore-case":"i"}]}', '{"a":"ı"}', false],
    // Q6 fixed: supplementary characters are handled per code point.
    ['{"a":[{"equals-ignore-case":"a😀"}]}', '{"a":"a😀"}', true],
    ['{"a":[{"equals-ignore-case":"a😀"}]}', '{"a":"A😀"}', true],
    ['{"a":[{"equals-ignore-case":"a😀"}]}', '{"a":"A??"}', false],
    ['{"a":[{"equals-ignore-case":"𐐀"}]}', '{"a":"𐐀"}', true],
    ['{"a":[{"equals-ignore-case":"𐐀"}]}', '{"a":"𐐨"}', true],
    ['{"a":[{"equals-ignore-case":"null"}]}', '{"a":"NULL"}', true],
    ['{"a":[{"equals-ignore-case":"null"}]}', '{"a":null}', false],
    ['{"a":[{"equals-ignore-case":""}]}', '{"a":""}', true],
    ['{"a":[{"equals-ignore-case":""}]}', '{"a":"a"}', false],
  ])(`§3.7: ${MATCH}`, expectResult);

  // §3.8 numeric.
  const MAX = '1.7976931348623157e308';
  test.each<Row>([
    ['{"a":[{"numeric":["=",300]}]}', '{"a":3e2}', true],
    ['{"a":[{"numeric":[">",5]}]}', '{"a":5}', false],
    ['{"a":[{"numeric":[">=",5]}]}', '{"a":5}', true],
    ['{"a":[{"numeric":["<",5]}]}', '{"a":5}', false],
    ['{"a":[{"numeric":["<=",5]}]}', '{"a":5}', true],
    ['{"a":[{"numeric":[">",0,"<=",5]}]}', '{"a":5}', true],
    ['{"a":[{"numeric":[">",0,"<=",5]}]}', '{"a":0}', false],
    ['{"a":[{"numeric":[">",0,"<=",5]}]}', '{"a":0.5}', true],
    ['{"a":[{"numeric":[">",0,"<=",5]}]}', '{"a":6}', false],
    ['{"a":[{"numeric":[">=",0,"<",5]}]}', '{"a":0}', true],
    ['{"a":[{"numeric":[">=",0,"<",5]}]}', '{"a":5}', false],
    ['{"a":[{"numeric":[">",1]},{"numeric":["<",-1]}]}', '{"a":2}', true],
    ['{"a":[{"numeric":[">",1]},{"numeric":["<",-1]}]}', '{"a":-2}', true],
    ['{"a":[{"numeric":[">",1]},{"numeric":["<",-1]}]}', '{"a":0}', false],
    ['{"a":[{"numeric":[">",100]}]}', '{"a":101.0}', true],
    ['{"a":[{"numeric":[">",100]}]}', '{"a":null}', false],
    ['{"a":[{"numeric":[">",0,"<",10]}]}', '{"a":[20,5]}', true],
    ['{"a":[{"numeric":[">",-1e308]}]}', '{"a":-1e307}', true],
    // Q19: bounds at the largest double are valid; nothing is above it.
    [`{"a":[{"numeric":[">",${MAX}]}]}`, `{"a":${MAX}}`, false],
    [`{"a":[{"numeric":[">",${MAX}]}]}`, '{"a":1e400}', false],
    [`{"a":[{"numeric":[">=",${MAX}]}]}`, `{"a":${MAX}}`, true],
    [`{"a":[{"numeric":[">=",${MAX}]}]}`, '{"a":1e308}', false],
    [`{"a":[{"numeric":["<",-${MAX}]}]}`, `{"a":-${MAX}}`, false],
    [`{"a":[{"numeric":["<=",-${MAX}]}]}`, `{"a":-${MAX}}`, true],
    [`{"a":[{"numeric":["<=",-${MAX}]}]}`, '{"a":0}', false],
    ['{"a":[{"numeric":["<",0]}]}', `{"a":-${MAX}}`, true],
    ['{"a":[{"numeric":[">",0]}]}', `{"a":${MAX}}`, true],
  ])(`§3.8: ${MATCH}`, expectResult);

  test('§3.8, Q19: a bound at the largest double is valid', () => {
    expectValid(`{"a":[{"numeric":[">",${MAX}]}]}`);
    expectValid(`{"a":[{"numeric":[">=",${MAX}]}]}`);
    expectValid(`{"a":[{"numeric":["<",-${MAX}]}]}`);
    expectValid(`{"a":[{"numeric":["<=",-${MAX}]}]}`);
  });

  // §3.9 anything-but.
  test.each<Row>([
    ['{"a":[{"anything-but":{"prefix":["a","b"]}}]}', '{"a":"ax"}', false],
    ['{"a":[{"anything-but":{"prefix":["a","b"]}}]}', '{"a":"bx"}', false],
    ['{"a":[{"anything-but":{"prefix":["a","b"]}}]}', '{"a":"cx"}', true],
    ['{"a":[{"anything-but":{"suffix":["a","b"]}}]}', '{"a":"xb"}', false],
    ['{"a":[{"anything-but":{"suffix":["a","b"]}}]}', '{"a":"xc"}', true],
    ['{"a":[{"anything-but":{"equals-ignore-case":["a","b"]}}]}', '{"a":"B"}', false],
    ['{"a":[{"anything-but":{"equals-ignore-case":["a","b"]}}]}', '{"a":"c"}', true],
    ['{"a":[{"anything-but":{"wildcard":["a*","*b"]}}]}', '{"a":"xb"}', false],
    ['{"a":[{"anything-but":{"wildcard":["a*","*b"]}}]}', '{"a":"xc"}', true],
    ['{"a":[{"anything-but":"x"}]}', '{}', false],
    ['{"a":[{"anything-but":"x"}]}', '{"b":"y"}', false],
    ['{"a":[{"anything-but":"x"}]}', '{"a":null}', true],
    ['{"a":[{"anything-but":5}]}', '{"a":"5"}', true],
    ['{"a":[{"anything-but":5}]}', '{"a":5}', false],
    ['{"a":[{"anything-but":"x"}]}', '{"a":5}', true],
    ['{"a":[{"anything-but":[100]}]}', '{"a":1e2}', false],
    ['{"a":[{"anything-but":[100]}]}', '{"a":100.0}', false],
    ['{"a":[{"anything-but":[100]}]}', '{"a":101}', true],
    ['{"a":[{"anything-but":"x"}]}', '{"a":"X"}', true],
    ['{"a":[{"anything-but":"10.0.0.1"}]}', '{"a":"10.0.0.01"}', true],
    ['{"a":[{"anything-but":"10.0.0.1"}]}', '{"a":"10.0.0.1"}', false],
    ['{"a":[{"anything-but":"x"}]}', '{"a":["x","y"]}', true],
    ['{"a":[{"anything-but":"x"}]}', '{"a":["x"]}', false],
    ['{"a":[{"anything-but":"x"}]}', '{"a":[]}', false],
    ['{"a":[{"anything-but":{"prefix":"in"}}]}', '{"a":["init","x"]}', true],
    ['{"a":[{"anything-but":"x"},"x"]}', '{"a":"x"}', true],
    ['{"a":[{"anything-but":"x"},"x"]}', '{"a":"y"}', true],
    ['{"a":[{"anything-but":"x"},"x"]}', '{}', false],
    ['{"a":[{"anything-but":{"prefix":"in"}}]}', '{"a":"in"}', false],
    ['{"a":[{"anything-but":{"prefix":"in"}}]}', '{"a":"init"}', false],
    ['{"a":[{"anything-but":{"prefix":"in"}}]}', '{"a":"i"}', true],
    ['{"a":[{"anything-but":{"prefix":"in"}}]}', '{"a":"xin"}', true],
    ['{"a":[{"anything-but":{"suffix":"ng"}}]}', '{"a":"png"}', false],
    ['{"a":[{"anything-but":{"suffix":"ng"}}]}', '{"a":"ng"}', false],
    ['{"a":[{"anything-but":{"suffix":"ng"}}]}', '{"a":"pnG"}', true],
    ['{"a":[{"anything-but":{"equals-ignore-case":"Stopped"}}]}', '{"a":"STOPPED"}', false],
    ['{"a":[{"anything-but":{"equals-ignore-case":"Stopped"}}]}', '{"a":"running"}', true],
    ['{"a":[{"anything-but":{"wildcard":"*/lib/*"}}]}', '{"a":"/usr/lib/x"}', false],
    ['{"a":[{"anything-but":{"wildcard":"*/lib/*"}}]}', '{"a":"/usr/bin/x"}', true],
    ['{"a":[{"anything-but":{"wildcard":""}}]}', '{"a":""}', false],
    ['{"a":[{"anything-but":{"wildcard":""}}]}', '{"a":"a"}', true],
    ['{"a":[{"anything-but":["","a"]}]}', '{"a":""}', false],
    ['{"a":[{"anything-but":["","a"]}]}', '{"a":"b"}', true],
    ['{"a":[{"anything-but":{"equals-ignore-case":""}}]}', '{"a":""}', false],
    ['{"a":[{"anything-but":{"equals-ignore-case":""}}]}', '{"a":"x"}', true],
  ])(`§3.9: ${MATCH}`, expectResult);

  test.each(['{"a":[{"anything-but":""}]}', '{"a":[{"anything-but":["",  "a"]}]}', '{"a":[{"anything-but":{"wildcard":""}}]}',
    '{"a":[{"anything-but":{"equals-ignore-case":""}}]}', '{"a":[{"anything-but":{"equals-ignore-case":["x",""]}}]}'])(
    '§3.9: %s is valid',
    expectValid,
  );

  test.each([
    '{"a":[{"anything-but":{"prefix":[]}}]}',
    '{"a":[{"anything-but":{"suffix":[]}}]}',
    '{"a":[{"anything-but":{"equals-ignore-case":[]}}]}',
    '{"a":[{"anything-but":{"wildcard":[]}}]}',
  ])('§3.9, Q13: an empty inner list %s is rejected', (pattern) => {
    expect(checkEventPattern(pattern)).not.toBeNull();
    expect(() => new Matcher().addRule('r', pattern)).toThrow(InvalidEventPatternError);
  });

  // §3.10 exists.
  test.each<Row>([
    ['{"a":[{"exists":true}]}', '{"a":null}', true],
    ['{"a":[{"exists":true}]}', '{"a":""}', true],
    ['{"a":[{"exists":true}]}', '{"a":0}', true],
    ['{"a":[{"exists":true}]}', '{"a":false}', true],
    ['{"a":[{"exists":true}]}', '{}', false],
    ['{"a":[{"exists":false}]}', '{"a":null}', false],
    ['{"a":[{"exists":false},"x"]}', '{}', true],
    ['{"a":[{"exists":false},"x"]}', '{"a":"x"}', true],
    ['{"a":[{"exists":false},"x"]}', '{"a":"y"}', false],
    ['{"a":[{"exists":true},{"exists":false}]}', '{}', true],
    ['{"a":[{"exists":true},{"exists":false}]}', '{"a":"y"}', true],
    ['{"a":[{"exists":true},{"exists":false}]}', '{"a":{}}', true],
  ])(`§3.10: ${MATCH}`, expectResult);

  // §3.11 cidr.
  test.each<Row>([
    ['{"a":[{"cidr":"10.0.0.5/24"}]}', '{"a":"10.0.0.77"}', true],
    ['{"a":[{"cidr":"10.0.0.5/24"}]}', '{"a":"10.0.0.0"}', true],
    ['{"a":[{"cidr":"10.0.0.5/24"}]}', '{"a":"10.0.1.1"}', false],
    ['{"a":[{"cidr":"10.0.0.0/24"}]}', '{"a":"010.0.0.5"}', true],
    ['{"a":[{"cidr":"1.2.3.0/24"}]}', '{"a":"1.2.3.0004"}', true],
    ['{"a":[{"cidr":"010.0.0.0/8"}]}', '{"a":"10.9.9.9"}', true],
    ['{"a":[{"cidr":"2001:db8::/32"}]}', '{"a":"2001:DB8::5"}', true],
    ['{"a":[{"cidr":"2001:db8::/32"}]}', '{"a":"2001:db9::1"}', false],
    ['{"a":[{"cidr":"10.0.0.0/8"}]}', '{"a":"::ffff:a00:1"}', true],
    ['{"a":[{"cidr":"10.0.0.0/8"}]}', '{"a":"10.0.0.x"}', false],
    ['{"a":[{"cidr":"10.0.0.0/8"}]}', '{"a":"::ffff:10.0.0.1"}', false],
    ['{"a":[{"cidr":"10.0.0.0/8"}]}', '{"a":"10.0.0.256"}', false],
    ['{"a":[{"cidr":"10.0.0.0/8"}]}', '{"a":" 10.0.0.1"}', false],
    ['{"a":[{"cidr":"10.0.0.0/+8"}]}', '{"a":"10.1.1.1"}', true],
    ['{"a":[{"cidr":"10.0.0.0/08"}]}', '{"a":"10.1.1.1"}', true],
    // Q8 fixed: no cross-family leaks.
    ['{"a":[{"cidr":"10.0.0.0/24"}]}', '{"a":"a00::1"}', false],
    ['{"a":[{"cidr":"a00::/16"}]}', '{"a":"10.0.0.1"}', false],
    ['{"a":[{"cidr":"a00::/16"}]}', '{"a":"a00:1::"}', true],
    ['{"a":[{"cidr":"0.0.0.0/0"}]}', '{"a":"::1"}', false],
    ['{"a":[{"cidr":"0.0.0.0/0"}]}', '{"a":"1.2.3.4"}', true],
    // Q20: never a number.
    ['{"a":[{"cidr":"0.0.0.0/0"}]}', '{"a":42}', false],
    ['{"a":[{"cidr":"::/0"}]}', '{"a":42}', false],
  ])(`§3.11: ${MATCH}`, expectResult);
});

describe('docs/semantics.md §4.2 validation catalogue and per-operator validation tables', () => {
  test.each(INVALID_PATTERNS)('%s is rejected with "%s" (%s location suffixes)', invalidRow);

  test.each([
    '{"a":[{"exactly":"x"}]}',
    '{"a":[{"cidr":"10.0.0.0/31"}]}',
    '{"a":[{"cidr":"::/127"}]}',
    '{"a":[{"cidr":"10.0.0.0/+8"}]}',
    '{"a":[{"cidr":"10.0.0.0/08"}]}',
    '{"a":[{"numeric":[">=",5,"<",5.000001]}]}',
    '{"a":[{"wildcard":"\\\\**"}]}',
    '{"a":[{"wildcard":"/Users/*/dir/dir/dir/dir/dir/doc.txt"}]}',
    '{"a":[{"wildcard":"*.bif"},{"wildcard":"*.tiff"},{"wildcard":"*.tif"},{"wildcard":"*.svs"}]}',
    '{"a":[{"wildcard":"*/datasync/*.bif"},{"wildcard":"*/datasync/*.tif"}]}',
    '{"a":[{"wildcard":"arn:aws:events:us-east-1:*:event-bus/*"}]}',
    '{"a":[{"wildcard":"*a*b*c*d*e*f*"}]}',
    '{"a":[1e400]}',
  ])('%s is valid', expectValid);
});

describe('one semantics, two doors: parsed-object events', () => {
  // A parsed-object number is read as if spelled `String(x)`: `5e-324` is then not comparable (Java
  // prints 4.9E-324) on both sides and matches the literal by identical text (docs/semantics.md §2.4).
  test.each([
    ['{"a":[5e-324]}', 5e-324],
    ['{"a":[1e-323]}', 1e-323],
  ])('pattern %s vs parsed event {a: %d}: Matcher agrees with testEventPattern (true)', (pattern, value) => {
    const event = { a: value };
    expect(testEventPattern(pattern, event)).toBe(true);
    const m = new Matcher();
    m.addRule('r', pattern);
    expect(m.match(event)).toEqual(['r']);
  });
});

describe('docs/semantics.md §10 Q22: each matcher in a leaf array is evaluated on its own', () => {
  test.each<Row>([
    ['{"a":[{"wildcard":"*q"},{"prefix":{"equals-ignore-case":"ab"}}]}', '{"a":"xabc"}', false],
    ['{"a":[{"wildcard":"*q"},{"prefix":{"equals-ignore-case":"ab"}}]}', '{"a":"ABc"}', true],
    ['{"a":[{"wildcard":"*q"},{"prefix":{"equals-ignore-case":"ab"}}]}', '{"a":"xq"}', true],
    ['{"a":[{"wildcard":"*q"},{"anything-but":{"equals-ignore-case":"ab"}}]}', '{"a":"xab"}', true],
    ['{"a":[{"wildcard":"*q"},{"anything-but":{"equals-ignore-case":"ab"}}]}', '{"a":"AB"}', false],
    ['{"a":[{"wildcard":"*q"},{"anything-but":{"equals-ignore-case":"ab"}}]}', '{"a":"abq"}', true],
    ['{"a":[{"wildcard":"*q"},{"suffix":{"equals-ignore-case":"ab"}}]}', '{"a":"xaBc"}', false],
    ['{"a":[{"wildcard":"*q"},{"equals-ignore-case":"ab"}]}', '{"a":"xab"}', false],
    ['{"a":[{"wildcard":"*q"},{"equals-ignore-case":"ab"}]}', '{"a":"Ab"}', true],
  ])(MATCH, expectResult);
});

/**
 * Q24: rules of different operators on one field; each must answer in a shared Matcher exactly as it
 * does alone, whatever the other rules and the insertion order.
 */
describe('docs/semantics.md §10 Q24: rules never interfere', () => {
  const rules: readonly (readonly [string, string])[] = [
    ['range', '{"a":[{"numeric":[">",0,"<",10]}]}'],
    ['gt', '{"a":[{"numeric":[">=",5]}]}'],
    ['lt', '{"a":[{"numeric":["<",-1]}]}'],
    ['eq3', '{"a":[{"numeric":["=",3]}]}'],
    ['true', '{"a":[true]}'],
    ['false', '{"a":[false]}'],
    ['null', '{"a":[null]}'],
    ['str5', '{"a":["5"]}'],
    ['num5', '{"a":[5]}'],
    ['big', '{"a":[9007199254740993]}'],
    ['abc', '{"a":["abc"]}'],
    ['ab', '{"a":["ab"]}'],
    ['xabc', '{"a":["xabc"]}'],
    ['prefixIc', '{"a":[{"prefix":{"equals-ignore-case":"AB"}}]}'],
    ['prefix', '{"a":[{"prefix":"ab"}]}'],
    ['suffixE', '{"a":[{"suffix":"ë"}]}'],
    ['suffixe', '{"a":[{"suffix":"e"}]}'],
    ['suffixIc', '{"a":[{"suffix":{"equals-ignore-case":"Ë"}}]}'],
    ['exactE', '{"a":["ë"]}'],
    ['ic', '{"a":[{"equals-ignore-case":"ABC"}]}'],
    ['wild', '{"a":[{"wildcard":"*q"}]}'],
    ['wild2', '{"a":[{"wildcard":"a*c"}]}'],
    ['notX', '{"a":[{"anything-but":"abc"}]}'],
    ['not5', '{"a":[{"anything-but":[5,3]}]}'],
    ['notPrefix', '{"a":[{"anything-but":{"prefix":"a"}}]}'],
    ['notIc', '{"a":[{"anything-but":{"equals-ignore-case":"ab"}}]}'],
    ['notWild', '{"a":[{"anything-but":{"wildcard":"*c"}}]}'],
    ['cidr', '{"a":[{"cidr":"10.0.0.0/8"}]}'],
    ['ip', '{"a":["17.17.17.17"]}'],
    ['cidr6', '{"a":[{"cidr":"::/0"}]}'],
    ['exists', '{"a":[{"exists":true}]}'],
    ['absent', '{"a":[{"exists":false}]}'],
    ['orAbsent', '{"a":[{"exists":false},"abc"]}'],
    ['orShared', '{"$or":[{"a":["abc"]},{"a":["abc","ë"]}]}'],
    ['nested', '{"a":{"b":[1]},"c":[{"prefix":"x"}]}'],
    ['inf', '{"a":[1e400]}'],
    ['num300', '{"a":[300]}'],
    ['empty', '{"a":[""]}'],
    ['prefixEmpty', '{"a":[{"prefix":""}]}'],
    ['star', '{"a":[{"wildcard":"*"}]}'],
    ['exactlyIp', '{"a":[{"exactly":"17.17.17.17"}]}'],
    ['notSuffix', '{"a":[{"anything-but":{"suffix":"ë"}}]}'],
    ['icStrasse', '{"a":[{"equals-ignore-case":"straße"}]}'],
    ['prefixIcE', '{"a":[{"prefix":{"equals-ignore-case":"ë"}}]}'],
    ['notIp', '{"a":[{"anything-but":"17.17.17.17"}]}'],
    ['notNum', '{"a":[{"anything-but":300}]}'],
  ];
  const events: readonly string[] = [
    '{}', '{"a":null}', '{"a":true}', '{"a":false}', '{"a":0}', '{"a":3}', '{"a":3.0}', '{"a":5}', '{"a":5e0}',
    '{"a":7.5}', '{"a":10}', '{"a":-2}', '{"a":9007199254740993}', '{"a":1e400}', '{"a":11111111}', '{"a":"5"}',
    '{"a":"3"}', '{"a":"abc"}', '{"a":"ABC"}', '{"a":"ab"}', '{"a":"aB"}', '{"a":"abcd"}', '{"a":"xabc"}',
    '{"a":"xab"}', '{"a":"abq"}', '{"a":"ë"}', '{"a":"noë"}', '{"a":"noË"}', '{"a":"e"}', '{"a":"é"}', '{"a":""}',
    '{"a":"10.1.2.3"}', '{"a":"17.17.17.17"}', '{"a":"017.17.17.17"}', '{"a":"::1"}', '{"a":"a00::1"}',
    '{"a":"true"}', '{"a":"null"}', '{"a":[1,"abc"]}', '{"a":[]}', '{"a":{}}', '{"a":{"b":1},"c":"xy"}',
    '{"a":[{"b":1}],"c":["y","xz"]}', '{"a":["ë","q"]}', '{"a":3e2}', '{"a":300.0}', '{"a":"300"}', '{"a":"STRASSE"}',
    '{"a":"Ëx"}', '{"a":"e\u0308"}', '{"a":"abc","a":5}', '{"a":"ë","a":null}', '{"a":[300,"abc",true]}',
  ];

  /** The one-rule answer of every rule on every event, from a one-rule Matcher (checked against testEventPattern). */
  const alone = new Map<string, boolean[]>();
  for (const [name, pattern] of rules) {
    const m = new Matcher();
    m.addRule(name, pattern);
    alone.set(
      name,
      events.map((e) => m.match(e).includes(name)),
    );
  }

  function expectAlone(m: Matcher, names: readonly string[], withObjects = true): void {
    const wrong: string[] = [];
    events.forEach((event, i) => {
      const inputs: (string | object)[] = [event];
      if (withObjects && isObjectSafe(event)) inputs.push(JSON.parse(event) as object);
      for (const input of inputs) {
        const got = m.match(input);
        const want = names.filter((n) => (alone.get(n) as boolean[])[i]);
        if (got.length !== want.length || want.some((n) => !got.includes(n))) {
          wrong.push(`${typeof input === 'string' ? 'text' : 'object'} ${event}: got [${got.join()}], alone [${want.join()}]`);
        }
      }
    });
    expect(wrong, `rules ${names.join()}`).toEqual([]);
  }

  test('each rule alone answers as testEventPattern does', () => {
    for (const [name, pattern] of rules) {
      events.forEach((event, i) => {
        expect(testEventPattern(pattern, event), `${name} on ${event}`).toBe((alone.get(name) as boolean[])[i]);
      });
    }
  });

  test('spot checks of the one-rule answers', () => {
    const at = (name: string, event: string): boolean | undefined => alone.get(name)?.[events.indexOf(event)];
    expect(at('range', '{"a":7.5}')).toBe(true);
    expect(at('range', '{"a":true}')).toBe(false);
    expect(at('prefixIc', '{"a":"aB"}')).toBe(true);
    expect(at('abc', '{"a":"ABC"}')).toBe(false);
    expect(at('suffixE', '{"a":"noë"}')).toBe(true);
    expect(at('suffixe', '{"a":"noë"}')).toBe(false);
    expect(at('suffixIc', '{"a":"noë"}')).toBe(true);
    expect(at('ip', '{"a":11111111}')).toBe(false);
    expect(at('ip', '{"a":"017.17.17.17"}')).toBe(true);
    expect(at('cidr6', '{"a":"::1"}')).toBe(true);
    expect(at('cidr6', '{"a":"10.1.2.3"}')).toBe(false);
    expect(at('orShared', '{"a":"ë"}')).toBe(true);
    expect(at('nested', '{"a":[{"b":1}],"c":["y","xz"]}')).toBe(true);
  });

  /** A fixed pseudo-random permutation (LCG), so the orders are reproducible. */
  function shuffled<T>(items: readonly T[], seed: number): T[] {
    const out = [...items];
    let s = seed;
    for (let i = out.length - 1; i > 0; i--) {
      s = (s * 1103515245 + 12345) % 2147483648;
      const j = s % (i + 1);
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }

  const orders: [string, (readonly [string, string])[]][] = [
    ['forward', [...rules]],
    ['reverse', [...rules].reverse()],
    ...[1, 2, 3, 4, 5, 6, 7, 8].map((seed): [string, (readonly [string, string])[]] => [`shuffle ${seed}`, shuffled(rules, seed)]),
  ];
  test.each(orders)('all rules loaded in %s order each answer as alone', (_label, order) => {
    const m = new Matcher();
    for (const [name, pattern] of order) m.addRule(name, pattern);
    expectAlone(m, order.map(([name]) => name));
  });

  test('every ordered pair of rules answers as alone', () => {
    for (const [n1, p1] of rules) {
      for (const [n2, p2] of rules) {
        if (n1 === n2) continue;
        const m = new Matcher();
        m.addRule(n1, p1);
        m.addRule(n2, p2);
        expectAlone(m, [n1, n2]);
      }
    }
  });

  test('deleting rules leaves the others answering as alone', () => {
    const m = new Matcher();
    for (const [name, pattern] of shuffled(rules, 42)) m.addRule(name, pattern);
    const kept = new Set(rules.map(([name]) => name));
    for (const [name] of shuffled(rules, 7).slice(0, Math.floor(rules.length / 2))) {
      m.deleteRule(name);
      kept.delete(name);
      expectAlone(m, [...kept]);
    }
  });
});
