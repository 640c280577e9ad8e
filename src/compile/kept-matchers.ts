/**
 * The matchers a rule-trie condition keeps, to derive its key and to unfile them when it goes: no
 * `source`, strings that do not share the pattern's text, `exists` and the literals as shared
 * objects, and an IPv4 CIDR block as two numbers (its range is derived when asked for).
 */

import type { CidrMatcher, LeafMatcher } from '../pattern/ast.js';
import type { IpRange } from '../values/ip.js';
import type { JsonNumber } from '../values/json-number.js';
import { own } from './strings.js';
import { PRESENT } from './value-index.js';

/** `exists:false` as a condition keeps it (shared: conditions hold no copy). */
export const ABSENT: LeafMatcher = Object.freeze({ kind: 'exists', source: '', value: false });

/** The literals as conditions keep them (shared). */
const TRUE: LeafMatcher = Object.freeze({ kind: 'literal', source: '', value: true });
const FALSE: LeafMatcher = Object.freeze({ kind: 'literal', source: '', value: false });
const NULL: LeafMatcher = Object.freeze({ kind: 'literal', source: '', value: null });

/**
 * An IPv4 CIDR block as a condition keeps it: its first and last address as 32-bit integers (small
 * integers to V8, stored in the object), where a parsed matcher has a range object and two hex
 * strings. `kind`, `source` and `range` are derived; only insertion and removal read them.
 */
class Ipv4Block implements CidrMatcher {
  /** The first and last address, as signed 32-bit integers. */
  private readonly first: number;
  private readonly last: number;

  /** @param range - An IPv4 range (8 hex digits each). */
  constructor(range: IpRange) {
    this.first = parseInt(range.low, 16) | 0;
    this.last = parseInt(range.high, 16) | 0;
  }

  get kind(): 'cidr' {
    return 'cidr';
  }

  get source(): string {
    return '';
  }

  /** The range as parsing gave it (fresh strings, equal to the parsed ones). */
  get range(): IpRange {
    return { family: 4, low: hex8(this.first), high: hex8(this.last) };
  }
}

/** 8 lowercase hex digits of a 32-bit integer, as IPv4 ranges spell addresses. */
function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}

/**
 * A matcher as a condition keeps it (see the module comment).
 *
 * @param m - A parsed matcher.
 * @returns An equivalent matcher: same kind, key and filing, `source` empty.
 */
export function keptMatcher(m: LeafMatcher): LeafMatcher {
  switch (m.kind) {
    case 'exact':
      return { kind: m.kind, source: '', value: own(m.value), ip: m.ip };
    case 'exactly':
    case 'equals-ignore-case':
    case 'wildcard':
      return { kind: m.kind, source: '', value: own(m.value) };
    case 'prefix':
    case 'suffix':
      return { kind: m.kind, source: '', value: own(m.value), ignoreCase: m.ignoreCase };
    case 'exists':
      return m.value ? PRESENT : ABSENT;
    case 'literal':
      return m.value === true ? TRUE : m.value === false ? FALSE : NULL;
    case 'numeric':
      return { kind: m.kind, source: '', lower: m.lower, lowerInclusive: m.lowerInclusive, upper: m.upper, upperInclusive: m.upperInclusive };
    case 'number':
      return { kind: m.kind, source: '', number: ownNumber(m.number) };
    case 'cidr':
      return m.range.family === 4 ? new Ipv4Block(m.range) : { kind: m.kind, source: '', range: m.range };
    case 'anything-but':
      return m.type === 'numbers'
        ? { kind: m.kind, source: '', type: m.type, values: m.values.map(ownNumber) }
        : { kind: m.kind, source: '', type: m.type, values: m.values.map(own) };
  }
}

/** A number whose text shares no memory with the pattern's (see `own`). */
function ownNumber(n: JsonNumber): JsonNumber {
  // `own` copies only strings of 13 or more code units (the only ones V8 slices).
  return n.text.length < 13 ? n : { text: own(n.text), value: n.value };
}
