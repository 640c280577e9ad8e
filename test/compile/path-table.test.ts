/**
 * PathTable: every dotted spelling of a path reaches one node, empty keys are ordinary, reference
 * counts drop unused steps and recycle leaf ids, and keys are found in place in JSON text.
 */

import { describe, expect, test } from 'vitest';
import { PathTable, stepByCodes, stepByKey } from '../../src/compile/path-table.js';
import type { PathNode } from '../../src/compile/path-table.js';
import { codeUnitsOf } from '../../src/event/code-units.js';

/** The step for the key `text[start, end)`, read as the scanner reads it (in its copy of the code units). */
function stepByText(from: PathNode, text: string, start: number, end: number): PathNode | undefined {
  return stepByCodes(from, codeUnitsOf(text), start, end);
}

function follow(table: PathTable, keys: readonly string[]): PathNode | undefined {
  let node: PathNode | undefined = table.root;
  for (const k of keys) node = node === undefined ? undefined : stepByKey(node, k);
  return node;
}

describe('PathTable', () => {
  test('should reach a path through every split of its dotted name', () => {
    const table = new PathTable();
    const leaf = table.acquire('a.b.c');
    for (const keys of [['a', 'b', 'c'], ['a.b', 'c'], ['a', 'b.c'], ['a.b.c']]) expect(follow(table, keys)).toBe(leaf);
    expect(follow(table, ['a', 'b'])?.leafId).toBe(-1);
    expect(follow(table, ['a', 'x'])).toBeUndefined();
  });

  test('should treat empty keys as ordinary steps', () => {
    const table = new PathTable();
    const leaf = table.acquire('a.');
    expect(follow(table, ['a', ''])).toBe(leaf);
    expect(follow(table, ['a.'])).toBe(leaf);
  });

  test('should count uses, reuse leaf ids and drop unused steps', () => {
    const table = new PathTable();
    const ab = table.acquire('a.b');
    table.acquire('a.b');
    const id = ab.leafId;
    table.release('a.b');
    expect(ab.leafId).toBe(id);
    table.release('a.b');
    expect(ab.leafId).toBe(-1);
    expect(table.root.steps).toEqual([]);
    expect(table.acquire('x').leafId).toBe(id);
  });

  test('should find keys in JSON text by position, with many steps indexed by hash', () => {
    const table = new PathTable();
    const leaves = Array.from({ length: 50 }, (_, i) => table.acquire(`k${i}`));
    const text = '{"k7":1,"k49":2,"k50":3}';
    expect(stepByText(table.root, text, 2, 4)).toBe(leaves[7]);
    expect(stepByText(table.root, text, 9, 12)).toBe(leaves[49]);
    expect(stepByText(table.root, text, 17, 20)).toBeUndefined();
  });

  test('should keep finding exactly the registered keys while many come and go', () => {
    // Many steps are indexed by hash behind a presence filter; releases must not hide live keys.
    const table = new PathTable();
    for (let i = 0; i < 300; i++) table.acquire(`key${i}`);
    for (let i = 0; i < 300; i += 3) table.release(`key${i}`);
    for (let i = 300; i < 400; i++) table.acquire(`key${i}`);
    for (let i = 0; i < 420; i++) {
      const key = `key${i}`;
      const text = `{"${key}":1}`;
      const live = i < 400 && (i >= 300 || i % 3 !== 0);
      expect(stepByText(table.root, text, 2, 2 + key.length)?.path).toBe(live ? key : undefined);
      expect(stepByKey(table.root, key)?.path).toBe(live ? key : undefined);
    }
  });

  test('should find every dotted spelling of many paths below one node, and nothing else', () => {
    // Forty paths below detail.attributes (a node with many steps, hashed) next to a few others:
    // every split of each path into keys must reach it, keys of similar shape must not.
    const table = new PathTable();
    const paths = ['source', 'detail.id', 'detail.ab', ...Array.from({ length: 40 }, (_, i) => `detail.attributes.a${i}`)];
    for (const p of paths) table.acquire(p);
    const spellings = (p: string): string[][] => {
      const parts = p.split('.');
      const out: string[][] = [];
      for (let mask = 0; mask < 1 << (parts.length - 1); mask++) {
        const keys: string[] = [];
        let cur = parts[0] as string;
        for (let i = 1; i < parts.length; i++) {
          if (mask & (1 << (i - 1))) cur += `.${parts[i] as string}`;
          else {
            keys.push(cur);
            cur = parts[i] as string;
          }
        }
        keys.push(cur);
        out.push(keys);
      }
      return out;
    };
    const byText = (keys: readonly string[]): PathNode | undefined => {
      let node: PathNode | undefined = table.root;
      for (const k of keys) node = node === undefined ? undefined : stepByText(node, `{"${k}":1}`, 2, 2 + k.length);
      return node;
    };
    for (const p of paths) {
      for (const keys of spellings(p)) {
        expect(byText(keys)?.path).toBe(p);
        expect(follow(table, keys)?.path).toBe(p);
      }
    }
    // Keys of the same lengths as dotted steps, and plain keys that are no step.
    for (const miss of [['detail.attributes.b1'], ['detail.attributez'], ['detail', 'attributes.a40'], ['sourcex'], ['detail', 'idx'], ['detail.i']]) {
      expect(byText(miss)).toBeUndefined();
    }
    // Many plain steps too (more than are searched one by one), then most of them gone again.
    for (let i = 0; i < 30; i++) table.acquire(`p${i}`);
    for (let i = 0; i < 30; i++) expect(byText([`p${i}`])?.path).toBe(`p${i}`);
    for (let i = 0; i < 30; i++) table.release(`p${i}`);
    for (let i = 0; i < 30; i++) expect(byText([`p${i}`])).toBeUndefined();
    for (const p of paths) expect(byText(p.split('.'))?.path).toBe(p);
    for (const p of paths) table.release(p);
    expect(table.root.steps).toEqual([]);
  });

  test('should follow dotted keys segment by segment from small and big nodes, as paths come and go', () => {
    // Steps are single segments: a key with dots is followed one segment at a time, from a node with
    // few steps (searched one by one) and from one with many (hashed).
    const table = new PathTable();
    const byText = (keys: readonly string[]): string | undefined => {
      let node: PathNode | undefined = table.root;
      for (const k of keys) node = node === undefined ? undefined : stepByText(node, `{"${k}":1}`, 2, 2 + k.length);
      return node?.path;
    };
    table.acquire('a.b.c');
    const found = [['a.b.c'], ['a.b', 'c'], ['a', 'b.c'], ['a', 'b', 'c']];
    const missed = [['a.b.c.d'], ['a..b'], ['a.c'], ['.a'], ['a.b.'], ['b.c']];
    const check = (): void => {
      for (const keys of found) expect(byText(keys)).toBe('a.b.c');
      for (const keys of missed) expect(byText(keys)).toBeUndefined();
    };
    check();
    for (let i = 0; i < 20; i++) table.acquire(`k${i}.x.y`);
    check();
    expect(byText(['k7.x.y'])).toBe('k7.x.y');
    expect(byText(['k7.x', 'y'])).toBe('k7.x.y');
    expect(byText(['k7', 'x.y'])).toBe('k7.x.y');
    expect(byText(['k7.x.z'])).toBeUndefined();
    expect(byText(['k77.x.y'])).toBeUndefined();
    for (let i = 0; i < 20; i++) table.release(`k${i}.x.y`);
    check();
    // Once no step leads deeper, a dotted key leads nowhere.
    table.release('a.b.c');
    table.acquire('a');
    expect(byText(['a'])).toBe('a');
    expect(byText(['a.b'])).toBeUndefined();
    table.acquire('a.b');
    expect(byText(['a.b'])).toBe('a.b');
    table.release('a.b');
    expect(byText(['a.b'])).toBeUndefined();
    expect(table.root.stepSet?.deepSteps ?? 0).toBe(0);
  });

  test('should keep a node that is both a used path and a prefix until both uses are gone, in either order', () => {
    // Nodes keep no reference count: a node stays while it is registered or has steps.
    for (const order of [['a', 'a.b'], ['a.b', 'a']]) {
      const table = new PathTable();
      const a = table.acquire('a');
      const ab = table.acquire('a.b');
      expect(table.leafIdOf('a')).toBe(a.leafId);
      expect(table.root.stepSet?.deepSteps).toBe(1);
      table.release(order[0] as string);
      const left = order[1] as string;
      expect(follow(table, left.split('.'))?.path).toBe(left);
      expect(table.leafIdOf(order[0] as string)).toBe(-1);
      expect(follow(table, ['a', 'b'])).toBe(left === 'a.b' ? ab : undefined);
      expect(follow(table, ['a'])).toBe(a);
      table.release(left);
      expect(table.isEmpty).toBe(true);
      // Re-registering builds fresh nodes that answer as before.
      expect(table.acquire('a.b').path).toBe('a.b');
      expect(stepByText(table.root, '{"a.b":1}', 2, 5)?.path).toBe('a.b');
    }
  });

  test('should find steps while a node crosses between few and many steps again and again', () => {
    const table = new PathTable();
    for (let i = 0; i < 8; i++) table.acquire(`x.k${i}`);
    for (let round = 0; round < 3; round++) {
      table.acquire('x.k8');
      table.acquire('x.k9');
      for (let i = 0; i < 10; i++) expect(follow(table, ['x', `k${i}`])?.path).toBe(`x.k${i}`);
      table.release('x.k9');
      table.release('x.k8');
      for (let i = 0; i < 10; i++) expect(stepByText(follow(table, ['x'])!, `{"k${i}":1}`, 2, 4)?.path).toBe(i < 8 ? `x.k${i}` : undefined);
    }
    for (let i = 0; i < 8; i++) table.release(`x.k${i}`);
    expect(table.isEmpty).toBe(true);
  });

  test('should find the remaining few steps by text after one is released from the middle', () => {
    // A node with few steps keeps their keys in a list beside them; a release moves the last into
    // the freed place, and both lists must move together.
    const table = new PathTable();
    const keys = ['a', 'bb', 'ccc', 'd', 'ee'];
    for (const k of keys) table.acquire(`x.${k}`);
    const x = follow(table, ['x'])!;
    for (const gone of ['a', 'ccc']) {
      table.release(`x.${gone}`);
      for (const k of keys) {
        const live = k !== 'a' && (gone === 'a' || k !== 'ccc');
        expect(stepByText(x, `{"${k}":1}`, 2, 2 + k.length)?.path).toBe(live ? `x.${k}` : undefined);
      }
    }
  });

  test('should tell apart keys of one length below deep nodes, where keys are read in the paths', () => {
    // A step keeps no key string: its key is its path past the parent's path and a dot.
    const table = new PathTable();
    const keys = ['ab', 'ba', 'aa', 'a', '', 'é1', 'x.y'];
    for (const k of keys) table.acquire(`d.e.${k}`);
    table.acquire('d..');
    const e = follow(table, ['d', 'e'])!;
    for (const k of keys.filter((k) => !k.includes('.'))) {
      expect(stepByText(e, `{"${k}":1}`, 2, 2 + k.length)?.path).toBe(`d.e.${k}`);
      expect(stepByKey(e, k)?.key).toBe(k);
    }
    expect(stepByText(e, '{"x.y":1}', 2, 5)?.path).toBe('d.e.x.y');
    for (const miss of ['bb', 'b', 'é2', 'ab ', 'y']) expect(stepByText(e, `{"${miss}":1}`, 2, 2 + miss.length)).toBeUndefined();
    expect(follow(table, ['d', '', ''])?.path).toBe('d..');
    expect(follow(table, ['d.'])?.steps.map((s) => s.key)).toEqual(['']);
  });
});
