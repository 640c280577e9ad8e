/**
 * The rule trie: every sub-rule is a chain of field conditions in sorted path order, and sub-rules
 * with equal leading conditions share the chain (docs/semantics.md §6, event-ruler's NameState machine).
 * A node's outgoing conditions are grouped by path into {@link PathEdge}s, each with one
 * {@link ValueIndex} shared by all of its conditions, so many rules cost one lookup per event value.
 * Invariant: a node, condition or edge exists iff some sub-rule passes through it (a node is in use
 * iff it has terminals or edges, an edge iff it has conditions), so deleting every rule returns the
 * trie to an empty root.
 */

import type { FieldCondition, LeafMatcher, SubRule } from '../pattern/ast.js';
import type { PathNode, PathTable } from './path-table.js';
import { ValueIndex } from './value-index.js';
import { ABSENT, keptMatcher } from './kept-matchers.js';
import { hashKey, own } from './strings.js';
import { addToBucket, removeFromBucket } from './buckets.js';
import { matcherKey } from './matcher-key.js';

/**
 * A rule of several sub-rules as the trie stores it. A rule of one sub-rule (most rules) needs no
 * entry: its terminal node holds its name, and a walk reaches that node once per match (the walks
 * that revisit nodes skip a node already reported), so nothing needs deduplicating.
 */
export interface RuleEntry {
  /** The rule's name, as `match` reports it. */
  readonly name: string;
  /** The node where each sub-rule ends (one per sub-rule, duplicates possible). */
  terminals: TrieNode[];
  /** Match epoch in which this rule was last reported (deduplicates across sub-rules). */
  matchStamp: number;
}

/** What a terminal node keeps per rule ending there: the name of a rule of one sub-rule, else its entry. */
export type Terminal = string | RuleEntry;

/**
 * A state of the trie: the conditions of the paths before it are satisfied.
 *
 * ```
 * rules r1 {source:["a"], detail-type:["x"]}, r2 {source:["a"], detail-type:["y"]}
 * root --detail-type--> ["x"] -> n1 --source--> ["a"] -> n3 [r1]
 *                  \--> ["y"] -> n2 --source--> ["a"] -> n4 [r2]
 * ```
 *
 * A node is in use iff it has edges or terminals: every sub-rule through it either ends here or
 * leaves by an edge, so no reference count is kept (see {@link removeSubRule}).
 */
export class TrieNode {
  /**
   * Outgoing edges, one per path, `undefined` when there are none: a lone edge bare; up to
   * {@link INDEXED_EDGES} in an array whose first edge has the smallest path (see
   * {@link TrieNode.firstPath}); more in an {@link EdgeIndex}. Most nodes have one edge or none,
   * and a bare edge costs no array.
   */
  edges: PathEdge | PathEdge[] | EdgeIndex | undefined = undefined;
  /**
   * Rules with a sub-rule ending here (an entry may appear more than once, a name once); a lone
   * rule is stored bare.
   */
  terminals: Terminal | Terminal[] | undefined = undefined;

  /**
   * The smallest path of this node's edges: fields below this node are visited in sorted path
   * order, so no field still to come has a smaller path. The array-consistent walk uses it to
   * forget bindings no later field can conflict with (docs/design/010-arrays-of-objects.md).
   *
   * @returns The path, or `undefined` when no edge leaves this node.
   */
  firstPath(): string | undefined {
    const edges = this.edges;
    if (edges === undefined) return undefined;
    if (edges instanceof PathEdge) return edges.path.path;
    if (Array.isArray(edges)) return (edges[0] as PathEdge).path.path;
    return edges.firstPath();
  }

  /** The condition leading here: every node but the root is its own condition's object. */
  get parent(): Cond | undefined {
    return this instanceof Cond ? this : undefined;
  }

  /** The outgoing edges in a fresh array (for tests and cold code; walks use `edgeAt`). */
  edgeList(): PathEdge[] {
    const edges = this.edges;
    if (edges === undefined) return [];
    if (edges instanceof PathEdge) return [edges];
    if (Array.isArray(edges)) return edges.slice();
    return edges.list();
  }

  /**
   * The edge on a path.
   *
   * @param path - A field path.
   * @param paths - The path table (to find the path's leaf id when edges are indexed).
   * @returns The edge, or `undefined`.
   */
  findEdge(path: string, paths: PathTable): PathEdge | undefined {
    const edges = this.edges;
    if (edges === undefined) return undefined;
    if (edges instanceof PathEdge) return edges.path.path === path ? edges : undefined;
    if (Array.isArray(edges)) {
      for (const e of edges) if (e.path.path === path) return e;
      return undefined;
    }
    const leafId = paths.leafIdOf(path);
    return leafId < 0 ? undefined : edges.byLeaf[leafId];
  }

