/**
 * A compiled rule keeps copies of its strings, never slices of the pattern's text: V8 slices of 13
 * or more code units hold their whole parent string alive, so one long pattern text (padding,
 * comments of a generator, a big `$or`) would stay in memory for as long as the rule lives. Checked
 * by heap growth, with a margin of ten: each pattern text below is 512 KiB, the values it keeps a
 * few dozen bytes.
 */

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect, test } from 'vitest';
import { Matcher } from '../../src/match/matcher.js';
import { parsePattern } from '../../src/pattern/parse.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const RULES = 40;
const PADDING = ' '.repeat(256 * 1024);

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

test.each([
  ['anything-but strings', (i: number) => `{"a":[{"anything-but":["value-number-${i}-abcdef"]}]}`],
  ['anything-but prefix', (i: number) => `{"a":[{"anything-but":{"prefix":"value-number-${i}-abcdef"}}]}`],
  ['anything-but wildcard', (i: number) => `{"a":[{"anything-but":{"wildcard":"value-number-${i}-*"}}]}`],
  ['anything-but numbers', (i: number) => `{"a":[{"anything-but":[${1000000 + i}.12345]}]}`],
  ['number literal', (i: number) => `{"a":[12345678901234567890${i}.5]}`],
  ['exact and prefix', (i: number) => `{"a":["value-number-${i}-abcdef",{"prefix":"prefix-number-${i}-abc"}]}`],
])('should not keep the pattern text alive through %s', (_name, pattern) => {
  const matcher = new Matcher();
  const before = heapAfterGc();
  for (let i = 0; i < RULES; i++) {
    // A fresh, flat pattern text per rule, made big by padding (parsed with a raised length limit:
    // what is kept is the compiler's business), dropped after the call.
    const text = JSON.parse(JSON.stringify(`${PADDING}${pattern(i)}${PADDING}`)) as string;
    matcher.addRule(`r${i}`, parsePattern(text, { maxLength: 4 * PADDING.length }));
  }
  const grown = heapAfterGc() - before;
  expect(matcher.size).toBe(RULES);
  // Kept texts would be RULES * 512 KiB = 20 MiB.
  expect(grown).toBeLessThan((RULES * 2 * PADDING.length) / 10);
});
