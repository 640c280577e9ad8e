/**
 * Trusted mode's early stop looks ahead for the spellings of the top-level keys rules read. At
 * most four keys are searched; keys that another key is a prefix of (`detail-type` under
 * `detail`) need no search of their own, so rule sets on more top-level keys than that still stop
 * early when their keys share prefixes; and the keys it looks for follow the rules as they are
 * added and deleted.
 */

import { expect, test } from 'vitest';
import { Matcher } from '../../src/match/matcher.js';
import { InvalidEventError } from '../../src/event/errors.js';

test('six top-level keys that share prefixes are searched as two, so the scan still stops early', () => {
  // a, ab, abc, abd, x, xy: only a and x need searching (the others start with them). Were every
  // key searched, six would be over the limit of four and a cut-off text would throw.
  const m = new Matcher();
  for (const key of ['a', 'ab', 'abc', 'abd', 'x', 'xy']) m.addRule(key, JSON.stringify({ [key]: [1] }));
  const cut = '{"abd":1,"xy":1,"x":1,"a":1,"zzz":[1,';
  expect(m.match(cut, { trusted: true }).sort()).toEqual(['a', 'abd', 'x', 'xy']);
  expect(() => m.match(cut)).toThrow(InvalidEventError);
});

test('rules on source, detail-type and three detail paths still stop after the last read key', () => {
  const m = new Matcher();
  m.addRule('s', '{"source":["x"]}');
  m.addRule('t', '{"detail-type":["T"]}');
  m.addRule('a', '{"detail":{"a":[1]}}');
  m.addRule('b', '{"detail":{"b":[2]}}');
  m.addRule('c', '{"detail":{"c":{"d":[3]}}}');
  // Cut off after the last read top-level key: only an early stop can answer.
  const cut = '{"source":"x","detail-type":"T","detail":{"a":1,"c":{"d":3}},"resources":["r1",';
  expect(m.match(cut, { trusted: true }).sort()).toEqual(['a', 'c', 's', 't']);
  expect(() => m.match(cut)).toThrow(InvalidEventError);
});

test('a rule added on a later key is looked for, and deleting it lets the scan stop again', () => {
  const m = new Matcher();
  m.addRule('s', '{"source":["x"]}');
  const text = '{"source":"x","skip":[1,2],"later":"y"}';
  const cut = '{"source":"x","skip":[1,2';
  expect(m.match(cut, { trusted: true })).toEqual(['s']);
  m.addRule('later', '{"later":["y"]}');
  expect(m.match(text, { trusted: true }).sort()).toEqual(['later', 's']);
  expect(() => m.match('{"source":"x","skip":[1,2],"later":"y', { trusted: true })).toThrow(InvalidEventError);
  m.deleteRule('later');
  expect(m.match(cut, { trusted: true })).toEqual(['s']);
});

test('a rule on a path with an empty first segment makes trusted mode read every key', () => {
  // An empty key is spelled at every position of the text; looking ahead for it once never ended
  // (a trusted match with a comma at the top level did not return). Now there is no early stop.
  for (const pattern of ['{"":["x"]}', '{".b":["x"]}', '{"":{"b":["x"]}}']) {
    const m = new Matcher();
    m.addRule('r', pattern);
    const later = pattern === '{"":["x"]}' ? '"":"x"' : '"":{"b":"x"}';
    const text = `{"a":1,"c":[1,2],${later},"z":2}`;
    expect(m.match(text, { trusted: true })).toEqual(['r']);
    expect(m.match(text)).toEqual(['r']);
    // Reading to the end, trusted mode notices text cut off after the key.
    expect(() => m.match(`{"a":1,${later},"z":[`, { trusted: true })).toThrow(InvalidEventError);
  }
});

test('a read key counts as met only among the first eight top-level containers the scan enters', () => {
  // Ten steps, all under the one look-ahead key `a` (a, a0 .. a8): the scan keeps at most eight
  // entered containers, so `a` entered ninth is not met and the scan reads on; entered first, it is.
  const m = new Matcher();
  m.addRule('a', '{"a":{"x":[1]}}');
  for (let i = 0; i < 9; i++) m.addRule(`a${i}`, JSON.stringify({ [`a${i}`]: { x: [1] } }));
  const others = Array.from({ length: 8 }, (_, i) => `"a${i}":{"x":2}`).join(',');
  expect(m.match(`{"a":{"x":1},${others},"z":[1,`, { trusted: true })).toEqual(['a']);
  expect(() => m.match(`{${others},"a":{"x":1},"z":[1,`, { trusted: true })).toThrow(InvalidEventError);
  // Complete, both texts answer alike in both modes.
  for (const text of [`{"a":{"x":1},${others},"z":[1]}`, `{${others},"a":{"x":1},"z":[1]}`]) {
    expect(m.match(text, { trusted: true })).toEqual(['a']);
    expect(m.match(text)).toEqual(['a']);
  }
});
