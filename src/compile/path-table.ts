/**
 * The table of field paths that rules use, shaped for the event scanner. Every dotted prefix of a
 * used path is a {@link PathNode}; from each node, steps lead by one path segment to the nodes
 * whose path is `node.path + "." + segment`. A node is itself the step to it, and its segment is
 * the end of its path (segments have no dots), so a step costs no object of its own: many steps of
 * a node are found by hash and compare keys against their paths past a common offset; a node's few
 * steps keep their keys as strings beside them, for the scanner's native comparisons. An event key
 * may itself contain dots (`{"a.b":1}`
 * reaches path `a.b` as `{"a":{"b":1}}` does): such a key is followed segment by segment, so no
 * dotted spelling is stored. A scanner therefore follows keys from node to node and skips any value
 * whose key leads nowhere, without building path strings.
 * Invariant: a node exists iff it is a registered path (`leafUses > 0`) or has steps, so it keeps
 * no reference count (as trie nodes do not, docs/design/004-deletion.md), and no map of nodes by
 * path: a path is found by following its segments from the root.
 */

import { addToBucket, removeFromBucket } from './buckets.js';
import { PresenceFilter } from './presence-filter.js';
import { hashCodes, hashKey, hashSpan, own } from './strings.js';

/**
 * A dotted prefix of at least one used path, or a used path itself, and the step that leads to it
 * from its parent.
 *
 * ```
 * paths "a.b.c" and "x"  ->  root --a--> [a] --b--> [a.b] --c--> [a.b.c]
 *                              \--x--> [x]
 * event keys "a.b" then "c", or "a.b.c", or "a" then "b.c": each followed segment by segment
 * ```
 */
export class PathNode {
  /** The full dotted path; `''` for the root. */
  readonly path: string;
  /** Id of this path among used leaf paths, or `-1` when no rule has a field on exactly this path. */
  leafId = -1;
  /** Number of registrations of this exact path as a rule field. */
  leafUses = 0;
  /** The outgoing steps, `undefined` while there are none (most nodes are leaves, which thus keep no step fields). */
  stepSet: StepSet | undefined = undefined;
  /**
   * Number of sub-rules with at least two fields on paths through this node (or ending here). Only
   * an array at such a node can hold two fields of one sub-rule in different elements, so only
   * there array consistency (docs/semantics.md §2.5) can change an answer.
   */
  sharedUses = 0;

  /** @param path - The node's full dotted path. */
  constructor(path: string) {
    this.path = path;
  }

  /**
   * The path segment leading here from the parent: an event key, JSON escapes decoded; `''` for
   * the root. Derived (cold code only): it is the path past its last dot.
   */
  get key(): string {
    return this.path.slice(this.path.lastIndexOf('.') + 1);
  }

  /** The nodes one step away, unordered, in a fresh array (for tests and cold code). */
  get steps(): readonly PathNode[] {
    return this.stepSet?.list() ?? NO_STEPS;
  }
}

/** The steps of a node without any. */
const NO_STEPS: readonly PathNode[] = Object.freeze([]);

/** Above this many steps a node indexes them by hash. */
const LINEAR_STEPS = 8;

/**
 * The outgoing steps of a node that has some: up to {@link LINEAR_STEPS} in an array searched
 * linearly (hot: compared by length, then code unit by code unit), more by the hash of their key
 * behind a presence filter (most keys of an event lead nowhere, and most misses are answered
 * without the map).
 */
