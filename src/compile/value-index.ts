/**
 * The value index of one (trie node, field path) pair: every leaf matcher of every condition on that
 * path, filed so one event value finds the conditions it satisfies by lookups, not a loop over rules
 * (docs/semantics.md §6): hash maps, prefix/suffix tables hashed by length, an ignore-case NFA trie, interval
 * trees, wildcards under their literal ends. anything-but operands are filed as *exclusions*: a value satisfies every
 * anything-but entry it did not exclude (one pass over this path's anything-but entries).
 * One concept in one file, past 500 lines on purpose: `ValueIndex` (plain exact strings) and
 * `OperatorIndex` (everything else) share the per-evaluation scratch state below, which a split
 * would have to export and mutate across modules on the hot path.
 */

import type { LeafMatcher } from '../pattern/ast.js';
import type { LeafValue } from '../values/leaf-value.js';
import type { JsonNumber } from '../values/json-number.js';
import type { IpAddress } from '../values/ip.js';
import { parseIpAddress } from '../values/ip.js';
import { compileIgnoreCase } from '../values/ignore-case.js';
import type { CompiledWildcard } from '../values/wildcard.js';
import { compileWildcard, isLoneStar, matchesLoneStar, matchesSegments, matchesWildcard } from '../values/wildcard.js';
import { AffixTable, KeyedItem } from './affix-table.js';
import { AnswerMemo } from './answer-memo.js';
import { addToBucket, appendTo, removeFromBucket } from './buckets.js';
import { own } from './strings.js';
import { IgnoreCaseTrie } from './ignore-case-trie.js';
import { IntervalIndex } from './interval-index.js';
import { matcherKey } from './matcher-key.js';
import { PresenceFilter } from './presence-filter.js';

/** What a value index reports: something with a per-evaluation stamp, deduplicated by it. */
export interface IndexTarget {
  /** The evaluation epoch in which this target was last reported. */
  hitStamp: number;
  /** A name unique among the targets of one index. */
  readonly key: string;
}

/**
 * An anything-but operand filed in the tables: reaching it stamps its reporting entry as excluded,
 * and every unstamped reporting entry is reported at the end. An anything-but has one reporting
 * entry (`owner` unset), filed for each operand that needs nothing more; an operand that does (a
 * glob) gets an entry of its own whose `owner` is the reporting one. Positive operands are filed
 * as their bare target or a {@link GlobEntry} (see {@link Item}).
 */
class Entry<C extends IndexTarget> {
  readonly target: C;
  /** Set for a glob operand filed under a literal segment: the full glob must still match. */
  readonly wildcard: CompiledWildcard | undefined;
  /** For an anything-but glob operand: the entry its match excludes. */
  readonly owner: Entry<C> | undefined;
  /** Evaluation epoch in which this (negative) entry was excluded. */
  excluded = 0;
  /** Position in the list of reporting anything-but entries. */
  slot = 0;

  constructor(target: C, wildcard: CompiledWildcard | undefined, owner: Entry<C> | undefined) {
    this.target = target;
    this.wildcard = wildcard;
    this.owner = owner;
  }
}

/**
 * A positive `wildcard` operand filed under a literal end (or in the list of globs without one):
 * its target and its glob, checked in full when the literal end matches. A lone-star glob (the
 * usual `uploads/*`, `*.png`) is kept as its text (the condition's string, shared) and checked on
 * it; any other glob as its flat compiled segments. Filed alone under its literal end, it is its
 * own link in the affix table (see {@link KeyedItem}): no bucket and no key string.
 */
class GlobEntry<C extends IndexTarget> extends KeyedItem {
  readonly target: C;
  readonly glob: string | readonly string[];

  constructor(target: C, glob: string | readonly string[]) {
    super();
    this.target = target;
    this.glob = glob;
  }

  /** Whether the whole of `s` matches the glob. Hot: no allocation. */
  matches(s: string): boolean {
    const g = this.glob;
    return typeof g === 'string' ? matchesLoneStar(g, s) : matchesSegments(g, s);
  }

  keyLength(reversed: boolean): number {
    const g = this.glob;
    if (typeof g === 'string') return reversed ? g.length - 1 - g.indexOf('*') : g.indexOf('*');
    return (g[reversed ? g.length - 1 : 0] as string).length;
  }

  hasKey(s: string, reversed: boolean): boolean {
    const g = this.glob;
    if (typeof g !== 'string') return reversed ? s.endsWith(g[g.length - 1] as string) : s.startsWith(g[0] as string);
    const n = this.keyLength(reversed);
    if (!reversed) {
      for (let i = 0; i < n; i++) if (s.charCodeAt(i) !== g.charCodeAt(i)) return false;
    } else {
      for (let i = 1; i <= n; i++) if (s.charCodeAt(s.length - i) !== g.charCodeAt(g.length - i)) return false;
    }
    return true;
  }

  keyText(reversed: boolean): string {
    const g = this.glob;
    if (typeof g !== 'string') return g[reversed ? g.length - 1 : 0] as string;
    return reversed ? g.slice(g.indexOf('*') + 1) : g.slice(0, g.indexOf('*'));
  }
}

/**
 * What the operator tables file: an {@link Entry}, a {@link GlobEntry}, or for a plain positive
 * operand (the common case: a prefix, an equals-ignore-case string) the target itself, which saves
 * an object per operand. Removing a bare target removes one filing of it: two matchers of one
 * target filed under one key as bare targets are interchangeable.
 */
