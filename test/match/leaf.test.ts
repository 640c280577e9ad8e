/**
 * Tests of matchesLeaf, the operator table of docs/semantics.md §3.0: every operator against every kind of
 * value, and agreement with the single-field event-ruler probes from the fixtures.
 */

import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { AnythingButMatcher, LeafMatcher } from '../../src/pattern/ast.js';
import type { LeafValue } from '../../src/values/leaf-value.js';
import { matchesLeaf } from '../../src/match/leaf.js';
import { numberFromText } from '../../src/values/json-number.js';
import { parseCidr, parseIpAddress } from '../../src/values/ip.js';

// Hand-built matchers, so this file tests value semantics alone, not pattern parsing.
const exact = (value: string): LeafMatcher => ({ kind: 'exact', value, ip: parseIpAddress(value), source: JSON.stringify(value) });
const exactly = (value: string): LeafMatcher => ({ kind: 'exactly', value, source: '' });
const num = (text: string): LeafMatcher => ({ kind: 'number', number: numberFromText(text), source: text });
const literal = (value: boolean | null): LeafMatcher => ({ kind: 'literal', value, source: String(value) });
const prefix = (value: string, ignoreCase = false): LeafMatcher => ({ kind: 'prefix', value, ignoreCase, source: '' });
const suffix = (value: string, ignoreCase = false): LeafMatcher => ({ kind: 'suffix', value, ignoreCase, source: '' });
const eic = (value: string): LeafMatcher => ({ kind: 'equals-ignore-case', value, source: '' });
const wildcard = (value: string): LeafMatcher => ({ kind: 'wildcard', value, source: '' });
const numeric = (lower: number, lowerInclusive: boolean, upper: number, upperInclusive: boolean): LeafMatcher => ({
  kind: 'numeric', lower, lowerInclusive, upper, upperInclusive, source: '',
});
const exists = (value: boolean): LeafMatcher => ({ kind: 'exists', value, source: '' });
const cidr = (text: string): LeafMatcher => ({ kind: 'cidr', range: parseCidr(text), source: '' });
const butStrings = (...values: string[]): AnythingButMatcher => ({ kind: 'anything-but', type: 'strings', values, source: '' });
const butNumbers = (...texts: string[]): AnythingButMatcher => ({
  kind: 'anything-but', type: 'numbers', values: texts.map(numberFromText), source: '',
});
const but = (type: 'prefix' | 'suffix' | 'equals-ignore-case' | 'wildcard', ...values: string[]): AnythingButMatcher => ({
  kind: 'anything-but', type, values, source: '',
});

const n = (text: string): LeafValue => numberFromText(text);

/** A short test-name label for a matcher. */
function label(m: LeafMatcher): string {
  switch (m.kind) {
    case 'anything-but':
      return `anything-but ${m.type} ${JSON.stringify(m.values.map((v) => (typeof v === 'string' ? v : v.text)))}`;
    case 'numeric':
      return `numeric ${m.lowerInclusive ? '[' : '('}${m.lower}, ${m.upper}${m.upperInclusive ? ']' : ')'}`;
    case 'prefix':
    case 'suffix':
      return `${m.kind}${m.ignoreCase ? ' ignore-case' : ''} ${JSON.stringify(m.value)}`;
    case 'equals-ignore-case':
    case 'wildcard':
      return `${m.kind} ${JSON.stringify(m.value)}`;
    default:
      return m.kind;
  }
}

/** Rows `[matcher, value, expected]` as `[label, value, expected, matcher]` for readable test names. */
function labelled(rows: readonly (readonly [LeafMatcher, LeafValue, boolean])[]): [string, LeafValue, boolean, LeafMatcher][] {
  return rows.map(([m, v, want]) => [label(m), v, want, m]);
}