export class StepSet {
  /**
   * Where the step keys start in the steps' paths: 0 below the root, else past this node's path
   * and a dot. A step's key is `path.slice(keyStart)`.
   */
  readonly keyStart: number;
  /** The steps while few, unordered; `undefined` once they are indexed. */
  few: PathNode[] | undefined = [];
  /**
   * The keys of `few`, in the same order: below the root a key is a flat copy of the end of its
   * step's path, which the scanner reads a code unit at a time (at most {@link LINEAR_STEPS}
   * strings per node; many steps are found by hash and keep none).
   */
  fewKeys: string[] | undefined = [];
  /** The steps while many, by {@link hashKey} of their key: a lone step bare. */
  byHash: Map<number, PathNode | PathNode[]> | undefined = undefined;
  /** A presence filter over the keys' hashes, beside `byHash`. */
  filter: PresenceFilter | undefined = undefined;
  /** Number of steps. */
  count = 0;
  /**
   * Number of steps whose target has steps of its own. Only then can a key with dots (two or more
   * segments) lead anywhere from this node, so the scanner looks for dots in a key only here.
   */
  deepSteps = 0;
  /**
   * The steps whose keys the scanner's trusted look-ahead searches for (those no other step key is
   * a prefix of), `null` when there are too many, `undefined` until computed; reset when steps
   * change.
   */
  lookahead: readonly PathNode[] | null | undefined = undefined;

  /** @param keyStart - See {@link StepSet.keyStart}. */
  constructor(keyStart: number) {
    this.keyStart = keyStart;
  }

  /** The steps in a fresh array. */
  list(): PathNode[] {
    if (this.few !== undefined) return this.few.slice();
    const out: PathNode[] = [];
    for (const v of (this.byHash as Map<number, PathNode | PathNode[]>).values()) {
      if (Array.isArray(v)) out.push(...v);
      else out.push(v);
    }
    return out;
  }

  /** The step with `key` (the key hashed only where steps are indexed). */
  find(key: string): PathNode | undefined {
    const bucket = this.few ?? (this.byHash as Map<number, PathNode | PathNode[]>).get(hashKey(key));
    if (bucket === undefined) return undefined;
    const length = this.keyStart + key.length;
    if (!Array.isArray(bucket)) return bucket.path.length === length && bucket.path.endsWith(key) ? bucket : undefined;
    for (const s of bucket) if (s.path.length === length && s.path.endsWith(key)) return s;
    return undefined;
  }

  /** A step's key as a string: its path below the root, else a flat copy of the path's end. */
  private keyOf(step: PathNode): string {
    return this.keyStart === 0 ? step.path : own(step.path.slice(this.keyStart));
  }

  /** {@link hashKey} of a step's key, read in its path. */
  hashOf(step: PathNode): number {
    return hashSpan(step.path, this.keyStart, step.path.length);
  }

  /** Adds a step (its key is no step yet). */
  add(step: PathNode): void {
    this.count++;
    this.lookahead = undefined;
    const few = this.few;
    if (few !== undefined && few.length < LINEAR_STEPS) {
      few.push(step);
      (this.fewKeys as string[]).push(this.keyOf(step));
      return;
    }
    if (few !== undefined) {
      this.index([...few, step]);
      return;
    }
    const hash = this.hashOf(step);
    addToBucket(this.byHash as Map<number, PathNode | PathNode[]>, hash, step);
    if ((this.filter as PresenceFilter).add(hash)) this.refill();
  }

  /** Removes a step. */
  remove(step: PathNode): void {
    this.count--;
    this.lookahead = undefined;
    const few = this.few;
    if (few !== undefined) {
      const keys = this.fewKeys as string[];
      const i = few.indexOf(step);
      const last = few.pop() as PathNode;
      const lastKey = keys.pop() as string;
      if (last !== step) {
        few[i] = last;
        keys[i] = lastKey;
      }
      return;
    }
    removeFromBucket(this.byHash as Map<number, PathNode | PathNode[]>, this.hashOf(step), (s) => s === step);
    if (this.count <= LINEAR_STEPS) {
      this.few = this.list();
      this.fewKeys = this.few.map((f) => this.keyOf(f));
      this.byHash = undefined;
      this.filter = undefined;
    } else if ((this.filter as PresenceFilter).remove()) this.refill();
  }

  /** Switches from the array to the hash index. */
  private index(steps: readonly PathNode[]): void {
    const byHash = new Map<number, PathNode | PathNode[]>();
    for (const s of steps) addToBucket(byHash, this.hashOf(s), s);
    this.few = undefined;
    this.fewKeys = undefined;
    this.byHash = byHash;
    this.filter = new PresenceFilter();
    this.refill();
  }