type Item<C extends IndexTarget> = Entry<C> | GlobEntry<C> | C;

// Evaluation state shared by the visitors below (hot path: set once per value, no closures).
let curEpoch = 0;
let curString = '';
let curOut: (IndexTarget | undefined)[] = [];
let curCount = 0;
/** Placeholder for `curOut` between evaluations, so no caller's buffer stays referenced. */
const scratch: (IndexTarget | undefined)[] = [];

/**
 * The answer of {@link ValueIndex.numberRegion}: an open interval of numbers, empty (`NaN` bounds)
 * when the number asked about is itself a cut.
 */
export const region = { lo: NaN, hi: NaN };

/** Sets {@link region} (`NaN` bounds: empty). */
function setRegion(lo: number, hi: number): void {
  region.lo = lo;
  region.hi = hi;
}

/**
 * Most cuts an index keeps for {@link ValueIndex.numberRegion} (8 bytes each); past it, regions
 * are empty. Many numeric rules on one path leave narrow regions, seldom shared by two values.
 */
const MAX_CUTS = 1024;

function visitEntry(x: Item<IndexTarget>): void {
  if (x instanceof GlobEntry) {
    if ((x as GlobEntry<IndexTarget>).matches(curString)) report(x.target);
    return;
  }
  if (!(x instanceof Entry)) {
    report(x);
    return;
  }
  const e = x as Entry<IndexTarget>;
  if (e.wildcard !== undefined && !matchesWildcard(e.wildcard, curString)) return;
  (e.owner ?? e).excluded = curEpoch;
}

/** Visits one filed item or a list of them. */
function visitEntries(items: Item<IndexTarget> | readonly Item<IndexTarget>[]): void {
  if (!Array.isArray(items)) return visitEntry(items as Item<IndexTarget>);
  for (let i = 0; i < items.length; i++) visitEntry(items[i] as Item<IndexTarget>);
}

function report(t: IndexTarget): void {
  if (t.hitStamp !== curEpoch) {
    t.hitStamp = curEpoch;
    curOut[curCount++] = t;
  }
}

function isNumber(v: LeafValue): v is JsonNumber {
  return typeof v === 'object' && v !== null;
}

function removeFromList<V>(list: V[] | undefined, pred: (v: V) => boolean): void {
  if (list === undefined) return;
  const i = list.findIndex(pred);
  if (i >= 0) list.splice(i, 1);
}

/**
 * All leaf matchers of the conditions on one path at one trie node, indexed by value. Targets (the
 * conditions) are opaque; each `add` must be undone by a `remove` with the same arguments.
 * Plain exact strings, by far the most common matchers, live in this object (a lone one without a
 * map); everything else lives in a {@link OperatorIndex} created on first use, so the many indexes
 * that hold one exact string stay small.
 */
export class ValueIndex<C extends IndexTarget> {
  /**
   * Plain exact strings. One string is kept bare, with its target(s) in `exactTargets`; from the
   * second distinct string on, a map from each string to its target(s), and `exactTargets` then
   * holds the map's presence filter (see {@link stringHash}) once it is big. Sharing the two fields
   * between both states keeps the many indexes that hold one string small.
   */
  private exactKey: string | Map<string, C | C[]> | undefined = undefined;
  private exactTargets: C | C[] | PresenceFilter | undefined = undefined;
  /**
   * Every other kind of matcher: operators, numbers, IP addresses, literals. When the only one is
   * an `exists:true` (a common lone condition: one field that must be present), its target is
   * kept here bare instead of in an {@link OperatorIndex}.
   */
  private operators: OperatorIndex<C> | C | undefined = undefined;

  /**
   * Whether no value can satisfy anything here (`exists:false` targets aside: they are satisfied
   * by the path's absence, not by a value).
   */
  get isEmpty(): boolean {
    const operators = this.operators;
    return this.exactKey === undefined && (operators === undefined || (operators instanceof OperatorIndex && operators.count === 0));
  }

  /**
   * The targets of `exists:false` matchers, satisfied when the path has no (consistent) occurrence;
   * `undefined` when there are none. Kept with the operators: most indexes have none, and the
   * walks read it only for a path the event lacks.
   */
  get absent(): readonly C[] | undefined {
    const operators = this.operators;
    return operators instanceof OperatorIndex ? operators.absent : undefined;
  }

  /**
   * Sets the evaluation stamps this index keeps (its anything-but entries' exclusions) back to 0,
   * for a matcher that starts its stamp counter over (see `Matcher`); targets keep their own.
   */
  clearStamps(): void {
    const operators = this.operators;
    if (operators instanceof OperatorIndex) operators.clearStamps();
  }

  /**
   * The comparable numbers for which {@link evaluate} gives the same answer as for the comparable
   * number `x` (a number that is not comparable is looked up by its text, and belongs to no region):
   * sets {@link region} to the widest open interval around `x` that holds no range bound, exact
   * number or anything-but number filed here (empty if `x` is one). A comparable number's answer
   * depends on those alone: plain exact strings never match it, the other operators either ignore
   * numbers or (`exists`, anything-but of strings) hold for every number alike. Cold enough to
   * build its sorted cuts on first use after a change.
   *
   * @param x - A comparable number's double.
   */
  numberRegion(x: number): void {
    const operators = this.operators;
    if (operators instanceof OperatorIndex) operators.numberRegion(x);
    else setRegion(-Infinity, Infinity);
  }

