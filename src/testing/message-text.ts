/**
 * Small helpers the matchers share (./expect.ts, ./rule-matchers.ts and ./deliver.ts): turning what
 * a test hands a matcher into the library's input, and indenting explanations in failure messages.
 */

/**
 * Patterns and events are text or objects; anything else (a number, `null`, `undefined`) is judged by
 * its JSON text, as AWS would see it, so the library rejects it with its usual message.
 *
 * @param value - What the test passed.
 * @returns The value itself when it is text or an object, else its JSON text.
 */
export function asJsonInput(value: unknown): string | object {
  if (typeof value === 'string' || (typeof value === 'object' && value !== null)) return value;
  return JSON.stringify(value) ?? String(value);
}

/**
 * {@link asJsonInput} as text, for inputs the library takes only as JSON text.
 *
 * @param value - What the test passed.
 * @returns Text itself, else the value's JSON text (`String(value)` for `undefined`).
 */
export function asJsonText(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
}

/**
 * Indents every non-empty line by two spaces, for text nested in a failure message.
 *
 * @param text - Lines separated by `\n`.
 * @returns The indented text.
 */
export function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? line : `  ${line}`))
    .join('\n');
}
