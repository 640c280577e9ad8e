/**
 * One leaf value of an event, as matchers see it. Strings are JavaScript strings (JSON escapes
 * decoded); numbers keep their source text (see {@link JsonNumber}); `true`, `false` and `null` are
 * themselves. Objects and arrays are never leaves (docs/semantics.md §2.2).
 */

import type { JsonNumber } from '../values/json-number.js';

/** A leaf value of an event. A `JsonNumber` is the only object in the union. */
export type LeafValue = string | boolean | null | JsonNumber;
