/**
 * Stabbing queries over many intervals: which stored intervals contain x? Intervals are sorted by
 * lower bound and a max-of-upper-bounds tree sits over them, so a query visits O(log n) nodes plus
 * O(log n) per reported interval, however many intervals there are (numeric ranges and CIDR blocks
 * of 100,000 rules on one field); with number keys a short scan of packed arrays answers the
 * common case of few overlapping intervals before any tree descent. Keys are numbers (doubles) or
 * fixed-width hex strings; the structure is rebuilt lazily after changes, on the next query.
 */

/** One stored interval. */
export interface Interval<K extends number | string, T> {
  /**
   * What names this interval uniquely within its index (used to remove it), compared as a `Map`
   * key: a string, or an object (the value index uses the matcher object, so no name string is
   * kept per interval).
   */
  readonly id: unknown;
  /** Lower bound, and whether it belongs to the interval. */
  readonly low: K;
  readonly lowInclusive: boolean;
  /** Upper bound, and whether it belongs to the interval. */
  readonly high: K;
  readonly highInclusive: boolean;
  /** What a query containing this interval reports. */
  readonly item: T;
}

/** Most candidates a query checks one by one before it descends the tree instead. */
const SCAN_LIMIT = 16;

// Query stack, shared (queries never nest).
const stackNode: number[] = [];
const stackLo: number[] = [];
const stackHi: number[] = [];

/**
 * A multiset of intervals answering stabbing queries.
 *
 * ```
 * sorted by low:  [0,5) [1,2] [3,9) [4,4]      tree of max high:      9
 *                                                                5         9
 *                                                              5   2     9   4
 * ```
 */
export class IntervalIndex<K extends number | string, T> {
  private items: Interval<K, T>[] = [];
  /** Position of each interval in `items`, by id. */
  private readonly slots = new Map<unknown, number>();
  private tree: K[] = [];
  /** For number keys: the sorted lower bounds, packed (the binary search reads no objects). */
  private lows: Float64Array | undefined = undefined;
  /**
   * For number keys: `reach[i]` is the largest upper bound among intervals `0..i`. Scanning left
   * from the last candidate stops where it falls below the point; with few overlapping intervals
   * (distinct ranges, CIDR blocks) that is after one or two packed reads instead of a tree descent.
   */
  private reach: Float64Array | undefined = undefined;
  private leaves = 0;
  private dirty = false;
  private readonly bottom: K;

  /** @param bottom - A key below every real key (`-Infinity`, or `''` for hex strings). */
  constructor(bottom: K) {
    this.bottom = bottom;
  }

  /** Number of stored intervals. */
  get size(): number {
    return this.items.length;
  }

  /**
   * Adds an interval.
   *
   * @param interval - The interval and its item.
   */
  add(interval: Interval<K, T>): void {
    this.slots.set(interval.id, this.items.length);
    this.items.push(interval);
    this.dirty = true;
  }

  /**
   * Removes an interval.
   *
   * @param id - The id it was added with.
   */
  remove(id: unknown): void {
    const i = this.slots.get(id);
    if (i === undefined) return;
    this.slots.delete(id);
    const last = this.items.pop() as Interval<K, T>;
    if (i < this.items.length) {
      this.items[i] = last;
      this.slots.set(last.id, i);
    }
    this.dirty = true;
  }

  private rebuild(): void {
    const items = this.items;
    items.sort((a, b) => (a.low < b.low ? -1 : a.low > b.low ? 1 : 0));
    for (let i = 0; i < items.length; i++) this.slots.set((items[i] as Interval<K, T>).id, i);
    let leaves = 1;
    while (leaves < items.length) leaves *= 2;
    const tree = new Array<K>(2 * leaves).fill(this.bottom);
    for (let i = 0; i < items.length; i++) tree[leaves + i] = (items[i] as Interval<K, T>).high;
    for (let j = leaves - 1; j >= 1; j--) {
      const a = tree[2 * j] as K;
      const b = tree[2 * j + 1] as K;
      tree[j] = a > b ? a : b;
    }
    this.tree = tree;
    this.leaves = leaves;
    if (typeof this.bottom === 'number') {
      const lows = new Float64Array(items.length);
      const reach = new Float64Array(items.length);
      let most = -Infinity;
      for (let i = 0; i < items.length; i++) {
        const iv = items[i] as Interval<K, T>;
        lows[i] = iv.low as number;
        if ((iv.high as number) > most) most = iv.high as number;
        reach[i] = most;
      }
      this.lows = lows;
      this.reach = reach;
    }
    this.dirty = false;
  }

  /**
   * Calls `visit` with the item of every interval containing `x`. Hot: no allocation.
   *
   * @param x - The point.
   * @param visit - Receives each matching item.
   */
  query(x: K, visit: (item: T) => void): void {
    const items = this.items;
    if (items.length === 0) return;
    if (this.dirty) this.rebuild();
    // Intervals [0, end) have low <= x.
    let lo = 0;
    let hi = items.length;
    const lows = this.lows;
    if (lows !== undefined) {
      const key = x as number;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((lows[mid] as number) <= key) lo = mid + 1;
        else hi = mid;
      }
    } else {
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((items[mid] as Interval<K, T>).low <= x) lo = mid + 1;
        else hi = mid;
      }
    }
    const end = lo;
    if (end === 0) return;
    const reach = this.reach;
    if (reach !== undefined) {
      // Intervals before `first` end below x. If only a few candidates remain, check them directly.
      const key = x as number;
      let first = end;
      while (first > 0 && end - first <= SCAN_LIMIT && (reach[first - 1] as number) >= key) first--;
      if (first === 0 || (reach[first - 1] as number) < key) {
        for (let i = first; i < end; i++) {
          const iv = items[i] as Interval<K, T>;
          if ((iv.low < x || (iv.lowInclusive && iv.low === x)) && (iv.high > x || (iv.highInclusive && iv.high === x))) visit(iv.item);
        }
        return;
      }
    }
    const tree = this.tree;
    const leaves = this.leaves;
    const base = stackNode.length;
    stackNode.push(1);
    stackLo.push(0);
    stackHi.push(leaves);
    while (stackNode.length > base) {
      const j = stackNode.pop() as number;
      const a = stackLo.pop() as number;
      const b = stackHi.pop() as number;
      if (a >= end || (tree[j] as K) < x) continue;
      if (j >= leaves) {
        const iv = items[j - leaves] as Interval<K, T>;
        if ((iv.low < x || (iv.lowInclusive && iv.low === x)) && (iv.high > x || (iv.highInclusive && iv.high === x))) visit(iv.item);
        continue;
      }
      const m = (a + b) >>> 1;
      stackNode.push(2 * j, 2 * j + 1);
      stackLo.push(a, m);
      stackHi.push(m, b);
    }
  }
}
