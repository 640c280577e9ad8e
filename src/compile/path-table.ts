/**
 * The table of field paths that rules use, shaped for the event scanner. Every dotted prefix of a
 * used path is a {@link PathNode}; from each node, `steps` lead by one event key to the nodes whose
 * path is `node.path + "." + key` (a key may itself contain dots). A scanner therefore follows keys
 * from node to node and skips any value whose key leads nowhere, without building path strings.
 * Invariant: a node or step exists iff some registered path needs it (reference counts).
 */

import { PresenceFilter } from './presence-filter.js';

/** One transition of the path table: an event key and the node it leads to. */
export interface PathStep {
  /** The event key, exactly (JSON escapes decoded). */
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
 *                              |           \--b.c--> [a.b.c]
 *                              |--a.b--> [a.b],  --a.b.c--> [a.b.c],  --x--> [x]
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

/**
 * The steps of a node with many, indexed for the scanner. Most keys an event has lead nowhere, and
 * most steps of a big node are dotted spellings (`detail.attributes.a7` from the root, next to
 * `detail`) that plain keys can never spell. So the steps without a dot, usually few, are kept
 * apart and searched first, and the hash lookup is only tried for a key whose length some dotted
 * step has; every step is also in the hash map, behind a presence filter.
 */
class StepIndex {
  /** Every step by {@link hashKey}: a lone step bare. */
  readonly byHash = new Map<number, PathStep | PathStep[]>();
  /** A presence filter over the steps' hashes: most misses are answered without the map. */
  readonly filter = new PresenceFilter();
  /** The steps whose key has no dot, while at most {@link LINEAR_STEPS}; `null` once more. */
  plain: PathStep[] | null = [];
  /** Number of steps whose key has a dot. */
  dotted = 0;
  /**
   * The lengths of dotted step keys, one bit per length (bit 31 for 31 and more). Bits are set as
   * dotted steps come and cleared only when the last one goes: a stale bit costs a lookup, never
   * a missed step.
   */
  dottedLengths = 0;
}

/** The bit of {@link StepIndex.dottedLengths} for a key length. */
function lengthBit(length: number): number {
  return 1 << (length < 31 ? length : 31);
}

/** Above this many steps a node also indexes them by hash. */
const LINEAR_STEPS = 8;

/**
 * Hash of a key over all its UTF-16 code units (used once a node has many steps).
 *
 * @param key - An event key.
 * @returns A 32-bit hash.
 */
function hashKey(key: string): number {
  return hashSpan(key, 0, key.length);
}

/**
 * {@link hashKey} of `text.slice(start, end)`, without slicing.
 *
 * @param text - Any string.
 * @param start - First index.
 * @param end - Index after the last.
 * @returns The hash.
 */
function hashSpan(text: string, start: number, end: number): number {
  let h = end - start;
  for (let i = start; i < end; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return h;
}

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
      for (let j = i; j < prefixes.length; j++) {
        const to = prefixes[j] as PathNode;
        const key = from === this.root ? to.path : to.path.slice(from.path.length + 1);
        this.stepFor(from, key, to).uses++;
      }
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
      for (let j = i; j < prefixes.length; j++) {
        const to = prefixes[j] as PathNode;
        const key = from === this.root ? to.path : to.path.slice(from.path.length + 1);
        const step = findStep(from, key, hashKey(key));
        if (step !== undefined && --step.uses === 0) removeStep(from, step);
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
    const found = findStep(from, key, hash);
    if (found !== undefined) return found;
    const steps = (from.stepList ??= []);
    const step: PathStep = { key, target: to, uses: 0, slot: steps.length };
    steps.push(step);
    from.lookahead = undefined;
    const index = from.index;
    if (index !== undefined) {
      indexStep(index, step, hash);
      if (index.filter.add(hash)) rebuildFilter(from, index);
    } else if (steps.length > LINEAR_STEPS) {
      const built = new StepIndex();
      for (const s of steps) indexStep(built, s, hashKey(s.key));
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

/** Files a step in a node's index (its hash map, and its plain list or dotted lengths). */
function indexStep(index: StepIndex, step: PathStep, hash: number): void {
  const map = index.byHash;
  const had = map.get(hash);
  if (had === undefined) map.set(hash, step);
  else if (Array.isArray(had)) had.push(step);
  else map.set(hash, [had, step]);
  if (step.key.includes('.')) {
    index.dotted++;
    index.dottedLengths |= lengthBit(step.key.length);
  } else if (index.plain !== null) {
    // Past the linear limit the plain steps are only found by hash (the list is not rebuilt).
    if (index.plain.length < LINEAR_STEPS) index.plain.push(step);
    else index.plain = null;
  }
}

/** Takes a step out of a node's index. */
function unindexStep(index: StepIndex, step: PathStep): void {
  const map = index.byHash;
  const hash = hashKey(step.key);
  const had = map.get(hash);
  if (had === step) map.delete(hash);
  else if (Array.isArray(had)) {
    const k = had.indexOf(step);
    if (k >= 0) had.splice(k, 1);
    if (had.length === 1) map.set(hash, had[0] as PathStep);
  }
  if (step.key.includes('.')) {
    if (--index.dotted === 0) index.dottedLengths = 0;
  } else if (index.plain !== null) {
    const k = index.plain.indexOf(step);
    if (k >= 0) index.plain.splice(k, 1);
  }
}

function findStep(from: PathNode, key: string, hash: number): PathStep | undefined {
  const list = from.index !== undefined ? from.index.byHash.get(hash) : from.stepList;
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
    unindexStep(index, step);
    if (index.filter.remove()) rebuildFilter(from, index);
  }
}

/**
 * Follows the step for a key given as a string.
 *
 * @param from - Current node.
 * @param key - The decoded event key.
 * @returns The next node, or `undefined` when no used path continues with this key.
 */
export function stepByKey(from: PathNode, key: string): PathNode | undefined {
  return findStep(from, key, hashKey(key))?.target;
}

/**
 * Follows the step for a key still in JSON text, between its quotes and free of escapes. Hot: runs
 * for every key of every relevant object; allocates nothing. Few steps are compared by length and
 * `startsWith`; many are found by hash.
 *
 * @param from - Current node.
 * @param text - The JSON text.
 * @param start - Index of the key's first character.
 * @param end - Index of the key's closing quote.
 * @returns The next node, or `undefined`.
 */
export function stepByText(from: PathNode, text: string, start: number, end: number): PathNode | undefined {
  const len = end - start;
  let list: PathStep | PathStep[] | undefined = from.stepList;
  const index = from.index;
  if (index !== undefined) {
    const plain = index.plain;
    if (plain !== null) {
      // The plain steps first; a key none of them spells can only be a dotted step of its length.
      for (let k = 0; k < plain.length; k++) {
        const s = plain[k] as PathStep;
        if (s.key.length === len && text.startsWith(s.key, start)) return s.target;
      }
      if ((index.dottedLengths & lengthBit(len)) === 0) return undefined;
    }
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
