/**
 * JSON text of values read from infrastructure files, keeping numbers as written
 * ({@link NumberText}) so a pattern's `300.0` reaches the matcher as `300.0`.
 */

import { NumberText } from './document.js';

/**
 * Writes a value as compact JSON text.
 *
 * @param value - A value of a read document, after intrinsics are resolved.
 * @returns Its JSON text.
 */
export function toJsonText(value: unknown): string {
  if (value instanceof NumberText) return value.text;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (typeof value === 'object') {
    const parts: string[] = [];
    for (const [key, item] of Object.entries(value)) parts.push(`${JSON.stringify(key)}:${toJsonText(item)}`);
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(String(value));
}

/**
 * A scalar's text, as CloudFormation turns values into strings (numbers and booleans as written).
 *
 * @param value - A resolved scalar.
 * @returns Its text, or `undefined` for anything that is not a scalar.
 */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value instanceof NumberText) return value.text;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}
