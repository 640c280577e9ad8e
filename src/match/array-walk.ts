/**
 * The rule-trie walk for events that contain arrays of objects or arrays, in time linear in the
 * event for a fixed rule set (docs/design/008-arrays-of-objects.md).
 *
 * Array consistency (docs/semantics.md §2.5): a sub-rule's fields are taken in sorted path order,
 * each by one occurrence whose array coordinates agree with those the earlier choices bound, and an
 * `exists:false` field holds when no occurrence of its path agrees with them. A state of this walk is
 * therefore a trie node plus the set `U` of array elements bound so far. Two facts keep the number of
 * states small and each state cheap:
 *
 * - **Forgetting.** Fields still to come below a node have paths at least as large as the node's
 *   smallest edge path `m` ({@link TrieNode.firstPath}). An array at path `q` can only hold
 *   occurrences of paths equal to `q` or starting with `q.`; once `m` sorts after all of those, no
 *   later field can conflict with a binding in that array, and the binding is dropped. What is left
 *   lies on the path prefixes of `m`: in effect one chain of nested elements, so a node is reached in
 *   at most one state per array element (plus one with nothing bound), and states are deduplicated.
 * - **Ranges.** Elements are numbered in document order, so an element's subtree and an array's
 *   elements are each one range of numbers. The occurrences of a path that agree with `U` are those
 *   whose innermost element lies outside every "other element of a bound array" range: a few binary
 *   searches over the path's occurrences sorted by element, not a scan of all of them. Each
 *   occurrence's value is matched against an edge once per event, and the outcome for one set of
 *   relevant bindings is computed once and reused by every state that has it.
 *
 * The walk with no arrays in the event is the plain one in `matcher.ts`.
 */

import type { Cond, PathEdge, RuleEntry, TrieNode } from '../compile/rule-trie.js';
import type { EventFields } from '../event/scanner-fields.js';
import type { LeafValue } from '../event/leaf-value.js';

/** The outcome of one edge under one set of relevant bindings. */
interface EdgeOutcome {
  /** Conditions reached, each with the deepest element it keeps bound (-1 for none); parallel arrays. */
  readonly conds: Cond[];
  readonly tops: number[];
  /** Whether no occurrence of the path agrees with the bindings (an `exists:false` holds). */
  readonly noneConsistent: boolean;
}

/** One edge's occurrences in this event, sorted by innermost element, each matched once. */
interface EdgeTable {
  /** Innermost element of each occurrence (-1 for none), ascending. */
  readonly ctx: Int32Array;
  /** Conditions each occurrence satisfies: `conds[condStart[i] .. condStart[i + 1]]`. */
  readonly condStart: Int32Array;
  readonly conds: Cond[];
  /** Outcomes by the key of the relevant bindings. */
  readonly outcomes: Map<string, EdgeOutcome>;
}

const NONE: readonly number[] = Object.freeze([]);

/**
 * Walks the rule trie over one scanned event with arrays. One instance per matcher; its scratch is
 * reset by every {@link ArrayWalk.run}.
 */
export class ArrayWalk {
  private fields!: EventFields;
  /** Per element: one past the last element inside it (its subtree is `[e, elementEnd[e])`). */
  private elementEnd = new Int32Array(16);
  /** Per array: its first element and one past the last element inside it. */
  private arrayStart = new Int32Array(16);
  private arrayEnd = new Int32Array(16);
  private tables = new Map<PathEdge, EdgeTable>();
  private seen = new Map<TrieNode, Set<string> | string>();
  private stackNode: TrieNode[] = [];
  private stackBound: (readonly number[])[] = [];
  private readonly hits: (Cond | undefined)[] = [];
  /**
   * Stamp of one value evaluation (conditions remember the last one that reported them). The
   * matcher's plain walk draws from this same counter, so stamps never repeat across the two walks.
   */
  evalEpoch = 0;

