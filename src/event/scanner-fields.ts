/**
 * The fields an event scan extracts, in flat reusable arrays: one occurrence per leaf on a used
 * path (docs/semantics.md §2.2), chained per path, and the array coordinates of §2.5 as a tree of "array
 * element" records (array id, index, enclosing element). Scalar array elements add no coordinate.
 * One instance is reused for every event a matcher reads, so steady-state scans allocate only the
 * extracted values.
 */

import type { LeafValue } from '../values/leaf-value.js';
import type { PathNode } from '../compile/path-table.js';

/**
 * Extracted occurrences of one event.
 *
 * ```
 * {"a":[{"b":1},{"b":2}]}  with used path a.b
 *   arrays:   #0 (a)
 *   elements: e0 = (#0, 0, none), e1 = (#0, 1, none)
 *   occurrences (a.b): 1 @ e0, 2 @ e1
 * ```
 */
export class EventFields {
  /** Number of occurrences. */
  count = 0;
  /** Occurrence values. */
  values: LeafValue[] = [];
  /** Occurrence contexts: the innermost enclosing array element, or -1. */
  contexts = new Int32Array(64);
  /** Next occurrence on the same path, or -1. */
  next = new Int32Array(64);
  /**
   * Per leaf id: its last-added occurrence, where its `next` chain starts (valid only where
   * `headEpoch` equals `epoch`).
   */
  head = new Int32Array(16);
  /** Per leaf id: the epoch in which `head` was last written. */
  headEpoch = new Int32Array(16);
  /** Current event's epoch, for `head`. */
  epoch = 0;
  /** Leaf ids with at least one occurrence in this event, `touchedCount` of them. */
  touched = new Int32Array(16);
  touchedCount = 0;
  /** Number of arrays seen (ids `0..arrays-1`). */
  arrays = 0;
  /** Per array id: the path node of the array's value (its elements share that path). */
  arrayNode: (PathNode | undefined)[] = [];
  /** Number of element records. */
  elements = 0;
  /**
   * Whether an array sits on a path where two fields of one sub-rule meet
   * ({@link PathNode.sharedUses}): only then can array consistency change an answer.
   */
  shared = false;
  /** Per element record: its array's id. */
  elementArray = new Int32Array(16);
  /** Per element record: its index in the array. */
  elementIndex = new Int32Array(16);
  /** Per element record: the enclosing element record, or -1. */
  elementParent = new Int32Array(16);

  /**
   * Starts a new event.
   *
   * @param leafCapacity - Leaf ids in use are below this.
   */
  reset(leafCapacity: number): void {
    this.count = 0;
    this.touchedCount = 0;
    this.arrays = 0;
    this.elements = 0;
    this.shared = false;
    if (this.head.length < leafCapacity) {
      const size = Math.max(leafCapacity, this.head.length * 2);
      this.head = new Int32Array(size);
      this.headEpoch = new Int32Array(size);
      this.epoch = 0;
    }
    if (++this.epoch === 0x7fffffff) {
      this.headEpoch.fill(0);
      this.epoch = 1;
    }
  }

  /**
   * Records a leaf occurrence.
   *
   * @param leafId - The path's leaf id.
   * @param value - The leaf value.
   * @param context - Innermost enclosing array element, or -1.
   */
  add(leafId: number, value: LeafValue, context: number): void {
    const i = this.count++;
    if (i >= this.contexts.length) {
      this.contexts = grow(this.contexts);
      this.next = grow(this.next);
    }
    this.values[i] = value;
    this.contexts[i] = context;
    if (this.headEpoch[leafId] === this.epoch) this.next[i] = this.head[leafId] as number;
    else {
      this.headEpoch[leafId] = this.epoch;
      this.next[i] = -1;
      if (this.touchedCount >= this.touched.length) this.touched = grow(this.touched);
      this.touched[this.touchedCount++] = leafId;
    }
    this.head[leafId] = i;
  }

  /**
   * The head of a path's occurrence chain in this event (its last occurrence in scan order; the
   * matcher does not depend on the order).
   *
   * @param leafId - The path's leaf id.
   * @returns An occurrence index, or -1; follow `next` for the others.
   */
  first(leafId: number): number {
    return this.headEpoch[leafId] === this.epoch ? (this.head[leafId] as number) : -1;
  }

  /**
   * Allocates an array id.
   *
   * @param node - The path node of the array's value.
   * @returns The new id.
   */
  newArray(node: PathNode): number {
    const a = this.arrays++;
    this.arrayNode[a] = node;
    if (node.sharedUses > 0) this.shared = true;
    return a;
  }

  /**
   * Records an array element that is an object or an array.
   *
   * @param array - The array's id.
   * @param index - The element's index.
   * @param parent - The enclosing element, or -1.
   * @returns The element record's id (a context for what it contains).
   */
  newElement(array: number, index: number, parent: number): number {
    const e = this.elements++;
    if (e >= this.elementArray.length) {
      this.elementArray = grow(this.elementArray);
      this.elementIndex = grow(this.elementIndex);
      this.elementParent = grow(this.elementParent);
    }
    this.elementArray[e] = array;
    this.elementIndex[e] = index;
    this.elementParent[e] = parent;
    return e;
  }

  /** Drops references to the last event's values (lets big strings be collected). */
  clearValues(): void {
    const values = this.values;
    for (let i = 0; i < this.count; i++) values[i] = null;
    const nodes = this.arrayNode;
    for (let a = 0; a < this.arrays; a++) nodes[a] = undefined;
  }
}

/** A copy of `a` at twice its length (the tail zero-filled). */
function grow(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
