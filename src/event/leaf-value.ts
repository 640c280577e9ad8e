/**
 * Moved to `values/leaf-value.ts`, below every layer that uses it. This re-export stays only until
 * the last importers (the scanner and the matcher, being rewritten) point there.
 */

export type { LeafValue } from '../values/leaf-value.js';
