/**
 * Stabbing queries over many intervals: which stored intervals contain x? Intervals are sorted by
 * lower bound and a max-of-upper-bounds tree sits over them, so a query visits O(log n) nodes plus
 * O(log n) per reported interval, however many intervals there are (numeric ranges and CIDR blocks
 * of 100,000 rules on one field); with number keys a short scan answers the common case of few
 * overlapping intervals before any tree descent. Keys are numbers (doubles) or fixed-width hex
 * strings.
 *
 * The intervals are kept as parallel arrays (bounds, flags, items), not as an object each: no
 * object, and no map to find one for removal. An interval is found by its bounds and item, by
 * binary search in the sorted part and a scan of the few added since; a removed one is left as a
 * dead slot that no query reports. Intervals added since the last sort are merged in, and the
 * tree rebuilt, by the next query; a removal that finds many of them unsorted merges them in first
 * (without the tree, which waits for the next query). A removal marks the structure for a rebuild
 * only once dead slots outnumber live ones, and the rebuild drops them.
 */

/** One interval, as given to {@link IntervalIndex.add} and {@link IntervalIndex.remove}. */
export interface Interval<K extends number | string, T> {
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

/** Fewest added-but-unsorted intervals a removal scans before it has the index rebuilt first. */
const TAIL_SCAN = 32;

/** Flag bits: the lower bound belongs to the interval; the upper bound does. */
const LOW_IN = 1;
const HIGH_IN = 2;
/** Flags of a removed slot (no bound included; its upper bound is set below every key). */
const DEAD = 4;

// Query stack, shared (queries never nest).
const stackNode: number[] = [];
const stackLo: number[] = [];
const stackHi: number[] = [];

/**
 * A multiset of intervals answering stabbing queries. Two intervals with equal bounds and item
 * are interchangeable: removing one of them removes either.
 *
 * ```
 * sorted by low:  [0,5) [1,2] [3,9) [4,4]      tree of max high:      9
 *                                                                5         9
 *                                                              5   2     9   4
 * ```
 */
export class IntervalIndex<K extends number | string, T> {
  /** Lower bounds: slots `[0, sorted)` in ascending order, later slots in order of addition. */
  private lows: K[] = [];
  private highs: K[] = [];
  /** {@link LOW_IN} and {@link HIGH_IN} bits, or {@link DEAD}. */
  private flags: number[] = [];
  /** What each slot reports (`undefined` for a dead slot). */
  private items: (T | undefined)[] = [];
  /** Slots in lower-bound order (the rest were added since the last rebuild). */
  private sorted = 0;
  /** Number of live intervals. */
  private live = 0;
  /** Number of dead slots. */
  private dead = 0;
  private tree: K[] = [];
  /**
   * For number keys: `reach[i]` is the largest upper bound among slots `0..i`. Scanning left from
   * the last candidate stops where it falls below the point; with few overlapping intervals
   * (distinct ranges, CIDR blocks) that is after one or two reads instead of a tree descent.
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
    return this.live;
  }

  /**
   * Adds an interval.
   *
   * @param interval - The interval and its item.
   */
  add(interval: Interval<K, T>): void {
    this.lows.push(interval.low);
    this.highs.push(interval.high);
    this.flags.push(flagsOf(interval));
    this.items.push(interval.item);
    this.live++;
    this.dirty = true;
  }

  /**
   * Removes an interval added before (one of them, if it was added more than once).
   *
   * @param interval - Its bounds and item, as given to {@link add}.
   */
  remove(interval: Interval<K, T>): void {
    const i = this.slotOf(interval);
    if (i < 0) return;
    this.live--;
    if (this.live === 0) {
      this.clear();
      return;
    }
    // The slot's lower bound stays, so the sorted part stays sorted.
    this.highs[i] = this.bottom;
    this.flags[i] = DEAD;
    this.items[i] = undefined;
    this.dead++;
    if (this.dead > this.live) this.dirty = true;
  }

  private clear(): void {
    this.lows = [];
    this.highs = [];
    this.flags = [];
    this.items = [];
    this.tree = [];
    this.reach = undefined;
    this.sorted = this.live = this.dead = this.leaves = 0;
    this.dirty = false;
  }

  /** The slot of a live interval, or -1. */
  private slotOf(interval: Interval<K, T>): number {
    // Past four unsorted slots per square root of the live ones, merging them in (O(n)) costs less
    // than scanning them on every removal; the tree waits for the next query.
    const unsorted = this.items.length - this.sorted;
    if (unsorted > TAIL_SCAN && unsorted * unsorted > 16 * this.live) this.sortIn();
    const { low, high, item } = interval;
    const flags = flagsOf(interval);
    const lows = this.lows;
    let lo = 0;
    let hi = this.sorted;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((lows[mid] as K) < low) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.sorted && lows[i] === low; i++) {
      if (this.items[i] === item && this.highs[i] === high && this.flags[i] === flags) return i;
    }
    for (let i = this.sorted; i < this.items.length; i++) {
      if (lows[i] === low && this.items[i] === item && this.highs[i] === high && this.flags[i] === flags) return i;
    }
    return -1;
  }