  /** The operator index, made (from a bare `exists:true` target, if any) on first need. */
  private operatorIndex(): OperatorIndex<C> {
    const operators = this.operators;
    if (operators instanceof OperatorIndex) return operators;
    const index = new OperatorIndex<C>();
    if (operators !== undefined) {
      index.count++;
      index.file(PRESENT, operators, true);
    }
    this.operators = index;
    return index;
  }

  /**
   * Files one leaf matcher of a condition (`exists:false` among the {@link absent} targets). Ranges
   * and blocks are found again by their bounds and target, so the matcher given to {@link remove}
   * need only be equal to this one.
   *
   * @param m - The matcher.
   * @param target - The condition it belongs to.
   */
  add(m: LeafMatcher, target: C): void {
    if ((m.kind === 'exact' && m.ip === undefined) || m.kind === 'exactly') return this.addExact(m.value, target);
    if (m.kind === 'exists' && m.value && this.operators === undefined) {
      this.operators = target;
      return;
    }
    const operators = this.operatorIndex();
    if (m.kind === 'exists' && !m.value) {
      operators.absent = appendTo(operators.absent, target);
      return;
    }
    operators.count++;
    operators.file(m, target, true);
  }

  /**
   * Removes what {@link add} filed for the same matcher and target.
   *
   * @param m - The matcher given to `add`, or an equal one.
   * @param target - The target given to `add`.
   */
  remove(m: LeafMatcher, target: C): void {
    if ((m.kind === 'exact' && m.ip === undefined) || m.kind === 'exactly') return this.removeExact(m.value, target);
    const operators = this.operators;
    if (operators === undefined) return;
    if (!(operators instanceof OperatorIndex)) {
      if (m.kind === 'exists' && m.value && operators === target) this.operators = undefined;
      return;
    }
    if (m.kind === 'exists' && !m.value) {
      const absent = operators.absent;
      if (absent === undefined) return;
      const i = absent.indexOf(target);
      if (i < 0) return;
      absent[i] = absent[absent.length - 1] as C;
      absent.pop();
      if (absent.length === 0) operators.absent = undefined;
    } else {
      operators.file(m, target, false);
      operators.count--;
    }
    if (operators.count === 0 && operators.absent === undefined) this.operators = undefined;
  }

  /**
   * The first target filed under a plain exact string that passes a test.
   *
   * @param value - The string.
   * @param test - Picks the target.
   * @returns The target, or `undefined`.
   */
  findExact(value: string, test: (target: C) => boolean): C | undefined {
    const key = this.exactKey;
    const targets = typeof key === 'string' ? (key === value ? (this.exactTargets as C | C[]) : undefined) : key?.get(value);
    if (targets === undefined) return undefined;
    if (!Array.isArray(targets)) return test(targets) ? targets : undefined;
    for (const t of targets) if (test(t)) return t;
    return undefined;
  }

  /**
   * Calls `visit` with every target filed under a plain exact string (once per filing).
   *
   * @param visit - Receives the string and a target.
   */
  forEachExact(visit: (value: string, target: C) => void): void {
    const key = this.exactKey;
    if (key === undefined) return;
    const each = (targets: C | C[], value: string): void => {
      if (Array.isArray(targets)) for (const t of targets) visit(value, t);
      else visit(value, targets);
    };
    if (typeof key === 'string') each(this.exactTargets as C | C[], key);
    else for (const [value, targets] of key) each(targets, value);
  }

  /**
   * Files a plain exact string (what {@link add} does for `"x"` without IP meaning and `exactly`).
   *
   * @param value - The string.
   * @param target - The condition it belongs to.
   */
  addExact(value: string, target: C): void {
    const key = this.exactKey;
    if (key === undefined) {
      this.exactKey = value;
      this.exactTargets = target;
      return;
    }
    if (typeof key === 'string') {
      const one = this.exactTargets as C | C[];
      if (key === value) {
        if (Array.isArray(one)) one.push(target);
        else this.exactTargets = [one, target];
        return;
      }
      const map = new Map<string, C | C[]>([[key, one]]);
      this.exactKey = map;
      this.exactTargets = undefined;
      return this.addToMap(map, value, target);
    }
    this.addToMap(key, value, target);
  }

  private addToMap(map: Map<string, C | C[]>, value: string, target: C): void {
    const had = map.get(value);
    if (had === undefined) {
      map.set(value, target);
      const filter = this.exactTargets as PresenceFilter | undefined;
      if (filter === undefined ? map.size >= FILTERED_MAP : filter.add(stringHash(value))) this.refillExactFilter(map);
    } else if (Array.isArray(had)) had.push(target);
    else map.set(value, [had, target]);
  }

  private refillExactFilter(map: Map<string, C | C[]>): void {
    const hashes: number[] = [];
    for (const k of map.keys()) hashes.push(stringHash(k));
    const filter = (this.exactTargets as PresenceFilter | undefined) ?? new PresenceFilter();
    filter.refill(hashes, hashes.length);
    this.exactTargets = filter;
  }