  /** Refills the presence filter from the steps' hashes (steps keep no hash: it is recomputed). */
  private refill(): void {
    const hashes = this.list().map((s) => this.hashOf(s));
    (this.filter as PresenceFilter).refill(hashes, hashes.length);
  }
}

/**
 * The set of used field paths, counted per path. Leaf ids are dense and reused after release, so
 * per-event tables indexed by leaf id stay small.
 */
export class PathTable {
  /** The node of the empty prefix: the event's top-level object. */
  readonly root = new PathNode('');
  private readonly freeLeafIds: number[] = [];
  private nextLeafId = 0;

  /** One more than the largest leaf id ever handed out: the size of per-event tables. */
  get leafCapacity(): number {
    return this.nextLeafId;
  }

  /** Whether no path is registered (every node but the root dropped). */
  get isEmpty(): boolean {
    return this.root.stepSet === undefined;
  }

  /**
   * The leaf id of a registered path.
   *
   * @param path - A dotted field path.
   * @returns Its leaf id, or -1 when no rule uses it.
   */
  leafIdOf(path: string): number {
    return this.nodeOf(path)?.leafId ?? -1;
  }

  /**
   * Registers one use of a field path.
   *
   * @param path - The dotted field path of a rule field.
   * @returns The path's node, whose `leafId` is set.
   */
  acquire(path: string): PathNode {
    let parent: PathNode | undefined;
    let node = this.root;
    let from = 0;
    for (;;) {
      const dot = path.indexOf('.', from);
      let next = node.stepSet?.find(dot < 0 ? path.slice(from) : path.slice(from, dot));
      if (next === undefined) {
        // A flat copy: a path from the parser is a chain of concatenations (which `keyIs` would read
        // through, and which outweighs the text), a prefix a slice that keeps the whole path alive.
        next = new PathNode(own(dot < 0 ? path : path.slice(0, dot)));
        // `node` gets its first step: its parent's step to it now leads somewhere deeper.
        if (node.stepSet === undefined) {
          node.stepSet = new StepSet(parent === undefined ? 0 : node.path.length + 1);
          if (parent !== undefined) (parent.stepSet as StepSet).deepSteps++;
        }
        node.stepSet.add(next);
      }
      parent = node;
      node = next;
      if (dot < 0) break;
      from = dot + 1;
    }
    if (node.leafUses++ === 0) node.leafId = this.freeLeafIds.pop() ?? this.nextLeafId++;
    return node;
  }

  /**
   * Releases one use of a field path registered with {@link acquire}; nodes nobody needs any more
   * (neither registered nor leading to a registered path) are dropped.
   *
   * @param path - The path given to `acquire`.
   */
  release(path: string): void {
    const chain = this.chainOf(path);
    const leaf = chain?.[chain.length - 1];
    if (chain === undefined || leaf === undefined || leaf.leafUses === 0) return;
    if (--leaf.leafUses === 0) {
      this.freeLeafIds.push(leaf.leafId);
      leaf.leafId = -1;
    }
    for (let i = chain.length - 1; i > 0; i--) {
      const node = chain[i] as PathNode;
      if (node.leafUses > 0 || node.stepSet !== undefined) return;
      const from = chain[i - 1] as PathNode;
      const steps = from.stepSet as StepSet;
      steps.remove(node);
      if (steps.count > 0) return;
      // `from` lost its last step: its parent's step to it no longer leads deeper.
      from.stepSet = undefined;
      if (i > 1) ((chain[i - 2] as PathNode).stepSet as StepSet).deepSteps--;
    }
  }

  /**
   * Counts one sub-rule more (`delta` 1) or less (-1) with two or more fields through `prefix`
   * (see {@link PathNode.sharedUses}). The prefix must be one of a registered path's prefixes.
   *
   * @param prefix - A dotted prefix of a registered path.
   * @param delta - 1 when the sub-rule is added, -1 when it is removed.
   */
  markShared(prefix: string, delta: 1 | -1): void {
    const node = this.nodeOf(prefix);
    if (node !== undefined) node.sharedUses += delta;
  }

