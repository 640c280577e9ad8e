/**
 * event-ruler's wildcard complexity score (docs/semantics.md §5), the number AWS compares with its limit.
 * We rebuild the byte-level NFA event-ruler builds for the wildcard patterns of one field (same
 * state-sharing rules, so the score is the same) and then run its evaluation: a breadth-first walk
 * over the subsets of NFA states reachable by some input, scoring each subset by how many wildcard
 * patterns its states can still reach. Written from a reading of event-ruler's ByteMachine and
 * MachineComplexityEvaluator; the walk is capped so hostile patterns cannot make it explode.
 */

/** A wildcard in the character sequence; real bytes are 0–255. */
const WILD = -1;

/**
 * One NFA transition target ("single" in event-ruler): a state to move to, a pattern matched on
 * arrival, or both. A {@link NfaState} is a target that leads to itself.
 */
interface Target {
  readonly id: number;
  readonly state: NfaState | undefined;
  readonly match: number | undefined;
}

/**
 * An NFA state. `bytes` holds the per-byte targets, `all` the targets taken on every byte (a `*`);
 * `indeterminate` marks states that more than one input prefix can reach (after a `*`), which
 * event-ruler will not share between patterns.
 */
class NfaState implements Target {
  readonly state: NfaState;
  readonly match = undefined;
  readonly bytes = new Map<number, Target[]>();
  readonly all: Target[] = [];

  readonly id: number;
  indeterminate: boolean;

  constructor(id: number, indeterminate: boolean) {
    this.id = id;
    this.indeterminate = indeterminate;
    this.state = this;
  }
}

/** Builds event-ruler's NFA for several wildcard patterns of one field. */
class WildcardNfa {
  private nextId = 0;
  readonly states: NfaState[] = [];
  readonly start: NfaState;

  constructor() {
    this.start = this.newState(false);
  }

  newState(indeterminate: boolean): NfaState {
    const s = new NfaState(this.nextId++, indeterminate);
    this.states.push(s);
    return s;
  }

  newTarget(state: NfaState | undefined, match: number | undefined): Target {
    return { id: this.nextId++, state, match };
  }

  /** Targets of `state` on one character: a byte's own targets plus the all-bytes ones, or just the latter for `*`. */
  static targets(state: NfaState, c: number): Target[] {
    if (c === WILD) return state.all;
    const own = state.bytes.get(c);
    if (own === undefined) return state.all;
    if (state.all.length === 0) return own;
    const out = own.slice();
    for (const t of state.all) if (!out.includes(t)) out.push(t);
    return out;
  }

  /** event-ruler's `getNextByteState` of a compound: the first determinate state, else the first state. */
  static nextState(targets: readonly Target[]): NfaState | undefined {
    let first: NfaState | undefined;
    for (const t of targets) {
      if (t.state === undefined) continue;
      if (!t.state.indeterminate) return t.state;
      first ??= t.state;
    }
    return first;
  }

  static addTarget(state: NfaState, c: number, t: Target): void {
    if (c === WILD) {
      if (!state.all.includes(t)) state.all.push(t);
      return;
    }
    let list = state.bytes.get(c);
    if (list === undefined) state.bytes.set(c, (list = []));
    if (!list.includes(t)) list.push(t);
  }

  /** Adds one value (the characters of `"` + glob + `"`) under pattern id `pid`. */
  add(pid: number, chars: readonly number[]): void {
    const n = chars.length;
    let state = this.start;
    let prev: NfaState | undefined;
    let i = 0;
    // Walk the states earlier patterns built, as long as event-ruler would share them.
    for (; i < n - 1; i++) {
      const c = chars[i] ?? WILD;
      let reuse: NfaState | undefined;
      for (const t of WildcardNfa.targets(state, c)) {
        if (this.canReuse(state, t.state, chars, i)) {
          reuse = t.state;
          break;
        }
      }
      if (reuse === undefined) break;
      prev = state;
      state = reuse;
    }
    for (; i < n - 1; i++) {
      const c = chars[i] ?? WILD;
      const targets = WildcardNfa.targets(state, c);
      if (targets.length === 0) break;
      const next = WildcardNfa.nextState(targets);
      if (next !== undefined) {
        if (next.indeterminate) break;
        prev = state;
        state = next;
      } else {
        // A match-only target (another pattern ended here): give it a next state.
        const old = targets[0];
        const fresh = this.newState(state.indeterminate);
        if (old !== undefined) {
          const list = state.bytes.get(c);
          const at = list === undefined ? -1 : list.indexOf(old);
          if (list !== undefined && at >= 0) list.splice(at, 1);
          WildcardNfa.addTarget(state, c, this.newTarget(fresh, old.match));
        }
        prev = state;
        state = fresh;
      }
    }
    for (; i < n - 1; i++) {
      const next = this.findOrMakeNext(state, prev, chars, i);
      prev = state;
      state = next;
    }
    this.insertMatch(pid, chars, state, prev);
  }

