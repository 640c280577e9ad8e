/**
 * The value semantics of one leaf matcher against one present leaf value: the operator table of
 * docs/semantics.md §3.0, written plainly. This is the oracle the compiled matcher is tested against, so
 * it favours clarity over speed; compiled ignore-case and wildcard programs are cached per matcher
 * object. Absence is the caller's business: `exists:false` never matches a present value here.
 */

import type { AnythingButMatcher, LeafMatcher } from '../pattern/ast.js';
import type { LeafValue } from '../values/leaf-value.js';
import type { JsonNumber } from '../values/json-number.js';
import { numbersEqual } from '../values/json-number.js';
import { ipInRange, parseIpAddress } from '../values/ip.js';
import type { IgnoreCasePattern } from '../values/ignore-case.js';
import { compileIgnoreCase, endsWithIgnoreCase, equalsIgnoreCase, startsWithIgnoreCase } from '../values/ignore-case.js';
import type { CompiledWildcard } from '../values/wildcard.js';
import { compileWildcard, matchesWildcard } from '../values/wildcard.js';

/** Compiled ignore-case / wildcard programs, one list per matcher object (index = operand index). */
const ignoreCaseCache = new WeakMap<LeafMatcher, readonly IgnoreCasePattern[]>();
const wildcardCache = new WeakMap<LeafMatcher, readonly CompiledWildcard[]>();

/** The compiled programs of `m`'s operands, compiled on first use and then taken from `cache`. */
function programsOf<T>(cache: WeakMap<LeafMatcher, readonly T[]>, m: LeafMatcher, operands: readonly string[], compile: (operand: string) => T): readonly T[] {
  let programs = cache.get(m);
  if (programs === undefined) {
    programs = operands.map((operand) => compile(operand));
    cache.set(m, programs);
  }
  return programs;
}

function ignoreCasePrograms(m: LeafMatcher, operands: readonly string[]): readonly IgnoreCasePattern[] {
  return programsOf(ignoreCaseCache, m, operands, compileIgnoreCase);
}

function wildcardPrograms(m: LeafMatcher, operands: readonly string[]): readonly CompiledWildcard[] {
  return programsOf(wildcardCache, m, operands, compileWildcard);
}

function ignoreCaseProgram(m: LeafMatcher, value: string): IgnoreCasePattern {
  return ignoreCasePrograms(m, [value])[0] ?? compileIgnoreCase(value);
}

function wildcardProgram(m: LeafMatcher, value: string): CompiledWildcard {
  return wildcardPrograms(m, [value])[0] ?? compileWildcard(value);
}

function isNumber(v: LeafValue): v is JsonNumber {
  return typeof v === 'object' && v !== null;
}

/**
 * Whether one leaf matcher accepts one present leaf value (docs/semantics.md §3.0).
 *
 * - String operators (exact, exactly, prefix, suffix, equals-ignore-case, wildcard, cidr) only
 *   ever match strings; an exact literal that is an IP address also matches any other spelling of
 *   that address (§3.1), within its family.
 * - Number literals compare by {@link numbersEqual}; `numeric` needs a comparable number.
 * - `true`/`false`/`null` literals match only themselves. `exists:true` matches every value,
 *   `exists:false` none (it is about absence, which the caller decides).
 * - anything-but (§3.9) matches every value of the other kinds, and values of its own kind that
 *   match none of its operands.
 *
 * @param m - The leaf matcher.
 * @param v - One leaf occurrence of the event.
 * @returns Whether `m` is satisfied by `v`.
 */
export function matchesLeaf(m: LeafMatcher, v: LeafValue): boolean {
  switch (m.kind) {
    case 'exact':
      if (typeof v !== 'string') return false;
      if (v === m.value) return true;
      if (m.ip === undefined) return false;
      {
        const ip = parseIpAddress(v);
        return ip !== undefined && ip.family === m.ip.family && ip.hex === m.ip.hex;
      }
    case 'exactly':
      return typeof v === 'string' && v === m.value;
    case 'number':
      return isNumber(v) && numbersEqual(m.number, v);
    case 'literal':
      return v === m.value;
    case 'prefix':
      if (typeof v !== 'string') return false;
      return m.ignoreCase ? startsWithIgnoreCase(ignoreCaseProgram(m, m.value), v) : v.startsWith(m.value);
    case 'suffix':
      if (typeof v !== 'string') return false;
      return m.ignoreCase ? endsWithIgnoreCase(ignoreCaseProgram(m, m.value), v) : v.endsWith(m.value);
    case 'equals-ignore-case':
      return typeof v === 'string' && equalsIgnoreCase(ignoreCaseProgram(m, m.value), v);
    case 'wildcard':
      return typeof v === 'string' && matchesWildcard(wildcardProgram(m, m.value), v);
    case 'numeric': {
      if (!isNumber(v) || v.value === undefined) return false;
      const x = v.value;
      const aboveLower = m.lowerInclusive ? x >= m.lower : x > m.lower;
      const belowUpper = m.upperInclusive ? x <= m.upper : x < m.upper;
      return aboveLower && belowUpper;
    }
    case 'exists':
      return m.value;
    case 'cidr': {
      if (typeof v !== 'string') return false;
      const ip = parseIpAddress(v);
      return ip !== undefined && ipInRange(ip, m.range);
    }
    case 'anything-but':
      return matchesAnythingBut(m, v);
  }
}

/** anything-but (§3.9): satisfied by any value its inner condition does not match. */
function matchesAnythingBut(m: AnythingButMatcher, v: LeafValue): boolean {
  switch (m.type) {
    case 'strings':
      return typeof v !== 'string' || !m.values.includes(v);
    case 'numbers':
      return !isNumber(v) || !m.values.some((n) => numbersEqual(n, v));
    case 'prefix':
      return typeof v !== 'string' || !m.values.some((p) => v.startsWith(p));
    case 'suffix':
      return typeof v !== 'string' || !m.values.some((p) => v.endsWith(p));
    case 'equals-ignore-case':
      return typeof v !== 'string' || !ignoreCasePrograms(m, m.values).some((p) => equalsIgnoreCase(p, v));
    case 'wildcard':
      return typeof v !== 'string' || !wildcardPrograms(m, m.values).some((w) => matchesWildcard(w, v));
  }
}