describe('matchesLeaf', () => {
  // docs/semantics.md §3.0, one row per operator, one column per kind of event value.
  const columns = ['string', 'comparable number', 'non-comparable number', 'true', 'false', 'null'] as const;
  const sample: Record<(typeof columns)[number], LeafValue> = {
    string: 'x',
    'comparable number': n('5'),
    'non-comparable number': n('9007199254740993'),
    true: true,
    false: false,
    null: null,
  };
  describe.each([
    ['"x" (string literal)', exact('x'), [true, false, false, false, false, false]],
    ['5 (number literal)', num('5'), [false, true, false, false, false, false]],
    ['9007199254740993 (number literal)', num('9007199254740993'), [false, false, true, false, false, false]],
    ['true', literal(true), [false, false, false, true, false, false]],
    ['false', literal(false), [false, false, false, false, true, false]],
    ['null', literal(null), [false, false, false, false, false, true]],
    ['exactly', exactly('x'), [true, false, false, false, false, false]],
    ['prefix ""', prefix(''), [true, false, false, false, false, false]],
    ['prefix ignore-case ""', prefix('', true), [true, false, false, false, false, false]],
    ['suffix ""', suffix(''), [true, false, false, false, false, false]],
    ['suffix ignore-case "X"', suffix('X', true), [true, false, false, false, false, false]],
    ['equals-ignore-case', eic('X'), [true, false, false, false, false, false]],
    ['wildcard "*"', wildcard('*'), [true, false, false, false, false, false]],
    ['numeric >= 0', numeric(0, true, Infinity, false), [false, true, false, false, false, false]],
    ['exists:true', exists(true), [true, true, true, true, true, true]],
    ['exists:false', exists(false), [false, false, false, false, false, false]],
    ['anything-but "x"', butStrings('x'), [false, true, true, true, true, true]],
    ['anything-but 5', butNumbers('5'), [true, false, true, true, true, true]],
    ['anything-but 9007199254740993', butNumbers('9007199254740993'), [true, true, false, true, true, true]],
    ['anything-but prefix "x"', but('prefix', 'x'), [false, true, true, true, true, true]],
    ['anything-but suffix "x"', but('suffix', 'x'), [false, true, true, true, true, true]],
    ['anything-but equals-ignore-case "X"', but('equals-ignore-case', 'X'), [false, true, true, true, true, true]],
    ['anything-but wildcard "*"', but('wildcard', '*'), [false, true, true, true, true, true]],
  ] as const)('for %s', (_name, matcher, expected) => {
    test.each(columns.map((c, i) => [c, expected[i]] as const))('should answer %s: %s', (column, want) => {
      expect(matchesLeaf(matcher, sample[column])).toBe(want);
    });
  });

  describe('for cidr (strings that parse as an IP of the same family)', () => {
    test.each([
      ['10.0.0.0/24', '10.0.0.255', true],
      ['10.0.0.0/24', '010.0.0.5', true],
      ['10.0.0.0/24', '10.0.1.0', false],
      ['10.0.0.0/24', '10.0.0.5/32', false],
      ['10.0.0.0/24', '::ffff:10.0.0.5', false],
      ['10.0.0.0/24', '::ffff:a00:5', true],
      ['10.0.0.0/24', 'a00::1', false],
      ['a00::/16', '10.0.0.1', false],
      ['0.0.0.0/0', '::1', false],
      ['2001:db8::/32', '2001:DB8:0:0:0:0:0:1', true],
    ])('should answer %s on %j: %s', (block, value, want) => {
      expect(matchesLeaf(cidr(block), value)).toBe(want);
    });

    test('should never match numbers (Q20)', () => {
      expect(matchesLeaf(cidr('0.0.0.0/0'), n('42'))).toBe(false);
      expect(matchesLeaf(exact('10.0.0.1'), n('10'))).toBe(false);
    });
  });

  describe('for a string literal that is an IP address (§3.1)', () => {
    test.each([
      ['10.0.0.1', '10.0.0.01', true],
      ['10.0.0.1', '010.0.0.1', true],
      ['10.0.0.1', '10.0.0.2', false],
      ['2001:db8::1', '2001:DB8:0:0:0:0:0:1', true],
      ['::', '0:0:0:0:0:0:0:0', true],
      ['::ffff:a00:5', '10.0.0.5', true],
      ['10.0.0.1', 'a00:1::', false],
      ['12:30', '12:30', true],
      ['12:30', '12:030', false],
      ['1.2.3.4.5', '1.2.3.4.5', true],
    ])('should answer %j on %j: %s', (literalText, value, want) => {
      expect(matchesLeaf(exact(literalText), value)).toBe(want);
    });

    test('should not canonicalise for exactly or anything-but', () => {
      expect(matchesLeaf(exactly('10.0.0.1'), '10.0.0.01')).toBe(false);
      expect(matchesLeaf(butStrings('10.0.0.1'), '10.0.0.01')).toBe(true);
    });
  });

  describe('for number literals (§2.4)', () => {
    test.each([
      ['300', '300.0', true],
      ['300', '3.0e2', true],
      ['300', '300.0000000000000001', false],
      ['12345678901234567890', '12345678901234567890', true],
      ['12345678901234567890', '1.2345678901234567890e19', false],
      ['-0', '0', true],
    ])('should answer %s on %s: %s', (literalText, value, want) => {
      expect(matchesLeaf(num(literalText), n(value))).toBe(want);
    });

    test('should not match the string spelling', () => {
      expect(matchesLeaf(num('1'), '1')).toBe(false);
      expect(matchesLeaf(exact('1'), n('1'))).toBe(false);
    });
  });

  describe('for numeric (§3.8)', () => {
    test.each(labelled([
      [numeric(100, false, Infinity, false), n('101.0'), true],
      [numeric(100, false, Infinity, false), n('100'), false],
      [numeric(100, true, Infinity, false), n('1e2'), true],
      [numeric(0, false, 5, true), n('5'), true],
      [numeric(0, false, 5, false), n('5'), false],
      [numeric(300, true, 300, true), n('3e2'), true],
      [numeric(-Infinity, false, 0, false), n('-1.7976931348623157e308'), true],
      [numeric(1.7976931348623157e308, false, Infinity, false), n('1.7976931348623157e308'), false],
      [numeric(-Infinity, false, Infinity, false), n('1e400'), false],
      [numeric(-Infinity, false, Infinity, false), n('9007199254740993'), false],
    ]))('should answer %s on %j: %s', (_label, value, want, matcher) => {
      expect(matchesLeaf(matcher, value)).toBe(want);
    });

    test('should not match numeric-looking strings', () => {
      expect(matchesLeaf(numeric(100, false, Infinity, false), '300')).toBe(false);
    });
  });

  describe('for string operators', () => {
    test.each(labelled([
      [prefix('ab'), 'abc', true],
      [prefix('ab'), 'Abc', false],
      [prefix('a"b'), 'a"bc', true],
      [prefix('Straß', true), 'STRASSE', true],
      [suffix('.png'), 'x.png', true],
      [suffix('.png'), 'x.PNG', false],
      [suffix('é'), 'café', true],
      [suffix('ße', true), 'STRASSE', true],
      [eic('Straße'), 'strasse', false],
      [eic('\u212A'), 'K', false],
      [wildcard('a*x*'), 'ax', true],
      [wildcard(''), '', true],
      [wildcard(''), 'x', false],
      [wildcard('*.png'), 'x.PNG', false],
    ]))('should answer %s on %j: %s', (_label, value, want, matcher) => {
      expect(matchesLeaf(matcher, value)).toBe(want);
    });
  });

  describe('for anything-but (§3.9)', () => {
    test.each(labelled([
      [butStrings('x'), 'X', true],
      [butStrings('x', 'y'), 'y', false],
      [butStrings(''), '', false],
      [butStrings(''), 'a', true],
      [butNumbers('100'), n('1e2'), false],
      [butNumbers('100'), n('100.0'), false],
      [butNumbers('100'), n('101'), true],
      [butNumbers('5'), '5', true],
      [but('prefix', 'in'), 'in', false],
      [but('prefix', 'in'), 'init', false],
      [but('prefix', 'in'), 'i', true],
      [but('prefix', 'in'), 'xin', true],
      [but('prefix', 'a', 'b'), 'bc', false],
      [but('suffix', 'ng'), 'png', false],
      [but('suffix', 'ng'), 'ng', false],
      [but('suffix', 'ng'), 'pnG', true],
      [but('equals-ignore-case', 'Stopped'), 'STOPPED', false],
      [but('equals-ignore-case', 'Stopped'), 'running', true],
      [but('equals-ignore-case', 'a', 'Straße'), 'STRASSE', false],
      [but('wildcard', '*/lib/*'), '/usr/lib/x', false],
      [but('wildcard', '*/lib/*'), '/usr/bin/x', true],
      [but('wildcard', ''), '', false],
      [but('wildcard', ''), 'x', true],
    ]))('should answer %s on %j: %s', (_label, value, want, matcher) => {
      expect(matchesLeaf(matcher, value)).toBe(want);
    });
  });

  test('should reuse compiled programs for the same matcher object', () => {
    const m = but('wildcard', '*a*', '*b*');
    expect(matchesLeaf(m, 'xax')).toBe(false);
    expect(matchesLeaf(m, 'xcx')).toBe(true);
    expect(matchesLeaf(m, 'b')).toBe(false);
  });
});

