/**
 * The rule trie: every sub-rule is a chain of field conditions in sorted path order, and sub-rules
 * with equal leading conditions share the chain (SEMANTICS §6, event-ruler's NameState machine).
 * A node's outgoing conditions are grouped by path into {@link PathEdge}s, each with one
 * {@link ValueIndex} shared by all of its conditions, so many rules cost one lookup per event value.
 * Invariant: a node, condition or edge exists iff some sub-rule passes through it (reference counts),
 * so deleting every rule returns the trie to an empty root.
 */

import type { FieldCondition, LeafMatcher, SubRule } from '../pattern/ast.js';
import type { PathNode, PathTable } from './path-table.js';
import { ValueIndex } from './value-index.js';
import { matcherKey } from './matcher-key.js';

/** A rule as the trie stores it. */
export interface RuleEntry {
  readonly name: string;
  /** The node where each sub-rule ends (one per sub-rule, duplicates possible); a lone node is stored bare. */
  terminals: TrieNode | TrieNode[] | undefined;
  /** Match epoch in which this rule was last reported (deduplicates across sub-rules). */
  matchStamp: number;
}

/**
 * A state of the trie: the conditions of the paths before it are satisfied.
 *
 * ```
 * rules r1 {source:["a"], detail-type:["x"]}, r2 {source:["a"], detail-type:["y"]}
 * root --detail-type--> ["x"] -> n1 --source--> ["a"] -> n3 [r1]
 *                  \--> ["y"] -> n2 --source--> ["a"] -> n4 [r2]
 * ```
 */
export class TrieNode {
  /** Sub-rules passing through or ending here. */
  uses = 0;
  /** Outgoing edges, one per path; `undefined` when there are none (saves memory on leaves). */
  edges: PathEdge[] | undefined = undefined;
  /**
   * With many edges: edges by the leaf id of their path, so an event visits only its own paths,
   * plus the edges holding `exists:false` conditions (taken when the path is absent).
   */
  edgeByLeaf: Map<number, PathEdge> | undefined = undefined;
  absentEdges: PathEdge[] | undefined = undefined;
  /** Rules with a sub-rule ending here (a rule may appear more than once); a lone rule is stored bare. */
  terminals: RuleEntry | RuleEntry[] | undefined = undefined;
  /** The condition leading here, `undefined` for the root. */
  readonly parent: Cond | undefined;

  /** @param parent - The condition leading to this node. */
  constructor(parent: Cond | undefined) {
    this.parent = parent;
  }

  /**
   * The edge on a path.
   *
   * @param path - A field path.
   * @param paths - The path table (to find the path's leaf id when edges are indexed).
   * @returns The edge, or `undefined`.
   */
  findEdge(path: string, paths: PathTable): PathEdge | undefined {
    if (this.edgeByLeaf !== undefined) {
      const leafId = paths.leafIdOf(path);
      return leafId < 0 ? undefined : this.edgeByLeaf.get(leafId);
    }
    return this.edges?.find((e) => e.path.path === path);
  }

  /**
   * Adds an edge.
   *
   * @param edge - A new edge from this node.
   */
  addEdge(edge: PathEdge): void {
    const edges = (this.edges ??= []);
    edge.slot = edges.length;
    edges.push(edge);
    if (this.edgeByLeaf !== undefined) this.edgeByLeaf.set(edge.path.leafId, edge);
    else if (edges.length > INDEXED_EDGES) {
      this.edgeByLeaf = new Map(edges.map((e) => [e.path.leafId, e]));
      this.absentEdges = edges.filter((e) => e.absent !== undefined);
    }
  }

  /**
   * Removes an edge.
   *
   * @param edge - An edge from this node.
   */
  removeEdge(edge: PathEdge): void {
    const edges = this.edges as PathEdge[];
    const last = edges.pop() as PathEdge;
    if (last !== edge) {
      edges[edge.slot] = last;
      last.slot = edge.slot;
    }
    if (edges.length === 0) this.edges = undefined;
    if (this.edgeByLeaf !== undefined) {
      this.edgeByLeaf.delete(edge.path.leafId);
      this.noteAbsent(edge, false);
      if (edges.length <= INDEXED_EDGES) {
        this.edgeByLeaf = undefined;
        this.absentEdges = undefined;
      }
    }
  }

