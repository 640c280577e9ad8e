/**
 * The rule-trie walk for events that contain arrays of objects or arrays, in time linear in the
 * event for a fixed rule set, with one exception: several arrays of objects on one path in one
 * object (docs/design/010-arrays-of-objects.md).
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
 *   whose innermost element lies outside every "other element of a bound array" range: a few
 *   lookups in the path's occurrences sorted by element, not a scan of all of them. Each
 *   occurrence's value is matched against an edge once per event, and the outcome for bindings
 *   several states share is computed once.
 *
 * The matcher runs this walk when the cheaper binding search (`binding-search.ts`) exceeds its
 * budget; events with no arrays take the plain walk in `matcher.ts`. One concept in one file: the
 * walk's state, its tables and its lookups share the per-event scratch.
 */

import type { Cond, PathEdge, TrieNode } from '../compile/rule-trie.js';
import type { PathNode } from '../compile/path-table.js';
import type { EventFields } from '../event/scanner-fields.js';
import { edgeAt, reportTerminalsOnce } from './edges.js';
import { holds, mayHold, mergeAscending, sortByContext, sortPairs } from './element-order.js';
import type { LeafValue } from '../values/leaf-value.js';

/**
 * Bound array elements: `-1` for none; an element id for that element and all its ancestors (a
 * chain, by far the common case); otherwise the ascending list of every bound element (bindings
 * that branch, which only sibling arrays on one path, from duplicate or dotted keys, produce).
 */
type Bound = number | readonly number[];

/** The outcome of one edge under bindings several states share. */
interface EdgeOutcome {
  /** Conditions reached, each with the deepest element its child keeps bound (-1 for none); parallel arrays. */
  readonly conds: Cond[];
  readonly tops: number[];
  /** Whether no occurrence of the path agrees with the bindings (an `exists:false` holds). */
  readonly noneConsistent: boolean;
}

/**
 * One edge's occurrences in this event, sorted by innermost element, each matched once; stored in
 * the walk's arenas: innermost elements at `ctxArena[from .. from + n]`, and the conditions of the
 * occurrence at position `i` at `condArena[startArena[i] .. startArena[i + 1]]`. Reused across
 * events.
 */
interface EdgeTable {
  /** The edge whose occurrences this table holds in the current walk (`undefined` between walks). */
  edge: PathEdge | undefined;
  from: number;
  n: number;
  /** Outcomes by the relevant bindings' key (created on first need). */
  outcomes: Map<number | string, EdgeOutcome> | undefined;
  /**
   * Per element `e`: the first position whose innermost element is at least `e` (built once binary
   * searches have cost about as much).
   */
  firstAt: Int32Array | undefined;
  /** Lookups made by binary search so far. */
  searches: number;
}

/** No occurrence agrees with the bindings. */
const EMPTY_OUTCOME: EdgeOutcome = Object.freeze({ conds: [], tops: [], noneConsistent: true });

/** A position table pays only on long occurrence lists; shorter ones are searched. */
const INDEXED_OCCURRENCES = 32;

/**
 * Walks the rule trie over one scanned event with arrays. One instance per matcher; its scratch is
 * reused by every {@link ArrayWalk.run}.
 */
