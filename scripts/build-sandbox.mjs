// Builds the sandbox page (GET /_sandbox): bundles src/sandbox/page/app.ts with the library parts it
// imports into one browser ES module, and writes dist/sandbox/assets.js and its CommonJS twin as
// modules that hold the page's HTML, CSS, script and icon, so the server can serve them from memory
// whichever way it was loaded. The bundle is built for the browser platform, so an import of a Node
// built-in anywhere in what the page needs fails the build instead of reaching the page; the global
// Buffer, the one Node global the library uses by name, is replaced by src/sandbox/page/buffer-shim.ts.
// (src/event/code-units.ts looks for globalThis.Buffer instead, and without it copies by a loop.)
import { readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const page = join(root, 'src', 'sandbox', 'page');

/**
 * Bundles the page.
 *
 * @returns {Promise<{ html: string, css: string, js: string, icon: string, inputs: string[] }>} the files
 *   and the source files the script bundle holds (paths relative to the repository).
 */
export async function bundleSandbox() {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [join(page, 'app.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: root,
    // The library's one use of a Node global (Buffer, for UTF-8 in wildcard checks) gets a stand-in.
    inject: [join(page, 'buffer-shim.ts')],
  });
  const js = result.outputFiles[0]?.text;
  if (js === undefined) throw new Error('build-sandbox: esbuild produced no output');
  return {
    html: readFileSync(join(page, 'index.html'), 'utf8'),
    css: readFileSync(join(page, 'style.css'), 'utf8'),
    js,
    icon: readFileSync(join(page, 'icon.svg'), 'utf8'),
    inputs: Object.keys(result.metafile.inputs).sort(),
  };
}

/**
 * Writes the built page into a dist directory made by tsc (ES modules in `dist`, CommonJS in
 * `dist/cjs`), replacing the placeholder `sandbox/assets.js` modules, and removes the page's own
 * sources compiled by tsc (they run only in the browser, as the bundle).
 *
 * @param {string} dist - The dist directory.
 */
export async function buildSandbox(dist) {
  const { html, css, js, icon } = await bundleSandbox();
  const members = [['html', html], ['css', css], ['js', js], ['icon', icon]].map(([name, text]) => `${name}: ${JSON.stringify(text)},`).join('\n  ');
  const note = '// The sandbox page, built by scripts/build-sandbox.mjs.\n';
  writeFileSync(join(dist, 'sandbox', 'assets.js'), `${note}export const builtSandboxAssets = {\n  ${members}\n};\n`);
  rmSync(join(dist, 'sandbox', 'assets.js.map'), { force: true });
  rmSync(join(dist, 'sandbox', 'page'), { recursive: true, force: true });
  const cjs = join(dist, 'cjs', 'sandbox');
  if (existsSync(cjs)) {
    writeFileSync(
      join(cjs, 'assets.js'),
      `${note}"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.builtSandboxAssets = {\n  ${members}\n};\n`,
    );
    rmSync(join(cjs, 'assets.js.map'), { force: true });
    rmSync(join(cjs, 'page'), { recursive: true, force: true });
  }
  console.log(`build: dist/sandbox/assets.js (sandbox page, script ${Math.round(js.length / 1024)} KiB)`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await buildSandbox(process.argv[2] ?? join(root, 'dist'));
}
