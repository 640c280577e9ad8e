/**
 * Tells an already-parsed pattern ({@link ParsedPattern}) apart from a pattern object, for the APIs
 * that accept either. The check is structural and complete down to each matcher's `kind`, so an
 * object that merely resembles a parsed pattern goes to `parsePattern`, which rejects it with AWS's
 * message, instead of reaching code that trusts the shape. A valid pattern object can never pass:
 * its `text` member would be a string, and patterns allow only objects and arrays as values.
 */

import type { ParsedPattern } from './ast.js';

/**
 * Whether `pattern` has the shape of a {@link ParsedPattern}: a string `text` and a non-empty
 * `subRules` array whose fields each have a string `path` and a non-empty array of matchers with a
 * string `kind`.
 *
 * @param pattern - Pattern text, a pattern object, or a parsed pattern.
 * @returns `true` for a parsed pattern; `false` for text and for anything `parsePattern` must judge.
 */
export function isParsedPattern(pattern: string | object): pattern is ParsedPattern {
  if (typeof pattern !== 'object' || pattern === null) return false;
  const { subRules, text } = pattern as { subRules?: unknown; text?: unknown };
  return typeof text === 'string' && Array.isArray(subRules) && subRules.length > 0 && subRules.every(isSubRuleShape);
}

function isSubRuleShape(subRule: unknown): boolean {
  const fields = (subRule as { fields?: unknown } | null)?.fields;
  return Array.isArray(fields) && fields.every(isFieldShape);
}

function isFieldShape(field: unknown): boolean {
  const { path, matchers } = (field ?? {}) as { path?: unknown; matchers?: unknown };
  return (
    typeof path === 'string' &&
    Array.isArray(matchers) &&
    matchers.length > 0 &&
    matchers.every((m: unknown) => typeof (m as { kind?: unknown } | null)?.kind === 'string')
  );
}
