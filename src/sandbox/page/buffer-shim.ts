/**
 * The page's stand-in for Node's global `Buffer`, injected by scripts/build-sandbox.mjs in place of
 * every use of that global in the bundled library (src/values/wildcard-complexity.ts encodes and
 * decodes UTF-8 with it). Only what the library calls is provided: `Buffer.from` of a string (UTF-8)
 * or of bytes, and `toString('utf8' | 'hex')` of the result, with the platform's TextEncoder and
 * TextDecoder.
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

function withToString(bytes: Uint8Array): Uint8Array {
  bytes.toString = (encoding?: string): string =>
    encoding === 'hex' ? Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('') : decoder.decode(bytes);
  return bytes;
}

/** The subset of Node's `Buffer` the bundled library uses. */
export const Buffer = {
  /**
   * Bytes of a string (as UTF-8) or of a list of byte values.
   *
   * @param input - The string or the bytes.
   * @returns The bytes, whose `toString` decodes them as UTF-8 or writes them as hex.
   */
  from(input: string | readonly number[]): Uint8Array {
    return withToString(typeof input === 'string' ? encoder.encode(input) : Uint8Array.from(input));
  },
};
