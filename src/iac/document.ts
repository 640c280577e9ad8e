/**
 * Reads YAML and JSON infrastructure files into plain values, remembering the line of every mapping,
 * sequence and key. Uses the `yaml` package (see docs/design/008-infrastructure-code.md): it accepts
 * CloudFormation's short-form tags as declared custom tags, reports positions, and never runs code.
 *
 * Short forms become their long forms as CloudFormation reads them: `!Ref X` is `{ Ref: "X" }`,
 * `!Condition X` is `{ Condition: "X" }`, `!Sub ...` is `{ "Fn::Sub": ... }` and so on. A number
 * whose written form is not the shortest one (`300.0`, `9007199254740993`) is kept as a
 * {@link NumberText} so the pattern text keeps it as written, as the matcher's number rules need.
 */

import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node as YamlNode, ScalarTag, CollectionTag } from 'yaml';
import { InfrastructureError } from './types.js';

/** A number as written in the file, when that differs from the shortest form of its value. */
export class NumberText {
  /** The text as written: a valid JSON number. */
  readonly text: string;
  readonly value: number;

  constructor(text: string, value: number) {
    this.text = text;
    this.value = value;
  }
}

/** The CloudFormation short-form tags (the `Fn::` prefix is added except for Ref and Condition). */
const shortForms = [
  'Ref',
  'Condition',
  'Sub',
  'GetAtt',
  'Join',
  'If',
  'Select',
  'Split',
  'FindInMap',
  'Equals',
  'And',
  'Or',
  'Not',
  'Base64',
  'Cidr',
  'ImportValue',
  'GetAZs',
  'Transform',
  'Length',
  'ToJsonString',
];

/** Each tag for scalars, sequences and mappings; the values are converted by {@link toValue}, not here. */
const customTags: Array<ScalarTag | CollectionTag> = shortForms.flatMap((name) => [
  { tag: `!${name}`, resolve: (text: string) => text } as ScalarTag,
  { tag: `!${name}`, collection: 'seq', resolve: (node: unknown) => node } as unknown as CollectionTag,
  { tag: `!${name}`, collection: 'map', resolve: (node: unknown) => node } as unknown as CollectionTag,
]);

const jsonNumber = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** Most nodes that aliases may add to one file, so a hostile file (an alias bomb) cannot stall the reader. */
const aliasNodeBudget = 100_000;

/** Conversion state of one file. */
interface ReadState {
  budget: number;
  /** How many aliases deep the conversion is. */
  inAlias: number;
  /** Each alias node's target: the `yaml` package finds it by walking the document. */
  readonly targets: Map<YamlNode, YamlNode | undefined>;
}

/** A read file: its value and the lines of what is in it. */
export class SourceDocument {
  private readonly lines = new WeakMap<object, number>();
  private readonly keyLines = new WeakMap<object, Map<string, number>>();
  /** The top-level value. */
  value: unknown = null;

  /** The file name used in locations. */
  readonly file: string;

  constructor(file: string) {
    this.file = file;
  }

  /**
   * The line an object or array starts at.
   *
   * @param node - A mapping or sequence of this document.
   * @returns Its 1-based line, or 1 when unknown.
   */
  lineOf(node: unknown): number {
    return (typeof node === 'object' && node !== null && this.lines.get(node)) || 1;
  }

  /**
   * The line a key of a mapping is written on.
   *
   * @param map - A mapping of this document.
   * @param key - One of its keys.
   * @returns Its 1-based line; the mapping's own line when the key is unknown.
   */
  keyLine(map: unknown, key: string): number {
    if (typeof map === 'object' && map !== null) {
      const line = this.keyLines.get(map)?.get(key);
      if (line !== undefined) return line;
    }
    return this.lineOf(map);
  }

  /**
   * The line of the deepest key written along a path from a value of this document.
   *
   * @param root - A mapping or sequence of this document.
   * @param path - Keys and indexes from it.
   * @param fallback - The line when not even the first key is there.
   * @returns A 1-based line.
   */
  lineAtPath(root: unknown, path: readonly (string | number)[], fallback: number): number {
    let node: unknown = root;
    let line = fallback;
    for (const part of path) {
      if (typeof node !== 'object' || node === null) break;
      const key = String(part);
      if (!Object.hasOwn(node, key)) break;
      line = Array.isArray(node) ? this.lineOf((node as unknown[])[part as number]) : this.keyLine(node, key);
      node = (node as Record<string, unknown>)[key];
    }
    return line;
  }

  /** @internal */
  record(node: object, line: number, keys?: Map<string, number>): void {
    this.lines.set(node, line);
    if (keys !== undefined) this.keyLines.set(node, keys);
  }
}

