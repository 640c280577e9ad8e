/**
 * A compressed (radix) trie over UTF-16 code units that finds every stored key that is a prefix of a
 * given string, or (with `reversed`) every stored key that is a suffix of it. Used for `prefix`,
 * `suffix` and the literal ends of wildcards. Edges carry whole labels, so memory is one node per
 * key plus one per branching point; insertions and removals keep the tree compressed.
 */

/** A node of a {@link RadixTrie}. */
interface RadixNode<T> {
  /** The label of the edge into this node (stored reversed for a suffix trie). */
  label: string;
  /** `label.charCodeAt(0)`, cached for the child search. */
  first: number;
  /** Items whose key ends exactly here. */
  items: T[] | undefined;
  /** Children; the first code unit of each label differs. */
  children: RadixNode<T>[] | undefined;
  /** `children[i].first` for each child, packed, so the child search touches one small array. */
  codes: number[] | undefined;
}

function newNode<T>(label: string): RadixNode<T> {
  return { label, first: label.charCodeAt(0), items: undefined, children: undefined, codes: undefined };
}

function setLabel<T>(node: RadixNode<T>, label: string): void {
  node.label = label;
  node.first = label.charCodeAt(0);
}

/** The child whose label starts with `code` (linear: fan-out is at most the alphabet in use). */
function findChild<T>(node: RadixNode<T>, code: number): RadixNode<T> | undefined {
  const codes = node.codes;
  if (codes === undefined) return undefined;
  for (let i = 0; i < codes.length; i++) if (codes[i] === code) return (node.children as RadixNode<T>[])[i];
  return undefined;
}

/** Recomputes the packed first codes of a node's children. */
function syncCodes<T>(node: RadixNode<T>): void {
  node.codes = node.children?.map((c) => c.first);
}

/**
 * A multiset of `(key, item)` pairs answering "which keys are prefixes (suffixes) of s?".
 *
 * ```
 * keys "ab", "abc", "ax" -> root --a--> [] --b--> [ab] --c--> [abc]
 *                                          \--x--> [ax]
 * ```
 */
export class RadixTrie<T> {
  private readonly root: RadixNode<T> = newNode('');
  private readonly reversed: boolean;
  /** Number of stored pairs. */
  size = 0;

  /** @param reversed - Store keys reversed, so that {@link forEachMatch} finds suffixes. */
  constructor(reversed: boolean) {
    this.reversed = reversed;
  }

  /**
   * Adds one `(key, item)` pair.
   *
   * @param key - The prefix (or suffix) as written.
   * @param item - What a match reports.
   */
  add(key: string, item: T): void {
    const k = this.reversed ? reverse(key) : key;
    let node = this.root;
    let i = 0;
    while (i < k.length) {
      const child = findChild(node, k.charCodeAt(i));
      if (child === undefined) {
        const leaf = newNode<T>(k.slice(i));
        (node.children ??= []).push(leaf);
        syncCodes(node);
        node = leaf;
        i = k.length;
        break;
      }
      const label = child.label;
      let l = 1;
      while (l < label.length && i + l < k.length && label.charCodeAt(l) === k.charCodeAt(i + l)) l++;
      if (l < label.length) {
        // Split the edge: node --label[0,l)--> mid --label[l..)--> child.
        const mid = newNode<T>(label.slice(0, l));
        setLabel(child, label.slice(l));
        mid.children = [child];
        const siblings = node.children as RadixNode<T>[];
        siblings[siblings.indexOf(child)] = mid;
        syncCodes(mid);
        node = mid;
      } else {
        node = child;
      }
      i += l;
    }
    (node.items ??= []).push(item);
    this.size++;
  }

  /**
   * Removes one `(key, item)` pair added before; merges nodes that no longer branch.
   *
   * @param key - The key given to {@link add}.
   * @param which - Picks the item to remove among those filed under `key`.
   * @returns Whether a pair was removed.
   */
  remove(key: string, which: (item: T) => boolean): boolean {
    const k = this.reversed ? reverse(key) : key;
    const path: RadixNode<T>[] = [this.root];
    let node = this.root;
    let i = 0;
    while (i < k.length) {
      const child = findChild(node, k.charCodeAt(i));
      if (child === undefined || !k.startsWith(child.label, i)) return false;
      node = child;
      path.push(node);
      i += child.label.length;
    }
    const items = node.items;
    const at = items === undefined ? -1 : items.findIndex(which);
    if (items === undefined || at < 0) return false;
    items.splice(at, 1);
    if (items.length === 0) node.items = undefined;
    this.size--;
    // Prune upwards: drop empty leaves, merge single-child item-less nodes into their child.
    for (let d = path.length - 1; d > 0; d--) {
      const n = path[d] as RadixNode<T>;
      const parent = path[d - 1] as RadixNode<T>;
      const siblings = parent.children as RadixNode<T>[];
      if (n.items === undefined && n.children === undefined) {
        siblings.splice(siblings.indexOf(n), 1);
        if (siblings.length === 0) parent.children = undefined;
        syncCodes(parent);
        continue;
      }
      if (n.items === undefined && n.children !== undefined && n.children.length === 1) {
        const only = n.children[0] as RadixNode<T>;
        setLabel(only, n.label + only.label);
        siblings[siblings.indexOf(n)] = only;
        syncCodes(parent);
      }
      break;
    }
    return true;
  }

  /**
   * Calls `visit` with the items of every stored key that is a prefix (a suffix, if reversed) of
   * `s`, shortest key first. Hot: no allocation.
   *
   * @param s - The event string.
   * @param visit - Receives the items array of each matching key (do not modify it).
   */
  forEachMatch(s: string, visit: (items: readonly T[]) => void): void {
    let node = this.root;
    if (node.items !== undefined) visit(node.items);
    if (!this.reversed) {
      let i = 0;
      for (;;) {
        const child = findChild(node, s.charCodeAt(i));
        if (child === undefined || !s.startsWith(child.label, i)) return;
        i += child.label.length;
        node = child;
        if (node.items !== undefined) visit(node.items);
      }
    }
    let end = s.length; // characters before `end` are still unmatched
    for (;;) {
      if (end === 0) return;
      const child = findChild(node, s.charCodeAt(end - 1));
      if (child === undefined) return;
      const label = child.label;
      if (label.length > end) return;
      for (let l = 1; l < label.length; l++) {
        if (label.charCodeAt(l) !== s.charCodeAt(end - 1 - l)) return;
      }
      end -= label.length;
      node = child;
      if (node.items !== undefined) visit(node.items);
    }
  }
}

/** Reverses a string by UTF-16 code units (suffix tests compare code units, so pairs need not stay intact). */
export function reverse(s: string): string {
  let out = '';
  for (let i = s.length - 1; i >= 0; i--) out += s[i];
  return out;
}