  /**
   * Removes a plain exact string filed by {@link addExact}.
   *
   * @param value - The string.
   * @param target - The condition it belongs to.
   */
  removeExact(value: string, target: C): void {
    const key = this.exactKey;
    if (key === undefined) return;
    if (typeof key === 'string') {
      const one = this.exactTargets as C | C[];
      if (key !== value) return;
      if (one === target) {
        this.exactKey = undefined;
        this.exactTargets = undefined;
      } else if (Array.isArray(one)) {
        const i = one.indexOf(target);
        if (i >= 0) one.splice(i, 1);
        if (one.length === 1) this.exactTargets = one[0] as C;
      }
      return;
    }
    const had = key.get(value);
    if (had === undefined) return;
    if (had === target) {
      key.delete(value);
      if ((this.exactTargets as PresenceFilter | undefined)?.remove() === true) this.refillExactFilter(key);
    } else if (Array.isArray(had)) {
      const i = had.indexOf(target);
      if (i >= 0) had.splice(i, 1);
      if (had.length === 1) key.set(value, had[0] as C);
    }
    if (key.size === 0) {
      this.exactKey = undefined;
      this.exactTargets = undefined;
    }
  }

  /**
   * Reports every target that value `v` satisfies through a filed matcher. Hot: called once per
   * (trie node, path, event occurrence); no allocation beyond what the visitors push to `out`.
   *
   * @param v - The event value.
   * @param epoch - A number never used before for this index family; targets stamped with it are
   *   reported once.
   * @param out - Receives each satisfied target once, from index 0.
   * @returns The number of targets written to `out`.
   */
  evaluate(v: LeafValue, epoch: number, out: (C | undefined)[]): number {
    curEpoch = epoch;
    curOut = out;
    curCount = 0;
    const key = this.exactKey;
    if (key !== undefined && typeof v === 'string') {
      let targets: C | C[] | undefined;
      if (typeof key === 'string') targets = key === v ? (this.exactTargets as C | C[]) : undefined;
      else {
        const filter = this.exactTargets as PresenceFilter | undefined;
        if (filter === undefined || filter.mayHave(stringHash(v))) targets = key.get(v);
      }
      if (targets !== undefined) {
        if (Array.isArray(targets)) for (let i = 0; i < targets.length; i++) report(targets[i] as C);
        else report(targets as C);
      }
    }
    const operators = this.operators;
    if (operators !== undefined) {
      if (!(operators instanceof OperatorIndex)) report(operators);
      else if (operators.count > 0) operators.evaluate(v, epoch);
    }
    curOut = scratch;
    return curCount;
  }
}

/**
 * The index of every matcher but plain exact strings (see {@link ValueIndex}). `exists` alone (a
 * common lone matcher: one field that must be present, or absent) needs no tables; every other
 * operator lives in {@link OperatorTables}, created on first use.
 */
class OperatorIndex<C extends IndexTarget> {
  /** Number of (matcher, target) pairs filed here, {@link absent} aside. */
  count = 0;
  /** Targets of `exists:false` (see {@link ValueIndex.absent}); unordered. */
  absent: C[] | undefined = undefined;
  /** Targets of `exists:true`, satisfied by any value: one bare, several in an array. */
  private existsTrue: C | C[] | undefined = undefined;
  /** Every other operator, and how many pairs it holds. */
  private tables: OperatorTables<C> | undefined = undefined;
  private tableCount = 0;
  /**
   * The tables' answers for the first string values evaluated since the last change (see
   * {@link AnswerMemo}): made on the first string evaluated after a change when the tables look a
   * string up in {@link MEMO_LOOKUPS} places or more, `null` when they look in fewer (a memo's
   * lookup would cost about what it saves), dropped on every change.
   */
  private memo: AnswerMemo<C> | null | undefined = undefined;

  /**
   * Adds (`adding`) or removes the entries of one matcher (not `exists:false`, not a plain exact
   * string); `count` is the caller's.
   *
   * @param m - The matcher.
   * @param target - Its condition.
   * @param adding - Whether to add or to remove.
   */
  file(m: LeafMatcher, target: C, adding: boolean): void {
    if (m.kind === 'exists') {
      const had = this.existsTrue;
      if (adding) {
        if (had === undefined) this.existsTrue = target;
        else if (Array.isArray(had)) had.push(target);
        else this.existsTrue = [had, target];
      } else if (had === target) this.existsTrue = undefined;
      else if (Array.isArray(had)) {
        const i = had.indexOf(target);
        if (i >= 0) had.splice(i, 1);
        if (had.length === 1) this.existsTrue = had[0] as C;
      }
      return;
    }
    this.memo = undefined;
    if (adding) {
      (this.tables ??= new OperatorTables()).file(m, target, true);
      this.tableCount++;
    } else if (this.tables !== undefined) {
      this.tables.file(m, target, false);
      if (--this.tableCount === 0) this.tables = undefined;
    }
  }

  /** See {@link ValueIndex.clearStamps}. */
  clearStamps(): void {
    this.tables?.clearStamps();
  }

  /** See {@link ValueIndex.numberRegion}. */
  numberRegion(x: number): void {
    if (this.tables !== undefined) this.tables.numberRegion(x);
    else setRegion(-Infinity, Infinity);
  }

  /** The part of {@link ValueIndex.evaluate} for these matchers (evaluation state already set). Hot. */
  evaluate(v: LeafValue, epoch: number): void {
    const tables = this.tables;
    if (tables !== undefined) {
      let memo = this.memo;
      if (typeof v === 'string' && memo !== null) {
        if (memo === undefined) memo = this.memo = tables.stringLookups() >= MEMO_LOOKUPS ? new AnswerMemo() : null;
        if (memo !== null) this.evaluateString(tables, memo, v, epoch);
        else tables.evaluate(v, epoch);
      } else tables.evaluate(v, epoch);
    }
    const exists = this.existsTrue;
    if (exists !== undefined) {
      if (Array.isArray(exists)) for (let i = 0; i < exists.length; i++) report(exists[i] as C);
      else report(exists as C);
    }
  }