  /**
   * Finds every rule matching the scanned event.
   *
   * @param root - The trie root.
   * @param fields - The scanned event (with at least one array element).
   * @param out - Receives the names of matching rules.
   * @param total - Number of rules (the walk stops once all matched).
   * @param epoch - The match epoch (rule deduplication stamp).
   */
  run(root: TrieNode, fields: EventFields, out: string[], total: number, epoch: number): void {
    this.fields = fields;
    this.measureRanges();
    const stackNode = this.stackNode;
    const stackBound = this.stackBound;
    let sp = 0;
    try {
      this.seen.set(root, '');
      stackNode[sp] = root;
      stackBound[sp] = NONE;
      sp++;
      while (sp > 0) {
        sp--;
        const node = stackNode[sp] as TrieNode;
        const bound = stackBound[sp] as readonly number[];
        const terminals = node.terminals;
        if (terminals !== undefined) {
          if (Array.isArray(terminals)) {
            for (const rule of terminals as RuleEntry[]) {
              if (rule.matchStamp !== epoch) {
                rule.matchStamp = epoch;
                out.push(rule.name);
              }
            }
          } else if (terminals.matchStamp !== epoch) {
            terminals.matchStamp = epoch;
            out.push(terminals.name);
          }
          if (out.length === total) return;
        }
        const edges = node.edges;
        if (edges === undefined) continue;
        const byLeaf = node.edgeByLeaf;
        const absentEdges = node.absentEdges;
        for (let k = 0; ; k++) {
          let edge: PathEdge | undefined;
          if (byLeaf === undefined) {
            if (k >= edges.length) break;
            edge = edges[k];
          } else if (k < fields.touchedCount) {
            edge = byLeaf[fields.touched[k] as number];
          } else {
            if (absentEdges === undefined || k - fields.touchedCount >= absentEdges.length) break;
            edge = absentEdges[k - fields.touchedCount];
            if (edge !== undefined && fields.first(edge.path.leafId) >= 0) continue;
          }
          if (edge === undefined) continue;
          const outcome = this.outcome(edge, bound);
          const conds = outcome.conds;
          const tops = outcome.tops;
          for (let i = 0; i < conds.length; i++) {
            const cond = conds[i] as Cond;
            sp = this.push(sp, cond, this.childBound(bound, tops[i] as number, cond));
          }
          const absent = edge.absent;
          if (absent !== undefined && outcome.noneConsistent) {
            for (const cond of absent) sp = this.push(sp, cond, this.childBound(bound, -1, cond));
          }
        }
      }
    } finally {
      for (let i = 0; i < sp; i++) stackBound[i] = NONE;
      this.tables.clear();
      this.seen.clear();
    }
  }

  /** Pushes a state unless it was reached before in this walk; returns the new stack size. */
  private push(sp: number, node: TrieNode, bound: readonly number[]): number {
    const key = bound.length === 0 ? '' : bound.join(',');
    const seen = this.seen.get(node);
    if (seen === undefined) this.seen.set(node, key);
    else if (typeof seen === 'string') {
      if (seen === key) return sp;
      this.seen.set(node, new Set([seen, key]));
    } else {
      if (seen.has(key)) return sp;
      seen.add(key);
    }
    this.stackNode[sp] = node;
    this.stackBound[sp] = bound;
    return sp + 1;
  }

  /** Subtree ranges of elements and arrays, from the parent links (elements are in document order). */
  private measureRanges(): void {
    const f = this.fields;
    const elements = f.elements;
    if (this.elementEnd.length < elements) this.elementEnd = new Int32Array(Math.max(elements, this.elementEnd.length * 2));
    if (this.arrayStart.length < f.arrays) {
      const size = Math.max(f.arrays, this.arrayStart.length * 2);
      this.arrayStart = new Int32Array(size);
      this.arrayEnd = new Int32Array(size);
    }
    const end = this.elementEnd;
    for (let e = 0; e < elements; e++) end[e] = e + 1;
    // Children come after their parent: one backward pass carries each subtree's end upward.
    for (let e = elements - 1; e >= 0; e--) {
      const p = f.elementParent[e] as number;
      if (p >= 0 && (end[e] as number) > (end[p] as number)) end[p] = end[e] as number;
    }
    const start = this.arrayStart;
    const arrayEnd = this.arrayEnd;
    start.fill(-1, 0, f.arrays);
    arrayEnd.fill(0, 0, f.arrays);
    for (let e = 0; e < elements; e++) {
      const a = f.elementArray[e] as number;
      if ((start[a] as number) < 0) start[a] = e;
      if ((end[e] as number) > (arrayEnd[a] as number)) arrayEnd[a] = end[e] as number;
    }
  }