  /**
   * Adds an edge.
   *
   * @param edge - A new edge from this node.
   */
  addEdge(edge: PathEdge): void {
    const edges = this.edges;
    if (edges === undefined) this.edges = edge;
    else if (edges instanceof PathEdge) this.edges = edge.path.path < edges.path.path ? [edge, edges] : [edges, edge];
    else if (Array.isArray(edges)) {
      if (edges.length >= INDEXED_EDGES) {
        this.edges = new EdgeIndex([...edges, edge]);
        return;
      }
      // A copy of exact length: `push` onto a full array reserves about 17 more slots.
      const grown = [...edges, edge];
      if (edge.path.path < (edges[0] as PathEdge).path.path) {
        grown[grown.length - 1] = grown[0] as PathEdge;
        grown[0] = edge;
      }
      this.edges = grown;
    } else edges.add(edge);
  }

  /**
   * Removes an edge.
   *
   * @param edge - An edge from this node.
   */
  removeEdge(edge: PathEdge): void {
    const edges = this.edges;
    if (edges === edge) this.edges = undefined;
    else if (Array.isArray(edges)) {
      const i = edges.indexOf(edge);
      if (i < 0) return;
      const last = edges.pop() as PathEdge;
      if (last !== edge) edges[i] = last;
      if (edges.length === 1) this.edges = edges[0];
      else if (i === 0) moveSmallestFirst(edges);
    } else if (edges instanceof EdgeIndex) {
      edges.remove(edge);
      if (edges.count <= INDEXED_EDGES) {
        const list = edges.list();
        moveSmallestFirst(list);
        this.edges = list;
      }
    }
  }

  /**
   * Keeps an {@link EdgeIndex}'s `absentEdges` current when an edge gains its first or loses its
   * last `exists:false`.
   *
   * @param edge - An edge from this node.
   * @param hasAbsent - Whether it now holds an `exists:false` condition.
   */
  noteAbsent(edge: PathEdge, hasAbsent: boolean): void {
    const edges = this.edges;
    if (edges instanceof EdgeIndex) edges.noteAbsent(edge, hasAbsent);
  }
}

/** Moves the edge with the smallest path to the front of a list. */
function moveSmallestFirst(edges: PathEdge[]): void {
  let min = 0;
  for (let i = 1; i < edges.length; i++) if ((edges[i] as PathEdge).path.path < (edges[min] as PathEdge).path.path) min = i;
  if (min !== 0) {
    const first = edges[0] as PathEdge;
    edges[0] = edges[min] as PathEdge;
    edges[min] = first;
  }
}

/** Above this many edges a node indexes them by leaf id. */
const INDEXED_EDGES = 12;

/**
 * The edges of a node with many of them, by the leaf id of their path, so an event visits only
 * its own paths, plus the edges holding `exists:false` conditions (taken when the path is absent).
 */
export class EdgeIndex {
  /**
   * Edges by the leaf id of their path (dense ids: one indexed load per lookup; V8 turns a sparse
   * array into a dictionary by itself, so memory follows the number of edges either way).
   */
  readonly byLeaf: (PathEdge | undefined)[] = [];
  /** The edges that hold an `exists:false` condition. */
  absentEdges: PathEdge[] | undefined = undefined;
  /** Number of edges. */
  count = 0;
  /** {@link TrieNode.firstPath}, `null` while not computed since the smallest edge left. */
  private first: string | undefined | null = null;

  /** @param edges - The first edges. */
  constructor(edges: readonly PathEdge[]) {
    for (const e of edges) this.add(e);
  }

  /** Adds an edge. */
  add(edge: PathEdge): void {
    this.byLeaf[edge.path.leafId] = edge;
    this.count++;
    if (edge.absent !== undefined) this.noteAbsent(edge, true);
    const first = this.first;
    if (first !== null && (first === undefined || edge.path.path < first)) this.first = edge.path.path;
  }

  /** Removes an edge. */
  remove(edge: PathEdge): void {
    // `delete` leaves a hole (or drops a dictionary entry) rather than storing `undefined`.
    delete this.byLeaf[edge.path.leafId];
    this.count--;
    this.noteAbsent(edge, false);
    if (this.first === edge.path.path) this.first = null;
  }

  /** The edges in a fresh array. */
  list(): PathEdge[] {
    const out: PathEdge[] = [];
    this.byLeaf.forEach((e) => {
      if (e !== undefined) out.push(e);
    });
    return out;
  }

