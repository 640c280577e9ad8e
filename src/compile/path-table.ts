/**
 * The table of field paths that rules use, shaped for the event scanner. Every dotted prefix of a
 * used path is a {@link PathNode}; from each node, `steps` lead by one path segment to the nodes
 * whose path is `node.path + "." + segment`. An event key may itself contain dots (`{"a.b":1}`
 * reaches path `a.b` as `{"a":{"b":1}}` does): such a key is followed segment by segment, so no
 * dotted spelling is stored. A scanner therefore follows keys from node to node and skips any value
 * whose key leads nowhere, without building path strings.
 * Invariant: a node or step exists iff some registered path needs it (reference counts).
 */

import { addToBucket, removeFromBucket } from './buckets.js';
import { PresenceFilter } from './presence-filter.js';
import { hashKey, hashSpan } from './strings.js';

/** One transition of the path table: an event key and the node it leads to. */
export interface PathStep {
  /** The path segment (never contains a dot): an event key, JSON escapes decoded. */
  readonly key: string;
  /** The node for `from.path + "." + key` (or `key` from the root). */
  readonly target: PathNode;
  /** Number of registered paths that need this step. */
  uses: number;
  /** Position in `from.steps` (for O(1) removal). */
  slot: number;
}

/**
 * A dotted prefix of at least one used path, or a used path itself.
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
  /** Number of registered paths that have this node as a prefix (or are it). */
  uses = 0;
  /** Outgoing steps, unordered, `undefined` while there are none (most nodes are leaves). */
  stepList: PathStep[] | undefined = undefined;
  /** The index of the steps, built once there are many (see {@link StepIndex}). */
  index: StepIndex | undefined = undefined;
  /**
   * Number of steps whose target has steps of its own. Only then can a key with dots (two or more
   * segments) lead anywhere from this node, so the scanner looks for dots in a key only here.
   */
  deepSteps = 0;
  /**
   * The keys the scanner's trusted look-ahead searches for (the step keys no other step key is a
   * prefix of), `null` when there are too many, `undefined` until computed; reset when steps change.
   */
  lookahead: readonly string[] | null | undefined = undefined;
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

  /** Outgoing steps, unordered; hot: searched linearly while short. */
  get steps(): readonly PathStep[] {
    return this.stepList ?? NO_STEPS;
  }
}

/** The steps of a node without any. */
const NO_STEPS: readonly PathStep[] = Object.freeze([]);

/** The steps of a node with many, indexed for the scanner. */
class StepIndex {
  /** Every step by {@link hashKey}: a lone step bare. */
  readonly byHash = new Map<number, PathStep | PathStep[]>();
  /** A presence filter over the steps' hashes: most keys of an event lead nowhere, and most misses are answered without the map. */
  readonly filter = new PresenceFilter();
}

/** Above this many steps a node also indexes them by hash. */
const LINEAR_STEPS = 8;

/**
 * Reference-counted set of used field paths. Leaf ids are dense and reused after release, so
 * per-event tables indexed by leaf id stay small.
 */
export class PathTable {
  /** The node of the empty prefix: the event's top-level object. */
  readonly root = new PathNode('');
  private readonly nodes = new Map<string, PathNode>();
  private readonly freeLeafIds: number[] = [];
  private nextLeafId = 0;

  /** One more than the largest leaf id ever handed out: the size of per-event tables. */
  get leafCapacity(): number {
    return this.nextLeafId;
  }

  /**
   * The leaf id of a registered path.
   *
   * @param path - A dotted field path.
   * @returns Its leaf id, or -1 when no rule uses it.
   */
  leafIdOf(path: string): number {
    return this.nodes.get(path)?.leafId ?? -1;
  }

  /**
   * Registers one use of a field path.
   *
   * @param path - The dotted field path of a rule field.
   * @returns The path's node, whose `leafId` is set.
   */
  acquire(path: string): PathNode {
    const prefixes = prefixNodesOf(path, this.nodes, true);
    for (let i = 0; i < prefixes.length; i++) {
      const from = i === 0 ? this.root : (prefixes[i - 1] as PathNode);
      const to = prefixes[i] as PathNode;
      const hadSteps = from.stepList !== undefined;
      this.stepFor(from, i === 0 ? to.path : segmentOf(from, to), to).uses++;
      // `from` got its first step: its own step from its parent now leads somewhere deeper.
      if (!hadSteps && i > 0) (i === 1 ? this.root : (prefixes[i - 2] as PathNode)).deepSteps++;
    }
    this.root.uses++;
    for (const node of prefixes) node.uses++;
    const leaf = prefixes[prefixes.length - 1] as PathNode;
    if (leaf.leafUses++ === 0) leaf.leafId = this.freeLeafIds.pop() ?? this.nextLeafId++;
    return leaf;
  }

