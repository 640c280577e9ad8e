/**
 * Records keyed by name and listed in name order: the store behind the list operations of buses,
 * rules, archives, replays, connections and API destinations. The sorted name list is built at
 * most once per change (on the first listing after an add or a delete), so the sorting for paging
 * through N records costs O(N log N) once, not once per page; a prefix is a contiguous run of the
 * sorted list, found by binary search. (Lists filtered by more than a prefix, such as ListArchives,
 * still pass over the run once per page.)
 */

/** Anything stored by name. */
export interface Named {
  readonly name: string;
}

/**
 * A `Map` from name to record that also lists records in name order (UTF-16 code-unit order, as
 * the `<` operator compares strings).
 */
export class NamedRecords<T extends Named> {
  private readonly byName = new Map<string, T>();
  /** The names in order, or `undefined` after a change until the next listing. */
  private sorted: string[] | undefined = [];

  /** Number of records. */
  get size(): number {
    return this.byName.size;
  }

  /**
   * @param name - A record's name.
   * @returns The record, or `undefined`.
   */
  get(name: string): T | undefined {
    return this.byName.get(name);
  }

  /**
   * @param name - A record's name.
   * @returns Whether a record of that name exists.
   */
  has(name: string): boolean {
    return this.byName.has(name);
  }

  /**
   * Adds a record, or replaces the one of the same name (the order is unchanged by a replacement).
   *
   * @param record - The record.
   */
  set(record: T): void {
    if (!this.byName.has(record.name)) this.sorted = undefined;
    this.byName.set(record.name, record);
  }

  /**
   * Removes a record.
   *
   * @param name - Its name.
   * @returns Whether there was one.
   */
  delete(name: string): boolean {
    const had = this.byName.delete(name);
    if (had) this.sorted = undefined;
    return had;
  }

  /** @returns The records in insertion order. */
  values(): IterableIterator<T> {
    return this.byName.values();
  }

  /**
   * The records whose name starts with `prefix`, in name order, from position `start` to `end`
   * (exclusive) of that run.
   *
   * @param prefix - Name prefix; `undefined` or `''` for every record.
   * @returns How many records have the prefix, and a function reading a slice of them.
   */
  withPrefix(prefix: string | undefined): { readonly count: number; slice(start: number, end: number): T[] } {
    const names = this.sortedNames();
    const from = prefix === undefined || prefix === '' ? 0 : lowerBound(names, prefix);
    let to = names.length;
    if (prefix !== undefined && prefix !== '') {
      // Names with the prefix form one run, starting at the first name not less than the prefix.
      to = from < names.length && (names[from] as string).startsWith(prefix) ? gallop(names, prefix, from) : from;
    }
    return {
      count: to - from,
      slice: (start: number, end: number): T[] =>
        names.slice(from + Math.min(start, to - from), from + Math.min(end, to - from)).map((n) => this.byName.get(n) as T),
    };
  }

  private sortedNames(): string[] {
    this.sorted ??= [...this.byName.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return this.sorted;
  }
}

/** First index whose name is not less than `key`. */
function lowerBound(names: readonly string[], key: string): number {
  let lo = 0;
  let hi = names.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((names[mid] as string) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Given that `names[at]` starts with `prefix`, the index just past the run of names that do,
 * searched by doubling steps then bisection, so a run of k names costs O(log k).
 */
function gallop(names: readonly string[], prefix: string, at: number): number {
  let step = 1;
  let good = at;
  while (good + step < names.length && (names[good + step] as string).startsWith(prefix)) {
    good += step;
    step *= 2;
  }
  let lo = good + 1;
  let hi = Math.min(names.length, good + step);
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((names[mid] as string).startsWith(prefix)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