  /** The smallest path among the edges (recomputed after the smallest edge left). */
  firstPath(): string | undefined {
    let first = this.first;
    if (first === null) {
      first = undefined;
      for (const e of this.list()) if (first === undefined || e.path.path < first) first = e.path.path;
      this.first = first;
    }
    return first;
  }

  /** See {@link TrieNode.noteAbsent}. */
  noteAbsent(edge: PathEdge, hasAbsent: boolean): void {
    const list = (this.absentEdges ??= []);
    const i = list.indexOf(edge);
    if (hasAbsent && i < 0) list.push(edge);
    else if (!hasAbsent && i >= 0) {
      list[i] = list[list.length - 1] as PathEdge;
      list.pop();
    }
    if (list.length === 0) this.absentEdges = undefined;
  }
}

/**
 * The conditions on one path leaving one node. The edge is itself the {@link ValueIndex} of its
 * conditions' matchers (one object fewer per edge). Plain exact conditions are found through that
 * index (they are filed under their string); the others are kept here. The conditions that include
 * `exists:false` are the index's {@link ValueIndex.absent} targets.
 */
export class PathEdge extends ValueIndex<Cond> {
  /** The node the edge leaves. */
  readonly from: TrieNode;
  /** The path's node in the path table (gives the event's leaf id). */
  readonly path: PathNode;
  /** The array walk's position of this edge's occurrence table, if it built one (checked against the table). */
  walkTable = -1;
  /**
   * The conditions other than plain exact ones: one bare, up to {@link LINEAR_CONDS} in an
   * array (searched linearly), more in a map by the hash of their key.
   */
  private others: Cond | Cond[] | Map<number, Cond | Cond[]> | undefined = undefined;

  /**
   * @param from - The node the edge leaves.
   * @param path - The field path's node.
   */
  constructor(from: TrieNode, path: PathNode) {
    super();
    this.from = from;
    this.path = path;
  }

  /** Whether no condition is left on this edge. */
  get hasNoConds(): boolean {
    // Without other conditions, only plain exact ones can have filed anything.
    return this.others === undefined && this.isEmpty;
  }

  /**
   * The condition with a key.
   *
   * @param key - A {@link condKey}, or the string of a plain exact condition.
   * @param plain - Whether `key` is the string of a plain exact condition.
   * @returns The condition, or `undefined`.
   */
  find(key: string, plain: boolean): Cond | undefined {
    if (plain) return this.findExact(key, isPlainCond);
    const others = this.others;
    if (others === undefined) return undefined;
    if (others instanceof Cond) return others.key === key ? others : undefined;
    const list = others instanceof Map ? others.get(hashKey(key)) : others;
    if (list === undefined) return undefined;
    if (!Array.isArray(list)) return list.key === key ? list : undefined;
    for (const c of list) if (c.key === key) return c;
    return undefined;
  }

  /** The conditions, in no particular order (a fresh array; for tests and cold code). */
  get conds(): readonly Cond[] {
    const out: Cond[] = [];
    this.forEachExact((_, c) => {
      if (c.isPlain()) out.push(c);
    });
    const others = this.others;
    if (others instanceof Map) for (const v of others.values()) out.push(...(Array.isArray(v) ? v : [v]));
    else if (Array.isArray(others)) out.push(...others);
    else if (others !== undefined) out.push(others);
    return out;
  }

  /**
   * Adds a new condition and files its matchers.
   *
   * @param cond - A condition of this edge not added yet.
   * @param key - Its {@link condKey} (not needed for a plain exact condition).
   */
  addCond(cond: Cond, key?: string): void {
    const matchers = cond.matchers;
    if (typeof matchers === 'string') {
      this.addExact(matchers, cond);
      return;
    }
    this.addOther(cond, key ?? cond.key);
    const hadAbsent = this.absent !== undefined;
    if (Array.isArray(matchers)) for (const m of matchers as readonly LeafMatcher[]) this.add(m, cond);
    else this.add(matchers as LeafMatcher, cond);
    if (!hadAbsent && this.absent !== undefined) this.from.noteAbsent(this, true);
  }

  private addOther(cond: Cond, key: string): void {
    const others = this.others;
    if (others === undefined) this.others = cond;
    else if (others instanceof Cond) this.others = [others, cond];
    else if (others instanceof Map) addToBucket(others, hashKey(key), cond);
    else if (others.length < LINEAR_CONDS) others.push(cond);
    else {
      const map = new Map<number, Cond | Cond[]>();
      for (const c of others) addToBucket(map, hashKey(c.key), c);
      addToBucket(map, hashKey(key), cond);
      this.others = map;
    }
  }

