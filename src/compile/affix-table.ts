/**
 * Finds every stored key that is a prefix of a given string, or (with `reversed`) every stored key
 * that is a suffix of it. Used for `prefix`, `suffix` and the literal ends of wildcards. Keys are
 * hashed by length: one pass over the string's first (last) code units computes the rolling hash
 * of each candidate length, and only the lengths some key has are looked up. A lookup therefore
 * touches at most one hash bucket per distinct key length, however many keys share a length (100,000
 * prefixes of one length cost one probe, where a trie walk chases a pointer per level). Each length
 * also keeps a 32-bit mask of the (low 5 bits of the) key code units at its far end, so a probe
 * whose string has no such code unit there is skipped without touching the big table or its filter.
 * A {@link KeyedItem} filed alone under its key is linked into its chain itself: no bucket object
 * and no key string for it (the many globs filed under a literal end of their own).
 * Invariant: a key has at most one link in its chain (a bucket, or a lone keyed item); a bucket,
 * and a length in `lengths`, exist iff some pair uses them; a bit of `endMasks[k]` is set iff some
 * pair of length `lengths[k]` ends (in probe order) with that class.
 */

import { PresenceFilter } from './presence-filter.js';
import { own } from './strings.js';

/** One key's link in a chain of the slot array: different keys (of any lengths) may share a slot. */
interface Bucket<T> {
  /** The key as written (not reversed). */
  readonly key: string;
  /** Items filed under `key` (a multiset): a lone one bare (items are never arrays themselves). */
  items: T | T[];
  next: Link<T> | undefined;
}

/**
 * An item that can tell its own key, so that filed alone under it, it stands in its chain for a
 * bucket (through {@link KeyedItem.link}). The key is the one the item is filed with: in a
 * reversed table, a suffix.
 */
export abstract class KeyedItem {
  /** The next link of its chain while the item is linked bare; otherwise `undefined`. */
  link: Link<never> | undefined = undefined;
  /**
   * @param reversed - Whether the item is filed in a reversed (suffix) table.
   * @returns The length of its key.
   */
  abstract keyLength(reversed: boolean): number;
  /**
   * @param s - A string at least as long as the key.
   * @param reversed - As for {@link keyLength}.
   * @returns Whether `s` starts (if `reversed`, ends) with the key.
   */
  abstract hasKey(s: string, reversed: boolean): boolean;
  /**
   * @param reversed - As for {@link keyLength}.
   * @returns The key as a string (cold paths only: it may allocate).
   */
  abstract keyText(reversed: boolean): string;
}

/** One link of a chain: a bucket, or a keyed item filed alone under its key. */
type Link<T> = Bucket<T> | KeyedItem;

/** Whether a link is a bare keyed item whose key is `key`. */
function isKeyedLink(b: Link<unknown>, key: string, reversed: boolean): b is KeyedItem {
  return b instanceof KeyedItem && b.keyLength(reversed) === key.length && b.hasKey(key, reversed);
}

/** The link after `b` in its chain. */
function nextOf<T>(b: Link<T>): Link<T> | undefined {
  return b instanceof KeyedItem ? (b.link as Link<T> | undefined) : b.next;
}

/** Tables with at least this many keys get a {@link PresenceFilter}. */
const FILTERED_KEYS = 64;

/** Rolling hash step over one UTF-16 code unit. */
function step(h: number, code: number): number {
  return (Math.imul(h, 31) + code) | 0;
}

/** Fewest chain slots of a table (a power of two). */
const MIN_SLOTS = 8;

function emptySlots<L>(n: number): (L | undefined)[] {
  return new Array<L | undefined>(n).fill(undefined);
}

/** Number of end classes per length (code unit & 31, one bit of a mask each). */
const END_CLASSES = 32;

/**
 * A multiset of `(key, item)` pairs answering "which keys are prefixes (suffixes) of s?": the
 * affixes of a string, found in a hash table keyed by length (not a trie: one probe per distinct
 * key length).
 *
 * ```
 * keys "ab", "abc", "ax" -> lengths [2, 3]; buckets h("ab") -> [ab], h("ax") -> [ax], h("abc") -> [abc]
 * "abcz": hashes of "ab" and "abc" are looked up -> ab, abc
 * ```
 */
