/**
 * AffixTable: prefix and suffix lookups, multiset removal, and a seeded property against
 * startsWith/endsWith under random adds and removes.
 */

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { AffixTable, KeyedItem } from '../../src/compile/affix-table.js';

function matches(trie: AffixTable<string>, s: string): string[] {
  const out: string[] = [];
  trie.forEachMatch(s, (items) => out.push(...(Array.isArray(items) ? items : [items])));
  return out.sort();
}

describe('AffixTable', () => {
  test('should find every stored prefix of a string, including the empty one', () => {
    const trie = new AffixTable<string>(false);
    for (const k of ['', 'a', 'ab', 'abc', 'abd', 'b']) trie.add(k, k);
    expect(matches(trie, 'abcz')).toEqual(['', 'a', 'ab', 'abc']);
    expect(matches(trie, 'xyz')).toEqual(['']);
    expect(matches(trie, '')).toEqual(['']);
  });

  test('should find suffixes when reversed', () => {
    const trie = new AffixTable<string>(true);
    for (const k of ['g', 'jpg', '.jpg', 'png', '😀']) trie.add(k, k);
    expect(matches(trie, 'a.jpg')).toEqual(['.jpg', 'g', 'jpg']);
    expect(matches(trie, 'x😀')).toEqual(['😀']);
    expect(matches(trie, 'jp')).toEqual([]);
  });

  test('should keep the multiset semantics and remove one pair at a time', () => {
    const trie = new AffixTable<string>(false);
    trie.add('ab', 'x');
    trie.add('ab', 'x');
    trie.add('abc', 'y');
    expect(trie.remove('ab', (i) => i === 'x')).toBe(true);
    expect(matches(trie, 'abc')).toEqual(['x', 'y']);
    expect(trie.remove('ab', (i) => i === 'x')).toBe(true);
    expect(trie.remove('ab', (i) => i === 'x')).toBe(false);
    expect(matches(trie, 'abc')).toEqual(['y']);
    expect(trie.size).toBe(1);
  });

  test('should skip a length only when no key of it ends with the string\'s code unit class there', () => {
    const trie = new AffixTable<string>(false);
    // 'a' (97) and 'A' (65) share the end class 97 & 31 = 65 & 31; '/' does not.
    for (const k of ['u1/', 'u1a', 'u12/']) trie.add(k, k);
    expect(matches(trie, 'u1A/x')).toEqual([]);
    expect(matches(trie, 'u1a/x')).toEqual(['u1a']);
    expect(matches(trie, 'u1/x')).toEqual(['u1/']);
    expect(trie.remove('u1/', (i) => i === 'u1/')).toBe(true);
    expect(matches(trie, 'u1/x')).toEqual([]);
    expect(matches(trie, 'u1ab')).toEqual(['u1a']);
    trie.add('u1/', 'again');
    expect(matches(trie, 'u1/x')).toEqual(['again']);
    const suffixes = new AffixTable<string>(true);
    for (const k of ['/img.jpg', 'ximg.jpg']) suffixes.add(k, k);
    expect(matches(suffixes, 'a/img.jpg')).toEqual(['/img.jpg']);
    expect(suffixes.remove('/img.jpg', (i) => i === '/img.jpg')).toBe(true);
    expect(matches(suffixes, 'a/img.jpg')).toEqual([]);
    expect(matches(suffixes, 'aximg.jpg')).toEqual(['ximg.jpg']);
  });

  test('should agree with startsWith/endsWith under random adds and removes', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A', '/', '😀'), maxLength: 5 });
    fc.assert(
      fc.property(fc.boolean(), fc.array(word, { maxLength: 30 }), fc.array(fc.nat(), { maxLength: 15 }), fc.array(word, { maxLength: 10 }), (reversed, keys, removals, probes) => {
        const trie = new AffixTable<number>(reversed);
        keys.forEach((k, i) => trie.add(k, i));
        const removed = new Set<number>();
        for (const r of removals) {
          if (keys.length === 0) break;
          const i = r % keys.length;
          expect(trie.remove(keys[i] as string, (x) => x === i)).toBe(!removed.has(i));
          removed.add(i);
        }
        for (const s of probes) {
          const got: number[] = [];
          trie.forEachMatch(s, (items) => got.push(...(Array.isArray(items) ? items : [items])));
          const expected = keys.map((k, i) => [k, i] as const).filter(([k, i]) => !removed.has(i) && (reversed ? s.endsWith(k) : s.startsWith(k))).map(([, i]) => i);
          expect(got.sort((a, b) => a - b)).toEqual(expected);
        }
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  test('should keep answering while its slot array grows to thousands of keys and shrinks again', () => {
    for (const reversed of [false, true]) {
      const trie = new AffixTable<string>(reversed);
      const keys = Array.from({ length: 3000 }, (_, i) => (reversed ? `-${i}.jpg` : `u${i}/`));
      const probe = (i: number): string => (reversed ? `x-${i}.jpg` : `u${i}/x`);
      for (const k of keys) trie.add(k, k);
      for (const i of [0, 7, 1234, 2999]) expect(matches(trie, probe(i))).toEqual([keys[i]]);
      for (let i = 0; i < keys.length; i++) if (i % 500 !== 0) expect(trie.remove(keys[i] as string, (x) => x === keys[i])).toBe(true);
      for (let i = 0; i < keys.length; i += 250) expect(matches(trie, probe(i))).toEqual(i % 500 === 0 ? [keys[i]] : []);
      expect(trie.size).toBe(6);
      for (const k of keys) trie.add(k, `again ${k}`);
      expect(matches(trie, probe(1000))).toEqual([`again ${keys[1000]}`, keys[1000] as string].sort());
      expect(matches(trie, probe(1001))).toEqual([`again ${keys[1001]}`]);
    }
  });

  test('should give the same answers with keyed items linked bare, shared keys, removals and re-adds', () => {
    // Keyed items filed alone are their own chain links; a second item under the same key turns
    // the link into a bucket. Keys over 'a', 'b' and '`' share chains (hashes differing in the low
    // bit), and 80 keys put the table behind its presence filter.
    class Keyed extends KeyedItem {
      readonly key: string;
      readonly id: number;
      constructor(key: string, id: number) {
        super();
        this.key = key;
        this.id = id;
      }
      keyLength(): number {
        return this.key.length;
      }
      hasKey(s: string, reversed: boolean): boolean {
        return reversed ? s.endsWith(this.key) : s.startsWith(this.key);
      }
      keyText(): string {
        return this.key;
      }
    }
    const word = fc.string({ unit: fc.constantFrom('a', 'b', '`', '/'), maxLength: 4 });
    const idOf = (x: Keyed | number): number => (typeof x === 'number' ? x : x.id);
    fc.assert(
      fc.property(fc.boolean(), fc.array(fc.tuple(word, fc.boolean()), { minLength: 1, maxLength: 80 }), fc.array(fc.nat(), { maxLength: 40 }), fc.array(word, { maxLength: 10 }), (reversed, pairs, ops, probes) => {
        const trie = new AffixTable<Keyed | number>(reversed);
        const items = pairs.map(([k, keyed], i) => (keyed ? new Keyed(k, i) : i));
        const live = new Set<number>();
        const add = (i: number): void => {
          trie.add((pairs[i] as [string, boolean])[0], items[i] as Keyed | number);
          live.add(i);
        };
        items.forEach((_, i) => add(i));
        // Each op removes a live pair or puts a removed one back.
        for (const r of ops) {
          const i = r % items.length;
          if (live.has(i)) {
            expect(trie.remove((pairs[i] as [string, boolean])[0], (x) => x === items[i])).toBe(true);
            live.delete(i);
          } else add(i);
        }
        expect(trie.size).toBe(live.size);
        for (const s of [...probes, ...pairs.map(([k]) => k)]) {
          const got: number[] = [];
          trie.forEachMatch(s, (found) => got.push(...(Array.isArray(found) ? found : [found]).map(idOf)));
          const expected = [...live].filter((i) => {
            const k = (pairs[i] as [string, boolean])[0];
            return reversed ? s.endsWith(k) : s.startsWith(k);
          });
          expect(got.sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
        }
      }),
      { seed: 23, numRuns: 300 },
    );
  });
});
