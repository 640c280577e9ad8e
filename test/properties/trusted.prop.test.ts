/**
 * `Matcher.match(text, { trusted: true })`: on valid event texts it answers exactly as the default
 * (strict) mode; on malformed texts its answer is unspecified, but it must still return a list of
 * rule names or throw InvalidEventError, never anything else and never hang (MatchOptions.trusted).
 */

import fc from 'fast-check';
import { expect, test } from 'vitest';
import { Matcher } from '../../src/match/matcher.js';
import { InvalidEventError } from '../../src/event/errors.js';
import { eventText, eventValue, loadRules, ruleSet } from './arbitraries.js';

/** The strict answer, or the error's reason. */
function answer(run: () => string[]): string {
  try {
    return run().sort().join();
  } catch (e) {
    if (!(e instanceof InvalidEventError)) throw e;
    return `error: ${e.reason}`;
  }
}

test('trusted and strict give the same names on valid events, and skipped subtrees are really skipped', () => {
  const seen = { skipped: 0, matched: 0 };
  fc.assert(
    fc.property(ruleSet(4), eventText, (patterns, text) => {
      const m = loadRules(patterns).matcher;
      // Nest the event under an unread key too, deeper than the validating regex reaches.
      const deep = `{"unread":[[[[[[[{"x":[1,{"y":"]"}]}]]]]]],${text.slice(1)}`;
      for (const t of [text, deep]) expect(answer(() => m.match(t, { trusted: true }))).toBe(answer(() => m.match(t)));
      // The same place holding a subtree strict refuses (a leading zero): only a real skip lets
      // trusted answer on it exactly as strict answers on the plain event.
      const strict = answer(() => m.match(text));
      if (strict.startsWith('error: ')) return;
      const refused = `{"unread":[[[[[[[[01]]]]]]]],${text.slice(1)}`;
      expect(() => m.match(refused)).toThrow(InvalidEventError);
      expect(answer(() => m.match(refused, { trusted: true }))).toBe(strict);
      seen.skipped++;
      if (strict !== '') seen.matched++;
    }),
    { seed: 11, numRuns: 1500 },
  );
  // The skip is shown on (nearly) every run, and on events that some rule matches.
  expect(seen.skipped).toBeGreaterThan(1000);
  expect(seen.matched).toBeGreaterThan(60);
});

test('trusted never throws anything but InvalidEventError on malformed text, and always ends', () => {
  const m = new Matcher();
  m.addRule('a', '{"a":[{"exists":true}]}');
  m.addRule('b', '{"b":{"c":["x"]}}');
  m.addRule('n', '{"b":{"n":[{"numeric":[">",0]}]}}');
  const corrupt = fc.constantFrom('', ',', '}', ']', '"', '\\', '0', '-', 'e', ' ', '[', '{', ':', '\\"', '[[[[', '"]}', '\u0000');
  const mutated = fc.tuple(eventText, fc.nat(), corrupt, fc.nat(), corrupt).map(([t, i, c, j, d]) => {
    const text = `{"z":[[[[[[${t}]]]]]],"skip":${t},${t.slice(1)}`;
    const at = i % (text.length + 1);
    const once = text.slice(0, at) + c + text.slice(at + (i % 3 === 0 ? 1 : 0));
    const at2 = j % (once.length + 1);
    return once.slice(0, at2) + d + once.slice(at2);
  });
  let errors = 0;
  fc.assert(
    fc.property(mutated, (text) => {
      try {
        const names = m.match(text, { trusted: true });
        expect(Array.isArray(names)).toBe(true);
      } catch (e) {
        expect(e).toBeInstanceOf(InvalidEventError);
        errors++;
      }
    }),
    { seed: 12, numRuns: 3000 },
  );
  expect(errors).toBeGreaterThan(100);
});

