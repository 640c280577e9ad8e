/**
 * Canonical keys for leaf matchers: two matchers with the same key have the same semantics, so
 * conditions built from them can be shared in the rule trie, and index entries can be named.
 */

import type { LeafMatcher } from '../pattern/ast.js';

/**
 * A canonical, unambiguous key for one leaf matcher: equal keys mean equal semantics.
 *
 * @param m - The matcher.
 * @returns Its key.
 */
export function matcherKey(m: LeafMatcher): string {
  switch (m.kind) {
    case 'exact':
    case 'exactly':
    case 'wildcard':
    case 'equals-ignore-case':
      return `${m.kind}${JSON.stringify(m.value)}`;
    case 'prefix':
    case 'suffix':
      return `${m.kind}${m.ignoreCase ? 'i' : ''}${JSON.stringify(m.value)}`;
    case 'number':
      return `number${JSON.stringify(m.number.text)}`;
    case 'literal':
      return `literal${String(m.value)}`;
    case 'numeric':
      return `numeric${m.lowerInclusive ? '[' : '('}${String(m.lower)},${String(m.upper)}${m.upperInclusive ? ']' : ')'}`;
    case 'exists':
      return `exists${String(m.value)}`;
    case 'cidr': {
      const range = m.range;
      return `cidr${range.family}:${range.low}-${range.high}`;
    }
    case 'anything-but':
      return `anything-but-${m.type}${JSON.stringify(m.values.map((v) => (typeof v === 'string' ? v : v.text)))}`;
  }
}