  /**
   * The tables' answer for a string, from the memo when it has it. Targets reported already in
   * this evaluation (by a plain exact string) are not in the answer kept, and are reported again
   * before the memo is asked whenever the same value comes back, so the answer replayed is the same.
   */
  private evaluateString(tables: OperatorTables<C>, memo: AnswerMemo<C>, v: string, epoch: number): void {
    const known = memo.find(v);
    if (known !== undefined) {
      for (let i = 0; i < known.length; i++) report(known[i] as C);
      return;
    }
    const from = curCount;
    tables.evaluate(v, epoch);
    memo.keep(v, curOut as readonly (C | undefined)[], from, curCount);
  }
}

/**
 * Fewest places the operator tables look a string up in (see `OperatorTables.stringLookups`) for
 * their answers to be remembered: a memo's lookup costs about what one or two of theirs do.
 */
const MEMO_LOOKUPS = 3;

/**
 * The operator tables (prefix, suffix, wildcard, equals-ignore-case, numeric, cidr, anything-but),
 * exact numbers and IP addresses, and the literals `true`, `false`, `null`.
 */
class OperatorTables<C extends IndexTarget> {
  /** Other entries keyed by the exact string (exact IP strings, anything-but strings, globs without `*`). */
  private exact: Map<string, Item<C> | Item<C>[]> | undefined;
  private ipExact: Map<string, Item<C> | Item<C>[]> | undefined;
  private numByValue: Map<number, Item<C> | Item<C>[]> | undefined;
  private numByText: Map<string, Item<C> | Item<C>[]> | undefined;
  private literalTrue: C[] | undefined;
  private literalFalse: C[] | undefined;
  private literalNull: C[] | undefined;
  private prefixes: AffixTable<Item<C>> | undefined;
  private suffixes: AffixTable<Item<C>> | undefined;
  /** All-ASCII `equals-ignore-case` operands by their lower case (see {@link isAscii}). */
  private asciiFolded: Map<string, Item<C> | Item<C>[]> | undefined;
  /**
   * The {@link foldedShape}s of {@link asciiFolded}'s keys: most values are turned down by their
   * length and end characters without being lower-cased (a new string) and hashed.
   */
  private foldedShapes: PresenceFilter | undefined;
  private ignoreCase: IgnoreCaseTrie<Item<C>> | undefined;
  private ignoreCaseSuffixes: IgnoreCaseTrie<Item<C>> | undefined;
  private wildcards: (Entry<C> | GlobEntry<C>)[] | undefined;
  /** Numeric ranges, IPv4 blocks as numbers, IPv6 blocks as fixed-width hex; items are targets. */
  private ranges: IntervalIndex<number, C> | undefined;
  private cidr4: IntervalIndex<number, C> | undefined;
  private cidr6: IntervalIndex<string, C> | undefined;
  /** anything-but reporting entries (unordered), and the same by target key and matcher key. */
  private negatives: Entry<C>[] | undefined;
  private negativeById: Map<string, Entry<C>> | undefined;
  /**
   * Every number at which some answer for numbers can change (range bounds, exact numbers and
   * anything-but numbers), sorted; `null` past {@link MAX_CUTS}; `undefined` until first asked for
   * (see {@link numberRegion}) and after any change.
   */
  private cuts: Float64Array | null | undefined;