export class ArrayWalk {
  private fields!: EventFields;
  /** Per element: one past the last element inside it (its subtree is `[e, elementEnd[e])`). */
  private elementEnd = new Int32Array(16);
  /** Per array: its first element and one past the last element inside it. */
  private arrayStart = new Int32Array(16);
  private arrayEnd = new Int32Array(16);
  // Occurrence tables: reusable records and the arenas they point into.
  private readonly tables: EdgeTable[] = [];
  private tableCount = 0;
  private ctxArena = new Int32Array(64);
  private startArena = new Int32Array(64);
  private arenaUsed = 0;
  private readonly condArena: (Cond | undefined)[] = [];
  private condUsed = 0;
  /** This walk's stamp (edges remember the walk that built their table). */
  private walkStamp = 0;
  /** States reached beyond each condition's first (see {@link ArrayWalk.push}). */
  private readonly seen = new Map<Cond, Set<number | string>>();
  /** Nodes whose rules this walk reported (emptied after each run). */
  private readonly reported = new Set<TrieNode>();
  private readonly stackNode: (TrieNode | undefined)[] = [];
  private readonly stackBound: Bound[] = [];
  private readonly hits: (Cond | undefined)[] = [];
  // Scratch of the agreeing-occurrence lookup: the bound elements root first, the excluded element
  // ranges and the allowed gaps between them (flat pairs).
  private chainBuf = new Int32Array(16);
  private rangeBuf = new Int32Array(64);
  private gapBuf = new Int32Array(66);
  private gapCount = 0;
  /**
   * One counter for every stamp conditions and edges keep (value evaluations, visits, tables): the
   * matcher's other walks draw from it too, so a stamp never repeats across walks.
   */
  stamp = 0;

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
    this.walkStamp = ++this.stamp;
    this.measureRanges();
    const stackNode = this.stackNode;
    const stackBound = this.stackBound;
    let sp = 0;
    try {
      stackNode[sp] = root;
      stackBound[sp] = -1;
      sp++;
      while (sp > 0) {
        sp--;
        const node = stackNode[sp] as TrieNode;
        const bound = stackBound[sp] as Bound;
        stackNode[sp] = undefined;
        stackBound[sp] = -1;
        if (node.terminals !== undefined) {
          reportTerminalsOnce(node, out, epoch, this.reported);
          if (out.length === total) return;
        }
        if (node.edges === undefined) continue;
        for (let k = 0; ; k++) {
          const edge = edgeAt(node, fields, k);
          if (edge === null) break;
          if (edge === undefined) continue;
          sp = this.follow(edge, bound, sp);
        }
      }
    } finally {
      for (let i = 0; i < sp; i++) {
        stackNode[i] = undefined;
        stackBound[i] = -1;
      }
      this.seen.clear();
      this.reported.clear();
      for (let i = 0; i < this.condUsed; i++) this.condArena[i] = undefined;
      for (let t = 0; t < this.tableCount; t++) {
        const table = this.tables[t] as EdgeTable;
        table.outcomes?.clear();
        table.firstAt = undefined;
        table.edge = undefined;
      }
      this.tableCount = 0;
      this.arenaUsed = 0;
      this.condUsed = 0;
    }
  }

  /** Takes one edge from a state: pushes the states it leads to; returns the new stack size. */
  private follow(edge: PathEdge, bound: Bound, sp: number): number {
    if (this.fields.first(edge.path.leafId) < 0) {
      // No occurrence at all: only the path's exists:false conditions hold.
      const absent = edge.absent;
      if (absent !== undefined) for (const cond of absent) sp = this.push(sp, cond, this.childBound(bound, -1, cond));
      return sp;
    }
    const table = this.table(edge);
    const path = edge.path.path;
    // Only bindings in arrays that can hold this path's occurrences matter; an array's path
    // extends its ancestors', so for a chain they are a top part of it.
    let relevant: Bound;
    if (typeof bound === 'number') {
      relevant = bound;
      while (relevant >= 0 && !holds(this.arrayPath(relevant), path)) relevant = this.fields.elementParent[relevant] as number;
    } else {
      relevant = this.normalize(bound.filter((e) => holds(this.arrayPath(e), path)));
    }
    if (relevant === bound) {
      // A state is expanded once and an edge leaves one node, so another state asks for this
      // outcome rarely (only one whose other bindings this edge ignores): expand directly, keeping
      // nothing.
      let any = false;
      this.gaps(relevant);
      for (let g = 0; g < this.gapCount; g += 2) {
        const hi = this.gapBuf[g + 1] as number;
        const end = table.from + table.n;
        for (let i = this.position(table, this.gapBuf[g] as number); i < end && (this.ctxArena[i] as number) < hi; i++) {
          any = true;
          const to = this.startArena[i + 1] as number;
          for (let h = this.startArena[i] as number; h < to; h++) {
            const cond = this.condArena[h] as Cond;
            sp = this.push(sp, cond, this.childBound(bound, this.deepestKept(this.ctxArena[i] as number, cond), cond));
          }
        }
      }
      if (!any && edge.absent !== undefined) for (const cond of edge.absent) sp = this.push(sp, cond, this.childBound(bound, -1, cond));
      return sp;
    }
    // Bindings shared by other states (deeper elements forgotten for this path): compute once.
    const key = typeof relevant === 'number' ? relevant : relevant.join(',');
    const outcomes = (table.outcomes ??= new Map());
    let outcome = outcomes.get(key);
    if (outcome === undefined) {
      outcome = this.computeOutcome(table, relevant);
      outcomes.set(key, outcome);
    }
    const conds = outcome.conds;
    const tops = outcome.tops;
    for (let i = 0; i < conds.length; i++) {
      const cond = conds[i] as Cond;
      sp = this.push(sp, cond, this.childBound(bound, tops[i] as number, cond));
    }
    if (outcome.noneConsistent && edge.absent !== undefined) for (const cond of edge.absent) sp = this.push(sp, cond, this.childBound(bound, -1, cond));
    return sp;
  }

  /**
   * Pushes a state unless it was reached before in this walk; returns the new stack size. A
   * condition's first state this walk is marked on the condition itself (`stepStamp`, `stepTop`);
   * further ones go to a set.
   */
  private push(sp: number, cond: Cond, bound: Bound): number {
    if (cond.stepStamp !== this.walkStamp) {
      cond.stepStamp = this.walkStamp;
      cond.stepTop = typeof bound === 'number' ? bound : -2;
      if (typeof bound !== 'number') this.seen.set(cond, new Set([bound.join(',')]));
    } else if (bound !== cond.stepTop) {
      const key = typeof bound === 'number' ? bound : bound.join(',');
      let more = this.seen.get(cond);
      if (more === undefined) this.seen.set(cond, (more = new Set()));
      else if (more.has(key)) return sp;
      more.add(key);
    } else {
      return sp;
    }
    this.stackNode[sp] = cond;
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
    const parent = f.elementParent;
    for (let e = 0; e < elements; e++) end[e] = e + 1;
    // Children come after their parent: one backward pass carries each subtree's end upward.
    for (let e = elements - 1; e >= 0; e--) {
      const p = parent[e] as number;
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
    return (this.fields.arrayNode[this.fields.elementArray[e] as number] as PathNode).path;
  }

  /** Whether element `a` is `x` or one of its ancestors. */
  private contains(a: number, x: number): boolean {
    return a <= x && x < (this.elementEnd[a] as number);
  }

  /** Element `e` and its ancestors, ascending. */
  private chain(e: number): number[] {
    const list: number[] = [];
    const parent = this.fields.elementParent;
    for (; e >= 0; e = parent[e] as number) list.push(e);
    return list.reverse();
  }

  /** A bound list as a {@link Bound}: its deepest element when the list is one chain. */
  private normalize(list: readonly number[]): Bound {
    if (list.length === 0) return -1;
    const last = list[list.length - 1] as number;
    for (const e of list) if (!this.contains(e, last)) return list;
    return last;
  }

  /**
   * The bindings a child state keeps: those still relevant below `cond`, plus element `top` and its
   * ancestors (all relevant by construction).
   */
  private childBound(bound: Bound, top: number, cond: Cond): Bound {
    const next = cond.firstPath();
    if (next === undefined) return -1;
    if (typeof bound === 'number') {
      let kept = bound;
      // Relevance only shrinks going down (an array path extends its ancestors'): walk up to it.
      while (kept >= 0 && !mayHold(this.arrayPath(kept), next)) kept = this.fields.elementParent[kept] as number;
      if (top < 0 || kept < 0) return top < 0 ? kept : top;
      if (this.contains(kept, top)) return top;
      if (this.contains(top, kept)) return kept;
      return mergeAscending(this.chain(kept), this.chain(top));
    }
    const kept = bound.filter((e) => mayHold(this.arrayPath(e), next));
    return this.normalize(top < 0 ? kept : mergeAscending(kept, this.chain(top)));
  }

  /** The edge's occurrence table for this event, built on first use. */
  private table(edge: PathEdge): EdgeTable {
    // The edge keeps only the position of its table: the table says whether it is this walk's.
    const built = edge.walkTable < this.tableCount ? this.tables[edge.walkTable] : undefined;
    if (built !== undefined && built.edge === edge) return built;
    const f = this.fields;
    const contexts = f.contexts;
    let n = 0;
    for (let o = f.first(edge.path.leafId); o >= 0; o = f.next[o] as number) n++;
    const from = this.arenaUsed;
    if (from + n + 1 > this.ctxArena.length) {
      const size = Math.max(from + n + 1, this.ctxArena.length * 2);
      const ctx = new Int32Array(size);
      ctx.set(this.ctxArena.subarray(0, from));
      this.ctxArena = ctx;
      const starts = new Int32Array(size);
      starts.set(this.startArena.subarray(0, from));
      this.startArena = starts;
    }
    const ctx = this.ctxArena;
    const starts = this.startArena;
    // The chain runs from the last occurrence to the first: fill backwards for document order,
    // keeping occurrence ids in `starts` until the values are matched below.
    let sorted = true;
    let i = from + n;
    for (let o = f.first(edge.path.leafId); o >= 0; o = f.next[o] as number) {
      i--;
      ctx[i] = contexts[o] as number;
      starts[i] = o;
      if (i + 1 < from + n && (ctx[i] as number) > (ctx[i + 1] as number)) sorted = false;
    }
    // Innermost elements are in document order except around nested arrays and dotted keys.
    if (!sorted) sortByContext(ctx, starts, from, from + n);
    const hits = this.hits;
    const arena = this.condArena;
    const evaluates = !edge.isEmpty;
    let used = this.condUsed;
    for (let j = from; j < from + n; j++) {
      const o = starts[j] as number;
      starts[j] = used;
      if (!evaluates) continue;
      const count = edge.evaluate(f.values[o] as LeafValue, ++this.stamp, hits);
      for (let h = 0; h < count; h++) {
        arena[used++] = hits[h];
        hits[h] = undefined;
      }
    }
    starts[from + n] = used;
    this.condUsed = used;
    this.arenaUsed = from + n + 1;
    let table = this.tables[this.tableCount];
    if (table === undefined) {
      table = { edge, from, n, outcomes: undefined, firstAt: undefined, searches: 0 };
      this.tables.push(table);
    } else {
      table.edge = edge;
      table.from = from;
      table.n = n;
      table.searches = 0;
    }
    edge.walkTable = this.tableCount++;
    return table;
  }

  /**
   * Fills `gapBuf` with the element-id gaps (flat pairs, from -1 up) whose occurrences agree with
   * `relevant`: the complement of "the rest of each bound element's array".
   */
  private gaps(relevant: Bound): void {
    const f = this.fields;
    const parent = f.elementParent;
    let depth = 0;
    if (typeof relevant === 'number') for (let e = relevant; e >= 0; e = parent[e] as number) depth++;
    else depth = relevant.length;
    if (this.chainBuf.length < depth) {
      this.chainBuf = new Int32Array(depth * 2);
      this.rangeBuf = new Int32Array(depth * 8);
      this.gapBuf = new Int32Array(depth * 8 + 2);
    }
    const chain = this.chainBuf;
    if (typeof relevant === 'number') {
      let i = depth;
      for (let e = relevant; e >= 0; e = parent[e] as number) chain[--i] = e;
    } else {
      for (let i = 0; i < depth; i++) chain[i] = relevant[i] as number;
    }
    // Excluded ranges: for each bound element, the elements of its array before it, then those
    // after it. For a chain, listing them root first and then deepest first gives ascending order;
    // a branching list is sorted.
    const ranges = this.rangeBuf;
    let r = 0;
    for (let i = 0; i < depth; i++) {
      const e = chain[i] as number;
      const first = this.arrayStart[f.elementArray[e] as number] as number;
      if (first < e) {
        ranges[r++] = first;
        ranges[r++] = e;
      }
    }
    for (let i = depth - 1; i >= 0; i--) {
      const e = chain[i] as number;
      const end = this.elementEnd[e] as number;
      const last = this.arrayEnd[f.elementArray[e] as number] as number;
      if (end < last) {
        ranges[r++] = end;
        ranges[r++] = last;
      }
    }
    if (typeof relevant !== 'number') sortPairs(ranges, r);
    const gaps = this.gapBuf;
    let count = 0;
    let from = -1;
    for (let i = 0; i < r; i += 2) {
      const lo = ranges[i] as number;
      const hi = ranges[i + 1] as number;
      if (lo > from) {
        gaps[count++] = from;
        gaps[count++] = lo;
      }
      if (hi > from) from = hi;
    }
    gaps[count++] = from;
    gaps[count++] = 0x7fffffff;
    this.gapCount = count;
  }

  /** The arena position of the table's first occurrence whose innermost element is at least `e`. */
  private position(table: EdgeTable, e: number): number {
    if (e < 0) return table.from;
    if (table.firstAt !== undefined) return table.from + (table.firstAt[e] as number);
    if (table.n > INDEXED_OCCURRENCES && ++table.searches * 16 > this.fields.elements) {
      // Binary searches have cost about as much as one pass over the elements: index them.
      const elements = this.fields.elements;
      const firstAt = new Int32Array(elements + 1);
      const ctx = this.ctxArena;
      let i = 0;
      for (let x = 0; x <= elements; x++) {
        while (i < table.n && (ctx[table.from + i] as number) < x) i++;
        firstAt[x] = i;
      }
      table.firstAt = firstAt;
      return table.from + (firstAt[e] as number);
    }
    let lo = table.from;
    let hi = table.from + table.n;
    const ctx = this.ctxArena;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((ctx[mid] as number) < e) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * The conditions reached through occurrences that agree with `relevant`, each with the deepest
   * element its child keeps bound (kept for the states that share these bindings).
   */
  private computeOutcome(table: EdgeTable, relevant: Bound): EdgeOutcome {
    this.gaps(relevant);
    let any = false;
    const conds: Cond[] = [];
    const tops: number[] = [];
    const end = table.from + table.n;
    for (let g = 0; g < this.gapCount; g += 2) {
      const hi = this.gapBuf[g + 1] as number;
      for (let i = this.position(table, this.gapBuf[g] as number); i < end && (this.ctxArena[i] as number) < hi; i++) {
        any = true;
        const to = this.startArena[i + 1] as number;
        for (let h = this.startArena[i] as number; h < to; h++) {
          const cond = this.condArena[h] as Cond;
          const top = this.deepestKept(this.ctxArena[i] as number, cond);
          // Occurrences under one element are adjacent: drop a repeat of the last entry.
          const last = conds.length - 1;
          if (last >= 0 && conds[last] === cond && tops[last] === top) continue;
          conds.push(cond);
          tops.push(top);
        }
      }
    }
    return any ? { conds, tops, noneConsistent: false } : EMPTY_OUTCOME;
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
