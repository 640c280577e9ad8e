/**
 * What the docs samples call once test/docs/samples.ts has rewritten their `// →` comments and
 * `console.log` listings: each call asserts that the sample still produces what the docs say.
 */

import { format } from 'node:util';
import { expect } from 'vitest';

function sorted(value: unknown): unknown {
  return Array.isArray(value) ? [...value].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)) : value;
}

export const docs = {
  /** Asserts `actual` deep-equals the value written after `// →` on sample line `line`. */
  expectValue(actual: unknown, documented: unknown, anyOrder: boolean, line: number): void {
    expect(anyOrder ? sorted(actual) : actual, `value documented on sample line ${line}`).toEqual(anyOrder ? sorted(documented) : documented);
  },
  /** Asserts `console.log(...args)` would print the comment lines ending on sample line `line`. */
  expectPrinted(documented: string, line: number, ...args: unknown[]): void {
    expect(format(...args), `output documented above sample line ${line}`).toBe(documented);
  },
};