  /** The path of the array holding element `e`. */
  private arrayPath(e: number): string {
    return (this.fields.arrayNode[this.fields.elementArray[e] as number] as { path: string }).path;
  }

  /**
   * The bindings a child state keeps: those still relevant below `cond`, plus element `top` and its
   * ancestors (all relevant by construction). Sorted ascending (ancestors first).
   */
  private childBound(bound: readonly number[], top: number, cond: Cond): readonly number[] {
    const next = cond.firstPath();
    if (next === undefined) return NONE;
    let kept: number[] | undefined;
    for (let i = 0; i < bound.length; i++) {
      const e = bound[i] as number;
      if (!mayHold(this.arrayPath(e), next)) {
        kept ??= bound.slice(0, i);
        continue;
      }
      kept?.push(e);
    }
    const base = kept ?? bound;
    if (top < 0) return base.length === 0 ? NONE : base;
    const chain: number[] = [];
    const parent = this.fields.elementParent;
    for (let e = top; e >= 0; e = parent[e] as number) chain.push(e);
    chain.reverse();
    if (base.length === 0) return chain;
    // Merge two ascending lists without duplicates.
    const merged: number[] = [];
    let i = 0;
    let j = 0;
    while (i < base.length || j < chain.length) {
      const a = i < base.length ? (base[i] as number) : 0x7fffffff;
      const b = j < chain.length ? (chain[j] as number) : 0x7fffffff;
      if (a < b) {
        merged.push(a);
        i++;
      } else if (b < a) {
        merged.push(b);
        j++;
      } else {
        merged.push(a);
        i++;
        j++;
      }
    }
    return merged;
  }

  /** The outcome of `edge` under `bound`, computed once per set of relevant bindings. */
  private outcome(edge: PathEdge, bound: readonly number[]): EdgeOutcome {
    const table = this.table(edge);
    const path = edge.path.path;
    // Only bindings in arrays that can hold this path's occurrences matter.
    let relevant: number[] | undefined;
    for (const e of bound) if (holds(this.arrayPath(e), path)) (relevant ??= []).push(e);
    const key = relevant === undefined ? '' : relevant.join(',');
    let outcome = table.outcomes.get(key);
    if (outcome === undefined) {
      outcome = this.computeOutcome(table, relevant ?? NONE);
      table.outcomes.set(key, outcome);
    }
    return outcome;
  }

  /** Matches every occurrence of the edge's path once, sorted by innermost element. */
  private table(edge: PathEdge): EdgeTable {
    let table = this.tables.get(edge);
    if (table !== undefined) return table;
    const f = this.fields;
    const occurrences: number[] = [];
    for (let o = f.first(edge.path.leafId); o >= 0; o = f.next[o] as number) occurrences.push(o);
    const contexts = f.contexts;
    occurrences.sort((a, b) => (contexts[a] as number) - (contexts[b] as number));
    const n = occurrences.length;
    const ctx = new Int32Array(n);
    const condStart = new Int32Array(n + 1);
    const conds: Cond[] = [];
    const hits = this.hits;
    const evaluates = edge.size > 0;
    for (let i = 0; i < n; i++) {
      const o = occurrences[i] as number;
      ctx[i] = contexts[o] as number;
      condStart[i] = conds.length;
      if (!evaluates) continue;
      const count = edge.evaluate(f.values[o] as LeafValue, ++this.evalEpoch, hits);
      for (let h = 0; h < count; h++) {
        conds.push(hits[h] as Cond);
        hits[h] = undefined;
      }
    }
    condStart[n] = conds.length;
    table = { ctx, condStart, conds, outcomes: new Map() };
    this.tables.set(edge, table);
    return table;
  }

