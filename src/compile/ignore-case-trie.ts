/**
 * A trie over ignore-case patterns (docs/semantics.md §3.7): each level is one code point of a pattern,
 * represented by its alternatives (`["s","S"]`, `["ß","SS"]`). Patterns with the same alternatives
 * share nodes, and an event string is run through all of them at once as a small NFA over
 * (node, position) pairs. Serves `equals-ignore-case`, `prefix`/`suffix` with `equals-ignore-case`
 * and anything-but `equals-ignore-case`; a reversed trie walks the string right to left for suffixes.
 */

import { appendTo } from './buckets.js';

/** A node: reached after matching the alternatives of its ancestors. */
interface IcNode<T> {
  /** Pattern fully matched here and the string must end here (equals). */
  whole: T[] | undefined;
  /** Pattern fully matched here, anything may follow (prefix / suffix). */
  partial: T[] | undefined;
  /** Children by the alternatives' joined key. */
  byKey: Map<string, IcChild<T>> | undefined;
  /** Transitions indexed by the code unit an alternative starts with (ends with, when reversed). */
  byUnit: Map<number, IcEdge<T>[]> | undefined;
}

interface IcChild<T> {
  readonly alts: readonly string[];
  readonly node: IcNode<T>;
  uses: number;
}

interface IcEdge<T> {
  readonly alt: string;
  readonly node: IcNode<T>;
}

function newIcNode<T>(): IcNode<T> {
  return { whole: undefined, partial: undefined, byKey: undefined, byUnit: undefined };
}

/** Scratch stacks of the NFA walk (hot path: reused, never reallocated per call). */
const walkNodes: unknown[] = [];
const walkPos: number[] = [];

/**
 * Ignore-case patterns given as per-code-point alternatives (`compileIgnoreCase(p).alternatives`).
 */
export class IgnoreCaseTrie<T> {
  private readonly root: IcNode<T> = newIcNode();
  private readonly reversed: boolean;
  /** Number of stored items. */
  size = 0;

  /** @param reversed - Walk strings right to left (for ignore-case suffixes). */
  constructor(reversed: boolean) {
    this.reversed = reversed;
  }

  /**
   * Adds an item for a pattern.
   *
   * @param alternatives - Per code point of the pattern, its distinct alternatives.
   * @param whole - `true`: the whole string must match (equals); `false`: a prefix (or suffix) must.
   * @param item - What a match reports.
   */
  add(alternatives: readonly (readonly string[])[], whole: boolean, item: T): void {
    let node = this.root;
    const n = alternatives.length;
    for (let i = 0; i < n; i++) {
      const alts = alternatives[this.reversed ? n - 1 - i : i] as readonly string[];
      const key = alts.join('\u0000');
      node.byKey ??= new Map();
      let child = node.byKey.get(key);
      if (child === undefined) {
        child = { alts, node: newIcNode(), uses: 0 };
        node.byKey.set(key, child);
        node.byUnit ??= new Map();
        for (const alt of alts) {
          const unit = this.reversed ? alt.charCodeAt(alt.length - 1) : alt.charCodeAt(0);
          const list = node.byUnit.get(unit);
          const edge: IcEdge<T> = { alt, node: child.node };
          if (list === undefined) node.byUnit.set(unit, [edge]);
          else list.push(edge);
        }
      }
      child.uses++;
      node = child.node;
    }
    if (whole) node.whole = appendTo(node.whole, item);
    else node.partial = appendTo(node.partial, item);
    this.size++;
  }

  /**
   * Removes an item added with the same arguments.
   *
   * @param alternatives - As given to {@link add}.
   * @param whole - As given to {@link add}.
   * @param which - Picks the item to remove among those filed for this pattern.
   */
  remove(alternatives: readonly (readonly string[])[], whole: boolean, which: (item: T) => boolean): void {
    const n = alternatives.length;
    const trail: { parent: IcNode<T>; key: string; child: IcChild<T> }[] = [];
    let node = this.root;
    for (let i = 0; i < n; i++) {
      const alts = alternatives[this.reversed ? n - 1 - i : i] as readonly string[];
      const key = alts.join('\u0000');
      const child = node.byKey?.get(key);
      if (child === undefined) return;
      trail.push({ parent: node, key, child });
      node = child.node;
    }
    const items = whole ? node.whole : node.partial;
    const at = items === undefined ? -1 : items.findIndex(which);
    if (items === undefined || at < 0) return;
    items.splice(at, 1);
    if (items.length === 0) {
      if (whole) node.whole = undefined;
      else node.partial = undefined;
    }
    this.size--;
    for (let i = trail.length - 1; i >= 0; i--) {
      const { parent, key, child } = trail[i] as { parent: IcNode<T>; key: string; child: IcChild<T> };
      if (--child.uses > 0) continue;
      parent.byKey?.delete(key);
      if (parent.byKey?.size === 0) parent.byKey = undefined;
      for (const alt of child.alts) {
        const unit = this.reversed ? alt.charCodeAt(alt.length - 1) : alt.charCodeAt(0);
        const list = parent.byUnit?.get(unit);
        if (list === undefined) continue;
        const k = list.findIndex((e) => e.node === child.node);
        if (k >= 0) list.splice(k, 1);
        if (list.length === 0) parent.byUnit?.delete(unit);
      }
      if (parent.byUnit?.size === 0) parent.byUnit = undefined;
    }
  }

  /**
   * Reports the items of every pattern that matches `s` (whole items only when the match spans all
   * of `s`). An item may be reported more than once; the caller deduplicates. Hot: uses shared
   * scratch stacks, allocates nothing.
   *
   * @param s - The event string.
   * @param visit - Receives each matching items array.
   */
  forEachMatch(s: string, visit: (items: readonly T[]) => void): void {
    const base = walkPos.length;
    walkNodes.push(this.root);
    walkPos.push(this.reversed ? s.length : 0);
    const goal = this.reversed ? 0 : s.length;
    while (walkPos.length > base) {
      const node = walkNodes.pop() as IcNode<T>;
      const pos = walkPos.pop() as number;
      if (node.partial !== undefined) visit(node.partial);
      if (node.whole !== undefined && pos === goal) visit(node.whole);
      const byUnit = node.byUnit;
      if (byUnit === undefined || pos === goal) continue;
      const edges = byUnit.get(s.charCodeAt(this.reversed ? pos - 1 : pos));
      if (edges === undefined) continue;
      for (let k = 0; k < edges.length; k++) {
        const e = edges[k] as IcEdge<T>;
        const len = e.alt.length;
        if (this.reversed) {
          if (pos - len >= 0 && s.startsWith(e.alt, pos - len)) {
            walkNodes.push(e.node);
            walkPos.push(pos - len);
          }
        } else if (s.startsWith(e.alt, pos)) {
          walkNodes.push(e.node);
          walkPos.push(pos + len);
        }
      }
    }
    walkNodes.length = base;
  }
}