/**
 * Minimal JSON reader for the probe files: keeps number texts (JSON.parse would lose `300.0`).
 * Returns the leaf values at key `a` of a flat event such as `{"a":[1,"x"]}`, or undefined if the
 * event has another shape.
 */
function leavesOfA(eventText: string): LeafValue[] | undefined {
  let i = 0;
  const ws = (): void => {
    while (/\s/.test(eventText[i] ?? '')) i++;
  };
  const value = (): unknown => {
    ws();
    const c = eventText[i];
    if (c === '"') {
      const m = /^"(?:[^"\\]|\\.)*"/.exec(eventText.slice(i));
      if (m === null) throw new Error('bad string');
      i += m[0].length;
      return JSON.parse(m[0]) as string;
    }
    if (c === '[') {
      i++;
      const out: unknown[] = [];
      ws();
      if (eventText[i] === ']') {
        i++;
        return out;
      }
      for (;;) {
        out.push(value());
        ws();
        if (eventText[i++] === ']') return out;
      }
    }
    if (c === '{') throw new Error('objects are out of scope');
    const m = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(eventText.slice(i));
    if (m === null) throw new Error('bad token');
    i += m[0].length;
    if (m[0] === 'true') return true;
    if (m[0] === 'false') return false;
    if (m[0] === 'null') return null;
    return numberFromText(m[0]);
  };
  const head = /^\{\s*"a"\s*:/.exec(eventText);
  if (head === null) return undefined;
  i = head[0].length;
  let v: unknown;
  try {
    v = value();
  } catch {
    return undefined;
  }
  ws();
  if (eventText.slice(i).trim() !== '}') return undefined;
  const flat: LeafValue[] = [];
  const stack: unknown[] = [v];
  while (stack.length > 0) {
    const x = stack.pop();
    if (x === undefined) return undefined;
    if (Array.isArray(x)) for (let k = x.length - 1; k >= 0; k--) stack.push(x[k]);
    else flat.push(x as LeafValue);
  }
  return flat;
}

