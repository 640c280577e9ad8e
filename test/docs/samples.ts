/**
 * Reads the fenced code samples of the README and docs/ and turns them into things a test can run.
 *
 * A fence's info string is `<lang> [no-run <reason>] [result <name>]`:
 * - `ts`/`js` samples become modules. `expr; // → value` asserts the value of `expr` (`(any order)`
 *   after the value sorts both arrays first); a `console.log(...)` line followed by comment lines
 *   asserts the printed text; a `json result <name>` fence right after a sample is the JSON value of
 *   that sample's variable `<name>`.
 * - `sh` lines are checked command by command (see samples.test.ts); `console` blocks are run and
 *   their output compared.
 * - `text` and `json` (without `result`) are listings, not samples.
 * - `no-run <reason>` marks a sample that cannot run here; the reason is required.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One fenced block. */
export interface Sample {
  /** Markdown file, relative to the project root. */
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly lang: string;
  /** The reason after `no-run`, if the sample is marked as not runnable. */
  readonly noRun: string | undefined;
  /** The variable named after `result`, for a JSON listing of a sample's value. */
  readonly result: string | undefined;
  readonly code: string;
}

/**
 * Every markdown file whose samples are tested: README.md and docs/**, without the generated API
 * reference (docs/api/).
 *
 * @param root - Project root.
 * @returns Paths relative to the root, sorted.
 */
export function markdownFiles(root: string): string[] {
  const files = ['README.md'];
  const stack = [join(root, 'docs')];
  while (stack.length > 0) {
    const dir = stack.pop() as string;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (relative(root, path) !== join('docs', 'api')) stack.push(path);
      } else if (entry.name.endsWith('.md')) files.push(relative(root, path));
    }
  }
  return files.sort();
}

/**
 * Extracts the fenced blocks of one markdown text.
 *
 * @param file - Its path, for messages.
 * @param text - The markdown.
 * @returns The blocks in document order.
 */
export function extractSamples(file: string, text: string): Sample[] {
  const lines = text.split('\n');
  const samples: Sample[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})(.*)$/.exec(lines[i] as string);
    if (open === null) continue;
    const fence = open[1] as string;
    const info = (open[2] as string).trim();
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !(lines[j] as string).startsWith(fence)) body.push(lines[j++] as string);
    const lang = info.split(/\s+/)[0] ?? '';
    const noRun = /\bno-run\b\s*(.*)$/.exec(info);
    const result = /\bresult\s+([A-Za-z_$][\w$]*)/.exec(info);
    samples.push({
      file,
      line: i + 1,
      lang,
      noRun: noRun === null ? undefined : (noRun[1] as string).trim(),
      result: result === null ? undefined : (result[1] as string),
      code: body.join('\n'),
    });
    i = j;
  }
  return samples;
}

/** Maps each subpath export of package.json (`./dist/x.js`) to its source file (`src/x.ts`). */
export function packageSpecifiers(root: string): Map<string, string> {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; exports: Record<string, unknown> };
  const map = new Map<string, string>();
  for (const [key, value] of Object.entries(pkg.exports)) {
    const target = pickTarget(value);
    if (target === undefined || !target.startsWith('./dist/') || !target.endsWith('.js')) continue;
    const specifier = key === '.' ? pkg.name : `${pkg.name}/${key.slice(2)}`;
    map.set(specifier, join(root, 'src', target.slice('./dist/'.length).replace(/\.js$/, '.ts')));
  }
  return map;
}

