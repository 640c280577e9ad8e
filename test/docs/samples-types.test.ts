/**
 * The TypeScript samples of README.md and docs/ type-check, as written, under the project's strict
 * settings with the package specifiers mapped to the sources: a renamed export or a changed
 * signature breaks the docs here, not in a reader's editor. (samples.test.ts runs them.)
 */

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { expect, test } from 'vitest';
import { projectRoot } from '../cli/helpers.js';
import { extractSamples, markdownFiles, packageSpecifiers } from './samples.js';

test('every TypeScript sample type-checks', () => {
  const dir = join(projectRoot, 'test', 'docs', '.samples', 'types');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (const file of markdownFiles(projectRoot)) {
    for (const sample of extractSamples(file, readFileSync(join(projectRoot, file), 'utf8'))) {
      if (sample.lang !== 'ts' || sample.noRun !== undefined) continue;
      // Each sample is its own module (.mts: ES module, top-level await allowed).
      const path = join(dir, `${file.replace(/[^\w]+/g, '-')}-${sample.line}.mts`);
      writeFileSync(path, `${sample.code}\nexport {};\n`);
      files.push(path);
    }
  }
  expect(files.length).toBeGreaterThan(5);

  const paths: Record<string, string[]> = {};
  for (const [specifier, source] of packageSpecifiers(projectRoot)) paths[specifier] = [source];
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2023,
    lib: ['lib.es2023.d.ts'],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: ['node'],
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: true,
    noEmit: true,
    baseUrl: projectRoot,
    paths,
  });
  const problems = ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file !== undefined && files.includes(d.file.fileName))
    .map((d) => {
      const { line } = (d.file as ts.SourceFile).getLineAndCharacterOfPosition(d.start ?? 0);
      return `${(d.file as ts.SourceFile).fileName.slice(dir.length + 1)}:${line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
  expect(problems).toEqual([]);
});