/** Turns one pattern leaf element (as parsed JSON) into a matcher, for the operators the probes use. */
function toMatcher(element: unknown, text: string): LeafMatcher | undefined {
  if (typeof element === 'string') return exact(element);
  if (typeof element === 'boolean' || element === null) return literal(element);
  if (typeof element === 'number') return num(text);
  const entries = Object.entries(element as Record<string, unknown>);
  const [key, operand] = entries[0] ?? [];
  if (entries.length !== 1) return undefined;
  const ic = (o: unknown): string | undefined =>
    typeof o === 'object' && o !== null ? ((o as Record<string, unknown>)['equals-ignore-case'] as string) : undefined;
  switch (key) {
    case 'prefix':
      return typeof operand === 'string' ? prefix(operand) : prefix(ic(operand) ?? '', true);
    case 'suffix':
      return typeof operand === 'string' ? suffix(operand) : suffix(ic(operand) ?? '', true);
    case 'equals-ignore-case':
      return eic(operand as string);
    case 'wildcard':
      return wildcard(operand as string);
    case 'exactly':
      return exactly(operand as string);
    case 'exists':
      return exists(operand as boolean);
    case 'cidr':
      return cidr(operand as string);
    case 'anything-but': {
      if (typeof operand === 'string') return butStrings(operand);
      if (Array.isArray(operand) && operand.every((x) => typeof x === 'string')) return butStrings(...(operand as string[]));
      if (typeof operand === 'object' && operand !== null && !Array.isArray(operand)) {
        const [[inner, v] = []] = Object.entries(operand);
        const values = (Array.isArray(v) ? v : [v]) as string[];
        if (inner === 'prefix' || inner === 'suffix' || inner === 'equals-ignore-case' || inner === 'wildcard') return but(inner, ...values);
      }
      return undefined; // number forms need the source texts; covered by the tables above
    }
    default:
      return undefined;
  }
}