  /**
   * Keeps `absentEdges` current when an edge gains its first or loses its last `exists:false`.
   *
   * @param edge - An edge from this node.
   * @param hasAbsent - Whether it now holds an `exists:false` condition.
   */
  noteAbsent(edge: PathEdge, hasAbsent: boolean): void {
    if (this.edgeByLeaf === undefined) return;
    const list = (this.absentEdges ??= []);
    const i = list.indexOf(edge);
    if (hasAbsent && i < 0) list.push(edge);
    else if (!hasAbsent && i >= 0) {
      list[i] = list[list.length - 1] as PathEdge;
      list.pop();
    }
  }
}

/** Above this many edges a node indexes them by leaf id. */
const INDEXED_EDGES = 12;

/** The conditions on one path leaving one node. */
export class PathEdge {
  readonly from: TrieNode;
  /** The path's node in the path table (gives the event's leaf id). */
  readonly path: PathNode;
  /** Position in `from.edges` (for O(1) removal). */
  slot = 0;
  /** The conditions (searched linearly while few). */
  readonly conds: Cond[] = [];
  /** Conditions by {@link condKey}, once there are many. */
  byKey: Map<string, Cond> | undefined = undefined;
  /** Value matchers of all conditions. */
  readonly index = new ValueIndex<Cond>();
  /** Conditions that include `exists:false` (satisfied when no consistent occurrence exists). */
  absent: Cond[] | undefined = undefined;

  /**
   * @param from - The node the edge leaves.
   * @param path - The field path's node.
   */
  constructor(from: TrieNode, path: PathNode) {
    this.from = from;
    this.path = path;
  }

  /**
   * The condition with a key.
   *
   * @param key - A {@link condKey}.
   * @returns The condition, or `undefined`.
   */
  find(key: string): Cond | undefined {
    if (this.byKey !== undefined) return this.byKey.get(key);
    for (const c of this.conds) if (c.key === key) return c;
    return undefined;
  }

  /**
   * Adds a new condition and files its matchers.
   *
   * @param cond - A condition of this edge not added yet.
   */
  add(cond: Cond): void {
    this.conds.push(cond);
    if (this.byKey !== undefined) this.byKey.set(cond.key, cond);
    else if (this.conds.length > LINEAR_CONDS) this.byKey = new Map(this.conds.map((c) => [c.key, c]));
    for (const m of cond.matchers) this.index.add(m, cond);
    if (cond.absent) {
      if (this.absent === undefined) {
        this.absent = [];
        this.from.noteAbsent(this, true);
      }
      this.absent.push(cond);
    }
  }

  /**
   * Removes a condition and unfiles its matchers.
   *
   * @param cond - A condition of this edge.
   */
  remove(cond: Cond): void {
    const i = this.conds.indexOf(cond);
    if (i >= 0) {
      // Order of conditions is irrelevant: move the last one into the hole.
      const last = this.conds.pop() as Cond;
      if (last !== cond) this.conds[i] = last;
    }
    this.byKey?.delete(cond.key);
    if (this.conds.length <= LINEAR_CONDS) this.byKey = undefined;
    for (const m of cond.matchers) this.index.remove(m, cond);
    if (cond.absent && this.absent !== undefined) {
      this.absent.splice(this.absent.indexOf(cond), 1);
      if (this.absent.length === 0) {
        this.absent = undefined;
        this.from.noteAbsent(this, false);
      }
    }
  }
}

/** Above this many conditions an edge also indexes them by key. */
const LINEAR_CONDS = 16;