  /**
   * Adds (`adding`) or removes the entries of one matcher.
   *
   * @param m - The matcher (not a plain exact string).
   * @param target - Its condition.
   * @param adding - Whether to add or to remove.
   */
  file(m: LeafMatcher, target: C, adding: boolean): void {
    this.cuts = undefined;
    const same = (e: Item<C>): boolean => e === target;
    // The anything-but reporting entry, created first so that its operands can point at it.
    let neg: Entry<C> | undefined;
    if (m.kind === 'anything-but') {
      const id = `${target.key}\u0001${matcherKey(m)}`;
      const byId = (this.negativeById ??= new Map());
      if (adding) {
        neg = new Entry(target, undefined, undefined);
        neg.slot = this.negatives?.length ?? 0;
        this.negatives = appendTo(this.negatives, neg);
        byId.set(id, neg);
      } else {
        const list = this.negatives ?? [];
        neg = byId.get(id);
        if (neg === undefined) return;
        byId.delete(id);
        const last = list.pop() as Entry<C>;
        if (last !== neg) {
          list[neg.slot] = last;
          last.slot = neg.slot;
        }
      }
    }
    const isNeg = (e: Item<C>): boolean => e === neg || (e instanceof Entry && e.owner !== undefined && e.owner === neg);
    /** What is filed for an operand: the bare target, or for anything-but its reporting entry (a glob operand's own entry). */
    const file = (negative: boolean, wildcard?: CompiledWildcard): Item<C> =>
      !negative ? target : wildcard === undefined ? (neg as Entry<C>) : new Entry(target, wildcard, neg);
    /** Picks what `file` filed for this matcher. */
    const pick = neg !== undefined ? isNeg : same;
    const toMap = <K>(map: Map<K, Item<C> | Item<C>[]>, key: K, negative: boolean): void => {
      if (adding) addToBucket(map, key, file(negative));
      else removeFromBucket(map, key, pick);
    };
    const toAffixes = (table: AffixTable<Item<C>>, key: string, negative: boolean, wildcard?: CompiledWildcard): void => {
      if (adding) table.add(key, file(negative, wildcard));
      else table.remove(key, pick);
    };
    /** An all-ASCII equals-ignore-case operand, by its lower case, with its shape. */
    const toFolded = (operand: string, negative: boolean): void => {
      const map = (this.asciiFolded ??= new Map());
      toMap(map, operand.toLowerCase(), negative);
      const shapes = (this.foldedShapes ??= new PresenceFilter());
      if (adding ? shapes.add(foldedShape(operand)) : shapes.remove()) shapes.refill(Array.from(map.keys(), foldedShape), map.size);
    };
    const toIgnoreCase = (reversed: boolean, p: string, whole: boolean, negative: boolean): void => {
      const trie = reversed
        ? (this.ignoreCaseSuffixes ??= new IgnoreCaseTrie(true))
        : (this.ignoreCase ??= new IgnoreCaseTrie(false));
      const alts = compileIgnoreCase(p).alternatives;
      if (adding) trie.add(alts, whole, file(negative));
      else trie.remove(alts, whole, pick);
    };
    const toWildcard = (w: string, negative: boolean): void => {
      if (!negative) return toGlob(w);
      const c = flatWildcard(compileWildcard(w), w);
      const segs = c.segments;
      if (segs.length === 1) return toMap((this.exact ??= new Map()), segs[0] as string, negative);
      const first = segs[0] as string;
      const last = segs[segs.length - 1] as string;
      if (first !== '') return toAffixes((this.prefixes ??= new AffixTable(false)), first, negative, c);
      if (last !== '') return toAffixes((this.suffixes ??= new AffixTable(true)), last, negative, c);
      if (adding) this.wildcards = appendTo(this.wildcards, file(negative, c) as Entry<C>);
      else removeFromList(this.wildcards, pick);
    };
    /** A positive glob: a {@link GlobEntry} (removal picks this target's entry with this glob). */
    const toGlob = (w: string): void => {
      let glob: string | readonly string[];
      let first: string;
      let last: string;
      if (isLoneStar(w)) {
        glob = w;
        const star = w.indexOf('*');
        first = w.slice(0, star);
        last = w.slice(star + 1);
      } else {
        const segs = compileWildcard(w).segments;
        first = segs[0] as string;
        last = segs[segs.length - 1] as string;
        if (segs.length === 1) return toMap((this.exact ??= new Map()), first, false);
        glob = adding ? segs.map(own) : segs;
      }
      const isThis = (e: Item<C>): boolean => e instanceof GlobEntry && e.target === target && sameGlob(e.glob, glob);
      const item = (): GlobEntry<C> => new GlobEntry(target, glob);
      if (first !== '' || last !== '') {
        const table = first !== '' ? (this.prefixes ??= new AffixTable(false)) : (this.suffixes ??= new AffixTable(true));
        const key = first !== '' ? first : last;
        if (adding) table.add(key, item());
        else table.remove(key, isThis);
      } else if (adding) this.wildcards = appendTo(this.wildcards, item());
      else removeFromList(this.wildcards, isThis);
    };

    switch (m.kind) {
      case 'exact':
        toMap((this.exact ??= new Map()), m.value, false);
        if (m.ip !== undefined) toMap((this.ipExact ??= new Map()), ipKey(m.ip), false);
        return;
      case 'number':
        if (m.number.value !== undefined) return toMap((this.numByValue ??= new Map()), m.number.value, false);
        return toMap((this.numByText ??= new Map()), m.number.text, false);
      case 'literal': {
        if (m.value === true) {
          if (adding) this.literalTrue = appendTo(this.literalTrue, target);
          else removeFromList(this.literalTrue, same);
        } else if (m.value === false) {
          if (adding) this.literalFalse = appendTo(this.literalFalse, target);
          else removeFromList(this.literalFalse, same);
        } else if (adding) this.literalNull = appendTo(this.literalNull, target);
        else removeFromList(this.literalNull, same);
        return;
      }
      case 'prefix':
        if (m.ignoreCase) return toIgnoreCase(false, m.value, false, false);
        return toAffixes((this.prefixes ??= new AffixTable(false)), m.value, false);
      case 'suffix':
        if (m.ignoreCase) return toIgnoreCase(true, m.value, false, false);
        return toAffixes((this.suffixes ??= new AffixTable(true)), m.value, false);
      case 'equals-ignore-case':
        if (isAscii(m.value)) return toFolded(m.value, false);
        return toIgnoreCase(false, m.value, true, false);
      case 'wildcard':
        return toWildcard(m.value, false);
      case 'numeric': {
        const ranges = (this.ranges ??= new IntervalIndex<number, C>(-Infinity));
        const interval = { low: m.lower, lowInclusive: m.lowerInclusive, high: m.upper, highInclusive: m.upperInclusive, item: target };
        if (adding) ranges.add(interval);
        else ranges.remove(interval);
        return;
      }
      case 'cidr': {
        // IPv4 blocks as numbers (8 hex digits fit a double exactly), IPv6 as fixed-width hex. The
        // range is read once: a kept IPv4 block builds it on every read.
        const range = m.range;
        if (range.family === 4) {
          const blocks = (this.cidr4 ??= new IntervalIndex<number, C>(-Infinity));
          const interval = { low: parseInt(range.low, 16), lowInclusive: true, high: parseInt(range.high, 16), highInclusive: true, item: target };
          if (adding) blocks.add(interval);
          else blocks.remove(interval);
        } else {
          const blocks = (this.cidr6 ??= new IntervalIndex<string, C>(''));
          const interval = { low: range.low, lowInclusive: true, high: range.high, highInclusive: true, item: target };
          if (adding) blocks.add(interval);
          else blocks.remove(interval);
        }
        return;
      }
      case 'exists':
        return; // Filed by OperatorIndex.
      case 'anything-but':
        for (const operand of m.values) {
          switch (m.type) {
            case 'strings':
              toMap((this.exact ??= new Map()), operand as string, true);
              break;
            case 'numbers': {
              const n = operand as JsonNumber;
              if (n.value !== undefined) toMap((this.numByValue ??= new Map()), n.value, true);
              else toMap((this.numByText ??= new Map()), n.text, true);
              break;
            }
            case 'prefix':
              toAffixes((this.prefixes ??= new AffixTable(false)), operand as string, true);
              break;
            case 'suffix':
              toAffixes((this.suffixes ??= new AffixTable(true)), operand as string, true);
              break;
            case 'equals-ignore-case':
              if (isAscii(operand as string)) toFolded(operand as string, true);
              else toIgnoreCase(false, operand as string, true, true);
              break;
            case 'wildcard':
              toWildcard(operand as string, true);
              break;
          }
        }
        return;
    }
  }