function pickTarget(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object') return undefined;
  const conditions = value as Record<string, unknown>;
  for (const key of ['import', 'default', 'node']) {
    const found = pickTarget(conditions[key]);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Turns a TypeScript/JavaScript sample into a module the test can import.
 *
 * @param code - The sample.
 * @param options - `specifiers` (package specifier → source file), `runtime` (path of the module
 *   exporting `docs`), `replacements` (literal text → text, e.g. the endpoint URL), `result` (a
 *   variable to export as `__docsResult`).
 * @returns The module text.
 */
export function toModule(
  code: string,
  options: { specifiers: Map<string, string>; runtime: string; replacements: ReadonlyMap<string, string>; result: string | undefined },
): string {
  let text = code;
  for (const [from, to] of options.replacements) text = text.split(from).join(to);
  text = text.replace(/(from\s+|import\s+)'([^']+)'/g, (whole, lead: string, spec: string) => {
    const file = options.specifiers.get(spec);
    return file === undefined ? whole : `${lead}${JSON.stringify(file)}`;
  });
  const lines = text.split('\n');
  const out: string[] = [`import { docs as __docs } from ${JSON.stringify(options.runtime)};`];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const value = /^(\s*)(.*\S);\s*\/\/ → (.*?)\s*(\(any order\))?\s*$/.exec(line);
    if (value !== null) {
      const anyOrder = value[4] !== undefined;
      out.push(`${value[1]}__docs.expectValue(${value[2]}, ${value[3]}, ${anyOrder}, ${i + 1});`);
      continue;
    }
    const log = /^(\s*)console\.log\((.*)\);\s*$/.exec(line);
    if (log !== null && /^\s*\/\/ /.test(lines[i + 1] ?? '')) {
      const printed: string[] = [];
      while (/^\s*\/\/( |$)/.test(lines[i + 1] ?? '')) printed.push((lines[++i] as string).replace(/^\s*\/\/ ?/, ''));
      out.push(`${log[1]}__docs.expectPrinted(${JSON.stringify(printed.join('\n'))}, ${i + 1}, ${log[2]});`);
      continue;
    }
    out.push(line);
  }
  if (options.result !== undefined) out.push(`export { ${options.result} as __docsResult };`);
  return `${out.join('\n')}\n`;
}

/**
 * Splits a shell sample into commands: `\` continuations joined, comments and blank lines dropped,
 * `&&` chains split.
 *
 * @param code - The sample.
 * @returns The commands.
 */
export function shellCommands(code: string): string[] {
  const joined = code.replace(/\s*\\\n\s*/g, ' ');
  const commands: string[] = [];
  for (const raw of joined.split('\n')) {
    const line = stripComment(raw).trim();
    if (line === '') continue;
    for (const part of line.split('&&')) commands.push(part.trim());
  }
  return commands;
}

function stripComment(line: string): string {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quote !== '') {
      if (c === quote) quote = '';
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1] as string))) return line.slice(0, i);
  }
  return line;
}

/** One `$ command` of a console sample with the output lines listed under it. */
export interface ConsoleStep {
  readonly command: string;
  readonly expected: string[];
}

/**
 * Splits a console sample into its commands and expected outputs.
 *
 * @param code - The sample.
 * @returns One step per `$ ` line.
 */
export function consoleSteps(code: string): ConsoleStep[] {
  const steps: { command: string; expected: string[] }[] = [];
  for (const line of code.split('\n')) {
    if (line.startsWith('$ ')) steps.push({ command: line.slice(2), expected: [] });
    else if (steps.length > 0) (steps[steps.length - 1] as { expected: string[] }).expected.push(line);
  }
  return steps;
}

/**
 * Whether the output lines contain the expected lines: `...` on a line of its own skips any number
 * of lines (indented or not), `…` inside a line matches any text, and every other line must follow the previous one
 * directly. Without a leading `...` the first expected line must be the first output line.
 *
 * @param actual - Output lines.
 * @param expected - Expected lines.
 * @returns Whether they agree.
 */
export function outputMatches(actual: readonly string[], expected: readonly string[]): boolean {
  const want = [...expected];
  while (want.length > 0 && want[want.length - 1] === '') want.pop();
  const got = [...actual];
  while (got.length > 0 && got[got.length - 1] === '') got.pop();
  const line = (pattern: string, text: string): boolean => {
    if (!pattern.includes('…')) return pattern === text;
    const regex = pattern.split('…').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
    return new RegExp(`^${regex}$`).test(text);
  };
  const walk = (w: number, g: number): boolean => {
    if (w === want.length) return g === got.length;
    if ((want[w] as string).trim() === '...') {
      for (let k = g; k <= got.length; k++) if (walk(w + 1, k)) return true;
      return false;
    }
    return g < got.length && line(want[w] as string, got[g] as string) && walk(w + 1, g + 1);
  };
  return walk(0, 0);
}
