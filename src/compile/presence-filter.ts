/**
 * A presence filter for big hash tables: one bit per hash slot, about 8 slots per key, so it is a
 * few kilobytes where the table it guards is megabytes, and it stays in cache across events. A
 * clear bit proves a hash absent; a set bit means "look in the table". Removals leave their bits
 * set (only false positives, never a missed key) until the owner refills the filter.
 */

/** Slot of a hash: its bits mixed, then masked. */
function slot(hash: number, mask: number): number {
  return (hash ^ (hash >>> 15)) & mask;
}

/** See the module comment. The owner supplies the hashes whenever {@link add} or {@link remove} asks for a refill. */
export class PresenceFilter {
  private bits = new Int32Array(1);
  private mask = 31;
  private keys = 0;
  private removed = 0;

  /**
   * Whether a hash may be present. Hot: one load.
   *
   * @param hash - A 32-bit hash.
   * @returns False only if no key with this hash was added since the last refill.
   */
  mayHave(hash: number): boolean {
    const i = slot(hash, this.mask);
    return ((this.bits[i >>> 5] as number) & (1 << (i & 31))) !== 0;
  }

  /**
   * Notes one more key.
   *
   * @param hash - Its hash.
   * @returns Whether the filter is full and the owner must call {@link refill}.
   */
  add(hash: number): boolean {
    this.keys++;
    if (this.keys * 8 > this.mask + 1) return true;
    const i = slot(hash, this.mask);
    this.bits[i >>> 5] = (this.bits[i >>> 5] as number) | (1 << (i & 31));
    return false;
  }

  /**
   * Notes one key fewer (its bit stays set).
   *
   * @returns Whether stale bits have piled up and the owner should call {@link refill}.
   */
  remove(): boolean {
    this.keys--;
    return ++this.removed > this.keys + 64;
  }

  /**
   * Rebuilds the filter from every present key's hash.
   *
   * @param hashes - The hashes of all present keys.
   * @param count - How many there are.
   */
  refill(hashes: Iterable<number>, count: number): void {
    let size = 32;
    while (size < count * 8) size *= 2;
    this.bits = new Int32Array(size >>> 5);
    this.mask = size - 1;
    this.keys = count;
    this.removed = 0;
    for (const h of hashes) {
      const i = slot(h, this.mask);
      this.bits[i >>> 5] = (this.bits[i >>> 5] as number) | (1 << (i & 31));
    }
  }
}