export class AffixTable<T> {
  private readonly reversed: boolean;
  /**
   * Chain heads in a power-of-two array, at the top bits of the key hash times the golden ratio
   * (chains compare whole keys, so keys of other hashes in a chain are harmless). Between one and
   * four slots per key (the array doubles past one key a slot and halves below a quarter): 8 to 32
   * bytes a key, where a `Map` entry takes about 37.
   */
  private heads: (Link<T> | undefined)[] = emptySlots(MIN_SLOTS);
  /** `32 - log2(heads.length)`. */
  private shift = 32 - Math.log2(MIN_SLOTS);
  /** Distinct key lengths, ascending, and how many stored pairs have each. */
  private lengths: number[] = [];
  private lengthUses: number[] = [];
  /** Per length: mask of the end classes its pairs use, and the pair count of each class. */
  private endMasks: number[] = [];
  private endUses: Int32Array[] = [];
  /**
   * Presence filter over the keys' hashes once there are many keys: most probes of a string find
   * nothing, and a look at this small bitset spares them a read of the big slot array.
   */
  private filter: PresenceFilter | undefined = undefined;
  /** Number of links (distinct keys: a bucket, or a keyed item filed alone). */
  private keys = 0;
  /** Number of stored pairs. */
  size = 0;

  /** @param reversed - Match keys against the end of strings (suffixes) instead of the start. */
  constructor(reversed: boolean) {
    this.reversed = reversed;
  }

  private hashOf(key: string): number {
    let h = 0;
    const n = key.length;
    if (this.reversed) for (let i = n - 1; i >= 0; i--) h = step(h, key.charCodeAt(i));
    else for (let i = 0; i < n; i++) h = step(h, key.charCodeAt(i));
    return h;
  }

  /** End class of a non-empty key: its last code unit in probe order (first one if reversed), & 31. */
  private endClass(key: string): number {
    return key.charCodeAt(this.reversed ? 0 : key.length - 1) & 31;
  }

  /** The link of `key` in the chain of hash `h`, and the link before it. */
  private find(h: number, key: string): [Link<T> | undefined, Link<T> | undefined] {
    let prev: Link<T> | undefined;
    let b = this.heads[this.slotOf(h)];
    while (b !== undefined && (b instanceof KeyedItem ? !isKeyedLink(b, key, this.reversed) : b.key !== key)) {
      prev = b;
      b = nextOf(b);
    }
    return [b, prev];
  }

  /** Puts `to` in the place of the link after `prev` (or of the head) in the chain of hash `h`. */
  private replace(h: number, prev: Link<T> | undefined, to: Link<T> | undefined): void {
    if (prev === undefined) this.heads[this.slotOf(h)] = to;
    else if (prev instanceof KeyedItem) prev.link = to as Link<never> | undefined;
    else prev.next = to;
  }

  /**
   * Adds one `(key, item)` pair.
   *
   * @param key - The prefix (or suffix) as written. Kept when a new bucket starts with it; a
   *   {@link KeyedItem} filed alone keeps no key, and one that must share its key gets a bucket
   *   with a flat copy of it (so a key sliced from the item's text need not be copied by callers).
   * @param item - What a match reports. A {@link KeyedItem} must have the key `key` and be filed
   *   in one table at a time.
   */
  add(key: string, item: T): void {
    const h = this.hashOf(key);
    const [b, prev] = this.find(h, key);
    if (b instanceof KeyedItem) {
      // A second item under a lone keyed item's key: both go into a bucket in its place.
      const bucket: Bucket<T> = { key: own(key), items: [b as T, item], next: b.link as Link<T> | undefined };
      b.link = undefined;
      this.replace(h, prev, bucket);
    } else if (b !== undefined) {
      const items = b.items;
      if (Array.isArray(items)) items.push(item);
      else b.items = [items, item];
    } else {
      const slot = this.slotOf(h);
      const head = this.heads[slot];
      if (item instanceof KeyedItem) {
        item.link = head as Link<never> | undefined;
        this.heads[slot] = item;
      } else this.heads[slot] = { key, items: item, next: head };
      this.keys++;
      if (this.keys > this.heads.length) this.resize(this.heads.length * 2);
      if (this.filter === undefined ? this.keys >= FILTERED_KEYS : this.filter.add(h)) this.refillFilter();
    }
    const n = key.length;
    let at = 0;
    while (at < this.lengths.length && (this.lengths[at] as number) < n) at++;
    if (this.lengths[at] === n) this.lengthUses[at] = (this.lengthUses[at] as number) + 1;
    else {
      this.lengths.splice(at, 0, n);
      this.lengthUses.splice(at, 0, 1);
      this.endMasks.splice(at, 0, 0);
      this.endUses.splice(at, 0, new Int32Array(END_CLASSES));
    }
    if (n > 0) {
      const c = this.endClass(key);
      const uses = this.endUses[at] as Int32Array;
      uses[c] = (uses[c] as number) + 1;
      this.endMasks[at] = (this.endMasks[at] as number) | (1 << c);
    }
    this.size++;
  }