  /** The node of a path, found segment by segment; `undefined` when it has none. */
  private nodeOf(path: string): PathNode | undefined {
    let node: PathNode | undefined = this.root;
    let from = 0;
    for (;;) {
      const dot = path.indexOf('.', from);
      node = node.stepSet?.find(dot < 0 ? path.slice(from) : path.slice(from, dot));
      if (node === undefined || dot < 0) return node;
      from = dot + 1;
    }
  }

  /** The nodes from the root to the node of `path`, or `undefined` when some prefix has no node. */
  private chainOf(path: string): PathNode[] | undefined {
    const chain: PathNode[] = [this.root];
    let node = this.root;
    let from = 0;
    for (;;) {
      const dot = path.indexOf('.', from);
      const next = node.stepSet?.find(dot < 0 ? path.slice(from) : path.slice(from, dot));
      if (next === undefined) return undefined;
      chain.push(next);
      node = next;
      if (dot < 0) return chain;
      from = dot + 1;
    }
  }
}

/**
 * Follows the step for a key given as a string (decoded from JSON escapes, or an object's key).
 * A key with dots is followed segment by segment.
 *
 * @param from - Current node.
 * @param key - The event key.
 * @returns The next node, or `undefined` when no used path continues with this key.
 */
export function stepByKey(from: PathNode, key: string): PathNode | undefined {
  const steps = from.stepSet;
  if (steps === undefined) return undefined;
  const found = steps.find(key);
  if (found !== undefined || steps.deepSteps === 0 || key.indexOf('.') < 0) return found;
  let node: PathNode | undefined = from;
  let segmentStart = 0;
  for (let dot = key.indexOf('.'); node !== undefined; dot = key.indexOf('.', segmentStart)) {
    const segment = dot < 0 ? key.slice(segmentStart) : key.slice(segmentStart, dot);
    node = node.stepSet?.find(segment);
    if (dot < 0) return node;
    segmentStart = dot + 1;
  }
  return undefined;
}

/**
 * Follows the step for a key still in JSON text, between its quotes and free of escapes, read in
 * the scanner's copy of the text's code units. Hot: runs for every key of every relevant object;
 * allocates nothing. Few steps are compared by length and then code unit by code unit; many are
 * found by hash. A key with dots that is no step is followed segment by segment (steps are single
 * segments). At a node where some step leads deeper, a key that is no step costs one more look: at
 * each step's segment and a dot (few steps), or one pass over the key for a dot (many steps);
 * elsewhere nothing.
 *
 * @param from - Current node.
 * @param codes - The JSON text's code units (the scanner's copy of them, `event/code-units.ts`).
 * @param start - Index of the key's first character.
 * @param end - Index of the key's closing quote.
 * @returns The next node, or `undefined`.
 */
export function stepByCodes(from: PathNode, codes: ArrayLike<number>, start: number, end: number): PathNode | undefined {
  const steps = from.stepSet;
  if (steps === undefined) return undefined;
  const few = steps.few;
  if (few !== undefined) {
    const keyStart = steps.keyStart;
    const keys = steps.fewKeys as string[];
    const len = end - start;
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k] as string;
      if (key.length !== len) continue;
      // Compared a code unit at a time in place: faster than a native `startsWith` for keys this
      // short, and most keys of the same length differ in their first code unit.
      let j = 0;
      while (j < len && key.charCodeAt(j) === codes[start + j]) j++;
      if (j === len) return few[k] as PathNode;
    }
    if (steps.deepSteps === 0) return undefined;
    // A dotted key starts with a step's segment and a dot.
    for (let k = 0; k < few.length; k++) {
      const found = afterSegment(few[k] as PathNode, keyStart, codes, start, end);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  return hashedStep(from, steps, codes, start, end);
}

/**
 * {@link stepByCodes} where the steps are indexed by hash. A function of its own: written inline,
 * it made the scan of exact envelopes, whose nodes have few steps, 0.89–0.91× as fast (design
 * note 016).
 */
