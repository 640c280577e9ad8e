/**
 * Trusted mode's early stop looks ahead for the spellings of the top-level keys rules read. Keys
 * that another key is a prefix of (`detail.a` under `detail`, `detail-type`) need no search of
 * their own, so ordinary rule sets with several dotted paths still stop early; and the keys it
 * looks for follow the rules as they are added and deleted.
 */

import { expect, test } from 'vitest';
import { Matcher } from '../../src/match/matcher.js';
import { InvalidEventError } from '../../src/event/errors.js';

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
