/**
 * Test helpers for the CLI: build the package once into a temporary directory and run the built
 * `cli/main.js` as a child process, as a user would. The build is keyed by a hash of the sources,
 * so parallel test files share one build and a changed source always gets a fresh one; it never
 * touches the project's own dist/ (which may be stale, or being rebuilt by another command).
 * For commands run in-process instead, {@link memoryIo} gives in-memory streams.
 */

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { CliIo } from '../../src/cli/io.js';

/** The project root. */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function listSources(dir: string): string[] {
  const files: string[] = [];
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop() as string;
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) stack.push(path);
      else if (entry.name.endsWith('.ts')) files.push(path);
    }
  }
  return files.sort();
}

function sourceHash(): string {
  const hash = createHash('sha256');
  for (const file of [join(projectRoot, 'tsconfig.json'), join(projectRoot, 'tsconfig.build.json'), ...listSources(join(projectRoot, 'src'))]) {
    hash.update(relative(projectRoot, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * Transpiles src/ into a temporary directory (once per source state) and returns the path of the
 * built CLI entry point. Each file is transpiled on its own (the project compiles with
 * isolatedModules and verbatimModuleSyntax, so this emits what tsc emits); type checking is
 * `npm run typecheck`'s job, and skipping it here keeps the CLI tests fast and independent of
 * type errors in unrelated files.
 *
 * @returns Absolute path of `dist/cli/main.js` inside the build directory.
 */
export async function buildCli(): Promise<string> {
  const base = join(tmpdir(), 'eventbridge-matcher-cli-test');
  const target = join(base, sourceHash());
  const main = join(target, 'dist', 'cli', 'main.js');
  if (existsSync(main)) return main;

  // Loaded only when a build is needed: the compiler is large.
  const { default: ts } = await import('typescript');
  const work = mkdtempSync(join(tmpdir(), 'eventbridge-matcher-cli-build-'));
  const srcRoot = join(projectRoot, 'src');
  for (const file of listSources(srcRoot)) {
    if (file.endsWith('.d.ts')) continue;
    const output = ts.transpileModule(readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2023,
        verbatimModuleSyntax: true,
        sourceMap: false,
      },
    });
    const out = join(work, 'dist', relative(srcRoot, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, output.outputText);
  }
  // The built files are ESM, and --version reads the package.json next to dist/.
  const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { name: string; version: string };
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: pkg.name, version: pkg.version, type: 'module' }));

  // Publish atomically; a parallel test file may have won the race, then use its build.
  mkdirSync(base, { recursive: true });
  try {
    renameSync(work, target);
  } catch {
    rmSync(work, { recursive: true, force: true });
  }
  removeStaleBuilds(base, target);
  return main;
}

function removeStaleBuilds(base: string, keep: string): void {
  const hourAgo = Date.now() - 60 * 60 * 1000;
  for (const name of readdirSync(base)) {
    const path = join(base, name);
    try {
      if (path !== keep && statSync(path).mtimeMs < hourAgo) rmSync(path, { recursive: true, force: true });
    } catch {
      // Another process removed it first.
    }
  }
}

/** What a CLI run produced. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the built CLI with `node` and collects its output.
 *
 * @param main - Path from {@link buildCli}.
 * @param args - Command-line arguments.
 * @param options - `stdin` text to pipe in (stdin is closed empty otherwise) and `cwd`.
 * @returns Exit code, stdout and stderr.
 */
export function runCli(main: string, args: readonly string[], options: { stdin?: string; cwd?: string } = {}): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [main, ...args], { cwd: options.cwd ?? projectRoot, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      resolvePromise({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
    child.stdin.on('error', () => {
      // The CLI may exit before reading all of stdin (e.g. on bad arguments).
    });
    child.stdin.end(options.stdin ?? '');
  });
}

/**
 * Parses NDJSON output into objects.
 *
 * @param text - The CLI's stdout.
 * @returns One value per non-empty line.
 */
export function parseNdjson(text: string): unknown[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as unknown);
}

/** In-memory streams for a command run in-process, and the text it has written so far. */
export interface MemoryIo extends CliIo {
  /** Everything written to stdout, decoded as UTF-8. */
  out(): string;
  /** Everything written to stderr, decoded as UTF-8. */
  err(): string;
}

/**
 * In-memory {@link CliIo}: stdout and stderr are collected as bytes and decoded whole (so a
 * character split across two writes still reads right).
 *
 * @param stdin - What stdin holds, after which it ends. Without it, stdin stays open and empty,
 *   as for `serve`, which never reads it.
 * @returns The streams, with `out()` and `err()` to read what was written.
 */
export function memoryIo(stdin?: string | Uint8Array): MemoryIo {
  const input = new PassThrough();
  if (stdin !== undefined) input.end(stdin);
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk));
  stderr.on('data', (chunk: Buffer) => err.push(chunk));
  return {
    stdin: input,
    stdout,
    stderr,
    out: () => Buffer.concat(out).toString('utf8'),
    err: () => Buffer.concat(err).toString('utf8'),
  };
}
