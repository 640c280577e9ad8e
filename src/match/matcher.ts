/**
 * The compiled matcher: many rules in one rule trie (src/compile/rule-trie.ts), matched against an
 * event in one walk. The event is scanned once for the paths rules use. Without array elements the
 * walk visits each trie node at most once. With arrays of objects or arrays, array consistency
 * (fields matched in different elements of one array never combine, docs/semantics.md §2.5) is
 * kept by a cheap binding search within a budget linear in the event, and past that budget by
 * {@link ArrayWalk}, linear in the event for a fixed rule set on every shape but one (several arrays
 * of objects on one path in one object, see `match` and docs/design/010-arrays-of-objects.md). Cost does not grow with rules that cannot match.
 */

import type { ParsedPattern, SubRule } from '../pattern/ast.js';
import { parsePattern } from '../pattern/parse.js';
import { isParsedPattern } from '../pattern/parsed-pattern.js';
import { PathTable } from '../compile/path-table.js';
import { TrieNode, insertSubRule, removeSubRule } from '../compile/rule-trie.js';
import type { Cond, RuleEntry, Terminal } from '../compile/rule-trie.js';
import { EventFields } from '../event/scanner-fields.js';
import { forgetHashedString, region } from '../compile/value-index.js';
import type { LeafValue } from '../values/leaf-value.js';
import { scanEventText, scanEventValue } from '../event/scanner.js';
import type { MatchOptions } from './match-options.js';
import { ArrayWalk } from './array-walk.js';
import { BindingSearch } from './binding-search.js';
import { edgeAt, reportTerminals } from './edges.js';
import { InvalidEventError } from '../event/errors.js';

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
  /** Rules by name: a rule of one sub-rule as its terminal node, others as their entry. */
  private readonly rules = new Map<string, TrieNode | RuleEntry>();
  private readonly fields = new EventFields();
  /** Whether a scan is under way (an object event's getter may call `match` again). */
  private scanning = false;
  /** Epoch of the current `match` call (rule deduplication). */
  private matchEpoch = 0;
  // Walk scratch (hot path; reused across events): the node stack and the conditions one
  // evaluation reports.
  private readonly stackNode: (TrieNode | undefined)[] = [];
  private readonly hits: (Cond | undefined)[] = [];
  /** The walk for events with array elements that is linear on every shape. */
  private readonly arrayWalk = new ArrayWalk();
  /** The cheaper search tried first on events with array elements, within a budget. */
  private readonly bindingSearch = new BindingSearch(this.arrayWalk);
  /**
   * Work units the binding search may spend per occurrence and element of the event before the
   * matcher switches to the array walk; 0 always takes the array walk (tests use it to exercise
   * that walk on small events).
   *
   * @internal
   */
  searchBudgetFactor = 16;

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
    const subRules = parsed.subRules;
    // A rule of one sub-rule is its terminal node, which keeps its name: no entry object.
    if (subRules.length === 1) this.rules.set(name, insertSubRule(this.root, this.paths, subRules[0] as SubRule, name));
    else {
      const rule: RuleEntry = { name, terminals: [], matchStamp: 0 };
      rule.terminals = subRules.map((subRule) => insertSubRule(this.root, this.paths, subRule, rule));
      this.rules.set(name, rule);
    }
    for (const subRule of subRules) if (subRule.fields.length > 1) markShared(this.paths, subRule.fields.map((f) => f.path), 1);
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
    if (rule instanceof TrieNode) this.removeSubRule(rule, name);
    else for (const terminal of rule.terminals) this.removeSubRule(terminal, rule);
    return true;
  }

  /** Removes one sub-rule, given its terminal node, with its marks on shared path prefixes. */
  private removeSubRule(terminal: TrieNode, rule: Terminal): void {
    // The sub-rule's field paths, read back up its chain (its edges still hold their paths).
    const fieldPaths: string[] = [];
    for (let cond = terminal.parent; cond !== undefined; cond = cond.edge.from.parent) fieldPaths.push(cond.edge.path.path);
    if (fieldPaths.length > 1) markShared(this.paths, fieldPaths, -1);
    removeSubRule(terminal, this.paths, rule);
  }

  /**
   * Names of the rules whose pattern matches the event.
   *
   * Cost: one pass over the event text, then per trie state the event reaches, the occurrences of
   * the paths leaving it. Without arrays of objects or arrays a state is a trie node; with them it
   * is a node plus the array element its bindings come down to, so the work is at most the event's
   * values times the states reached, linear in the event for a fixed rule set. The one exception
   * is several arrays of objects on one path in one object (duplicate or dotted keys), where a rule
   * with fields in more than one of them can multiply states (docs/design/010-arrays-of-objects.md).
   * It does not grow with the number of rules that cannot match.
   *
   * @param event - The event as JSON text (scanned directly, duplicate keys kept) or as a parsed
   *   object.
   * @param options - `trusted: true` skips validating what no rule reads (see {@link MatchOptions}).
   * @returns Matching rule names, each once, in no particular order.
   * @throws {@link InvalidEventError} if the event is malformed JSON or not a JSON object.
   */
  match(event: string | object, options?: MatchOptions): string[] {
    if (typeof event !== 'string' && (typeof event !== 'object' || event === null)) {
      throw new InvalidEventError('Event must be a JSON object');
    }
    // A getter of an object event may call `match` again while this call scans: that call gets
    // scratch of its own (the walk itself runs no user code).
    const nested = this.scanning;
    const fields = nested ? new EventFields() : this.fields;
    fields.reset(this.paths.leafCapacity);
    const out: string[] = [];
    try {
      this.scanning = true;
      try {
        if (typeof event === 'string') scanEventText(event, this.paths, fields, options?.trusted === true);
        else scanEventValue(event, this.paths, fields);
      } finally {
        this.scanning = nested;
      }
      if (this.rules.size > 0) {
        if (this.arrayWalk.stamp > STAMP_LIMIT || this.matchEpoch > STAMP_LIMIT) this.restartStamps();
        this.walk(fields, out);
      }
    } finally {
      fields.clearValues();
      forgetHashedString();
    }
    return out;
  }

  /**
   * Starts the stamp counters over at 0, once they pass {@link STAMP_LIMIT}: every stamp kept in
   * the trie (conditions' hit and step stamps, anything-but exclusions, rules' match stamps) is set
   * back to 0 first, so that no old stamp can equal a new one. Linear in the trie, once per
   * 2^29 stamps.
   */
  private restartStamps(): void {
    const stack: TrieNode[] = [this.root];
    for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
      for (const edge of node.edgeList()) {
        edge.clearStamps();
        for (const cond of edge.conds) {
          cond.hitStamp = 0;
          cond.stepStamp = 0;
          stack.push(cond);
        }
      }
    }
    for (const rule of this.rules.values()) if (!(rule instanceof TrieNode)) rule.matchStamp = 0;
    this.arrayWalk.stamp = 0;
    this.matchEpoch = 0;
  }

  /**
   * Walks the trie over the scanned fields of an event without array elements, or whose arrays sit
   * where no two fields of one sub-rule meet (every occurrence agrees with every other, so a state
   * is just a trie node). Hot path: an explicit stack of nodes; nothing is allocated per rule;
   * conditions reached are deduplicated by stamps. Other events with arrays of objects or arrays
   * take the binding search, then if need be {@link ArrayWalk}.
   */
  private walk(fields: EventFields, out: string[]): void {
    const epoch = ++this.matchEpoch;
    const total = this.rules.size;
    // Arrays matter only where two fields of one sub-rule meet (`fields.shared`); elsewhere every
    // occurrence agrees with every other and the plain walk below gives the same answer.
    if (fields.elements > 0 && fields.shared) {
      // Try the binding search within a budget linear in the event; past it, discard its partial
      // answer and take the walk that is linear on every shape (docs/design/010-arrays-of-objects.md).
      const budget = this.searchBudgetFactor * (fields.count + fields.elements) + 64;
      if (this.searchBudgetFactor > 0 && this.bindingSearch.run(this.root, fields, out, total, epoch, budget)) return;
      out.length = 0;
      this.arrayWalk.run(this.root, fields, out, total, ++this.matchEpoch);
      return;
    }
    const stackNode = this.stackNode;
    const arrayWalk = this.arrayWalk;
    const visit = ++arrayWalk.stamp;
    const hits = this.hits;
    const next = fields.next;
    const values = fields.values;
    let sp = 0;
    stackNode[sp++] = this.root;
    while (sp > 0) {
      const node = stackNode[--sp] as TrieNode;
      stackNode[sp] = undefined;
      if (node.terminals !== undefined) {
        reportTerminals(node, out, epoch);
        if (out.length === total) break;
      }
      if (node.edges === undefined) continue;
      for (let k = 0; ; k++) {
        const edge = edgeAt(node, fields, k);
        if (edge === null) break;
        if (edge === undefined) continue;
        const first = fields.first(edge.path.leafId);
        if (first < 0) {
          // No occurrence: the path's exists:false conditions hold.
          const absent = edge.absent;
          if (absent !== undefined) for (let a = 0; a < absent.length; a++) sp = this.enter(absent[a] as Cond, sp, visit, out, epoch);
          continue;
        }
        if (edge.isEmpty) continue;
        // A number in the region last worked out here (`lo`, `hi`, around a number evaluated) reaches
        // the same conditions, which this walk has taken: skipped (the points of a polygon). At most
        // REGIONS_PER_EDGE regions are worked out per edge and walk, so numbers that each fall in
        // a region of their own cost a bounded number of searches, however many there are.
        let lo = NaN;
        let hi = NaN;
        let regions = REGIONS_PER_EDGE;
        for (let o = first; o >= 0; o = next[o] as number) {
          const v = values[o] as LeafValue;
          const x = typeof v === 'object' && v !== null ? v.value : undefined;
          if (x !== undefined && x > lo && x < hi) continue;
          const count = edge.evaluate(v, ++arrayWalk.stamp, hits);
          for (let h = 0; h < count; h++) {
            const cond = hits[h] as Cond;
            hits[h] = undefined;
            sp = this.enter(cond, sp, visit, out, epoch);
          }
          if (x !== undefined && regions > 0 && (next[o] as number) >= 0) {
            regions--;
            edge.numberRegion(x);
            lo = region.lo;
            hi = region.hi;
          }
        }
      }
    }
    for (let i = 0; i < sp; i++) stackNode[i] = undefined;
  }

  /**
   * Takes a condition's node unless this walk (`visit`) already reached it: a node that only ends
   * rules (no edges, the common last condition) reports them at once; others are pushed. Returns
   * the new stack size.
   */
  private enter(cond: Cond, sp: number, visit: number, out: string[], epoch: number): number {
    if (cond.stepStamp === visit) return sp;
    cond.stepStamp = visit;
    if (cond.edges === undefined) {
      reportTerminals(cond, out, epoch);
      return sp;
    }
    this.stackNode[sp] = cond;
    return sp + 1;
  }
}

