/**
 * The compiled matcher: many rules in one rule trie (src/compile/rule-trie.ts), matched against an
 * event in one walk. The event is scanned once for the paths rules use; the walk then follows the
 * trie like event-ruler's StructuredFinder, binding array coordinates as it chooses occurrences so
 * that fields matched in different elements of one array never combine (SEMANTICS §2.5), and taking
 * `exists:false` edges when no occurrence is consistent with what is bound. Cost depends on the
 * event and on how many rules actually match, not on how many rules are loaded.
 */

import type { ParsedPattern, SubRule } from '../pattern/ast.js';
import { parsePattern } from '../pattern/parse.js';
import { isParsedPattern } from '../pattern/parsed-pattern.js';
import { PathTable } from '../compile/path-table.js';
import { TrieNode, insertSubRule, removeSubRule } from '../compile/rule-trie.js';
import type { Cond, PathEdge, RuleEntry } from '../compile/rule-trie.js';
import { EventFields } from '../event/scanner-fields.js';
import { forgetHashedString } from '../compile/value-index.js';
import type { LeafValue } from '../event/leaf-value.js';
import { scanEventText, scanEventValue } from '../event/scanner.js';

/**
 * A set of named rules (event patterns) compiled into one automaton.
 *
 * ```ts
 * const m = new Matcher();
 * m.addRule('ec2', { source: ['aws.ec2'] });
 * m.match('{"source":"aws.ec2"}'); // ['ec2']
 * ```
 *
 * Not safe for concurrent use from several threads (it reuses scratch buffers), which JavaScript
 * never does within one realm; `match` may run between any `addRule`/`deleteRule` calls.
 */
export class Matcher {
  private readonly root = new TrieNode();
  private readonly paths = new PathTable();
  private readonly rules = new Map<string, RuleEntry>();
  private readonly fields = new EventFields();
  /** Epoch of the current `match` call (rule deduplication). */
  private matchEpoch = 0;
  /** Epoch of one value evaluation (a condition is reported once per evaluation). */
  private evalEpoch = 0;
  /** Epoch of one edge visit (a condition's child is pushed once per visit and binding). */
  private stepEpoch = 0;
  // Walk scratch (hot path; reused across events): the frame stack, the conditions one evaluation
  // reports, and per array id the bound index (-1 when unbound) with an undo log of bound ids.
  private readonly stackNode: (TrieNode | undefined)[] = [];
  private readonly stackArg: number[] = [];
  private readonly hits: (Cond | undefined)[] = [];
  private bound = new Int32Array(16);
  private undo = new Int32Array(16);

  /** Number of rules. */
  get size(): number {
    return this.rules.size;
  }

  /**
   * Adds a rule, or replaces the rule of the same name.
   *
   * @param name - The rule's name.
   * @param pattern - The event pattern as JSON text, as an object, or already parsed.
   * @throws {@link InvalidEventPatternError} if the pattern is not valid; the matcher is unchanged.
   */
  addRule(name: string, pattern: string | object | ParsedPattern): void {
    const parsed = isParsedPattern(pattern) ? pattern : parsePattern(pattern);
    this.deleteRule(name);
    const rule: RuleEntry = { name, terminals: undefined, matchStamp: 0 };
    const subRules = parsed.subRules;
    if (subRules.length === 1) rule.terminals = insertSubRule(this.root, this.paths, subRules[0] as SubRule, rule);
    else rule.terminals = subRules.map((subRule) => insertSubRule(this.root, this.paths, subRule, rule));
    this.rules.set(name, rule);
  }

  /**
   * Deletes a rule. Everything only it used is freed.
   *
   * @param name - The rule's name.
   * @returns Whether a rule of that name existed.
   */
  deleteRule(name: string): boolean {
    const rule = this.rules.get(name);
    if (rule === undefined) return false;
    this.rules.delete(name);
    const terminals = rule.terminals;
    if (Array.isArray(terminals)) for (const terminal of terminals) removeSubRule(terminal, this.paths, rule);
    else if (terminals !== undefined) removeSubRule(terminals, this.paths, rule);
    return true;
  }

  /**
   * Names of the rules whose pattern matches the event.
   *
   * Cost is linear in the event text plus the trie states the event reaches; it does not grow with
   * the number of rules that cannot match.
   *
   * @param event - The event as JSON text (scanned directly, duplicate keys kept) or as a parsed
   *   object.
   * @returns Matching rule names, each once, in no particular order.
   * @throws {@link InvalidEventError} if the event is malformed JSON or not a JSON object.
   */
  match(event: string | object): string[] {
    const fields = this.fields;
    fields.reset(this.paths.leafCapacity);
    const out: string[] = [];
    try {
      if (typeof event === 'string') scanEventText(event, this.paths, fields);
      else scanEventValue(event, this.paths, fields);
      if (this.rules.size > 0) this.walk(out);
    } finally {
      fields.clearValues();
      forgetHashedString();
    }
    return out;
  }