  private canReuse(state: NfaState, next: NfaState | undefined, chars: readonly number[], i: number): boolean {
    if (next === undefined || next === state) return false;
    if (!next.indeterminate) return !(i === chars.length - 2 && chars[i + 1] === WILD);
    return !WildcardNfa.pathsConverge(state, chars, i);
  }

  /**
   * event-ruler's `doMultipleTransitionsConvergeForInputByte`: sharing an indeterminate state is
   * unsafe at the first byte of a character when `state` also has a `*` edge elsewhere, or when
   * the character has distinct lower- and upper-case forms.
   */
  private static pathsConverge(state: NfaState, chars: readonly number[], i: number): boolean {
    const b = chars[i] ?? WILD;
    if (b === WILD || (b >= 0x80 && b <= 0xbf)) return false;
    if (state.all.length > 0 && !(state.all.length === 1 && state.all[0] === state)) return true;
    const ch = decodeJavaChar(chars, i);
    return ch !== undefined && utf8Key(ch.toLowerCase()) !== utf8Key(ch.toUpperCase());
  }

  private findOrMakeNext(state: NfaState, prev: NfaState | undefined, chars: readonly number[], i: number): NfaState {
    const c = chars[i] ?? WILD;
    const existing = WildcardNfa.nextState(WildcardNfa.targets(state, c));
    const lastIsWild = i === chars.length - 2 && chars[chars.length - 1] === WILD;
    if (existing !== undefined && !existing.indeterminate && !lastIsWild) return existing;
    const next = this.newState(state.indeterminate);
    if (c === WILD) {
      next.all.push(next);
      next.indeterminate = true;
      state.all.push(next);
    } else {
      WildcardNfa.addTarget(state, c, next);
      // The skip edge that lets the preceding `*` match nothing.
      if (prev !== undefined && chars[i - 1] === WILD) WildcardNfa.addTarget(prev, c, next);
    }
    return next;
  }

  private insertMatch(pid: number, chars: readonly number[], state: NfaState, prev: NfaState | undefined): void {
    const n = chars.length;
    const c = chars[n - 1] ?? WILD;
    if (WildcardNfa.targets(state, c).some((t) => t.match === pid)) return;
    const m = this.newTarget(undefined, pid);
    WildcardNfa.addTarget(state, c, m);
    if (prev !== undefined && chars[n - 2] === WILD) WildcardNfa.addTarget(prev, c, m);
  }
}

/** The Java `char` (as a string) whose UTF-8 encoding starts at `chars[i]`, as event-ruler decodes it. */
function decodeJavaChar(chars: readonly number[], i: number): string | undefined {
  const b0 = chars[i] ?? 0;
  const len = b0 < 0x80 ? 1 : b0 < 0xe0 ? 2 : 3;
  const bytes: number[] = [];
  for (let k = 0; k < len; k++) {
    const b = chars[i + k];
    if (b === undefined || b === WILD) return undefined;
    bytes.push(b);
  }
  return Buffer.from(bytes).toString('utf8');
}

function utf8Key(s: string): string {
  return Buffer.from(s, 'utf8').toString('hex');
}

/**
 * The characters event-ruler's wildcard parser produces for a glob: UTF-8 bytes of `"` + w + `"`
 * (a lone surrogate encodes as `?`, as in Java), `\*` and `\\` unescaped, `*` as {@link WILD}.
 */
function wildcardChars(w: string): number[] {
  const javaText = w.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '?');
  const bytes = Buffer.from(javaText, 'utf8');
  const out: number[] = [0x22];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    if (b === 0x2a) out.push(WILD);
    else if (b === 0x5c && i + 1 < bytes.length) out.push(bytes[++i] ?? 0);
    else out.push(b);
  }
  out.push(0x22);
  return out;
}

/** Most subsets the walk visits before it stops and reports the highest score seen. */
const MAX_SUBSETS = 10_000;