  /**
   * Removes a condition and unfiles its matchers.
   *
   * @param cond - A condition of this edge.
   */
  removeCond(cond: Cond): void {
    const matchers = cond.matchers;
    if (typeof matchers === 'string') {
      this.removeExact(matchers, cond);
      return;
    }
    this.removeOther(cond);
    const hadAbsent = this.absent !== undefined;
    if (Array.isArray(matchers)) for (const m of matchers as readonly LeafMatcher[]) this.remove(m, cond);
    else this.remove(matchers as LeafMatcher, cond);
    if (hadAbsent && this.absent === undefined) this.from.noteAbsent(this, false);
  }

  private removeOther(cond: Cond): void {
    const others = this.others;
    if (others === cond) this.others = undefined;
    else if (others instanceof Map) {
      removeFromBucket(others, hashKey(cond.key), (c) => c === cond);
      if (others.size <= LINEAR_CONDS / 2) {
        const list: Cond[] = [];
        for (const v of others.values()) list.push(...(Array.isArray(v) ? v : [v]));
        this.others = list.length === 1 ? list[0] : list;
      }
    } else if (Array.isArray(others)) {
      const i = others.indexOf(cond);
      if (i < 0) return;
      // Order of conditions is irrelevant: move the last one into the hole.
      const last = others.pop() as Cond;
      if (last !== cond) others[i] = last;
      if (others.length === 1) this.others = others[0];
    }
  }
}

/** Above this many conditions other than plain exact ones an edge finds them by hash. */
const LINEAR_CONDS = 16;

function isPlainCond(c: Cond): boolean {
  return c.isPlain();
}

/**
 * One field condition (a leaf array) on an edge, and the node it leads to: the condition object is
 * that node (saves an object and two links per condition). The commonest kind, a
 * lone plain exact string (`["x"]` not an IP address, or `[{"exactly":"x"}]`), is stored as that
 * string, without matcher objects. Its key is not stored but derived from the matchers (only
 * insertion and removal need it).
 */
export class Cond extends TrieNode {
  /**
   * What the condition asks: for a plain exact condition its string; otherwise its distinct
   * matchers in key order, one bare or several in an array, `exists:false` included as a shared
   * object. Stored without their `source` text.
   */
  readonly matchers: string | LeafMatcher | readonly LeafMatcher[];
  /** The edge holding this condition. */
  readonly edge: PathEdge;
  /** Stamp of the value evaluation that last reported this condition. */
  hitStamp = 0;
  /**
   * Walk marks (every walk draws its stamps from one counter): the walk over an event without
   * arrays marks the nodes it entered; the binding search marks a step with the element it binds
   * (`stepTop`); the array walk marks a condition's first state with its bound element.
   */
  stepStamp = 0;
  stepTop = 0;

  /**
   * @param matchers - The string of a plain exact condition, or the distinct matchers (see `matchers`).
   * @param edge - Its edge.
   */
  constructor(matchers: string | LeafMatcher | readonly LeafMatcher[], edge: PathEdge) {
    super();
    this.matchers = matchers;
    this.edge = edge;
  }

  /** The {@link condKey}, or for a plain exact condition its string (derived: not on hot paths). */
  get key(): string {
    const m = this.matchers;
    if (typeof m === 'string') return m;
    if (!Array.isArray(m)) return m === ABSENT ? keyOf([], true) : matcherKey(m as LeafMatcher);
    const keys: string[] = [];
    for (const x of m as readonly LeafMatcher[]) if (x !== ABSENT) keys.push(matcherKey(x));
    return keyOf(keys, this.absent);
  }

  /** Whether the leaf array contains `exists:false`. */
  get absent(): boolean {
    const m = this.matchers;
    return m === ABSENT || (Array.isArray(m) && (m as readonly LeafMatcher[]).includes(ABSENT));
  }

  /** The node this condition leads to: the condition itself. */
  get child(): TrieNode {
    return this;
  }

  /** Whether this is a plain exact condition (see the class comment). */
  isPlain(): boolean {
    return typeof this.matchers === 'string';
  }
}

/** Whether a matcher is a plain exact string: equality with one string, no IP meaning. */
function isPlainExact(m: LeafMatcher): m is LeafMatcher & { readonly value: string } {
  return (m.kind === 'exact' && m.ip === undefined) || m.kind === 'exactly';
}

