/**
 * The two steps every walk (plain, binding search, array walk) takes at a trie node: report the
 * rules that end there, and take the node's edges. A node with few edges offers all of them (a
 * lone one is stored bare); a node with many offers the edges of the paths the event has, then the `exists:false` edges of
 * paths it lacks.
 */

import { PathEdge } from '../compile/rule-trie.js';
import type { Terminal, TrieNode } from '../compile/rule-trie.js';
import type { EventFields } from '../event/scanner-fields.js';

/**
 * The `k`-th edge a walk takes from `node` (call with k = 0, 1, 2, … until `null`).
 *
 * @param node - A trie node with edges.
 * @param fields - The scanned event.
 * @param k - The position.
 * @returns The edge; `undefined` for a position to skip; `null` past the last.
 */
export function edgeAt(node: TrieNode, fields: EventFields, k: number): PathEdge | undefined | null {
  const edges = node.edges;
  if (edges === undefined) return null;
  if (edges instanceof PathEdge) return k === 0 ? edges : null;
  if (Array.isArray(edges)) return k < edges.length ? edges[k] : null;
  if (k < fields.touchedCount) return edges.byLeaf[fields.touched[k] as number];
  const absentEdges = edges.absentEdges;
  const a = k - fields.touchedCount;
  if (absentEdges === undefined || a >= absentEdges.length) return null;
  const edge = absentEdges[a];
  // A present path's edge was offered among the touched ones.
  return edge !== undefined && fields.first(edge.path.leafId) >= 0 ? undefined : edge;
}

/**
 * Adds the rules ending at `node` to `out`, each once per match.
 *
 * @param node - A trie node the walk reached.
 * @param out - The match's rule names.
 * @param epoch - The match epoch (a rule stamped with it is already in `out`).
 */
export function reportTerminals(node: TrieNode, out: string[], epoch: number): void {
  const terminals = node.terminals;
  if (terminals === undefined) return;
  if (Array.isArray(terminals)) {
    for (let i = 0; i < terminals.length; i++) reportRule(terminals[i] as Terminal, out, epoch);
  } else reportRule(terminals, out, epoch);
}

/**
 * {@link reportTerminals} for the walks that may reach a node more than once per match (the
 * binding search and the array walk): the name of a rule of one sub-rule carries no stamp, so a
 * node is reported only the first time.
 *
 * @param node - A trie node the walk reached.
 * @param out - The match's rule names.
 * @param epoch - The match epoch.
 * @param reported - The nodes reported so far in this match (the walk clears it).
 */
export function reportTerminalsOnce(node: TrieNode, out: string[], epoch: number, reported: Set<TrieNode>): void {
  if (reported.has(node)) return;
  reported.add(node);
  reportTerminals(node, out, epoch);
}

/** Adds one rule ending at a reached node: a rule of one sub-rule is reached once per match. */
function reportRule(rule: Terminal, out: string[], epoch: number): void {
  if (typeof rule === 'string') out.push(rule);
  else if (rule.matchStamp !== epoch) {
    rule.matchStamp = epoch;
    out.push(rule.name);
  }
}
