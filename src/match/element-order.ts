/**
 * Small pieces the array walk (`array-walk.ts`) relies on: which paths an array of objects can
 * hold, in path order, and sorts of element ids. Pure functions, no state.
 */

/** Sorts positions `[from, to)` of `ctx` ascending, carrying `ids` along (stable: ties keep order). */
export function sortByContext(ctx: Int32Array, ids: Int32Array, from: number, to: number): void {
  const order = Array.from({ length: to - from }, (_, i) => from + i);
  order.sort((a, b) => (ctx[a] as number) - (ctx[b] as number) || a - b);
  const c = order.map((i) => ctx[i] as number);
  const d = order.map((i) => ids[i] as number);
  for (let i = 0; i < c.length; i++) {
    ctx[from + i] = c[i] as number;
    ids[from + i] = d[i] as number;
  }
}

/** Two ascending lists merged, without repeats. */
export function mergeAscending(a: readonly number[], b: readonly number[]): number[] {
  const merged: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? (a[i] as number) : 0x7fffffff;
    const y = j < b.length ? (b[j] as number) : 0x7fffffff;
    merged.push(x < y ? x : y);
    if (x <= y) i++;
    if (y <= x) j++;
  }
  return merged;
}

/**
 * Whether an array at path `q` can hold an occurrence of path `p`: `p` is `q` or starts with `q.`.
 */
export function holds(q: string, p: string): boolean {
  return p.startsWith(q) && (p.length === q.length || p.charCodeAt(q.length) === 0x2e);
}

/**
 * Whether an array at path `q` may hold an occurrence of some path not smaller than `m` (the
 * smallest path still to come): false exactly when `m` sorts after `q` and after every `q.…` path.
 */
export function mayHold(q: string, m: string): boolean {
  const n = Math.min(q.length, m.length);
  for (let i = 0; i < n; i++) {
    const a = m.charCodeAt(i);
    const b = q.charCodeAt(i);
    if (a !== b) return a < b;
  }
  // One is a prefix of the other.
  if (m.length <= q.length) return true;
  // m = q + rest: `q.…` paths may still come unless rest sorts after ".".
  return m.charCodeAt(q.length) <= 0x2e;
}

/** Sorts the first `n` numbers of `a`, read as (start, end) pairs, by start (insertion sort: few pairs). */
export function sortPairs(a: Int32Array, n: number): void {
  for (let i = 2; i < n; i += 2) {
    const lo = a[i] as number;
    const hi = a[i + 1] as number;
    let j = i - 2;
    while (j >= 0 && (a[j] as number) > lo) {
      a[j + 2] = a[j] as number;
      a[j + 3] = a[j + 1] as number;
      j -= 2;
    }
    a[j + 2] = lo;
    a[j + 3] = hi;
  }
}
