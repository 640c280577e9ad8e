/**
 * The scanner's copy of an event text's code units: exactly what `charCodeAt` reads, then zeros,
 * with no code unit of an earlier text showing through; the kept array bounded; and the choice of
 * writer, which must fall back when a runtime's `Buffer` writes anything else.
 */

import { afterEach, describe, expect, test, vi } from 'vitest';
import { bufferWriter, codeUnitsOf, END_PADDING, KEPT_CODE_UNITS, writeByLoop } from '../../src/event/code-units.js';
import type { NodeBufferClass } from '../../src/event/code-units.js';

/** What the copy of `text` must hold: its code units, then {@link END_PADDING} zeros. */
function expected(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) out.push(text.charCodeAt(i));
  for (let i = 0; i < END_PADDING; i++) out.push(0);
  return out;
}

const TEXTS = [
  '',
  '{"a":1}',
  // Code units whose low byte is JSON syntax: a copy of one byte per character would misread them.
  '{"\u0122\u015c\u017b\u0100":"\u0122"}',
  'A\u00e9\u0102\ud83d\ude00\uffff',
  // Lone surrogates are code units like any other.
  '\ud800x\udfff',
];

describe('codeUnitsOf', () => {
  test.each(TEXTS)('should hold the code units of %j followed by zeros', (text) => {
    const units = codeUnitsOf(text);
    expect(Array.from(units.subarray(0, text.length + END_PADDING))).toEqual(expected(text));
  });

  test('should show nothing of a longer text copied before', () => {
    codeUnitsOf(`{"a":"${'x'.repeat(500)}"}`);
    const units = codeUnitsOf('{"a":"xy');
    expect(Array.from(units.subarray(0, 8 + END_PADDING))).toEqual(expected('{"a":"xy'));
  });

  test('should copy ropes and slices as the flat text', () => {
    const flat = `{"k":"${'ab'.repeat(40)}"}`;
    const rope = `{"k":"${'ab'.repeat(20)}` + `${'ab'.repeat(20)}"}`;
    const slice = `xx${flat}yy`.slice(2, -2);
    for (const text of [rope, slice]) {
      expect(Array.from(codeUnitsOf(text).subarray(0, text.length + END_PADDING))).toEqual(expected(flat));
    }
  });

  test('should keep no array longer than KEPT_CODE_UNITS between calls', () => {
    const big = 'y'.repeat(KEPT_CODE_UNITS + 10);
    const once = codeUnitsOf(big);
    expect(once.length).toBeGreaterThanOrEqual(big.length + END_PADDING);
    expect(once[KEPT_CODE_UNITS + 9]).toBe(0x79);
    expect(once[big.length]).toBe(0);
    const next = codeUnitsOf('{}');
    expect(next).not.toBe(once);
    expect(next.length).toBeLessThanOrEqual(KEPT_CODE_UNITS);
    // A text that fits in the bound grows the kept array, up to the bound and no further.
    const fits = codeUnitsOf('z'.repeat(KEPT_CODE_UNITS - END_PADDING));
    expect(fits.length).toBe(KEPT_CODE_UNITS);
    expect(codeUnitsOf('{}')).toBe(fits);
  });
});

describe('bufferWriter', () => {
  /** A `Buffer` class whose views write what `write` returns for each code unit (bytes in order). */
  function fakeBuffer(write: (unit: number) => [number, number], methods: { ucs2Write: boolean; write: boolean }): NodeBufferClass {
    return {
      from(buffer, byteOffset, length) {
        const bytes = new Uint8Array(buffer, byteOffset, length);
        const put = (text: string, offset: number): number => {
          for (let i = 0; i < text.length; i++) [bytes[offset + 2 * i], bytes[offset + 2 * i + 1]] = write(text.charCodeAt(i));
          return 2 * text.length;
        };
        return {
          ...(methods.ucs2Write ? { ucs2Write: put } : {}),
          write: (text: string, offset: number) => {
            if (!methods.write) throw new TypeError('no write');
            return put(text, offset);
          },
        };
      },
    };
  }
  const littleEndian = (u: number): [number, number] => [u & 0xff, u >> 8];
  const bigEndian = (u: number): [number, number] => [u >> 8, u & 0xff];

  test("should use this runtime's Buffer and copy exactly", () => {
    const writer = bufferWriter(Buffer as unknown as NodeBufferClass);
    expect(writer).toBeDefined();
    for (const text of TEXTS) {
      const units = new Uint16Array(text.length);
      writer?.(text, units);
      expect(Array.from(units)).toEqual(expected(text).slice(0, text.length));
    }
  });

  test('should take write(…, "utf16le") where there is no ucs2Write', () => {
    const writer = bufferWriter(fakeBuffer(littleEndian, { ucs2Write: false, write: true }));
    const units = new Uint16Array(3);
    writer?.('a\u0122b', units);
    expect(Array.from(units)).toEqual([0x61, 0x122, 0x62]);
  });

  test('should refuse a Buffer that writes the other byte order, or none at all', () => {
    // On a big-endian machine a Uint16Array reads UTF-16LE bytes swapped: the probe catches it.
    expect(bufferWriter(fakeBuffer(bigEndian, { ucs2Write: true, write: true }))).toBeUndefined();
    expect(bufferWriter(fakeBuffer(littleEndian, { ucs2Write: false, write: false }))).toBeUndefined();
    expect(bufferWriter(undefined)).toBeUndefined();
  });

  test('should have a fallback loop that copies the same', () => {
    for (const text of TEXTS) {
      const units = new Uint16Array(text.length);
      writeByLoop(text, units);
      expect(Array.from(units)).toEqual(expected(text).slice(0, text.length));
    }
  });
});

describe('codeUnitsOf without Buffer (a browser)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  test('should copy by the loop, the same code units', async () => {
    vi.stubGlobal('Buffer', undefined);
    // The module looks for Buffer when it loads: without this, a stub that did not take would leave
    // the test copying through Buffer and passing for the wrong reason.
    expect((globalThis as { Buffer?: unknown }).Buffer).toBeUndefined();
    vi.resetModules();
    const fresh = (await import('../../src/event/code-units.js')) as typeof import('../../src/event/code-units.js');
    for (const text of TEXTS) {
      expect(Array.from(fresh.codeUnitsOf(text).subarray(0, text.length + END_PADDING))).toEqual(expected(text));
    }
  });
});
