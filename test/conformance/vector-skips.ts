/**
 * event-ruler-vectors.jsonl match vectors this project deliberately answers differently, because
 * they record an event-ruler 2.0.1 bug (docs/semantics.md §8, §10). Keyed by 1-based line number; each entry
 * repeats the pattern so a re-ordered fixture file fails loudly instead of skipping the wrong line.
 * Shared by every conformance suite that replays the vectors.
 */

/** A skipped vector: its pattern (as a guard) and why it is skipped. */
export interface SkippedVector {
  readonly pattern: string;
  readonly reason: string;
}

/** Skipped match vectors by line number. */
export const SKIPPED_MATCH_VECTORS: ReadonlyMap<number, SkippedVector> = new Map<number, SkippedVector>([
  [176, { pattern: '{"a":[{"equals-ignore-case":"a😀"}]}', reason: 'Q6: event-ruler handles supplementary characters as lone surrogates; we compare per code point, so "a😀" matches itself' }],
  [177, { pattern: '{"a":[{"equals-ignore-case":"a😀"}]}', reason: 'Q6: event-ruler encodes each lone surrogate as "?", so it matches "A??"; we do not' }],
  [179, { pattern: '{"a":[{"equals-ignore-case":"𐐀"}]}', reason: 'Q6: per code point, Deseret 𐐀 and 𐐨 are case variants; event-ruler\'s surrogate bug misses it' }],
  [333, { pattern: '{"a":[{"cidr":"10.0.0.0/24"}]}', reason: 'Q8: cross-family IP leak (IPv6 "a00::1" inside an IPv4 block); we compare within one family' }],
  [334, { pattern: '{"a":[{"cidr":"10.0.0.0/24"}]}', reason: 'Q8: cross-family IP leak (IPv6 "a00:0:ffff::1" inside an IPv4 block)' }],
  [338, { pattern: '{"a":[{"cidr":"a00::/16"}]}', reason: 'Q8: cross-family IP leak (IPv4 "10.0.0.1" inside an IPv6 block)' }],
  [378, { pattern: '{"a":{"":["x"]}}', reason: 'Q14: event-ruler drops the empty key step of path "a."; we treat empty keys normally' }],
  [380, { pattern: '{"a":["x"]} trailing garbage', reason: 'Q12: text after the pattern is rejected (strict JSON), so there is no verdict' }],
  [390, { pattern: '{"a":["x"]}', reason: 'events are strict JSON too: text after the top-level object ({"a":"x"} {"a":"y"}) is InvalidEventError, not ignored' }],
]);