/**
 * event-ruler's `MachineComplexityEvaluator` score for the wildcard patterns of one field
 * (docs/semantics.md §5): the most wildcard patterns whose matches a worst-case input can keep alive at
 * once, counted per NFA state. AWS rejects rules scoring above 10. Scores from the spec: `"*"` → 2,
 * `"*a*b*"` → 4, `"*:*:*:*:*:event-bus/*"` → 11, the four `"*` `/datasync/*.x"` globs of §5 → 16.
 *
 * @param patterns - The globs on one field, as written (valid per `checkWildcard`). A nested array
 *   is one anything-but wildcard operand list: its values share one pattern, which counts once.
 * @param maxComplexity - Stop and return this as soon as a subset reaches it (event-ruler's cap);
 *   100 by default.
 * @returns The score, at most `maxComplexity`; 0 for no patterns. Identical globs count once.
 *   The walk stops after {@link MAX_SUBSETS} subsets and then returns the highest score seen, a
 *   lower bound; in practice only glob sets scoring far above 10 get there. Pass
 *   `maxComplexity = 11` to decide "above 10" cheaply and exactly.
 */
export function wildcardComplexity(
  patterns: readonly (string | readonly string[])[],
  maxComplexity = 100,
): number {
  const only = patterns[0];
  if (patterns.length === 1 && typeof only === 'string') return singleGlobComplexity(only, maxComplexity);
  const nfa = new WildcardNfa();
  const seen = new Map<string, number>();
  let pid = 0;
  for (const p of patterns) {
    if (typeof p === 'string') {
      if (seen.has(p)) continue;
      seen.set(p, pid);
      nfa.add(pid++, wildcardChars(p));
    } else {
      for (const v of p) nfa.add(pid, wildcardChars(v));
      pid++;
    }
  }
  if (pid === 0) return 0;
  return evaluateNfa(nfa, maxComplexity);
}

/**
 * Scores of single globs by {@link shapeKey} (and cap). Bounded: cleared when full, so hostile
 * streams of distinct shapes cost memory at most this many entries.
 */
const singleScores = new Map<string, number>();
const MAX_CACHED_SHAPES = 10_000;
const ordinals = new Int16Array(256).fill(-1);

/**
 * The shape of one glob's characters: each byte replaced by the order of its first appearance,
 * `*` kept apart. For a lone pattern the NFA built by {@link WildcardNfa.add} (into an empty NFA,
 * so no state sharing and no case test ever runs) and the subset walk depend only on where the
 * `*`s are and on which bytes are equal, never on the bytes themselves; equal shapes therefore
 * score equally. Globs on a field usually differ only in ids or numbers, so they share a shape.
 */
function shapeKey(chars: readonly number[]): string {
  let key = '';
  let next = 0;
  for (const c of chars) {
    if (c === WILD) {
      key += '\u0000';
      continue;
    }
    let o = ordinals[c] as number;
    if (o < 0) ordinals[c] = o = next++;
    key += String.fromCharCode(o + 1);
  }
  for (const c of chars) if (c !== WILD) ordinals[c] = -1;
  return key;
}

/** Character codes of an {@link asciiShapeKey}, reused between calls. */
const shapeCodes: number[] = [];
/** Longest glob {@link asciiShapeKey} reads. */
const MAX_ASCII_SHAPE = 1024;

/**
 * {@link shapeKey} of {@link wildcardChars}, read straight off a glob of ASCII characters without
 * `\` (its characters are then its bytes between two `"`), or `undefined` for any other glob.
 * Saves the byte buffer and the character array for the usual glob.
 */
function asciiShapeKey(glob: string): string | undefined {
  const n = glob.length;
  // Long globs take the general path (the key is built by one `fromCharCode` call).
  if (n > MAX_ASCII_SHAPE) return undefined;
  const codes = shapeCodes;
  codes.length = 0;
  // The quotes around the glob come first (ordinal 0) and last.
  ordinals[0x22] = 0;
  let next = 1;
  codes.push(1);
  let ok = true;
  for (let i = 0; i < n; i++) {
    const c = glob.charCodeAt(i);
    if (c >= 0x80 || c === 0x5c) {
      ok = false;
      break;
    }
    if (c === 0x2a) {
      codes.push(0);
      continue;
    }
    let o = ordinals[c] as number;
    if (o < 0) ordinals[c] = o = next++;
    codes.push(o + 1);
  }
  ordinals[0x22] = -1;
  for (let i = 0; i < n; i++) {
    const c = glob.charCodeAt(i);
    if (c < 0x80) ordinals[c] = -1;
  }
  if (!ok) return undefined;
  codes.push(1);
  return String.fromCharCode.apply(null, codes);
}

