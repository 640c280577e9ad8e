/**
 * The fast path for events with arrays of objects or arrays: a depth-first search over the rule
 * trie that binds array elements as it takes occurrences and undoes the bindings as it backs out,
 * with a work budget proportional to the event. On ordinary events (a few arrays of a few objects)
 * it is the cheapest walk there is; on shapes where combinations of elements multiply, it gives up
 * once the budget is spent and the matcher runs {@link ArrayWalk}, whose cost is linear in the
 * event. The budget is what keeps the sum linear (docs/design/010-arrays-of-objects.md).
 *
 * Semantics as docs/semantics.md §2.5: fields in sorted path order, each taken by an occurrence
 * that agrees with every element bound so far (taking it binds its chain); `exists:false` holds when
 * no occurrence of its path agrees.
 */

import type { Cond, TrieNode } from '../compile/rule-trie.js';
import type { EventFields } from '../event/scanner-fields.js';
import { edgeAt, reportTerminalsOnce } from './edges.js';
import type { LeafValue } from '../values/leaf-value.js';

/** A stamp source shared with the other walks (conditions keep stamps from all of them). */
export interface StampSource {
  stamp: number;
}

/** The search; one instance per matcher, scratch reused across events. */
export class BindingSearch {
  private fields!: EventFields;
  // The frame stack: a node to visit with the occurrence whose elements it binds (-1 for none), or
  // `undefined` with an undo-log length to return to.
  private readonly stackNode: (TrieNode | undefined)[] = [];
  private readonly stackArg: number[] = [];
  private readonly hits: (Cond | undefined)[] = [];
  /** Nodes whose rules this search reported (emptied before and after each run). */
  private readonly reported = new Set<TrieNode>();
  /** Per array id: the bound element index, or -1. */
  private bound = new Int32Array(16);
  /** Array ids bound, in binding order (undone back to a mark). */
  private undo = new Int32Array(16);

  /** The shared stamp counter. */
  private readonly stamps: StampSource;

  /** @param stamps - The shared stamp counter. */
  constructor(stamps: StampSource) {
    this.stamps = stamps;
  }

  /**
   * Searches the trie, or gives up.
   *
   * @param root - The trie root.
   * @param fields - The scanned event.
   * @param out - Receives matching rule names (left partial when the search gives up).
   * @param total - Number of rules (the search stops once all matched).
   * @param epoch - The match epoch (rule deduplication stamp).
   * @param budget - Work units allowed: frames visited plus occurrences looked at.
   * @returns Whether the search finished (false: `out` is incomplete and must be discarded).
   */
  run(root: TrieNode, fields: EventFields, out: string[], total: number, epoch: number, budget: number): boolean {
    this.fields = fields;
    if (this.bound.length < fields.arrays) this.bound = new Int32Array(Math.max(fields.arrays, this.bound.length * 2));
    this.bound.fill(-1, 0, fields.arrays);
    this.reported.clear();
    let undoLength = 0;
    let work = 0;
    const stackNode = this.stackNode;
    const stackArg = this.stackArg;
    const hits = this.hits;
    const contexts = fields.contexts;
    const next = fields.next;
    const values = fields.values;
    let sp = 0;
    stackNode[sp] = root;
    stackArg[sp] = -1;
    sp++;
    let finished = true;
    search: while (sp > 0) {
      if (++work > budget) {
        finished = false;
        break;
      }
      sp--;
      const node = stackNode[sp];
      const arg = stackArg[sp] as number;
      stackNode[sp] = undefined;
      if (node === undefined) {
        // Undo bindings made since the mark.
        const bound = this.bound;
        while (undoLength > arg) bound[this.undo[--undoLength] as number] = -1;
        continue;
      }
      if (arg >= 0) {
        const mark = undoLength;
        undoLength = this.bind(contexts[arg] as number, undoLength);
        if (undoLength > mark) {
          stackNode[sp] = undefined;
          stackArg[sp] = mark;
          sp++;
        }
      }
      if (node.terminals !== undefined) {
        reportTerminalsOnce(node, out, epoch, this.reported);
        if (out.length === total) break;
      }
      if (node.edges === undefined) continue;
      for (let k = 0; ; k++) {
        const edge = edgeAt(node, fields, k);
        if (edge === null) break;
        if (edge === undefined) continue;
        const step = ++this.stamps.stamp;
        let consistent = false;
        for (let o = fields.first(edge.path.leafId); o >= 0; o = next[o] as number) {
          if (++work > budget) {
            finished = false;
            break search;
          }
          const context = contexts[o] as number;
          // With nothing bound (as at the root), every occurrence agrees and binds something new.
          if (context >= 0 && undoLength > 0 && !this.isConsistent(context)) continue;
          consistent = true;
          if (edge.isEmpty) break;
          // A step that binds nothing new is the same for every such occurrence: take it once.
          const key = context >= 0 && (undoLength === 0 || this.bindsNew(context)) ? context : -1;
          const count = edge.evaluate(values[o] as LeafValue, ++this.stamps.stamp, hits);
          for (let h = 0; h < count; h++) {
            const cond = hits[h] as Cond;
            hits[h] = undefined;
            // A condition with no fields below it only reports rules: its bindings do not matter.
            const top = cond.edges === undefined ? -1 : key;
            if (cond.stepStamp === step && cond.stepTop === top) continue;
            cond.stepStamp = step;
            cond.stepTop = top;
            stackNode[sp] = cond;
            stackArg[sp] = top >= 0 ? o : -1;
            sp++;
          }
        }
        const absent = edge.absent;
        if (!consistent && absent !== undefined) {
          for (let a = 0; a < absent.length; a++) {
            stackNode[sp] = absent[a] as Cond;
            stackArg[sp] = -1;
            sp++;
          }
        }
      }
    }
    // Leave no bindings and no references behind after an early stop or a give-up.
    if (undoLength > 0) this.bound.fill(-1, 0, fields.arrays);
    for (let i = 0; i < sp; i++) stackNode[i] = undefined;
    this.reported.clear();
    return finished;
  }

  /** Whether an occurrence in element `e` agrees with every bound array index. Hot. */
  private isConsistent(e: number): boolean {
    const f = this.fields;
    const bound = this.bound;
    for (; e >= 0; e = f.elementParent[e] as number) {
      const b = bound[f.elementArray[e] as number] as number;
      if (b >= 0 && b !== f.elementIndex[e]) return false;
    }
    return true;
  }

  /** Whether choosing an occurrence in element `e` would bind an array not bound yet. */
  private bindsNew(e: number): boolean {
    const f = this.fields;
    for (; e >= 0; e = f.elementParent[e] as number) {
      if ((this.bound[f.elementArray[e] as number] as number) < 0) return true;
    }
    return false;
  }

  /** Binds the arrays of element `e`'s chain; returns the new undo length. */
  private bind(e: number, undoLength: number): number {
    const f = this.fields;
    for (; e >= 0; e = f.elementParent[e] as number) {
      const array = f.elementArray[e] as number;
      if ((this.bound[array] as number) < 0) {
        this.bound[array] = f.elementIndex[e] as number;
        if (undoLength >= this.undo.length) {
          const bigger = new Int32Array(this.undo.length * 2);
          bigger.set(this.undo);
          this.undo = bigger;
        }
        this.undo[undoLength++] = array;
      }
    }
    return undoLength;
  }
}