  /**
   * The conditions reached through occurrences that agree with `relevant`, each with the deepest
   * element its child keeps bound, without repeats.
   */
  private computeOutcome(table: EdgeTable, relevant: readonly number[]): EdgeOutcome {
    const f = this.fields;
    const conds: Cond[] = [];
    const tops: number[] = [];
    // Excluded element ranges: for each bound element, the rest of its array.
    const excluded: number[] = [];
    for (const e of relevant) {
      const a = f.elementArray[e] as number;
      const end = this.elementEnd[e] as number;
      if ((this.arrayStart[a] as number) < e) excluded.push(this.arrayStart[a] as number, e);
      if (end < (this.arrayEnd[a] as number)) excluded.push(end, this.arrayEnd[a] as number);
    }
    const gaps = allowedGaps(excluded);
    const ctx = table.ctx;
    const seen = new Set<Cond>();
    const seenTop = new Map<Cond, number>();
    let any = false;
    for (let g = 0; g < gaps.length; g += 2) {
      const hi = gaps[g + 1] as number;
      for (let i = lowerBound(ctx, gaps[g] as number); i < ctx.length && (ctx[i] as number) < hi; i++) {
        any = true;
        const from = table.condStart[i] as number;
        const to = table.condStart[i + 1] as number;
        for (let h = from; h < to; h++) {
          const cond = table.conds[h] as Cond;
          const top = this.deepestKept(ctx[i] as number, cond);
          if (top < 0) {
            if (seen.has(cond)) continue;
            seen.add(cond);
          } else {
            // Occurrences under one element are contiguous here, so repeats are adjacent per condition.
            if (seenTop.get(cond) === top) continue;
            seenTop.set(cond, top);
          }
          conds.push(cond);
          tops.push(top);
        }
      }
    }
    return { conds, tops, noneConsistent: !any };
  }

  /** The deepest element among `e` and its ancestors whose binding still matters below `cond`, or -1. */
  private deepestKept(e: number, cond: Cond): number {
    if (e < 0) return -1;
    const next = cond.firstPath();
    if (next === undefined) return -1;
    const parent = this.fields.elementParent;
    for (; e >= 0; e = parent[e] as number) if (mayHold(this.arrayPath(e), next)) return e;
    return -1;
  }
}

/**
 * Whether an array at path `q` can hold an occurrence of path `p`: `p` is `q` or starts with `q.`.
 */
function holds(q: string, p: string): boolean {
  return p.startsWith(q) && (p.length === q.length || p.charCodeAt(q.length) === 0x2e);
}

/**
 * Whether an array at path `q` may hold an occurrence of some path not smaller than `m` (the
 * smallest path still to come): false exactly when `m` sorts after `q` and every `q.…` path.
 */
function mayHold(q: string, m: string): boolean {
  const n = Math.min(q.length, m.length);
  for (let i = 0; i < n; i++) {
    const a = m.charCodeAt(i);
    const b = q.charCodeAt(i);
    if (a !== b) return a < b;
  }
  // One is a prefix of the other.
  if (m.length <= q.length) return true;
  // m = q + rest: `q.…` paths and anything before `q.` in order may still come.
  return m.charCodeAt(q.length) <= 0x2e;
}

/**
 * The complement of a union of half-open ranges `[lo, hi)` (flat pairs), as flat pairs covering
 * every number from -1 up.
 */
function allowedGaps(excluded: number[]): number[] {
  if (excluded.length === 0) return [-1, 0x7fffffff];
  const pairs: [number, number][] = [];
  for (let i = 0; i < excluded.length; i += 2) pairs.push([excluded[i] as number, excluded[i + 1] as number]);
  pairs.sort((x, y) => x[0] - y[0]);
  const gaps: number[] = [];
  let from = -1;
  for (const [lo, hi] of pairs) {
    if (lo > from) gaps.push(from, lo);
    if (hi > from) from = hi;
  }
  gaps.push(from, 0x7fffffff);
  return gaps;
}

/** The first index of a sorted array whose value is at least `x`. */
function lowerBound(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