function hashedStep(from: PathNode, steps: StepSet, codes: ArrayLike<number>, start: number, end: number): PathNode | undefined {
  const keyStart = steps.keyStart;
  const length = keyStart + end - start;
  const hash = hashCodes(codes, start, end);
  const bucket = (steps.filter as PresenceFilter).mayHave(hash) ? (steps.byHash as Map<number, PathNode | PathNode[]>).get(hash) : undefined;
  if (bucket !== undefined) {
    if (!Array.isArray(bucket)) {
      if (bucket.path.length === length && keyIs(bucket.path, keyStart, codes, start)) return bucket;
    } else {
      for (let k = 0; k < bucket.length; k++) {
        const s = bucket[k] as PathNode;
        if (s.path.length === length && keyIs(s.path, keyStart, codes, start)) return s;
      }
    }
  }
  return steps.deepSteps === 0 ? undefined : stepBySegments(from, codes, start, end);
}

/**
 * Whether the key of a step, `path` past `keyStart`, is spelled at `start` in the text whose code
 * units are `codes` (the lengths are known to agree). Compared a code unit at a time: keys are
 * short, and most calls are for the key that matches.
 */
function keyIs(path: string, keyStart: number, codes: ArrayLike<number>, start: number): boolean {
  const delta = start - keyStart;
  for (let i = keyStart; i < path.length; i++) if (path.charCodeAt(i) !== codes[i + delta]) return false;
  return true;
}

/**
 * Where a dotted key `codes[start, end)` leads past step `s`, when the key starts with the step's
 * segment and a dot (and the step leads to more steps); `undefined` otherwise.
 */
function afterSegment(s: PathNode, keyStart: number, codes: ArrayLike<number>, start: number, end: number): PathNode | undefined {
  const n = s.path.length - keyStart;
  if (n >= end - start || codes[start + n] !== 0x2e || s.stepSet === undefined || !keyIs(s.path, keyStart, codes, start)) return undefined;
  return stepByCodes(s, codes, start + n + 1, end);
}

/**
 * {@link stepByCodes} for a key that is no step of `from`: if it has dots, it is followed segment by
 * segment; otherwise it leads nowhere. Called only at indexed nodes where some step leads deeper,
 * for every key that misses there.
 */
function stepBySegments(from: PathNode, codes: ArrayLike<number>, start: number, end: number): PathNode | undefined {
  let dot = start;
  while (dot < end && codes[dot] !== 0x2e) dot++;
  if (dot === end) return undefined;
  let node: PathNode | undefined = from;
  let segmentStart = start;
  for (;;) {
    node = segmentStep(node, codes, segmentStart, dot);
    if (node === undefined || dot === end) return node;
    segmentStart = dot + 1;
    dot = segmentStart;
    while (dot < end && codes[dot] !== 0x2e) dot++;
  }
}

/** The step for one segment `codes[start, end)` (no dot in it, or a whole key tried as one). */
function segmentStep(from: PathNode, codes: ArrayLike<number>, start: number, end: number): PathNode | undefined {
  const steps = from.stepSet;
  if (steps === undefined) return undefined;
  const keyStart = steps.keyStart;
  const length = keyStart + end - start;
  let bucket: PathNode | PathNode[] | undefined = steps.few;
  if (bucket === undefined) {
    const hash = hashCodes(codes, start, end);
    if (!(steps.filter as PresenceFilter).mayHave(hash)) return undefined;
    bucket = (steps.byHash as Map<number, PathNode | PathNode[]>).get(hash);
  }
  if (bucket === undefined) return undefined;
  if (!Array.isArray(bucket)) return bucket.path.length === length && keyIs(bucket.path, keyStart, codes, start) ? bucket : undefined;
  for (let k = 0; k < bucket.length; k++) {
    const s = bucket[k] as PathNode;
    if (s.path.length === length && keyIs(s.path, keyStart, codes, start)) return s;
  }
  return undefined;
}
