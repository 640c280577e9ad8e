/**
 * An event text's UTF-16 code units, copied into a reused `Uint16Array` for the scanner's character
 * loops. V8 reads an element of a typed array in a few instructions, while every `charCodeAt` call
 * first works out how its string is held (flat or a rope or a slice, one or two bytes a character);
 * the scanner reads most characters of what rules read one at a time, and over the same text a loop
 * on the copy runs in about half the time of a `charCodeAt` loop, the copy included. Design note
 * 016 gives the figures.
 *
 * The copy is made natively where the runtime has Node's `Buffer` (its UTF-16 writer, checked once
 * at load to write what `charCodeAt` reads), and by a JavaScript loop elsewhere.
 */

/**
 * Code units of 0 written after the text. Past the end the scanner reads these, which no JSON token
 * contains (a NUL is invalid anywhere in JSON text), so every loop stops at the end of the text as it
 * would at any invalid character, and none reads a code unit of an earlier, longer text.
 */
export const END_PADDING = 8;

/**
 * The largest array kept between calls, in code units (2 MiB). A longer text gets an array of its
 * own that is dropped after its scan.
 */
export const KEPT_CODE_UNITS = 1 << 20;

/** The part of Node's `Buffer` used here. */
export interface NodeBuffer {
  ucs2Write?(text: string, offset: number): number;
  write(text: string, offset: number, encoding: string): number;
}

/** Node's `Buffer` class, as far as used here. */
export interface NodeBufferClass {
  from(buffer: ArrayBuffer, byteOffset: number, length: number): NodeBuffer;
}

/** Writes `text` into `units` from index 0 (the array holds at least `text.length` code units). */
export type Writer = (text: string, units: Uint16Array) => void;

/** Copies a text one `charCodeAt` at a time: where there is no `Buffer`, or it writes otherwise. */
export function writeByLoop(text: string, units: Uint16Array): void {
  for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
}

/**
 * A writer through Node's `Buffer` when one writes exactly the code units `charCodeAt` reads (UTF-16
 * in the machine's byte order: on a big-endian machine none does). Prefers the `ucs2Write` method
 * behind `write(text, offset, 'utf16le')`, which spares `write`'s argument handling (with `write`,
 * CityLots EXACT matched 0.95× as fast); each is tried on a probe text at load, and the first that
 * copies it exactly is used.
 *
 * @param NodeBuffer - The runtime's `Buffer` class, if any.
 * @returns A writer, or `undefined` when there is no `Buffer` or neither method writes the probe.
 */
export function bufferWriter(NodeBuffer: NodeBufferClass | undefined): Writer | undefined {
  if (NodeBuffer === undefined || typeof NodeBuffer.from !== 'function') return undefined;
  // The kept array's Buffer view is kept with it, so that a copy is one native call. An array for
  // one long text gets a view of its own, kept by nothing.
  let viewed: Uint16Array | undefined;
  let view: NodeBuffer | undefined;
  const viewOf = (units: Uint16Array): NodeBuffer => {
    if (viewed === units && view !== undefined) return view;
    const fresh = NodeBuffer.from(units.buffer as ArrayBuffer, units.byteOffset, units.byteLength);
    if (units.length <= KEPT_CODE_UNITS) {
      viewed = units;
      view = fresh;
    }
    return fresh;
  };
  const writers: Writer[] = [
    (text, units) => {
      (viewOf(units) as Required<NodeBuffer>).ucs2Write(text, 0);
    },
    (text, units) => {
      viewOf(units).write(text, 0, 'utf16le');
    },
  ];
  const probe = 'A\u00e9\u0102\ud83d\ude00\uffff';
  const sample = new Uint16Array(probe.length);
  for (const writer of writers) {
    try {
      sample.fill(0);
      writer(probe, sample);
      let same = true;
      for (let i = 0; i < probe.length; i++) if (sample[i] !== probe.charCodeAt(i)) same = false;
      if (same) return writer;
    } catch {
      // This runtime's Buffer lacks the method: try the next.
    }
  }
  return undefined;
}

const write: Writer = bufferWriter((globalThis as { Buffer?: NodeBufferClass }).Buffer) ?? writeByLoop;

/** The kept array (at most {@link KEPT_CODE_UNITS} code units). */
let kept = new Uint16Array(4096);

/**
 * The code units of `text`, followed by {@link END_PADDING} zeros, in an array reused by the next
 * call (read it before calling again; the array may be longer than that).
 *
 * @param text - Any string.
 * @returns An array whose first `text.length` elements are `text.charCodeAt(0)`, ... and whose next
 *   {@link END_PADDING} elements are 0.
 */
export function codeUnitsOf(text: string): Uint16Array {
  const n = text.length;
  const needed = n + END_PADDING;
  let units = kept;
  if (needed > units.length) {
    if (needed <= KEPT_CODE_UNITS) {
      kept = new Uint16Array(Math.min(KEPT_CODE_UNITS, Math.max(needed, 2 * units.length)));
      units = kept;
    } else {
      units = new Uint16Array(needed);
    }
  }
  write(text, units);
  for (let i = n; i < needed; i++) units[i] = 0;
  return units;
}
