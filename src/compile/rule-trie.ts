/**
 * The rule trie: every sub-rule is a chain of field conditions in sorted path order, and sub-rules
 * with equal leading conditions share the chain (docs/semantics.md §6, event-ruler's NameState machine).
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
  /** The rule's name, as `match` reports it. */
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
  edgeByLeaf: (PathEdge | undefined)[] | undefined = undefined;
  /** With `edgeByLeaf`: the edges that hold an `exists:false` condition. */
  absentEdges: PathEdge[] | undefined = undefined;
  /** Rules with a sub-rule ending here (a rule may appear more than once); a lone rule is stored bare. */
  terminals: RuleEntry | RuleEntry[] | undefined = undefined;
  /**
   * The smallest path among `edges` (every field still to come below this node has a path at
   * least as large), `undefined` when there are no edges, `null` while not computed since the
   * edges last changed. See {@link TrieNode.firstPath}.
   */
  private firstPathMemo: string | undefined | null = null;

  /**
   * The smallest path of this node's edges: fields below this node are visited in sorted path
   * order, so no field still to come has a smaller path. The array-consistent walk uses it to
   * forget bindings no later field can conflict with (docs/design/010-arrays-of-objects.md).
   *
   * @returns The path, or `undefined` when no edge leaves this node.
   */
  firstPath(): string | undefined {
    let memo = this.firstPathMemo;
    if (memo === null) {
      memo = undefined;
      const edges = this.edges;
      if (edges !== undefined) for (const e of edges) if (memo === undefined || e.path.path < memo) memo = e.path.path;
      this.firstPathMemo = memo;
    }
    return memo;
  }

  /** The condition leading here: every node but the root is its own condition's object. */
  get parent(): Cond | undefined {
    return this instanceof Cond ? this : undefined;
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
      return leafId < 0 ? undefined : this.edgeByLeaf[leafId];
    }
    return this.edges?.find((e) => e.path.path === path);
  }

  /**
   * Adds an edge.
   *
   * @param edge - A new edge from this node.
   */
  addEdge(edge: PathEdge): void {
    this.firstPathMemo = null;
    let edges = this.edges;
    // A literal keeps a lone edge's array at capacity 1 (`push` onto `[]` reserves 17 slots).
    if (edges === undefined) this.edges = edges = [edge];
    else edges.push(edge);
    edge.slot = edges.length - 1;
    if (this.edgeByLeaf !== undefined) this.edgeByLeaf[edge.path.leafId] = edge;
    else if (edges.length > INDEXED_EDGES) {
      // An array by leaf id (dense ids: one indexed load per lookup; V8 turns a sparse one into a
      // dictionary by itself, so memory follows the number of edges either way).
      const byLeaf: (PathEdge | undefined)[] = [];
      for (const e of edges) byLeaf[e.path.leafId] = e;
      this.edgeByLeaf = byLeaf;
      this.absentEdges = edges.filter((e) => e.absent !== undefined);
    }
  }

  /**
   * Removes an edge.
   *
   * @param edge - An edge from this node.
   */
  removeEdge(edge: PathEdge): void {
    this.firstPathMemo = null;
    const edges = this.edges as PathEdge[];
    const last = edges.pop() as PathEdge;
    if (last !== edge) {
      edges[edge.slot] = last;
      last.slot = edge.slot;
    }
    if (edges.length === 0) this.edges = undefined;
    if (this.edgeByLeaf !== undefined) {
      // `delete` leaves a hole (or drops a dictionary entry) rather than storing `undefined`.
      delete this.edgeByLeaf[edge.path.leafId];
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

/**
 * The conditions on one path leaving one node. The edge is itself the {@link ValueIndex} of its
 * conditions' matchers (one object fewer per edge).
 */
export class PathEdge extends ValueIndex<Cond> {
  /** The node the edge leaves. */
  readonly from: TrieNode;
  /** The path's node in the path table (gives the event's leaf id). */
  readonly path: PathNode;
  /** Position in `from.edges` (for O(1) removal). */
  slot = 0;
  /** The array walk's stamp of the event whose occurrence table `walkTable` indexes. */
  walkStamp = 0;
  walkTable = 0;
  /** The conditions (searched linearly while few); a lone one is stored bare. */
  private condList: Cond | Cond[] | undefined = undefined;
  /** Number of conditions. */
  condCount = 0;
  /** Once there are many conditions: the plain exact ones by their string. */
  byValue: Map<string, Cond> | undefined = undefined;
  /** Once there are many conditions: the others by {@link condKey}. */
  byKey: Map<string, Cond> | undefined = undefined;
  /** Conditions that include `exists:false` (satisfied when no consistent occurrence exists). */
  absent: Cond[] | undefined = undefined;

  /**
   * @param from - The node the edge leaves.
   * @param path - The field path's node.
   */
  constructor(from: TrieNode, path: PathNode) {
    super();
    this.from = from;
    this.path = path;
  }

  /**
   * The condition with a key.
   *
   * @param key - A {@link condKey}, or the string of a plain exact condition.
   * @param plain - Whether `key` is the string of a plain exact condition.
   * @returns The condition, or `undefined`.
   */
  find(key: string, plain: boolean): Cond | undefined {
    if (this.byKey !== undefined) return plain ? this.byValue?.get(key) : this.byKey.get(key);
    for (const c of this.conds) if (c.key === key && c.isPlain() === plain) return c;
    return undefined;
  }

  /** The conditions (a fresh array when there is one). */
  get conds(): readonly Cond[] {
    const list = this.condList;
    return list === undefined ? NO_CONDS : Array.isArray(list) ? list : [list];
  }

  private indexByKey(cond: Cond): void {
    if (cond.isPlain()) (this.byValue ??= new Map()).set(cond.key, cond);
    else (this.byKey as Map<string, Cond>).set(cond.key, cond);
  }

  /**
   * Adds a new condition and files its matchers.
   *
   * @param cond - A condition of this edge not added yet.
   */
  addCond(cond: Cond): void {
    const list = this.condList;
    if (list === undefined) this.condList = cond;
    else if (Array.isArray(list)) list.push(cond);
    else this.condList = [list, cond];
    this.condCount++;
    if (this.byKey !== undefined) this.indexByKey(cond);
    else if (this.condCount > LINEAR_CONDS) {
      this.byKey = new Map();
      for (const c of this.conds) this.indexByKey(c);
    }
    const matchers = cond.matchers;
    if (matchers === undefined) this.addExact(cond.key, cond);
    else if (Array.isArray(matchers)) for (const m of matchers as readonly LeafMatcher[]) this.add(m, cond);
    else this.add(matchers as LeafMatcher, cond);
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
  removeCond(cond: Cond): void {
    const list = this.condList;
    if (list === cond) this.condList = undefined;
    else if (Array.isArray(list)) {
      const i = list.indexOf(cond);
      if (i >= 0) {
        // Order of conditions is irrelevant: move the last one into the hole.
        const last = list.pop() as Cond;
        if (last !== cond) list[i] = last;
      }
      if (list.length === 1) this.condList = list[0];
    }
    this.condCount = this.condList === undefined ? 0 : Array.isArray(this.condList) ? this.condList.length : 1;
    if (this.byKey !== undefined) {
      if (cond.isPlain()) this.byValue?.delete(cond.key);
      else this.byKey.delete(cond.key);
      if (this.condCount <= LINEAR_CONDS) {
        this.byKey = undefined;
        this.byValue = undefined;
      }
    }
    const matchers = cond.matchers;
    if (matchers === undefined) this.removeExact(cond.key, cond);
    else if (Array.isArray(matchers)) for (const m of matchers as readonly LeafMatcher[]) this.remove(m, cond);
    else this.remove(matchers as LeafMatcher, cond);
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

/** The empty condition list. */
const NO_CONDS: readonly Cond[] = Object.freeze([]);

/**
 * One field condition (a leaf array) on an edge, and the node it leads to: the condition object is
 * that node (saves an object and two links per condition). The commonest kind, a
 * lone plain exact string (`["x"]` not an IP address, or `[{"exactly":"x"}]`), is stored without
 * key string or matcher objects: `key` is the string itself and `matchers` is `undefined`.
 */
export class Cond extends TrieNode {
  /** The {@link condKey}, or for a plain exact condition its string. */
  readonly key: string;
  /** The edge holding this condition. */
  readonly edge: PathEdge;
  /**
   * The distinct value matchers (everything but `exists:false`): one bare, several in an array,
   * `undefined` for a plain exact condition. Stored without their `source` text.
   */
  readonly matchers: LeafMatcher | readonly LeafMatcher[] | undefined;
  /** Whether the leaf array contains `exists:false`. */
  readonly absent: boolean;
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
   * @param key - The condition's canonical key (the string of a plain exact condition).
   * @param edge - Its edge.
   * @param matchers - Distinct value matchers, `undefined` for a plain exact condition.
   * @param absent - Whether `exists:false` is among the matchers.
   */
  constructor(key: string, edge: PathEdge, matchers: LeafMatcher | readonly LeafMatcher[] | undefined, absent: boolean) {
    super();
    this.key = key;
    this.edge = edge;
    this.matchers = matchers;
    this.absent = absent;
  }

  /** The node this condition leads to: the condition itself. */
  get child(): TrieNode {
    return this;
  }

  /** Whether this is a plain exact condition (see the class comment). */
  isPlain(): boolean {
    return this.matchers === undefined;
  }
}

/** Whether a matcher is a plain exact string: equality with one string, no IP meaning. */
function isPlainExact(m: LeafMatcher): m is LeafMatcher & { readonly value: string } {
  return (m.kind === 'exact' && m.ip === undefined) || m.kind === 'exactly';
}

/**
 * A flat copy of a string that shares no memory with others. Strings sliced from a pattern's text
 * keep that whole text alive, and concatenations are chains of parts; V8 builds both only for
 * strings of 13 or more code units.
 */
function own(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}

/** A matcher as a condition keeps it: without `source`, strings not sharing the pattern's text. */
function slim(m: LeafMatcher): LeafMatcher {
  switch (m.kind) {
    case 'exact':
      return { kind: m.kind, source: '', value: own(m.value), ip: m.ip };
    case 'exactly':
    case 'equals-ignore-case':
    case 'wildcard':
      return { kind: m.kind, source: '', value: own(m.value) };
    case 'prefix':
    case 'suffix':
      return { kind: m.kind, source: '', value: own(m.value), ignoreCase: m.ignoreCase };
    default:
      return m;
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
    const only = field.matchers.length === 1 ? (field.matchers[0] as LeafMatcher) : undefined;
    let cond: Cond | undefined;
    if (only !== undefined && isPlainExact(only)) {
      cond = edge.find(only.value, true);
      if (cond === undefined) {
        cond = new Cond(own(only.value), edge, undefined, false);
        edge.addCond(cond);
      }
    } else {
      const { key, matchers, absent } = condKey(field);
      const first = matchers[0];
      const plain = !absent && matchers.length === 1 && first !== undefined && isPlainExact(first);
      cond = edge.find(plain ? first.value : key, plain);
      if (cond === undefined) {
        const slimmed = matchers.length === 1 && first !== undefined ? slim(first) : matchers.map(slim);
        cond = plain ? new Cond(own(first.value), edge, undefined, false) : new Cond(own(key), edge, slimmed, absent);
        edge.addCond(cond);
      }
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
      edge.removeCond(cond);
      if (edge.condCount === 0) {
        edge.from.removeEdge(edge);
        paths.release(edge.path.path);
      }
    }
    node = cond.edge.from;
  }
}