  /**
   * Walks the trie over the scanned fields. Hot path: an explicit stack of (node, occurrence to
   * bind) frames; a frame with node `undefined` undoes bindings down to a mark. Nothing is
   * allocated per rule; conditions reached are deduplicated by stamps.
   */
  private walk(out: string[]): void {
    const fields = this.fields;
    const epoch = ++this.matchEpoch;
    const total = this.rules.size;
    const hasArrays = fields.elements > 0;
    if (hasArrays) {
      if (this.bound.length < fields.arrays) this.bound = new Int32Array(Math.max(fields.arrays, this.bound.length * 2));
      this.bound.fill(-1, 0, fields.arrays);
    }
    let undoLength = 0;
    const stackNode = this.stackNode;
    const stackArg = this.stackArg;
    const hits = this.hits;
    const contexts = fields.contexts;
    const next = fields.next;
    const values = fields.values;
    let sp = 0;
    stackNode[sp] = this.root;
    stackArg[sp] = -1;
    sp++;
    while (sp > 0) {
      sp--;
      const node = stackNode[sp];
      const arg = stackArg[sp] as number;
      stackNode[sp] = undefined;
      if (node === undefined) {
        // Undo bindings made since the mark.
        const bound = this.bound;
        while (undoLength > arg) bound[this.undo[--undoLength] as number] = -1;
        continue;
      }
      if (arg >= 0 && hasArrays) {
        const mark = undoLength;
        undoLength = this.bind(contexts[arg] as number, undoLength);
        if (undoLength > mark) {
          stackNode[sp] = undefined;
          stackArg[sp] = mark;
          sp++;
        }
      }
      const terminals = node.terminals;
      if (terminals !== undefined) {
        if (Array.isArray(terminals)) {
          for (let i = 0; i < terminals.length; i++) {
            const rule = terminals[i] as RuleEntry;
            if (rule.matchStamp !== epoch) {
              rule.matchStamp = epoch;
              out.push(rule.name);
            }
          }
        } else if (terminals.matchStamp !== epoch) {
          terminals.matchStamp = epoch;
          out.push(terminals.name);
        }
        if (out.length === total) break;
      }
      const edges = node.edges;
      if (edges === undefined) continue;
      // With many edges, visit only those of paths the event has, then the exists:false edges of
      // paths it lacks; otherwise try every edge.
      const byLeaf = node.edgeByLeaf;
      const touched = fields.touched;
      const touchedCount = fields.touchedCount;
      const absentEdges = node.absentEdges;
      for (let k = 0; ; k++) {
        let edge: PathEdge | undefined;
        if (byLeaf === undefined) {
          if (k >= edges.length) break;
          edge = edges[k];
        } else if (k < touchedCount) {
          edge = byLeaf[touched[k] as number];
        } else {
          if (absentEdges === undefined || k - touchedCount >= absentEdges.length) break;
          edge = absentEdges[k - touchedCount];
          if (edge !== undefined && fields.first(edge.path.leafId) >= 0) continue;
        }
        if (edge === undefined) continue;
        const step = ++this.stepEpoch;
        let consistent = false;
        for (let o = fields.first(edge.path.leafId); o >= 0; o = next[o] as number) {
          const context = contexts[o] as number;
          if (hasArrays && context >= 0 && !this.isConsistent(context)) continue;
          consistent = true;
          if (edge.size === 0) break;
          // A step that binds nothing new is the same for every such occurrence: take it once.
          const key = hasArrays && context >= 0 && this.bindsNew(context) ? context : -1;
          const stamp = ++this.evalEpoch;
          const count = edge.evaluate(values[o] as LeafValue, stamp, hits);
          for (let h = 0; h < count; h++) {
            const cond = hits[h] as Cond;
            hits[h] = undefined;
            if (cond.stepStamp === step && cond.stepContext === key) continue;
            cond.stepStamp = step;
            cond.stepContext = key;
            stackNode[sp] = cond;
            stackArg[sp] = key >= 0 ? o : -1;
            sp++;
          }
        }
        const absent = edge.absent;
        if (!consistent && absent !== undefined) {
          for (let a = 0; a < absent.length; a++) {
            stackNode[sp] = absent[a] as Cond;
            stackArg[sp] = -1;
            sp++;
          }
        }
      }
    }
    // Leave no bindings behind after an early stop.
    if (undoLength > 0) this.bound.fill(-1);
    for (let i = 0; i < sp; i++) stackNode[i] = undefined;
  }

  /** Whether an occurrence in element `e` agrees with every bound array index. Hot. */
  private isConsistent(e: number): boolean {
    const f = this.fields;
    const bound = this.bound;
    for (; e >= 0; e = f.elementParent[e] as number) {
      const b = bound[f.elementArray[e] as number] as number;
      if (b >= 0 && b !== f.elementIndex[e]) return false;
    }
    return true;
  }

  /** Whether choosing an occurrence in element `e` would bind an array not bound yet. */
  private bindsNew(e: number): boolean {
    const f = this.fields;
    for (; e >= 0; e = f.elementParent[e] as number) {
      if ((this.bound[f.elementArray[e] as number] as number) < 0) return true;
    }
    return false;
  }

  /** Binds the arrays of element `e`'s chain; returns the new undo length. */
  private bind(e: number, undoLength: number): number {
    const f = this.fields;
    for (; e >= 0; e = f.elementParent[e] as number) {
      const array = f.elementArray[e] as number;
      if ((this.bound[array] as number) < 0) {
        this.bound[array] = f.elementIndex[e] as number;
        if (undoLength >= this.undo.length) {
          const bigger = new Int32Array(this.undo.length * 2);
          bigger.set(this.undo);
          this.undo = bigger;
        }
        this.undo[undoLength++] = array;
      }
    }
    return undoLength;
  }
}
