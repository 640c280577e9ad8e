/**
 * The numbers the scanner reads keep their hidden class through forced full garbage collections
 * (design note 017). V8's optimized code holds the hidden classes it was specialized for weakly:
 * when such a collection found no number alive, the normal state between two matches, it freed the
 * class and threw away every optimized function that reads numbers (the scanner, the walk, the
 * value index), which then ran unoptimized until compiled again. Checked with V8's test hooks,
 * enabled here at run time: a function optimized for the numbers read stays optimized after
 * collections with none of them alive, and every kind of value (none, integer, fraction) shares
 * one class.
 */

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect, test } from 'vitest';
import { readNumber } from '../../src/values/json-number.js';
import { codeUnitsOf } from '../../src/event/code-units.js';

setFlagsFromString('--expose-gc');
setFlagsFromString('--allow-natives-syntax');
const gc = runInNewContext('gc') as () => void;
// Functions compiled after the flag is set may use V8's natives syntax.
const hook = (body: string): ((...args: unknown[]) => unknown) => new Function('a', 'b', body) as (...args: unknown[]) => unknown;
const haveSameMap = hook('return %HaveSameMap(a, b)');
const prepareForOptimization = hook('%PrepareFunctionForOptimization(a)');
const optimizeOnNextCall = hook('%OptimizeFunctionOnNextCall(a)');
const optimizationStatus = hook('return %GetOptimizationStatus(a)') as (f: unknown) => number;
/** V8's `OptimizationStatus::kOptimized` bit. */
const OPTIMIZED = 1 << 4;

/** Reads one number token as the scanner does, from inside a JSON text. */
function read(token: string): { readonly value: number | undefined } {
  const text = `[${token},1]`;
  const n = readNumber(text, codeUnitsOf(text), 1);
  if (n === undefined) throw new Error(`not read in place: ${token}`);
  return n;
}

/** Tokens of each kind of value: integers, fractions, and more digits than any double's shortest decimal (no value). */
const TOKENS = ['0', '12', '-7', '0.5', '-122.42916360922355', '37.729900216217324', '0.1000000000000000055511151231257827'];

test('every number read shares one hidden class, whatever its value', () => {
  gc();
  const numbers = TOKENS.map(read);
  expect(numbers[6]?.value).toBeUndefined();
  for (const n of numbers) expect({ value: n.value, same: haveSameMap(n, numbers[0]) }).toEqual({ value: n.value, same: true });
});

/**
 * A function optimized for every kind of number read. Built in a frame of its own, so that no
 * number it read is left in a register of the caller's frame when the caller collects garbage.
 */
function optimizedValueReader(): (n: unknown) => unknown {
  const valueOf = new Function('n', 'return n.value') as (n: unknown) => unknown;
  prepareForOptimization(valueOf);
  for (const token of TOKENS) valueOf(read(token));
  optimizeOnNextCall(valueOf);
  valueOf(read('4.25'));
  return valueOf;
}

test('code optimized for the numbers read stays optimized through full collections that find none alive', () => {
  const valueOf = optimizedValueReader();
  const before = optimizationStatus(valueOf);
  expect(before & OPTIMIZED).toBe(OPTIMIZED);
  // No number is alive here: their class lives on only if the module keeps it.
  gc();
  gc();
  expect(optimizationStatus(valueOf)).toBe(before);
  expect(valueOf(read('2.5'))).toBe(2.5);
});
