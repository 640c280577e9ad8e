/**
 * Flattens an event into leaf occurrences `(path, value, coordinates)` (docs/semantics.md §2.2, §2.5): paths
 * join object keys with `.`, arrays are transparent, empty arrays and objects yield nothing, and each
 * occurrence records `(arrayId, index)` for every enclosing array element that is itself an object or
 * array (scalar elements add none). Iterative, so nesting depth is unbounded.
 *
 * ```
 * {"a":[{"b":1,"c":[2,3]},{"b":4}],"d":"x"}
 *   a.b = 1  coords [(0,0)]       a.c = 2  coords [(0,0)]       a.c = 3  coords [(0,0)]
 *   a.b = 4  coords [(0,1)]       d   = "x" coords []            arrays: 0 -> "a", 1 -> "a.c"
 * ```
 */

import type { LeafValue } from '../values/leaf-value.js';
import { isEventObject, parseEvent } from './parse-event.js';
import type { EventArray, EventObject, EventValue } from './parse-event.js';

/** One enclosing array element of an occurrence: which array (by id) and which element of it. */
export interface Coordinate {
  /** The array's id, unique within one flattened event; see {@link FlatEvent.arrayPaths}. */
  readonly array: number;
  /** The 0-based index of the element that contains the occurrence. */
  readonly index: number;
}

/**
 * One leaf of the event. `coords` lists, outermost first, the enclosing array elements that are
 * objects or arrays. Occurrences inside the same element share the same `coords` array object, so
 * identity of `coords` means identity of position.
 */
export interface Occurrence {
  readonly path: string;
  readonly value: LeafValue;
  readonly coords: readonly Coordinate[];
}

const NO_COORDS: readonly Coordinate[] = Object.freeze([]);

/** The flattened form of one event, indexed by path. Build it with {@link flattenEvent}. */
export class FlatEvent {
  /** Every leaf occurrence in document order. */
  readonly occurrences: readonly Occurrence[];
  /** Occurrences grouped by path, each group in document order. */
  readonly byPath: ReadonlyMap<string, readonly Occurrence[]>;
  /** The path of each array, indexed by array id (only non-empty arrays get an id). */
  readonly arrayPaths: readonly string[];

  /**
   * @param occurrences - Leaf occurrences in document order.
   * @param arrayPaths - Path of each array id.
   */
  constructor(occurrences: readonly Occurrence[], arrayPaths: readonly string[]) {
    this.occurrences = occurrences;
    this.arrayPaths = arrayPaths;
    const byPath = new Map<string, Occurrence[]>();
    for (const occurrence of occurrences) {
      const group = byPath.get(occurrence.path);
      if (group === undefined) byPath.set(occurrence.path, [occurrence]);
      else group.push(occurrence);
    }
    this.byPath = byPath;
  }

  /**
   * The occurrences at one path.
   *
   * @param path - A dotted field path.
   * @returns The occurrences in document order; empty when the path is absent.
   */
  at(path: string): readonly Occurrence[] {
    return this.byPath.get(path) ?? NO_OCCURRENCES;
  }
}

const NO_OCCURRENCES: readonly Occurrence[] = Object.freeze([]);

/** A persistent list of coordinates, innermost first; `materialized` caches the outermost-first array. */
interface CoordNode {
  readonly coord: Coordinate;
  readonly parent: CoordNode | undefined;
  materialized: readonly Coordinate[] | undefined;
}

/** A container being walked. `path` is `undefined` only for the top-level object. */
interface WalkFrame {
  readonly node: EventObject | EventArray;
  readonly path: string | undefined;
  readonly chain: CoordNode | undefined;
  /** The array's id, or -1 for an object. */
  readonly arrayId: number;
  next: number;
}

/**
 * Flattens an event into its leaf occurrences.
 *
 * @param event - JSON text, an already-parsed object (see `eventFromValue` for how JS values map), or
 *   a {@link FlatEvent}, which is returned unchanged.
 * @returns The flattened event.
 * @throws {@link InvalidEventError} if the event is malformed or not a JSON object.
 */