/**
 * Most number regions (`ValueIndex.numberRegion`, a binary search over the cuts of an edge) the
 * plain walk works out per edge: enough for the points of a polygon that cross a range bound or
 * two, and a bound on the searches wasted on numbers that never share a region.
 */
const REGIONS_PER_EDGE = 8;

/**
 * Where a matcher starts its stamps over (see `Matcher.restartStamps`). Stamps are compared for
 * equality only, so any counter would do, but V8 keeps integers up to 2^30 - 1 (2^31 - 1 on 64-bit
 * builds without pointer compression) unboxed: past that, every stamp written to a condition or
 * to the evaluation state became a heap number, and walk-heavy rule sets (CityLots COMBO) matched
 * about 8% more slowly once a long-running matcher had made 2^31 evaluations. The headroom of
 * 2^29 above the limit is for one event's walk, which may take many stamps before the next check.
 */
const STAMP_LIMIT = 2 ** 29;

/**
 * Marks (`delta` 1) or unmarks (-1) the dotted prefixes two or more of one sub-rule's field paths
 * share (`PathNode.sharedUses`): an array there can put two of its fields in different
 * elements. A prefix is counted once per sub-rule.
 */
function markShared(paths: PathTable, fieldPaths: readonly string[], delta: 1 | -1): void {
  const seen = new Map<string, number>();
  for (const path of fieldPaths) {
    for (let dot = path.indexOf('.'); ; dot = path.indexOf('.', dot + 1)) {
      const prefix = dot < 0 ? path : path.slice(0, dot);
      seen.set(prefix, (seen.get(prefix) ?? 0) + 1);
      if (dot < 0) break;
    }
  }
  for (const [prefix, count] of seen) if (count > 1) paths.markShared(prefix, delta);
}