describe('matchesLeaf against event-ruler probes', () => {
  // Probes where event-ruler 2.0.1 is wrong by design of this project (docs/semantics.md §3.11, §10).
  const knownDivergence = (pattern: string, value: LeafValue): string | undefined => {
    if (/"cidr"|"\d+\.\d+\.\d+\.\d+"|::/.test(pattern) && typeof value === 'string' && /:/.test(value) !== /::|:[0-9a-f]+:/i.test(pattern))
      return 'Q8 cross-family';
    if (/"cidr"|"\d+\.\d+\.\d+\.\d+"/.test(pattern) && typeof value === 'object' && value !== null) return 'Q20';
    if (/equals-ignore-case/.test(pattern) && /[\u{10000}-\u{10FFFF}]/u.test(pattern)) return 'Q6 supplementary characters';
    return undefined;
  };

  test('should agree on every single-field probe it can express', () => {
    const lines = readFileSync(new URL('../fixtures/event-ruler-vectors.jsonl', import.meta.url), 'utf8').split('\n');
    let checked = 0;
    const disagreements: string[] = [];
    for (const line of lines) {
      if (line.trim() === '') continue;
      const v = JSON.parse(line) as { kind: string; pattern: string; event: string; match: boolean };
      if (v.kind !== 'match') continue;
      const m = /^\{"a":\[(.*)\]\}$/.exec(v.pattern);
      if (m === null) continue;
      let elements: unknown[];
      try {
        elements = JSON.parse(`[${m[1]}]`) as unknown[];
      } catch {
        continue;
      }
      // Number literals need their source text: only accept patterns whose numbers we can recover.
      const numberTexts = `[${m[1] ?? ''}]`.match(/(?<=[[,])-?\d[\d.eE+-]*(?=[,\]]|$)/g) ?? [];
      let numberIndex = 0;
      const matchers: LeafMatcher[] = [];
      let usable = true;
      for (const el of elements) {
        const matcher = toMatcher(el, typeof el === 'number' ? (numberTexts[numberIndex++] ?? String(el)) : '');
        if (matcher === undefined || (matcher.kind === 'exists' && !matcher.value)) usable = false;
        else matchers.push(matcher);
      }
      const leaves = leavesOfA(v.event);
      if (!usable || leaves === undefined) continue;
      const got = leaves.some((leaf) => matchers.some((x) => matchesLeaf(x, leaf)));
      if (got !== v.match) {
        const excuse = leaves.map((leaf) => knownDivergence(v.pattern, leaf)).find((e) => e !== undefined);
        if (excuse === undefined) disagreements.push(`${v.pattern} on ${v.event}: expected ${v.match}`);
        continue;
      }
      checked++;
    }
    expect(disagreements).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });
});
