/**
 * Rule trie construction: equal leading conditions share states, condition keys are canonical and
 * distinguish look-alike matchers, and removal drops exactly what only the removed sub-rule used.
 */

import { describe, expect, test } from 'vitest';
import { PathTable } from '../../src/compile/path-table.js';
import { TrieNode, condKey, insertSubRule, removeSubRule } from '../../src/compile/rule-trie.js';
import type { RuleEntry } from '../../src/compile/rule-trie.js';
import { matcherKey } from '../../src/compile/matcher-key.js';
import { keptMatcher } from '../../src/compile/kept-matchers.js';
import { Matcher } from '../../src/match/matcher.js';
import { parsePattern } from '../../src/pattern/parse.js';

function rule(name: string): RuleEntry {
  return { name, terminals: [], matchStamp: 0 };
}

describe('insertSubRule', () => {
  test('should share the states of equal leading conditions', () => {
    const root = new TrieNode();
    const paths = new PathTable();
    const a = parsePattern({ source: ['s'], 'detail-type': ['x'] }).subRules[0];
    const b = parsePattern({ source: ['s'], 'detail-type': ['x'], zeta: [1] }).subRules[0];
    const ra = rule('a');
    const rb = rule('b');
    const endA = insertSubRule(root, paths, a!, ra);
    insertSubRule(root, paths, b!, rb);
    expect(root.edgeList().length).toBe(1);
    expect(root.edgeList()[0]?.conds.length).toBe(1);
    expect(endA.terminals).toBe(ra);
    expect(endA.edgeList().length).toBe(1);
    expect(endA.edgeList()[0]?.conds[0]?.terminals).toBe(rb);
  });

  test('should give the same key to the same leaf array in any order, with duplicates', () => {
    const x = parsePattern({ a: ['x', { prefix: 'y' }, 'x'] }).subRules[0]!.fields[0]!;
    const y = parsePattern({ a: [{ prefix: 'y' }, 'x'] }).subRules[0]!.fields[0]!;
    expect(condKey(x).key).toBe(condKey(y).key);
    expect(condKey(x).matchers.length).toBe(2);
  });

  test('should tell apart matchers that only look alike', () => {
    const keys = parsePattern({ a: ['1', 1, { exactly: '1' }, { prefix: '1' }, { prefix: { 'equals-ignore-case': '1' } }, { numeric: ['=', 1] }, { 'anything-but': '1' }, { 'anything-but': 1 }] })
      .subRules[0]!.fields[0]!.matchers.map(matcherKey);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('removeSubRule', () => {
  test('should drop every state only the removed sub-rule used', () => {
    const root = new TrieNode();
    const paths = new PathTable();
    const keep = rule('keep');
    const drop = rule('drop');
    insertSubRule(root, paths, parsePattern({ a: ['1'], b: ['2'] }).subRules[0]!, keep);
    const end = insertSubRule(root, paths, parsePattern({ a: ['1'], c: [{ exists: false }] }).subRules[0]!, drop);
    removeSubRule(end, paths, drop);
    const a = root.edgeList()[0];
    expect(a?.conds.length).toBe(1);
    expect(a?.conds[0]?.child.edgeList().map((e) => e.path.path)).toEqual(['b']);
    expect(paths.leafIdOf('c')).toBe(-1);
  });
});

describe('keptMatcher', () => {
  test('should keep IPv4 blocks as numbers with the key and range of the parsed matcher', () => {
    // Blocks above 128.0.0.0 are negative as 32-bit integers; IPv6 blocks are kept as parsed.
    for (const cidr of ['10.1.2.0/24', '0.0.0.0/0', '255.255.255.254/31', '192.168.0.7/16', '2001:db8::/32']) {
      const parsed = parsePattern({ a: [{ cidr }] }).subRules[0]!.fields[0]!.matchers[0]!;
      const kept = keptMatcher(parsed);
      expect(matcherKey(kept)).toBe(matcherKey(parsed));
      expect(kept.kind).toBe('cidr');
      if (kept.kind === 'cidr' && parsed.kind === 'cidr') expect({ ...kept.range }).toEqual({ ...parsed.range });
    }
  });

  test('should find conditions on kept blocks again: equal blocks share one, deleting and re-adding restores the answers', () => {
    const m = new Matcher();
    const blocks = Array.from({ length: 40 }, (_, i) => `${100 + i}.${i}.0.0/16`);
    const add = (i: number): void => {
      m.addRule(`r${i}`, { ip: [{ cidr: blocks[i] }] });
      // The same block spelled with host bits: one condition, two rules.
      m.addRule(`s${i}`, { ip: [{ cidr: blocks[i]!.replace('.0.0/', '.9.9/') }] });
    };
    const at = (i: number): string[] => m.match({ ip: `${100 + i}.${i}.200.1` }).sort();
    for (let i = 0; i < 40; i++) add(i);
    for (let i = 0; i < 40; i++) expect(at(i)).toEqual([`r${i}`, `s${i}`]);
    for (let i = 0; i < 40; i += 2) m.deleteRule(`r${i}`);
    for (let i = 0; i < 40; i++) expect(at(i)).toEqual(i % 2 === 0 ? [`s${i}`] : [`r${i}`, `s${i}`]);
    for (let i = 0; i < 40; i++) {
      m.deleteRule(`r${i}`);
      m.deleteRule(`s${i}`);
    }
    expect((Reflect.get(m, 'root') as TrieNode).edges).toBeUndefined();
    for (let i = 0; i < 40; i++) add(i);
    for (let i = 0; i < 40; i++) expect(at(i)).toEqual([`r${i}`, `s${i}`]);
    expect(m.match({ ip: '99.0.0.1' })).toEqual([]);
  });
});