test('trusted skips an unread malformed subtree that strict rejects', () => {
  const m = new Matcher();
  m.addRule('a', '{"a":["x"]}');
  // An unread value nested deeper than the validating regex reaches, with a leading zero inside.
  const text = '{"skip":[[[[[[[[01]]]]]]]],"a":"x"}';
  expect(() => m.match(text)).toThrow(InvalidEventError);
  expect(m.match(text, { trusted: true })).toEqual(['a']);
  // What a rule reads is still checked.
  expect(() => m.match('{"skip":[],"a":"x\u0001"}', { trusted: true })).toThrow(InvalidEventError);
});

test('trusted stops after the last top-level key a rule can read, and only then', () => {
  const m = new Matcher();
  m.addRule('a3', '{"a":[3]}');
  m.addRule('xy', '{"x":{"y":[2]}}');
  // A later repeat of a read key, plainly, escaped, or as a dotted key, is still read.
  for (const text of [
    '{"a":1,"b":{"c":[1,2]},"a":3}',
    '{"a":1,"b":{"c":[1,2]},"\\u0061":3}',
    '{"x":{"y":1},"z":[0],"x.y":2}',
    '{"a":1,"b":"\\"a\\":3","a":3}',
  ]) {
    expect(m.match(text, { trusted: true }).sort()).toEqual(m.match(text).sort());
    expect(m.match(text, { trusted: true }).length).toBe(1);
  }
  // Every top-level key rules read has been read and none is ahead: the rest of the text is not
  // read (it may even be cut off), whether the stop comes at a comma or at a value no rule reads.
  for (const cut of ['{"a":3,"x":{"y":2},"b":{"c":[1,2', '{"x":{"y":2},"a":3,"b":[1,2', '{"a":3,"x":{"y":2},"b":1,"c":[[1,2']) {
    expect(m.match(cut, { trusted: true }).sort()).toEqual(['a3', 'xy']);
    expect(() => m.match(cut)).toThrow(InvalidEventError);
  }
  // A read key nested in what follows (or spelled in a string) keeps the scan going: conservative.
  expect(() => m.match('{"a":3,"x":{"y":2},"b":{"a":[1,2', { trusted: true })).toThrow(InvalidEventError);
  // So does a key rules read that the text has not had yet (here `x`): it is most likely ahead, so
  // the scan does not search for it, and reads to the end as a strict scan does.
  expect(() => m.match('{"a":3,"b":{"c":[1,2', { trusted: true })).toThrow(InvalidEventError);
});

test('trusted stops early only where strict, reading on, gives the same names', () => {
  // Every key rules read at the top level (a, b, c) leads the event, then its own members, then
  // unread containers: where every top-level key rules read has been read and none comes again,
  // trusted stops before those, so even the text cut off inside them answers, and it must answer
  // as strict does on the whole text. Elsewhere it reads on and the cut-off text is an error.
  let stopped = 0;
  const lead = fc.tuple(eventValue, eventValue, eventValue).map((vs) => vs.map((v, i) => `${JSON.stringify('abc'[i])}:${JSON.stringify(v)}`).join(','));
  fc.assert(
    fc.property(ruleSet(4), lead, eventText, fc.boolean(), (patterns, first, text, scalarFirst) => {
      const m = loadRules(patterns).matcher;
      const head = `{${first},${text.slice(1, -1)}`;
      const tail = scalarFirst ? '"zs":"q","zz":[[1,{"q":2}],' : '"zz":[[1,{"q":2}],';
      const whole = `${head},${tail}{"q":3}]}`;
      const cut = `${head},${tail}{"q":`;
      const strict = answer(() => m.match(whole));
      const early = answer(() => m.match(cut, { trusted: true }));
      expect(answer(() => m.match(whole, { trusted: true }))).toBe(strict);
      if (!early.startsWith('error: ')) {
        expect(early).toBe(strict);
        stopped++;
      }
    }),
    { seed: 13, numRuns: 1500 },
  );
  // The stop is reached often enough to be tested.
  expect(stopped).toBeGreaterThan(600);
});
