/**
 * One leaf value of an event, as matchers see it. Strings are JavaScript strings (JSON escapes
 * decoded); numbers keep their source text (see {@link JsonNumber}); `true`, `false` and `null` are
 * themselves. Objects and arrays are never leaves (docs/semantics.md §2.2). It lives in `values/`,
 * the ground floor, because the event readers that produce leaves and the indexes and matchers that
 * consume them all stand above it.
 */

import type { JsonNumber } from './json-number.js';

/** A leaf value of an event. A `JsonNumber` is the only object in the union. */
export type LeafValue = string | boolean | null | JsonNumber;