/** One field condition (a leaf array) on an edge, leading to the next node. */
export class Cond {
  readonly key: string;
  readonly edge: PathEdge;
  /** The distinct value matchers (everything but `exists:false`). */
  readonly matchers: readonly LeafMatcher[];
  /** Whether the leaf array contains `exists:false`. */
  readonly absent: boolean;
  readonly child: TrieNode;
  /** Stamp of the value evaluation that last reported this condition. */
  hitStamp = 0;
  /** Stamp and array context of the last step taken into `child` (deduplicates equal steps). */
  stepStamp = 0;
  stepContext = 0;

  /**
   * @param key - The condition's canonical key.
   * @param edge - Its edge.
   * @param matchers - Distinct value matchers.
   * @param absent - Whether `exists:false` is among the matchers.
   */
  constructor(key: string, edge: PathEdge, matchers: readonly LeafMatcher[], absent: boolean) {
    this.key = key;
    this.edge = edge;
    this.matchers = matchers;
    this.absent = absent;
    this.child = new TrieNode(this);
  }
}

/**
 * The canonical key of a field condition: its distinct matcher keys, sorted.
 *
 * @param field - The field condition.
 * @returns The key and the distinct matchers (first of each key), in key order.
 */
export function condKey(field: FieldCondition): { key: string; matchers: LeafMatcher[]; absent: boolean } {
  const byKey = new Map<string, LeafMatcher>();
  let absent = false;
  for (const m of field.matchers) {
    if (m.kind === 'exists' && !m.value) absent = true;
    else if (!byKey.has(matcherKey(m))) byKey.set(matcherKey(m), m);
  }
  const keys = [...byKey.keys()].sort();
  const matchers = keys.map((k) => byKey.get(k) as LeafMatcher);
  // One matcher: its key alone (keys start with a letter, so never collide with `!`/`"` forms).
  if (!absent && keys.length === 1) return { key: keys[0] as string, matchers, absent };
  return { key: `${absent ? '!' : ''}${keys.map((k) => JSON.stringify(k)).join(',')}`, matchers, absent };
}

/**
 * Inserts one sub-rule of a rule.
 *
 * @param root - The trie root.
 * @param paths - The path table (paths are acquired for new edges).
 * @param subRule - The sub-rule (fields sorted by path).
 * @param rule - The rule it belongs to.
 * @returns The node where the sub-rule ends.
 */
export function insertSubRule(root: TrieNode, paths: PathTable, subRule: SubRule, rule: RuleEntry): TrieNode {
  let node = root;
  node.uses++;
  for (const field of subRule.fields) {
    let edge = node.findEdge(field.path, paths);
    if (edge === undefined) {
      edge = new PathEdge(node, paths.acquire(field.path));
      node.addEdge(edge);
    }
    const { key, matchers, absent } = condKey(field);
    let cond = edge.find(key);
    if (cond === undefined) {
      cond = new Cond(key, edge, matchers, absent);
      edge.add(cond);
    }
    node = cond.child;
    node.uses++;
  }
  const t = node.terminals;
  if (t === undefined) node.terminals = rule;
  else if (Array.isArray(t)) t.push(rule);
  else node.terminals = [t, rule];
  return node;
}

/**
 * Removes one sub-rule of a rule, given the node where it ended; drops everything no other
 * sub-rule uses.
 *
 * @param terminal - The node {@link insertSubRule} returned.
 * @param paths - The path table (paths of dropped edges are released).
 * @param rule - The rule.
 */
export function removeSubRule(terminal: TrieNode, paths: PathTable, rule: RuleEntry): void {
  const terminals = terminal.terminals;
  if (terminals === rule) terminal.terminals = undefined;
  else if (Array.isArray(terminals)) {
    const i = terminals.indexOf(rule);
    if (i >= 0) terminals.splice(i, 1);
    if (terminals.length === 1) terminal.terminals = terminals[0];
  }
  let node = terminal;
  for (;;) {
    node.uses--;
    const cond = node.parent;
    if (cond === undefined) return;
    if (node.uses === 0) {
      const edge = cond.edge;
      edge.remove(cond);
      if (edge.conds.length === 0) {
        edge.from.removeEdge(edge);
        paths.release(edge.path.path);
      }
    }
    node = cond.edge.from;
  }
}
