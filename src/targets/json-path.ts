/**
 * The JSONPath subset EventBridge evaluates in `InputPath` and `InputPathsMap` values: `$`, then
 * dot-notation names (letters, digits, `-`, `_`, `/` and any other character but `.`, `[` and `]`),
 * array indices `[0]`, and the wildcards `.*` and `[*]`. AWS's user guide lists exactly these
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html: "dot
 * notation, dashes, underscores, alphanumeric characters, array indices, wildcards, forward
 * slashes"). Bracket notation for names (`$['detail']`) is not part of it: the API reference says
 * "You must use JSON dot notation, not bracket notation."
 */

import { memberOf } from './json-spans.js';
import type { SpanNode } from './json-spans.js';

/** One step of a path. */
export type PathStep =
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'wildcard' };

/** A parsed path. `definite` is false when it has a wildcard (it then selects a list). */
export interface JsonPath {
  readonly steps: readonly PathStep[];
  readonly definite: boolean;
}

/**
 * Parses a path of the supported subset.
 *
 * @param path - For example `$.detail.items[0].id`.
 * @returns The parsed path, or `undefined` when the text is outside the subset.
 */
export function parseJsonPath(path: string): JsonPath | undefined {
  if (!path.startsWith('$')) return undefined;
  const steps: PathStep[] = [];
  let definite = true;
  let i = 1;
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      let j = i + 1;
      while (j < path.length && path[j] !== '.' && path[j] !== '[' && path[j] !== ']') j++;
      const name = path.slice(i + 1, j);
      if (name === '') return undefined;
      if (name === '*') {
        steps.push({ kind: 'wildcard' });
        definite = false;
      } else {
        steps.push({ kind: 'name', name });
      }
      i = j;
    } else if (c === '[') {
      const close = path.indexOf(']', i);
      if (close < 0) return undefined;
      const inside = path.slice(i + 1, close);
      if (inside === '*') {
        steps.push({ kind: 'wildcard' });
        definite = false;
      } else if (/^(0|[1-9][0-9]{0,8})$/.test(inside)) {
        steps.push({ kind: 'index', index: Number(inside) });
      } else {
        return undefined;
      }
      i = close + 1;
    } else {
      return undefined;
    }
  }
  return { steps, definite };
}

/**
 * Evaluates a path against an event.
 *
 * @param root - The event's root value.
 * @param path - A parsed path.
 * @returns Every value the path selects, in document order (at most one for a definite path).
 */
export function selectJsonPath(root: SpanNode, path: JsonPath): SpanNode[] {
  let current: SpanNode[] = [root];
  for (const step of path.steps) {
    const next: SpanNode[] = [];
    for (const node of current) {
      if (step.kind === 'name') {
        if (node.kind !== 'object') continue;
        const value = memberOf(node, step.name);
        if (value !== undefined) next.push(value);
      } else if (step.kind === 'index') {
        if (node.kind !== 'array') continue;
        const value = node.items[step.index];
        if (value !== undefined) next.push(value);
      } else if (node.kind === 'object') {
        for (const [, value] of node.members) next.push(value);
      } else if (node.kind === 'array') {
        next.push(...node.items);
      }
    }
    current = next;
  }
  return current;
}
