/**
 * Docs are code: every fenced sample in README.md and docs/**\/*.md runs here, so none can rot.
 * TypeScript samples run against the sources (package specifiers mapped through package.json's
 * exports), their `// →` values and printed listings asserted; the AWS SDK samples talk to a server
 * started here; `console` samples run the CLI and compare its output; `sh` samples run CLI commands
 * and check that npm scripts, packages and files they name exist. Conventions: test/docs/samples.ts.
 */

import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { createServer } from '../../src/server/index.js';
import { buildCli, projectRoot } from '../cli/helpers.js';
import { consoleSteps, extractSamples, markdownFiles, outputMatches, packageSpecifiers, shellCommands, toModule } from './samples.js';
import type { Sample } from './samples.js';

const specifiers = packageSpecifiers(projectRoot);
const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { name: string; scripts: Record<string, string> };
const moduleDir = join(projectRoot, 'test', 'docs', '.samples');
mkdirSync(moduleDir, { recursive: true });
writeFileSync(join(moduleDir, '.gitignore'), '*\n');

// Samples address the emulator at the README's port; they get this server instead.
const server = createServer();
const { url } = await server.listen(0);
const replacements = new Map([['http://127.0.0.1:4010', url.replace(/\/$/, '')]]);

/** The CLI as `eventbridge-matcher` on the PATH of a directory holding the samples' input files. */
let sandbox: Promise<{ dir: string; path: string }> | undefined;
function cliSandbox(): Promise<{ dir: string; path: string }> {
  sandbox ??= buildCli().then((main) => {
    const dir = mkdtempSync(join(tmpdir(), 'eventbridge-matcher-docs-'));
    cpSync(join(projectRoot, 'examples'), join(dir, 'examples'), { recursive: true });
    cpSync(join(projectRoot, 'test', 'docs', 'fixtures'), dir, { recursive: true });
    mkdirSync(join(dir, 'bin'));
    writeFileSync(join(dir, 'bin', 'eventbridge-matcher'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(main)} "$@"\n`, { mode: 0o755 });
    return { dir, path: `${join(dir, 'bin')}:${process.env['PATH'] ?? ''}` };
  });
  return sandbox;
}

function run(command: string, box: { dir: string; path: string }): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('sh', ['-c', command], { cwd: box.dir, env: { ...process.env, PATH: box.path }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

const counts = { run: 0, noRun: 0, listings: 0 };

afterAll(async () => {
  await server.close();
  if (sandbox !== undefined) rmSync((await sandbox).dir, { recursive: true, force: true });
  console.log(`docs samples: ${counts.run} run, ${counts.noRun} marked no-run, ${counts.listings} listings (text/json output)`);
});

function moduleTest(sample: Sample, next: Sample | undefined): void {
  const resultBlock = next !== undefined && next.lang === 'json' && next.result !== undefined ? next : undefined;
  const name = `${sample.file.replace(/[^\w]+/g, '-')}-${sample.line}.${sample.lang === 'js' ? 'mjs' : 'ts'}`;
  const path = join(moduleDir, name);
  writeFileSync(path, toModule(sample.code, { specifiers, runtime: join(projectRoot, 'test', 'docs', 'runtime.ts'), replacements, result: resultBlock?.result }));
  counts.run++;
  const label = `${sample.lang} sample at line ${sample.line}`;
  if (/from 'vitest'/.test(sample.code) && /\btest\(/.test(sample.code)) {
    // A sample that declares tests is imported while tests are collected, so they run here.
    describe(label, async () => {
      await import(path);
    });
    return;
  }
  test(`${label} runs and gives the documented values`, async () => {
    const loaded = (await import(path)) as { __docsResult?: unknown };
    if (resultBlock !== undefined) {
      expect(JSON.parse(JSON.stringify(loaded.__docsResult)), `the JSON listing at line ${resultBlock.line}`).toEqual(JSON.parse(resultBlock.code));
    }
  });
}

function shellTest(sample: Sample): void {
  counts.run++;
  test(`sh sample at line ${sample.line} names commands that work`, async () => {
    for (const command of shellCommands(sample.code)) {
      const install = /^npm (?:install|i)(?: (?:--save-dev|-D))?(?: (\S+))?$/.exec(command);
      const script = /^npm (?:(start|test)|run (\S+))(?: .*)?$/.exec(command);
      const cli = /^(?:npx )?eventbridge-matcher(?: .*)?$/.exec(command);
      const node = /^node (\S+)/.exec(command);
      if (install !== null) {
        if (install[1] !== undefined) expect(install[1], command).toBe(pkg.name);
      } else if (script !== null) {
        expect(Object.keys(pkg.scripts), command).toContain(script[1] ?? script[2]);
      } else if (cli !== null) {
        const result = await run(command.replace(/^npx /, ''), await cliSandbox());
        expect([0, 1], `${command}\n${result.stdout}${result.stderr}`).toContain(result.code);
      } else if (node !== null) {
        expect(existsSync(join(projectRoot, node[1] as string)), command).toBe(true);
      } else {
        expect.fail(`${command}: not a command this test knows how to check; run it here or mark the sample no-run with a reason`);
      }
    }
  });
}

function consoleTest(sample: Sample): void {
  counts.run++;
  test(`console sample at line ${sample.line} prints what it shows`, async () => {
    const box = await cliSandbox();
    let previous: number | null = null;
    for (const step of consoleSteps(sample.code)) {
      let lines: string[];
      if (step.command === 'echo $?') lines = [String(previous)];
      else {
        const result = await run(step.command, box);
        previous = result.code;
        lines = [...result.stdout.split('\n').filter((l, i, all) => i < all.length - 1 || l !== ''), ...result.stderr.split('\n')];
      }
      expect(outputMatches(lines, step.expected), `$ ${step.command}\n--- documented\n${step.expected.join('\n')}\n--- actual\n${lines.join('\n')}`).toBe(true);
    }
  });
}

for (const file of markdownFiles(projectRoot)) {
  const samples = extractSamples(file, readFileSync(join(projectRoot, file), 'utf8'));
  const isListing = (s: Sample): boolean => s.noRun === undefined && (s.lang === 'text' || (s.lang === 'json' && s.result === undefined));
  if (samples.every(isListing)) {
    counts.listings += samples.length;
    continue;
  }
  describe(file, () => {
    samples.forEach((sample, index) => {
      if (sample.noRun !== undefined) {
        counts.noRun++;
        test(`${sample.lang} sample at line ${sample.line} says why it is not run`, () => {
          expect(sample.noRun?.length ?? 0).toBeGreaterThanOrEqual(10);
        });
        return;
      }
      switch (sample.lang) {
        case 'ts':
        case 'typescript':
        case 'js':
        case 'javascript':
          moduleTest(sample, samples[index + 1]);
          break;
        case 'sh':
        case 'bash':
        case 'shell':
          shellTest(sample);
          break;
        case 'console':
          consoleTest(sample);
          break;
        case 'json':
          if (sample.result === undefined) counts.listings++;
          break;
        case 'text':
          counts.listings++;
          break;
        default:
          test(`sample at line ${sample.line} has a known language`, () => {
            expect.fail(`fence language "${sample.lang}": use ts, js, sh, console, json or text`);
          });
      }
    });
  });
}