  /**
   * Releases one use of a field path registered with {@link acquire}; nodes and steps nobody needs
   * any more are dropped.
   *
   * @param path - The path given to `acquire`.
   */
  release(path: string): void {
    const prefixes = prefixNodesOf(path, this.nodes, false);
    const leaf = prefixes[prefixes.length - 1];
    if (leaf === undefined || leaf.path !== path || leaf.leafUses === 0) return;
    if (--leaf.leafUses === 0) {
      this.freeLeafIds.push(leaf.leafId);
      leaf.leafId = -1;
    }
    for (let i = 0; i < prefixes.length; i++) {
      const from = i === 0 ? this.root : (prefixes[i - 1] as PathNode);
      const to = prefixes[i] as PathNode;
      const key = i === 0 ? to.path : segmentOf(from, to);
      const step = findStep(from, key);
      if (step !== undefined && --step.uses === 0) {
        removeStep(from, step);
        // `from` lost its last step: its parent's step to it no longer leads deeper.
        if (from.stepList === undefined && i > 0) (i === 1 ? this.root : (prefixes[i - 2] as PathNode)).deepSteps--;
      }
    }
    this.root.uses--;
    for (const node of prefixes) {
      if (--node.uses === 0) this.nodes.delete(node.path);
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
    const node = this.nodes.get(prefix);
    if (node !== undefined) node.sharedUses += delta;
  }

  private stepFor(from: PathNode, key: string, to: PathNode): PathStep {
    const hash = hashKey(key);
    const found = findStep(from, key);
    if (found !== undefined) return found;
    const steps = (from.stepList ??= []);
    const step: PathStep = { key, target: to, uses: 0, slot: steps.length };
    steps.push(step);
    from.lookahead = undefined;
    const index = from.index;
    if (index !== undefined) {
      addToBucket(index.byHash, hash, step);
      if (index.filter.add(hash)) rebuildFilter(from, index);
    } else if (steps.length > LINEAR_STEPS) {
      const built = new StepIndex();
      for (const s of steps) addToBucket(built.byHash, hashKey(s.key), s);
      from.index = built;
      rebuildFilter(from, built);
    }
    return step;
  }
}

/** The nodes of every dotted prefix of `path` (ending with the path itself), created if asked. */
function prefixNodesOf(path: string, nodes: Map<string, PathNode>, create: boolean): PathNode[] {
  const out: PathNode[] = [];
  let from = 0;
  for (;;) {
    const dot = path.indexOf('.', from);
    const prefix = dot < 0 ? path : path.slice(0, dot);
    let node = nodes.get(prefix);
    if (node === undefined) {
      if (!create) return out;
      node = new PathNode(prefix);
      nodes.set(prefix, node);
    }
    out.push(node);
    if (dot < 0) return out;
    from = dot + 1;
  }
}

/** Refills a node's presence filter from its steps' hashes. */
function rebuildFilter(node: PathNode, index: StepIndex): void {
  const steps = node.steps;
  index.filter.refill(
    steps.map((s) => hashKey(s.key)),
    steps.length,
  );
}

/** The segment leading from a (non-root) node to its child: the child's path past the parent's and a dot. */
function segmentOf(from: PathNode, to: PathNode): string {
  return to.path.slice(from.path.length + 1);
}

/** The step with `key` from a node (the key hashed only where the node's steps are indexed). */
function findStep(from: PathNode, key: string): PathStep | undefined {
  const list = from.index !== undefined ? from.index.byHash.get(hashKey(key)) : from.stepList;
  if (list === undefined) return undefined;
  if (!Array.isArray(list)) return list.key === key ? list : undefined;
  for (const s of list) if (s.key === key) return s;
  return undefined;
}

function removeStep(from: PathNode, step: PathStep): void {
  const steps = from.stepList as PathStep[];
  const last = steps.pop() as PathStep;
  from.lookahead = undefined;
  if (last !== step) {
    steps[step.slot] = last;
    last.slot = step.slot;
  }
  if (steps.length === 0) from.stepList = undefined;
  const index = from.index;
  if (index !== undefined) {
    if (steps.length <= LINEAR_STEPS) {
      from.index = undefined;
      return;
    }
    removeFromBucket(index.byHash, hashKey(step.key), (s) => s === step);
    if (index.filter.remove()) rebuildFilter(from, index);
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
  const found = findStep(from, key);
  if (found !== undefined || from.deepSteps === 0 || key.indexOf('.') < 0) return found?.target;
  let node: PathNode | undefined = from;
  let segmentStart = 0;
  for (let dot = key.indexOf('.'); node !== undefined; dot = key.indexOf('.', segmentStart)) {
    const segment = dot < 0 ? key.slice(segmentStart) : key.slice(segmentStart, dot);
    node = findStep(node, segment)?.target;
    if (dot < 0) return node;
    segmentStart = dot + 1;
  }
  return undefined;
}

/**
 * Follows the step for a key still in JSON text, between its quotes and free of escapes. Hot: runs
 * for every key of every relevant object; allocates nothing. Few steps are compared by length and
 * `startsWith`; many are found by hash. A key with dots that is no step is followed segment by
 * segment (steps are single segments). At a node where some step leads deeper, a key that is no
 * step costs one more look: at each step's segment and a dot (few steps), or one pass over the key
 * for a dot (many steps); elsewhere nothing.
 *
 * @param from - Current node.
 * @param text - The JSON text.
 * @param start - Index of the key's first character.
 * @param end - Index of the key's closing quote.
 * @returns The next node, or `undefined`.
 */
export function stepByText(from: PathNode, text: string, start: number, end: number): PathNode | undefined {
  const len = end - start;
  const index = from.index;
  if (index === undefined) {
    const list = from.stepList;
    if (list === undefined) return undefined;
    for (let k = 0; k < list.length; k++) {
      const s = list[k] as PathStep;
      if (s.key.length === len && text.startsWith(s.key, start)) return s.target;
    }
    if (from.deepSteps === 0) return undefined;
    // A dotted key starts with a step's segment and a dot.
    for (let k = 0; k < list.length; k++) {
      const found = afterSegment(list[k] as PathStep, text, start, end);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  const hash = hashSpan(text, start, end);
  const list = index.filter.mayHave(hash) ? index.byHash.get(hash) : undefined;
  if (list !== undefined) {
    if (!Array.isArray(list)) {
      if (list.key.length === len && text.startsWith(list.key, start)) return list.target;
    } else {
      for (let k = 0; k < list.length; k++) {
        const s = list[k] as PathStep;
        if (s.key.length === len && text.startsWith(s.key, start)) return s.target;
      }
    }
  }
  return from.deepSteps === 0 ? undefined : stepBySegments(from, text, start, end);
}

/**
 * Where a dotted key `text[start, end)` leads past step `s`, when the key starts with the step's
 * segment and a dot (and the step leads to more steps); `undefined` otherwise.
 */
function afterSegment(s: PathStep, text: string, start: number, end: number): PathNode | undefined {
  const n = s.key.length;
  if (n >= end - start || text.charCodeAt(start + n) !== 0x2e || s.target.stepList === undefined || !text.startsWith(s.key, start)) return undefined;
  return stepByText(s.target, text, start + n + 1, end);
}

/**
 * {@link stepByText} for a key that is no step of `from`: if it has dots, it is followed segment by
 * segment; otherwise it leads nowhere. Called only at indexed nodes where some step leads deeper,
 * for every key that misses there.
 */
function stepBySegments(from: PathNode, text: string, start: number, end: number): PathNode | undefined {
  let dot = start;
  while (dot < end && text.charCodeAt(dot) !== 0x2e) dot++;
  if (dot === end) return undefined;
  let node: PathNode | undefined = from;
  let segmentStart = start;
  for (;;) {
    node = segmentStep(node, text, segmentStart, dot);
    if (node === undefined || dot === end) return node;
    segmentStart = dot + 1;
    dot = segmentStart;
    while (dot < end && text.charCodeAt(dot) !== 0x2e) dot++;
  }
}

/** The step for one segment `text[start, end)` (no dot in it, or a whole key tried as one). */
function segmentStep(from: PathNode, text: string, start: number, end: number): PathNode | undefined {
  const len = end - start;
  let list: PathStep | PathStep[] | undefined = from.stepList;
  const index = from.index;
  if (index !== undefined) {
    const hash = hashSpan(text, start, end);
    if (!index.filter.mayHave(hash)) return undefined;
    list = index.byHash.get(hash);
  }
  if (list === undefined) return undefined;
  if (!Array.isArray(list)) return list.key.length === len && text.startsWith(list.key, start) ? list.target : undefined;
  for (let k = 0; k < list.length; k++) {
    const s = list[k] as PathStep;
    if (s.key.length === len && text.startsWith(s.key, start)) return s.target;
  }
  return undefined;
}