  /**
   * In how many places a string is looked up here: each table made (an ignore-case trie counts
   * twice, a walk over its states; a table emptied by removals stays made and still counts, except
   * the exact map, which counts only while it holds a key), each glob checked in full, and the
   * anything-but entries' pass. Counting an emptied table can only make a memo where it does not
   * pay, never change an answer.
   */
  stringLookups(): number {
    let n = 0;
    if (this.exact !== undefined && this.exact.size > 0) n++;
    if (this.prefixes !== undefined) n++;
    if (this.suffixes !== undefined) n++;
    if (this.asciiFolded !== undefined) n++;
    if (this.ignoreCase !== undefined) n += 2;
    if (this.ignoreCaseSuffixes !== undefined) n += 2;
    if (this.wildcards !== undefined) n += this.wildcards.length;
    if (this.ipExact !== undefined || this.cidr4 !== undefined || this.cidr6 !== undefined) n++;
    if (this.negatives !== undefined && this.negatives.length > 0) n++;
    return n;
  }

  /** See {@link ValueIndex.clearStamps}: an operand marks its reporting entry, one of these. */
  clearStamps(): void {
    const negatives = this.negatives;
    if (negatives !== undefined) for (const e of negatives) e.excluded = 0;
  }

  /** The part of {@link ValueIndex.evaluate} for these matchers (evaluation state already set). Hot. */
  evaluate(v: LeafValue, epoch: number): void {
    if (typeof v === 'string') {
      curString = v;
      const exact = this.exact?.get(v);
      if (exact !== undefined) visitEntries(exact);
      if (this.prefixes !== undefined) this.prefixes.forEachMatch(v, visitEntries);
      if (this.suffixes !== undefined) this.suffixes.forEachMatch(v, visitEntries);
      if (this.asciiFolded !== undefined) {
        // Most values are turned down by their shape. Past it, look up first and check ASCII only
        // on a hit: a non-ASCII value can lower-case to an ASCII key (the Kelvin sign to "k").
        const shape = foldedShape(v);
        if (shape !== NOT_ASCII_SHAPE && (this.foldedShapes as PresenceFilter).mayHave(shape)) {
          const folded = this.asciiFolded.get(v.toLowerCase());
          if (folded !== undefined && isAscii(v)) visitEntries(folded);
        }
      }
      if (this.ignoreCase !== undefined) this.ignoreCase.forEachMatch(v, visitEntries);
      if (this.ignoreCaseSuffixes !== undefined) this.ignoreCaseSuffixes.forEachMatch(v, visitEntries);
      if (this.wildcards !== undefined) visitEntries(this.wildcards);
      if (this.ipExact !== undefined || this.cidr4 !== undefined || this.cidr6 !== undefined) {
        // The common case, a dotted quad against CIDR blocks only, without building the address.
        const quad = this.ipExact === undefined ? dottedQuadValue(v) : NOT_A_QUAD;
        if (quad >= 0) this.cidr4?.query(quad, report);
        else if (quad === NOT_A_QUAD) {
          const ip = parseIpAddress(v);
          if (ip !== undefined) this.evaluateIp(ip);
        }
      }
    } else if (v === true) {
      if (this.literalTrue !== undefined) for (const t of this.literalTrue) report(t);
    } else if (v === false) {
      if (this.literalFalse !== undefined) for (const t of this.literalFalse) report(t);
    } else if (v === null) {
      if (this.literalNull !== undefined) for (const t of this.literalNull) report(t);
    } else if (isNumber(v)) {
      const x = v.value;
      if (x !== undefined) {
        const byValue = this.numByValue?.get(x);
        if (byValue !== undefined) visitEntries(byValue);
        if (this.ranges !== undefined) this.ranges.query(x, report);
      } else {
        const byText = this.numByText?.get(v.text);
        if (byText !== undefined) visitEntries(byText);
      }
    }
    const negatives = this.negatives;
    if (negatives !== undefined) {
      for (let i = 0; i < negatives.length; i++) {
        const e = negatives[i] as Entry<C>;
        if (e.excluded !== epoch) report(e.target);
      }
    }
  }