  /**
   * Removes one `(key, item)` pair added before.
   *
   * @param key - The key given to {@link add}.
   * @param which - Picks the item to remove among those filed under `key`.
   * @returns Whether a pair was removed.
   */
  remove(key: string, which: (item: T) => boolean): boolean {
    const h = this.hashOf(key);
    const [b, prev] = this.find(h, key);
    if (b === undefined) return false;
    let emptied = false;
    if (b instanceof KeyedItem) {
      if (!which(b as T)) return false;
      emptied = true;
    } else if (!Array.isArray(b.items)) {
      const items = b.items;
      if (!which(items)) return false;
      emptied = true;
    } else {
      const items = b.items;
      const at = items.findIndex(which);
      if (at < 0) return false;
      items.splice(at, 1);
      if (items.length === 1) b.items = items[0] as T;
    }
    if (emptied) {
      this.keys--;
      const next = nextOf(b);
      if (b instanceof KeyedItem) b.link = undefined;
      this.replace(h, prev, next);
      if (this.keys < this.heads.length >> 2 && this.heads.length > MIN_SLOTS) this.resize(this.heads.length >> 1);
      if (this.filter?.remove() === true) this.refillFilter();
    }
    const l = this.lengths.indexOf(key.length);
    if (l >= 0) {
      const uses = (this.lengthUses[l] as number) - 1;
      if (uses > 0) {
        this.lengthUses[l] = uses;
        if (key.length > 0) {
          const c = this.endClass(key);
          const ends = this.endUses[l] as Int32Array;
          ends[c] = (ends[c] as number) - 1;
          if (ends[c] === 0) this.endMasks[l] = (this.endMasks[l] as number) & ~(1 << c);
        }
      } else {
        this.lengths.splice(l, 1);
        this.lengthUses.splice(l, 1);
        this.endMasks.splice(l, 1);
        this.endUses.splice(l, 1);
      }
    }
    this.size--;
    return true;
  }

  /** Slot of hash `h` in {@link heads}. */
  private slotOf(h: number): number {
    return Math.imul(h, 0x9e3779b1) >>> this.shift;
  }

  /** The hash of a link's key. */
  private linkHash(b: Link<T>): number {
    return this.hashOf(b instanceof KeyedItem ? b.keyText(this.reversed) : b.key);
  }

  /** Every link, chain by chain. */
  private links(): Link<T>[] {
    const out: Link<T>[] = [];
    for (const head of this.heads) for (let b = head; b !== undefined; b = nextOf(b)) out.push(b);
    return out;
  }

  /** Moves every link into `n` slots (a power of two). */
  private resize(n: number): void {
    const links = this.links();
    this.heads = emptySlots(n);
    this.shift = 32 - Math.log2(n);
    for (const b of links) {
      const slot = this.slotOf(this.linkHash(b));
      const head = this.heads[slot];
      if (b instanceof KeyedItem) b.link = head as Link<never> | undefined;
      else b.next = head;
      this.heads[slot] = b;
    }
  }

  private refillFilter(): void {
    const hashes = this.links().map((b) => this.linkHash(b));
    (this.filter ??= new PresenceFilter()).refill(hashes, hashes.length);
  }

  /**
   * Calls `visit` with the items of every stored key that is a prefix (a suffix, if reversed) of
   * `s`, shortest key first. Hot: no allocation; O(min(|s|, longest key) + distinct key lengths);
   * a length is probed only if `s` has one of its keys' end classes there.
   *
   * @param s - The event string.
   * @param visit - Receives the items of each matching key: one bare, or an array (do not modify it).
   */
  forEachMatch(s: string, visit: (items: T | readonly T[]) => void): void {
    const lengths = this.lengths;
    const count = lengths.length;
    if (count === 0) return;
    const n = s.length;
    let k = 0;
    let h = 0;
    let want = lengths[0] as number;
    if (want === 0) {
      this.probe(0, 0, s, visit);
      if (++k === count) return;
      want = lengths[k] as number;
    }
    if (want > n) return;
    const reversed = this.reversed;
    const endMasks = this.endMasks;
    for (let i = 1; i <= n; i++) {
      const code = s.charCodeAt(reversed ? n - i : i - 1);
      h = step(h, code);
      if (i !== want) continue;
      if (((endMasks[k] as number) & (1 << (code & 31))) !== 0) this.probe(h, i, s, visit);
      if (++k === count) return;
      want = lengths[k] as number;
      if (want > n) return;
    }
  }

  /** Visits the keys of length `len` and hash `h` that really are a prefix (suffix) of `s`. */
  private probe(h: number, len: number, s: string, visit: (items: T | readonly T[]) => void): void {
    if (this.filter !== undefined && !this.filter.mayHave(h)) return;
    for (let b = this.heads[this.slotOf(h)]; b !== undefined; ) {
      if (b instanceof KeyedItem) {
        if (b.keyLength(this.reversed) === len && b.hasKey(s, this.reversed)) visit(b as T);
        b = b.link as Link<T> | undefined;
      } else {
        const key = b.key;
        if (key.length === len && (this.reversed ? s.endsWith(key) : s.startsWith(key))) visit(b.items);
        b = b.next;
      }
    }
  }
}
