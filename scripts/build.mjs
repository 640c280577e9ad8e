// Builds dist/: the ES modules (dist/*.js), a CommonJS twin for require() and jest's default mode
// (dist/cjs/*.js), and makes both doors share one copy of each error class.
//
// Why the sharing: a program can reach the package through import and require at once (an ES
// module app using a CommonJS helper, a jest setup file next to ESM tests). Two copies of
// InvalidEventPatternError would make `error instanceof InvalidEventPatternError` false for an error
// thrown by the other copy. The ES modules that define error classes therefore re-export the
// CommonJS classes (Node, bundlers and jest all let an ES module import CommonJS), so there is one
// class object per error, whichever door a user comes through.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const cjs = join(dist, 'cjs');

/** Modules whose exports include error classes a user may test with instanceof (paths under src/, as .js). */
export const sharedModules = ['errors.js', 'event/errors.js', 'iac/types.js'];

rmSync(dist, { recursive: true, force: true });
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
/** Runs tsc on a project; resolves when it succeeds. */
const compile = (project) =>
  new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [tsc, '-p', project], { cwd: root, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`build: tsc -p ${project} failed`))));
  });
// The two outputs are independent: compile them side by side.
try {
  await Promise.all([compile('tsconfig.build.json'), compile('tsconfig.cjs.json')]);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
// The package is "type": "module"; this marks the twin's .js files (and .d.ts files) as CommonJS.
writeFileSync(join(cjs, 'package.json'), '{\n  "type": "commonjs"\n}\n');

const require = createRequire(import.meta.url);
for (const module of sharedModules) {
  const esm = join(dist, module);
  const twin = join(cjs, module);
  if (!existsSync(esm) || !existsSync(twin)) continue;
  const names = Object.keys(require(twin)).sort();
  if (names.length === 0) throw new Error(`build: ${module} exports nothing at run time`);
  let target = relative(dirname(esm), twin).split('\\').join('/');
  if (!target.startsWith('.')) target = `./${target}`;
  writeFileSync(
    esm,
    `// One copy of these classes for import and require: see scripts/build.mjs.\nexport { ${names.join(', ')} } from '${target}';\n`,
  );
  rmSync(`${esm}.map`, { force: true });
}
console.log(`build: dist/ (ES modules) and dist/cjs/ (CommonJS), shared: ${sharedModules.join(', ')}`);
// The sandbox page (GET /_sandbox): the library bundled for the browser, held in dist/sandbox/assets.js.
await (await import('./build-sandbox.mjs')).buildSandbox(dist);