  /** See {@link ValueIndex.numberRegion}. */
  numberRegion(x: number): void {
    let cuts = this.cuts;
    if (cuts === undefined) cuts = this.cuts = this.buildCuts();
    if (cuts === null) return setRegion(NaN, NaN);
    let lo = 0;
    let hi = cuts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cuts[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    // cuts[lo - 1] < x <= cuts[lo]; at a cut itself the region is empty.
    if (lo < cuts.length && cuts[lo] === x) return setRegion(NaN, NaN);
    setRegion(lo > 0 ? (cuts[lo - 1] as number) : -Infinity, lo < cuts.length ? (cuts[lo] as number) : Infinity);
  }

  private buildCuts(): Float64Array | null {
    if ((this.numByValue?.size ?? 0) + 2 * (this.ranges?.size ?? 0) > MAX_CUTS) return null;
    const all: number[] = [];
    if (this.numByValue !== undefined) for (const x of this.numByValue.keys()) all.push(x);
    this.ranges?.collectBounds(all);
    return Float64Array.from(all).sort();
  }

  private evaluateIp(ip: IpAddress): void {
    const byIp = this.ipExact?.get(ipKey(ip));
    if (byIp !== undefined) visitEntries(byIp);
    if (ip.family === 4) this.cidr4?.query(parseInt(ip.hex, 16), report);
    else this.cidr6?.query(ip.hex, report);
  }
}

/**
 * A compiled glob as an entry keeps it: its segments are built a character at a time, as chains
 * of concatenations that outweigh the text; flat copies replace them (see `own`).
 *
 * @param c - The compiled glob.
 * @param source - The glob as the condition keeps it (its `source` is shared, not copied).
 */
function flatWildcard(c: CompiledWildcard, source: string): CompiledWildcard {
  return { source, segments: c.segments.map(own) };
}

/** Whether two globs as {@link GlobEntry} keeps them are the same. */
function sameGlob(a: string | readonly string[], b: string | readonly string[]): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** An `exists:true` matcher (what {@link ValueIndex} files a bare `exists:true` target as, and what a condition keeps). */
export const PRESENT: LeafMatcher = Object.freeze({ kind: 'exists', source: '', value: true });

/** Exact-string maps at least this big get a presence filter. */
const FILTERED_MAP = 64;

// The last string hashed and its hash: one event value is looked up at several trie nodes.
let hashedString = '';
let hashedValue = 0;

/**
 * A hash of a string for presence filters: length plus the first and last 32 code units, so it is
 * cheap even for huge strings. Hot: remembers the last string it hashed.
 */
function stringHash(s: string): number {
  if (s === hashedString) return hashedValue;
  const n = s.length;
  let h = n;
  const head = n < 32 ? n : 32;
  for (let i = 0; i < head; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  for (let i = n - 32 > head ? n - 32 : head; i < n; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  hashedString = s;
  hashedValue = h;
  return h;
}

/** Drops the remembered string of {@link stringHash} (so no event string outlives its `match`). */
export function forgetHashedString(): void {
  hashedString = '';
}

/** {@link dottedQuadValue}: not a plain dotted quad (ask `parseIpAddress`). */
const NOT_A_QUAD = -1;
/** {@link dottedQuadValue}: contains a dot but is no IP address (no IPv6 literal has a dot). */
const NO_ADDRESS = -2;

/**
 * The IPv4 address of a dotted quad as `parseIpAddress` reads it (four decimal parts of 0–255,
 * leading zeros allowed, at most 15 characters), as the number `parseInt(hex, 16)` gives. Hot:
 * one character loop, no allocation.
 *
 * @param s - An event string value.
 * @returns The address, {@link NO_ADDRESS} for a string with a dot that is no address, or
 *   {@link NOT_A_QUAD} for anything else (which `parseIpAddress` must then decide).
 */
function dottedQuadValue(s: string): number {
  const n = s.length;
  if (n > 15) return NOT_A_QUAD;
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      part = part * 10 + (c - 0x30);
      digits++;
    } else if (c === 0x2e && digits > 0 && dots < 3) {
      if (part > 255) return NO_ADDRESS;
      value = value * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else return NOT_A_QUAD;
  }
  if (dots !== 3 || digits === 0) return NOT_A_QUAD;
  return part > 255 ? NO_ADDRESS : value * 256 + part;
}

const ASCII = /^[\x00-\x7f]*$/;

/**
 * Whether a string is pure ASCII. For an ASCII pattern, each character's ignore-case alternatives
 * (§3.7) are its ASCII lower and upper case, so a string matches it exactly when it is ASCII too
 * and equal after ASCII lower-casing: one hash lookup instead of an NFA walk.
 */
function isAscii(s: string): boolean {
  return ASCII.test(s);
}

/** {@link foldedShape} of a string whose first or last character is not ASCII. */
const NOT_ASCII_SHAPE = -1;

/**
 * A hash of a string's length and its first and last characters, ASCII letters lower-cased: equal
 * for an ASCII string and its ASCII lower case. {@link NOT_ASCII_SHAPE} when either end is not
 * ASCII (such a string is equal to no all-ASCII operand ignoring case). Constant time.
 */
function foldedShape(s: string): number {
  const n = s.length;
  if (n === 0) return 0;
  let a = s.charCodeAt(0);
  let b = s.charCodeAt(n - 1);
  if ((a | b) >= 0x80) return NOT_ASCII_SHAPE;
  if (a >= 0x41 && a <= 0x5a) a += 0x20;
  if (b >= 0x41 && b <= 0x5a) b += 0x20;
  return (Math.imul(n, 0x9e3779b1) ^ ((a << 7) | b)) >>> 1;
}

function ipKey(ip: IpAddress): string {
  return ip.family === 4 ? ip.hex : `6${ip.hex}`;
}

