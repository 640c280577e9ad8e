/**
 * Rule trie construction: equal leading conditions share states, condition keys are canonical and
 * distinguish look-alike matchers, and removal drops exactly what only the removed sub-rule used.
 */

import { describe, expect, test } from 'vitest';
import { PathTable } from '../../src/compile/path-table.js';
import { TrieNode, condKey, insertSubRule, removeSubRule } from '../../src/compile/rule-trie.js';
import type { RuleEntry } from '../../src/compile/rule-trie.js';
import { matcherKey } from '../../src/compile/matcher-key.js';
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