  /** Sorts the slots added since, drops dead slots, and rebuilds the tree over them. */
  private rebuild(): void {
    this.sortIn();
    const n = this.live;
    const newHighs = this.highs;
    let leaves = 1;
    while (leaves < n) leaves *= 2;
    const tree = new Array<K>(2 * leaves).fill(this.bottom);
    for (let i = 0; i < n; i++) tree[leaves + i] = newHighs[i] as K;
    for (let j = leaves - 1; j >= 1; j--) {
      const l = tree[2 * j] as K;
      const r = tree[2 * j + 1] as K;
      tree[j] = l > r ? l : r;
    }
    this.tree = tree;
    this.leaves = leaves;
    if (typeof this.bottom === 'number') {
      const reach = new Float64Array(n);
      let most = -Infinity;
      for (let i = 0; i < n; i++) {
        if ((newHighs[i] as number) > most) most = newHighs[i] as number;
        reach[i] = most;
      }
      this.reach = reach;
    }
    this.dirty = false;
  }

  /**
   * Merges the slots added since the last rebuild into the sorted ones and drops dead slots, into
   * arrays of exact size. The tree and `reach` are stale until {@link rebuild}.
   */
  private sortIn(): void {
    const { lows, highs, flags, items, sorted } = this;
    if (sorted === items.length && this.dead === 0) return;
    const added: number[] = [];
    for (let i = sorted; i < items.length; i++) if (flags[i] !== DEAD) added.push(i);
    added.sort((a, b) => compare(lows[a] as K, lows[b] as K));
    // Merge the sorted part (skipping dead slots) with the sorted additions into exact-size arrays.
    const n = this.live;
    const newLows = new Array<K>(n);
    const newHighs = new Array<K>(n);
    const newFlags = new Array<number>(n);
    const newItems = new Array<T | undefined>(n);
    let a = 0;
    let b = 0;
    for (let j = 0; j < n; j++) {
      while (a < sorted && flags[a] === DEAD) a++;
      const from = a < sorted && (b === added.length || (lows[a] as K) <= (lows[added[b] as number] as K)) ? a++ : (added[b++] as number);
      newLows[j] = lows[from] as K;
      newHighs[j] = highs[from] as K;
      newFlags[j] = flags[from] as number;
      newItems[j] = items[from];
    }
    this.lows = newLows;
    this.highs = newHighs;
    this.flags = newFlags;
    this.items = newItems;
    this.sorted = n;
    this.dead = 0;
    this.dirty = true;
  }

  /**
   * Calls `visit` with the item of every interval containing `x`. Hot: no allocation.
   *
   * @param x - The point.
   * @param visit - Receives each matching item.
   */
  query(x: K, visit: (item: T) => void): void {
    if (this.live === 0) return;
    if (this.dirty) this.rebuild();
    const reach = this.reach;
    const end = reach !== undefined ? this.scanNumbers(x as number, reach, visit) : this.lowerCount(x);
    if (end <= 0) return;
    const { tree, leaves } = this;
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
        this.check(j - leaves, x, visit);
        continue;
      }
      const m = (a + b) >>> 1;
      stackNode.push(2 * j, 2 * j + 1);
      stackLo.push(a, m);
      stackHi.push(m, b);
    }
  }

  /** The number of slots whose lower bound is at most `x` (string keys). */
  private lowerCount(x: K): number {
    const lows = this.lows;
    let lo = 0;
    let hi = lows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((lows[mid] as K) <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * For number keys: finds the slots whose lower bound is at most `x`; if few of them can reach `x`
   * (see `reach`), reports those and returns 0, else returns their number for the tree descent.
   * Its binary search is {@link lowerCount}'s, written out on numbers: the shared one compares keys
   * of both types (CIDR blocks of IPv6 are hex strings) and is kept off the numeric hot path.
   */
  private scanNumbers(x: number, reach: Float64Array, visit: (item: T) => void): number {
    const lows = this.lows as number[];
    let lo = 0;
    let hi = lows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((lows[mid] as number) <= x) lo = mid + 1;
      else hi = mid;
    }
    const end = lo;
    if (end === 0) return 0;
    // Slots before `first` end below x. If only a few candidates remain, check them directly.
    let first = end;
    while (first > 0 && end - first <= SCAN_LIMIT && (reach[first - 1] as number) >= x) first--;
    if (first > 0 && (reach[first - 1] as number) >= x) return end;
    const highs = this.highs as number[];
    const flags = this.flags;
    for (let i = first; i < end; i++) {
      const low = lows[i] as number;
      const high = highs[i] as number;
      const f = flags[i] as number;
      if ((low < x || ((f & LOW_IN) !== 0 && low === x)) && (high > x || ((f & HIGH_IN) !== 0 && high === x))) visit(this.items[i] as T);
    }
    return 0;
  }

  /**
   * Appends both bounds of every live interval to `out` (in no order, repeats kept).
   *
   * @param out - Receives the bounds.
   */
  collectBounds(out: K[]): void {
    const flags = this.flags;
    for (let i = 0; i < flags.length; i++) {
      if (flags[i] !== DEAD) out.push(this.lows[i] as K, this.highs[i] as K);
    }
  }

  /** Reports slot `i` if it contains `x` (a dead slot contains nothing). */
  private check(i: number, x: K, visit: (item: T) => void): void {
    const low = this.lows[i] as K;
    const high = this.highs[i] as K;
    const f = this.flags[i] as number;
    if ((low < x || ((f & LOW_IN) !== 0 && low === x)) && (high > x || ((f & HIGH_IN) !== 0 && high === x))) visit(this.items[i] as T);
  }
}

/** The flag bits of an interval's bounds. */
function flagsOf(interval: Interval<number | string, unknown>): number {
  return (interval.lowInclusive ? LOW_IN : 0) | (interval.highInclusive ? HIGH_IN : 0);
}

/** Ascending order of keys. */
function compare<K extends number | string>(a: K, b: K): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
