/**
 * Loaders for the vendored conformance fixtures (test/fixtures/, see its README.md), shared by the
 * conformance tests of the reference evaluator.
 */

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** One TestEventPattern case recorded against AWS (aws-patterns.json). */
export interface AwsPatternCase {
  readonly name: string;
  readonly patternText: string;
  readonly eventText: string;
  readonly expect: 'match' | 'no-match' | 'error';
}

/** One `PutRule+PutEvents` case of aws-extra.json. */
export interface PutEventsCase {
  readonly name: string;
  readonly kind: string;
  readonly pattern: object;
  readonly event: Record<string, unknown>;
  readonly putEventsEntry: { readonly Detail?: string };
  readonly expect: string;
}

/** One `kind:"match"` line of event-ruler-vectors.jsonl, with its 1-based line number. */
export interface MatchVector {
  readonly line: number;
  readonly pattern: string;
  readonly event: string;
  /** The array-consistent verdict; absent when event-ruler rejected the event (`eventError`). */
  readonly match: boolean | undefined;
  /** event-ruler's message when it rejected the event. */
  readonly eventError: string | undefined;
  readonly note: string;
}

function readJson(name: string): unknown {
  return JSON.parse(readFileSync(FIXTURES + name, 'utf8'));
}

/** @returns Every case of aws-patterns.json. */
export function loadAwsPatterns(): AwsPatternCase[] {
  return readJson('aws-patterns.json') as AwsPatternCase[];
}

/** @returns The `PutRule+PutEvents` cases of aws-extra.json. */
export function loadPutEventsCases(): PutEventsCase[] {
  return (readJson('aws-extra.json') as PutEventsCase[]).filter((c) => c.kind === 'PutRule+PutEvents');
}

/** @returns The match vectors of event-ruler-vectors.jsonl. */
export function loadMatchVectors(): MatchVector[] {
  const lines = readFileSync(FIXTURES + 'event-ruler-vectors.jsonl', 'utf8').split('\n');
  const vectors: MatchVector[] = [];
  lines.forEach((text, i) => {
    if (text.trim() === '') return;
    const v = JSON.parse(text) as { kind: string; pattern: string; event: string; match?: boolean; eventError?: string; note?: string };
    if (v.kind !== 'match') return;
    vectors.push({ line: i + 1, pattern: v.pattern, event: v.event, match: v.match, eventError: v.eventError, note: v.note ?? '' });
  });
  return vectors;
}

/**
 * The event a PutEvents case delivered, as JSON text: the envelope with the entry's `Detail` text
 * spliced in verbatim, so number spellings and duplicate keys of the detail survive.
 *
 * @param c - A PutRule+PutEvents case.
 * @returns The event text.
 */
export function putEventsEventText(c: PutEventsCase): string {
  const detail = c.putEventsEntry.Detail;
  if (detail === undefined) return JSON.stringify(c.event);
  const placeholder = '\u0000detail\u0000';
  return JSON.stringify({ ...c.event, detail: placeholder }).replace(JSON.stringify(placeholder), () => detail);
}
