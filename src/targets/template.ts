/**
 * Reads an `InputTemplate` into literal text and placeholders. A placeholder is `<name>` where the
 * name has no whitespace, quote or angle bracket (AWS: "The characters < and > can't be escaped").
 * A template whose first non-whitespace character is `{` or `[` is a JSON template: for each of its
 * placeholders the reader notes whether it stands inside a JSON string (`"users/<id>"`) or in
 * value position (`{"id": <id>}`), which decides how the value is written. Any other template is a
 * text template, written as it is with values put in.
 */

/** A part of a template. */
export type TemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'placeholder'; readonly name: string; readonly inString: boolean };

/** A read template. */
export interface Template {
  /** `json` when the template starts with `{` or `[` (after whitespace), else `text`. */
  readonly kind: 'json' | 'text';
  readonly parts: readonly TemplatePart[];
}

const PLACEHOLDER = /<([^<>\s"]+)>/y;

/**
 * Splits a template into text and placeholders.
 *
 * @param template - The `InputTemplate`.
 * @returns Its kind and parts, in order.
 */
export function readTemplate(template: string): Template {
  const first = template.trimStart()[0];
  const kind = first === '{' || first === '[' ? 'json' : 'text';
  const parts: TemplatePart[] = [];
  let inString = false;
  let textStart = 0;
  let i = 0;
  while (i < template.length) {
    const c = template[i];
    if (c === '\\' && inString) {
      i += 2;
      continue;
    }
    if (c === '"') {
      inString = !inString;
      i++;
      continue;
    }
    if (c === '<') {
      PLACEHOLDER.lastIndex = i;
      const m = PLACEHOLDER.exec(template);
      if (m !== null) {
        if (i > textStart) parts.push({ kind: 'text', text: template.slice(textStart, i) });
        parts.push({ kind: 'placeholder', name: m[1] as string, inString: kind === 'text' || inString });
        i += m[0].length;
        textStart = i;
        continue;
      }
    }
    i++;
  }
  if (textStart < template.length) parts.push({ kind: 'text', text: template.slice(textStart) });
  return { kind, parts };
}

/**
 * The names of the placeholders of a template, in order of first use.
 *
 * @param template - The `InputTemplate`.
 * @returns Distinct placeholder names.
 */
export function placeholderNames(template: string): string[] {
  const names: string[] = [];
  for (const part of readTemplate(template).parts) {
    if (part.kind === 'placeholder' && !names.includes(part.name)) names.push(part.name);
  }
  return names;
}
