/**
 * Maps whose values are buckets: one item stored bare while alone, an array from the second on.
 * Most keys of the compiler's big maps (exact strings, step hashes, condition-key hashes) hold one
 * item, and a bare item costs no array. Items are never arrays themselves.
 */

/**
 * Files `item` under `key`.
 *
 * @param map - The map of buckets.
 * @param key - The key.
 * @param item - The item (not an array).
 */
export function addToBucket<K, V>(map: Map<K, V | V[]>, key: K, item: V): void {
  const had = map.get(key);
  if (had === undefined) map.set(key, item);
  else if (Array.isArray(had)) had.push(item);
  else map.set(key, [had, item]);
}

/**
 * Removes the first item under `key` that `pick` accepts; a bucket left with one item stores it
 * bare again, an emptied key is deleted.
 *
 * @param map - The map of buckets.
 * @param key - The key.
 * @param pick - Chooses the item to remove.
 */
export function removeFromBucket<K, V>(map: Map<K, V | V[]>, key: K, pick: (item: V) => boolean): void {
  const had = map.get(key);
  if (had === undefined) return;
  if (!Array.isArray(had)) {
    if (pick(had)) map.delete(key);
    return;
  }
  const i = had.findIndex(pick);
  if (i >= 0) had.splice(i, 1);
  if (had.length === 1) map.set(key, had[0] as V);
}

/**
 * Appends an item to a list that may not exist yet. A new list is a literal of exact length: a
 * `push` onto `[]` reserves 16 slots, and most of these lists keep one item.
 *
 * @param list - The list, or `undefined`.
 * @param item - The item.
 * @returns The list (`list` itself, or a new one).
 */
export function appendTo<V>(list: V[] | undefined, item: V): V[] {
  if (list === undefined) return [item];
  list.push(item);
  return list;
}
