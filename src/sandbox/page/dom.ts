/**
 * The few browser APIs the sandbox page uses, typed here so the page can be checked with the
 * project's Node-only compiler settings (no DOM library, which would change the global types of
 * every other file). Only the members the page calls are declared.
 */

/** An element of the page. */
export interface PageElement {
  textContent: string | null;
  hidden: boolean;
  className: string;
  scrollTop: number;
  scrollLeft: number;
  readonly classList: { toggle(name: string, force?: boolean): boolean };
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  addEventListener(type: string, listener: (event: PageEvent) => void): void;
  replaceChildren(...nodes: (PageElement | string)[]): void;
  append(...nodes: (PageElement | string)[]): void;
  focus(): void;
}

/** A form control: text area, select or button. */
export interface FormField extends PageElement {
  value: string;
  disabled: boolean;
}

/** An event passed to a listener. */
export interface PageEvent {
  preventDefault(): void;
}

interface PageDocument {
  getElementById(id: string): PageElement | null;
  createElement(tag: string): PageElement;
}

const doc = (globalThis as unknown as { document: PageDocument }).document;

/**
 * The element with this id.
 *
 * @param id - The id, without `#`.
 * @returns The element.
 * @throws Error when the page has no such element (a mismatch between the HTML and the script).
 */
export function byId<T extends PageElement = PageElement>(id: string): T {
  const element = doc.getElementById(id);
  if (element === null) throw new Error(`sandbox page: no element #${id}`);
  return element as T;
}

/**
 * A new element with optional text and attributes.
 *
 * @param tag - The tag name.
 * @param text - Its text content.
 * @param attributes - Attributes to set.
 * @returns The element (not yet in the page).
 */
export function element(tag: string, text?: string, attributes: Readonly<Record<string, string>> = {}): PageElement {
  const created = doc.createElement(tag);
  if (text !== undefined) created.textContent = text;
  for (const [name, value] of Object.entries(attributes)) created.setAttribute(name, value);
  return created;
}
