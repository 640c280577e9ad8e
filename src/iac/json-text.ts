/**
 * JSON text of values read from infrastructure files, keeping numbers as written
 * ({@link NumberText}) so a pattern's `300.0` reaches the matcher as `300.0`.
 */

import { NumberText } from './document.js';

/** Told where each member key of an object starts in the text being written, and its path. */
export type KeyListener = (offset: number, path: readonly (string | number)[]) => void;

/**
 * Writes a value as compact JSON text.
 *
 * @param value - A value of a read document, after intrinsics are resolved.
 * @param onKey - Called for each member key, in text order, with its offset and path.
 * @returns Its JSON text.
 */
export function toJsonText(value: unknown, onKey?: KeyListener): string {
  const out: string[] = [];
  let length = 0;
  const emit = (text: string): void => {
    out.push(text);
    length += text.length;
  };
  const write = (item: unknown, path: (string | number)[]): void => {
    if (item instanceof NumberText) emit(item.text);
    else if (item === null || item === undefined) emit('null');
    else if (typeof item === 'number') emit(Number.isFinite(item) ? String(item) : 'null');
    else if (typeof item === 'string' || typeof item === 'boolean') emit(JSON.stringify(item));
    else if (Array.isArray(item)) {
      emit('[');
      item.forEach((element, i) => {
        if (i > 0) emit(',');
        write(element, [...path, i]);
      });
      emit(']');
    } else if (typeof item === 'object') {
      emit('{');
      let first = true;
      for (const [key, member] of Object.entries(item)) {
        if (!first) emit(',');
        first = false;
        onKey?.(length, [...path, key]);
        emit(`${JSON.stringify(key)}:`);
        write(member, [...path, key]);
      }
      emit('}');
    } else emit(JSON.stringify(String(item)));
  };
  write(value, []);
  return out.join('');
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