/**
 * Parses YAML or JSON text.
 *
 * @param text - The file's content.
 * @param file - The name for locations and messages.
 * @returns The document.
 * @throws {@link InfrastructureError} for a syntax error, an unknown tag or a file too large to expand.
 */
export function readDocument(text: string, file: string): SourceDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    customTags,
    lineCounter,
    uniqueKeys: false,
    prettyErrors: false,
  });
  const first = doc.errors[0];
  if (first !== undefined) {
    const line = lineCounter.linePos(first.pos[0]).line;
    throw new InfrastructureError(`not valid YAML or JSON: ${firstLine(first.message)}`, { file, line });
  }
  const unknownTag = doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (unknownTag !== undefined) {
    const line = lineCounter.linePos(unknownTag.pos[0]).line;
    throw new InfrastructureError(`unknown tag: ${firstLine(unknownTag.message)}`, { file, line });
  }
  const out = new SourceDocument(file);
  const state: ReadState = { budget: aliasNodeBudget, inAlias: 0, targets: new Map() };
  out.value = doc.contents === null ? null : toValue(doc.contents as YamlNode, doc, lineCounter, out, state);
  return out;
}

function firstLine(message: string): string {
  const cut = message.indexOf('\n');
  return (cut === -1 ? message : message.slice(0, cut)).replace(/ at line \d+, column \d+:?$/, '');
}

function lineAt(node: { range?: readonly number[] | null }, lines: LineCounter): number {
  const start = node.range?.[0];
  return start === undefined ? 1 : lines.linePos(start).line;
}

function toValue(node: YamlNode, doc: Document, lines: LineCounter, out: SourceDocument, state: ReadState): unknown {
  if (state.inAlias > 0 && --state.budget < 0) {
    throw new InfrastructureError('the file expands to too many values (aliases)', { file: out.file, line: lineAt(node, lines) });
  }
  if (isAlias(node)) {
    if (!state.targets.has(node)) state.targets.set(node, node.resolve(doc) as YamlNode | undefined);
    const resolved = state.targets.get(node);
    if (resolved === undefined) {
      throw new InfrastructureError(`unknown alias *${node.source}`, { file: out.file, line: lineAt(node, lines) });
    }
    state.inAlias++;
    try {
      return toValue(resolved, doc, lines, out, state);
    } finally {
      state.inAlias--;
    }
  }
  const target: YamlNode = node;
  let value: unknown;
  if (isMap(target)) {
    const map: Record<string, unknown> = {};
    const keys = new Map<string, number>();
    for (const pair of target.items) {
      const keyNode = pair.key as YamlNode | null;
      const key = keyNode === null ? '' : String(isScalar(keyNode) ? keyNode.value : toValue(keyNode, doc, lines, out, state));
      const item = pair.value === null ? null : toValue(pair.value as YamlNode, doc, lines, out, state);
      if (key === '<<' && keyNode !== null && isScalar(keyNode) && keyNode.source === '<<') {
        // YAML merge keys: the merged mappings fill keys not written here.
        for (const source of Array.isArray(item) ? item : [item]) {
          if (typeof source === 'object' && source !== null) {
            for (const [k, v] of Object.entries(source)) if (!Object.hasOwn(map, k)) defineKey(map, k, v);
          }
        }
        continue;
      }
      defineKey(map, key, item);
      keys.set(key, keyNode === null ? lineAt(pair as never, lines) : lineAt(keyNode, lines));
    }
    out.record(map, lineAt(target, lines), keys);
    value = map;
  } else if (isSeq(target)) {
    const list = target.items.map((item) => (item === null ? null : toValue(item as YamlNode, doc, lines, out, state)));
    out.record(list, lineAt(target, lines));
    value = list;
  } else if (isScalar(target)) {
    value = target.value;
    if (typeof value === 'number') {
      const text = (target as { source?: unknown }).source;
      if (typeof text === 'string' && jsonNumber.test(text) && text !== String(value)) value = new NumberText(text, value);
    } else if (typeof value === 'bigint') {
      value = Number(value);
    } else if (value instanceof Date) {
      // YAML 1.1 timestamps are not CloudFormation values: keep the text.
      value = String((target as { source?: unknown }).source ?? value.toISOString());
    }
  } else {
    value = null;
  }
  const tag = target.tag;
  if (typeof tag === 'string' && tag.startsWith('!') && !tag.startsWith('!!')) {
    const name = tag.slice(1);
    if (shortForms.includes(name)) {
      const long = name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
      const wrapped: Record<string, unknown> = {};
      defineKey(wrapped, long, value);
      out.record(wrapped, lineAt(target, lines), new Map([[long, lineAt(target, lines)]]));
      value = wrapped;
    }
  }
  return value;
}

/** Sets a key without ever touching a prototype (`__proto__` is an ordinary key here). */
function defineKey(map: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
}