export function flattenEvent(event: string | object): FlatEvent {
  if (event instanceof FlatEvent) return event;
  return flattenEventObject(parseEvent(event));
}

/**
 * Flattens an already-read event tree.
 *
 * @param root - The event's top-level object, as `parseEvent` returns it.
 * @returns The flattened event.
 */
export function flattenEventObject(root: EventObject): FlatEvent {
  const occurrences: Occurrence[] = [];
  const arrayPaths: string[] = [];
  const stack: WalkFrame[] = [{ node: root, path: undefined, chain: undefined, arrayId: -1, next: 0 }];
  for (;;) {
    const frame = stack[stack.length - 1];
    if (frame === undefined) break;
    let value: EventValue;
    let path: string;
    let chain: CoordNode | undefined;
    if (frame.arrayId < 0) {
      const members = (frame.node as EventObject).members;
      const member = members[frame.next++];
      if (member === undefined) {
        stack.pop();
        continue;
      }
      value = member[1];
      path = frame.path === undefined ? member[0] : `${frame.path}.${member[0]}`;
      chain = frame.chain;
    } else {
      const items = frame.node as EventArray;
      const index = frame.next++;
      if (index >= items.length) {
        stack.pop();
        continue;
      }
      value = items[index] as EventValue;
      path = frame.path as string;
      chain =
        Array.isArray(value) || isEventObject(value)
          ? { coord: { array: frame.arrayId, index }, parent: frame.chain, materialized: undefined }
          : frame.chain;
    }
    if (Array.isArray(value)) {
      const items = value as EventArray;
      if (items.length > 0) {
        stack.push({ node: items, path, chain, arrayId: arrayPaths.length, next: 0 });
        arrayPaths.push(path);
      }
    } else if (isEventObject(value)) {
      if (value.members.length > 0) stack.push({ node: value, path, chain, arrayId: -1, next: 0 });
    } else {
      occurrences.push({ path, value: value as LeafValue, coords: materialize(chain) });
    }
  }
  return new FlatEvent(occurrences, arrayPaths);
}

/** The outermost-first coordinate array of a chain, built once per chain node. */
function materialize(chain: CoordNode | undefined): readonly Coordinate[] {
  if (chain === undefined) return NO_COORDS;
  if (chain.materialized !== undefined) return chain.materialized;
  const coords: Coordinate[] = [];
  for (let c: CoordNode | undefined = chain; c !== undefined; c = c.parent) coords.push(c.coord);
  coords.reverse();
  chain.materialized = coords;
  return coords;
}

/**
 * Whether coordinates agree with a set of bound array positions: for every array both mention, the
 * same element (docs/semantics.md §2.5).
 *
 * @param coords - An occurrence's coordinates.
 * @param bound - Array id to chosen element index.
 * @returns `true` when no array is bound to a different element.
 */
export function isConsistent(coords: readonly Coordinate[], bound: ReadonlyMap<number, number>): boolean {
  for (const c of coords) {
    const index = bound.get(c.array);
    if (index !== undefined && index !== c.index) return false;
  }
  return true;
}

/**
 * A readable location for an occurrence, with the element index of every enclosing array element
 * that is an object or array: `a[1].c` for the `c` inside the second object of array `a`.
 *
 * @param event - The flattened event the occurrence belongs to.
 * @param occurrence - The occurrence.
 * @returns The path with `[i]` inserted after each array's path.
 */
export function describeLocation(event: FlatEvent, occurrence: Occurrence): string {
  let result = occurrence.path;
  let offset = 0;
  for (const c of occurrence.coords) {
    const arrayPath = event.arrayPaths[c.array] ?? '';
    // The array path is a prefix of the occurrence path; earlier insertions shift it by `offset`.
    const at = arrayPath.length + offset;
    const insert = `[${c.index}]`;
    result = result.slice(0, at) + insert + result.slice(at);
    offset += insert.length;
  }
  return result;
}