/** {@link wildcardComplexity} of one glob, memoised by shape: exact, and cheap for repeated shapes. */
function singleGlobComplexity(glob: string, maxComplexity: number): number {
  let chars: number[] | undefined;
  const shape = asciiShapeKey(glob) ?? shapeKey((chars = wildcardChars(glob)));
  const key = `${maxComplexity}:${shape}`;
  const cached = singleScores.get(key);
  if (cached !== undefined) return cached;
  const nfa = new WildcardNfa();
  nfa.add(0, chars ?? wildcardChars(glob));
  const score = evaluateNfa(nfa, maxComplexity);
  if (singleScores.size >= MAX_CACHED_SHAPES) singleScores.clear();
  singleScores.set(key, score);
  return score;
}

/** event-ruler's evaluation of a built NFA (see {@link wildcardComplexity}). */
function evaluateNfa(nfa: WildcardNfa, maxComplexity: number): number {
  // Patterns reachable from each target. Edges only lead to newer states (or back to the same
  // state), so one pass from the newest state to the oldest settles every set. Sets are shared,
  // never mutated once built: a state on a plain chain reuses its successor's set.
  const reach = new Map<number, ReadonlySet<number>>();
  const targetReach = new Map<number, ReadonlySet<number>>();
  const none: ReadonlySet<number> = new Set();
  const reachOf = (t: Target): ReadonlySet<number> => {
    const fromState = t.state === undefined ? none : (reach.get(t.state.id) ?? none);
    if (t.match === undefined) return fromState;
    let s = targetReach.get(t.id);
    if (s === undefined) {
      const grown = new Set(fromState);
      grown.add(t.match);
      targetReach.set(t.id, (s = grown));
    }
    return s;
  };
  for (let k = nfa.states.length - 1; k >= 0; k--) {
    const st = nfa.states[k];
    if (st === undefined) continue;
    const next = outgoing(st).filter((t) => t !== st);
    const only = next[0];
    if (next.length === 1 && only !== undefined) {
      reach.set(st.id, reachOf(only));
      continue;
    }
    const acc = new Set<number>();
    for (const t of next) for (const m of reachOf(t)) acc.add(m);
    reach.set(st.id, acc);
  }
  const weights = new Map<number, number>();
  const weight = (t: Target): number => {
    let w = weights.get(t.id);
    if (w === undefined) {
      w = reachOf(t).size;
      weights.set(t.id, w);
    }
    return w;
  };

  const visited = new Set<string>();
  const queue: Target[][] = subsetTransitions([nfa.start]);
  let best = 0;
  for (let head = 0; head < queue.length && visited.size < MAX_SUBSETS; head++) {
    const subset = queue[head] ?? [];
    const key = subsetKey(subset);
    if (visited.has(key)) continue;
    visited.add(key);
    const members = new Set(subset);
    let size = 0;
    const nextStates = new Set<NfaState>();
    for (const t of subset) {
      size += weight(t);
      if (t.state === undefined) continue;
      nextStates.add(t.state);
      // An input that reaches `foo` also keeps `foo*` alive: count the `*` targets too.
      for (const w of t.state.all) if (!members.has(w)) size += weight(w);
    }
    if (size >= maxComplexity) return maxComplexity;
    if (size > best) best = size;
    if (nextStates.size > 0) for (const s of subsetTransitions([...nextStates])) queue.push(s);
  }
  return best;
}

function outgoing(st: NfaState): Target[] {
  const out = new Set<Target>();
  for (const list of st.bytes.values()) for (const t of list) out.add(t);
  for (const t of st.all) out.add(t);
  return [...out];
}

/** The distinct target sets a set of states moves to, one per group of bytes that behave alike. */
function subsetTransitions(states: readonly NfaState[]): Target[][] {
  const explicit = new Set<number>();
  for (const s of states) for (const b of s.bytes.keys()) explicit.add(b);
  const result = new Map<string, Target[]>();
  const collect = (b: number | undefined): void => {
    const set = new Set<Target>();
    for (const s of states) {
      if (b !== undefined) for (const t of s.bytes.get(b) ?? []) set.add(t);
      for (const t of s.all) set.add(t);
    }
    if (set.size === 0) return;
    const list = [...set];
    result.set(subsetKey(list), list);
  };
  for (const b of explicit) collect(b);
  if (explicit.size < 256) collect(undefined);
  return [...result.values()];
}

function subsetKey(set: readonly Target[]): string {
  return set
    .map((t) => t.id)
    .sort((a, b) => a - b)
    .join(',');
}