/** {@link condKey} from the distinct matcher keys in order and whether `exists:false` is among them. */
function keyOf(keys: readonly string[], absent: boolean): string {
  // One matcher: its key alone (keys start with a letter, so never collide with `!`/`"` forms).
  if (!absent && keys.length === 1) return keys[0] as string;
  return `${absent ? '!' : ''}${keys.map((k) => JSON.stringify(k)).join(',')}`;
}

/**
 * The canonical key of a field condition: its distinct matcher keys, sorted.
 *
 * @param field - The field condition.
 * @returns The key and the distinct matchers (first of each key), in key order.
 */
export function condKey(field: FieldCondition): { key: string; matchers: LeafMatcher[]; absent: boolean } {
  if (field.matchers.length === 1) {
    // One matcher (the usual leaf array): its key alone, or `exists:false` alone.
    const m = field.matchers[0] as LeafMatcher;
    if (m.kind === 'exists' && !m.value) return { key: keyOf([], true), matchers: [], absent: true };
    return { key: matcherKey(m), matchers: [m], absent: false };
  }
  const byKey = new Map<string, LeafMatcher>();
  let absent = false;
  for (const m of field.matchers) {
    if (m.kind === 'exists' && !m.value) absent = true;
    else if (!byKey.has(matcherKey(m))) byKey.set(matcherKey(m), m);
  }
  const keys = [...byKey.keys()].sort();
  const matchers = keys.map((k) => byKey.get(k) as LeafMatcher);
  return { key: keyOf(keys, absent), matchers, absent };
}

/**
 * Inserts one sub-rule of a rule.
 *
 * @param root - The trie root.
 * @param paths - The path table (paths are acquired for new edges).
 * @param subRule - The sub-rule (fields sorted by path).
 * @param rule - The rule it belongs to: its name if it has only this sub-rule, else its entry.
 * @returns The node where the sub-rule ends.
 */
export function insertSubRule(root: TrieNode, paths: PathTable, subRule: SubRule, rule: Terminal): TrieNode {
  let node = root;
  for (const field of subRule.fields) {
    let edge = node.findEdge(field.path, paths);
    if (edge === undefined) {
      edge = new PathEdge(node, paths.acquire(field.path));
      node.addEdge(edge);
    }
    const only = field.matchers.length === 1 ? (field.matchers[0] as LeafMatcher) : undefined;
    let cond: Cond | undefined;
    if (only !== undefined && isPlainExact(only)) {
      cond = edge.find(only.value, true);
      if (cond === undefined) {
        cond = new Cond(own(only.value), edge);
        edge.addCond(cond);
      }
    } else {
      const { key, matchers, absent } = condKey(field);
      const first = matchers[0];
      const plain = !absent && matchers.length === 1 && first !== undefined && isPlainExact(first);
      cond = edge.find(plain ? first.value : key, plain);
      if (cond === undefined) {
        if (plain) cond = new Cond(own(first.value), edge);
        else {
          const kept = matchers.map(keptMatcher);
          if (absent) kept.push(ABSENT);
          cond = new Cond(kept.length === 1 ? (kept[0] as LeafMatcher) : kept, edge);
        }
        edge.addCond(cond, key);
      }
    }
    node = cond;
  }
  const t = node.terminals;
  if (t === undefined) node.terminals = rule;
  else if (Array.isArray(t)) t.push(rule);
  else node.terminals = [t, rule];
  return node;
}

/**
 * Removes one sub-rule of a rule, given the node where it ended; drops everything no other
 * sub-rule uses. A node is used iff it has terminals or edges, so the climb stops at the first
 * node still used (its ancestors are then used too).
 *
 * @param terminal - The node {@link insertSubRule} returned.
 * @param paths - The path table (paths of dropped edges are released).
 * @param rule - What {@link insertSubRule} was given for the rule.
 */
export function removeSubRule(terminal: TrieNode, paths: PathTable, rule: Terminal): void {
  const terminals = terminal.terminals;
  if (terminals === rule) terminal.terminals = undefined;
  else if (Array.isArray(terminals)) {
    const i = terminals.indexOf(rule);
    if (i >= 0) terminals.splice(i, 1);
    if (terminals.length === 1) terminal.terminals = terminals[0];
  }
  let node = terminal;
  while (node.terminals === undefined && node.edges === undefined) {
    const cond = node.parent;
    if (cond === undefined) return;
    const edge = cond.edge;
    edge.removeCond(cond);
    if (edge.hasNoConds) {
      edge.from.removeEdge(edge);
      paths.release(edge.path.path);
    }
    node = edge.from;
  }
}
