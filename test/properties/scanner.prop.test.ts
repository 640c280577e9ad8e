/**
 * The scanner that feeds the Matcher skips what no rule reads, yet it must reject malformed JSON
 * anywhere in the text exactly as the event reader does, with the same reason: checked on event
 * texts with one random corruption each (a stray, missing or replaced character).
 */

import fc from 'fast-check';
import { expect, test } from 'vitest';
import { Matcher } from '../../src/match/matcher.js';
import { parseEventText } from '../../src/event/parse-event.js';
import { InvalidEventError } from '../../src/event/errors.js';
import { eventText } from './arbitraries.js';

test('Matcher.match should reject exactly the event texts the event reader rejects, with its reason', () => {
  const m = new Matcher();
  m.addRule('a', '{"a":[{"exists":true}]}');
  m.addRule('b', '{"b":{"c":["x"]}}');
  const mutated = fc.tuple(eventText, fc.nat(), fc.constantFrom('', ',', '}', ']', '"', '\\', '0', '-', 'e', ' ', '01', 'tru', 'nul', '\u0000', '\ud800', '[', '{', ':', '1e', '.5', '\\u12', '\n')).map(([t, i, c]) => {
    const at = i % (t.length + 1);
    return t.slice(0, at) + c + t.slice(at + (i % 3 === 0 ? 1 : 0));
  });
  let rejected = 0;
  fc.assert(
    fc.property(mutated, (text) => {
      let want: unknown = null;
      try { parseEventText(text); } catch (e) { want = e; }
      let got: unknown = null;
      try { m.match(text); } catch (e) { got = e; }
      if (want === null) expect(got).toBeNull();
      else { rejected++; expect(got).toBeInstanceOf(InvalidEventError); expect((got as InvalidEventError).reason).toBe((want as InvalidEventError).reason); }
    }),
    { seed: 99, numRuns: 4000 },
  );
  expect(rejected).toBeGreaterThan(200);
});

/** `text` with `spaces[k]` (cycled) after the k-th `{ [ , :` outside strings. */
function spaced(text: string, spaces: readonly string[]): string {
  let out = '';
  let inString = false;
  let k = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    out += c;
    if (inString) {
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[' || c === ',' || c === ':') out += spaces[k++ % spaces.length] ?? '';
  }
  return out;
}

/** `text` without whitespace outside strings. */
function compacted(text: string): string {
  return text.replace(/"(?:[^"\\]|\\.)*"|[ \t\n\r]+/g, (m) => (m.startsWith('"') ? m : ''));
}

test('Matcher.match should answer the same for compact text and the same text with whitespace between tokens', () => {
  // Skipped containers are first tried as compact JSON: whitespace after structural characters,
  // before or after compact parts, must not change an answer.
  const m = new Matcher();
  m.addRule('a', '{"a":[{"exists":true}]}');
  m.addRule('b', '{"b":{"c":["x"]}}');
  m.addRule('n', '{"c":[{"exists":false}]}');
  let changed = 0;
  fc.assert(
    fc.property(eventText, fc.array(fc.constantFrom('', '', '', ' ', '\n', '\t', '\r\n  '), { minLength: 1, maxLength: 8 }), (generated, spaces) => {
      const text = compacted(generated);
      expect(JSON.parse(text)).toEqual(JSON.parse(generated));
      const other = spaced(text, spaces);
      if (other !== text) changed++;
      expect(m.match(other).sort()).toEqual(m.match(text).sort());
    }),
    { seed: 7, numRuns: 2000 },
  );
  expect(changed).toBeGreaterThan(1000);
});
