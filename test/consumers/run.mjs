// `npm run test:consumers`: the package as its users get it. Packs it the way a git install or a
// publish does (`npm pack`, which runs `prepare`, in a copy of the sources), installs the tarball into
// temporary projects and runs there: the ES module and CommonJS doors under node, TypeScript with
// `nodenext`, `bundler` and `node10` resolution, jest 29 and 30 in their default CommonJS mode
// (babel-jest and ts-jest) and in their ES module mode, including the jest samples of
// docs/guide/unit-testing.md, and vitest 4.
//
// The tools of each temporary project (jest, typescript, ...) are installed once into a directory
// under the OS temp dir keyed by a hash of their versions, with an npm cache beside it, so later runs
// only reinstall the tarball. `--keep` leaves the work directory in place and prints it.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixtures = join(root, 'test', 'consumers', 'fixtures');
const keep = process.argv.includes('--keep');

const babel = { '@babel/core': '^7.28.0', '@babel/preset-env': '^7.28.0', '@babel/preset-typescript': '^7.27.0' };
const common = { typescript: '~5.9.3', '@types/node': '^20.19.0', 'ts-jest': '^29.4.15', ...babel };
/** The temporary projects: the tools each installs, and the tsconfig module mode its jest tests are checked with. */
const projects = [
  {
    name: 'jest29',
    tools: { ...common, jest: '^29.7.0', 'babel-jest': '^29.7.0', '@jest/globals': '^29.7.0', '@types/jest': '^29.5.14' },
    tsModule: { module: 'commonjs', moduleResolution: 'node10' },
  },
  {
    name: 'jest30',
    tools: { ...common, jest: '^30.2.0', 'babel-jest': '^30.2.0', '@jest/globals': '^30.2.0', '@types/jest': '^30.0.0', vitest: '^4.0.0' },
    tsModule: { module: 'nodenext', moduleResolution: 'nodenext' },
  },
];

const cacheRoot = join(tmpdir(), 'eventbridge-matcher-consumers');
const npmCache = join(cacheRoot, 'npm-cache');
const work = mkdtempSync(join(tmpdir(), 'eventbridge-matcher-consumers-run-'));
const failures = [];
const started = Date.now();

/** Runs a command; returns its standard output, or throws with all its output when it fails. */
function run(command, args, cwd, env = {}) {
  const result = spawnSync(command, args, {
    cwd,
    env: { ...process.env, npm_config_cache: npmCache, npm_config_audit: 'false', npm_config_fund: 'false', ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} (in ${cwd}) exited ${result.status}:\n${output}`);
  return result.stdout;
}

function step(name, body) {
  const t0 = Date.now();
  try {
    body();
    console.log(`ok   ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } catch (error) {
    failures.push(name);
    console.log(`FAIL ${name}\n${String(error instanceof Error ? error.message : error).replace(/^/gm, '     ')}`);
  }
}

/** The tarball unpacked into the work directory (once). */
function unpacked() {
  const dir = join(work, 'unpacked');
  if (!existsSync(dir)) {
    mkdirSync(dir);
    execFileSync('tar', ['-xzf', tarball, '-C', dir]);
  }
  return dir;
}

/** The jest samples of the unit-testing guide: fences whose info string says `test:consumers as <file>`. */
function docSamples() {
  const text = readFileSync(join(root, 'docs', 'guide', 'unit-testing.md'), 'utf8');
  const samples = [];
  const fence = /^```(\w+)([^\n]*)\n([\s\S]*?)^```$/gm;
  for (let m; (m = fence.exec(text)) !== null; ) {
    const as = /test:consumers as ([^\s)]+)/.exec(m[2]);
    if (as !== null) samples.push({ file: as[1], code: m[3] });
  }
  if (samples.length === 0) throw new Error('docs/guide/unit-testing.md has no sample marked "test:consumers as <file>"');
  return samples;
}

// 1. Pack from a copy of the sources, so that `prepare` alone must produce the package (as on a git
//    install) and the shared dist/ of this checkout is left alone.
let tarball;
step('npm pack runs prepare and ships a complete package', () => {
  const copy = join(work, 'source');
  mkdirSync(copy);
  for (const entry of ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'tsconfig.cjs.json', 'scripts', 'src', 'LICENSE', 'README.md']) {
    cpSync(join(root, entry), join(copy, entry), { recursive: true });
  }
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
  const out = run('npm', ['pack', '--json', '--pack-destination', work], copy);
  const info = JSON.parse(out.slice(out.indexOf('[')))[0];
  tarball = join(work, info.filename);
  const files = new Set(info.files.map((f) => f.path));
  for (const required of ['LICENSE', 'src/index.ts', 'dist/index.js', 'dist/cjs/index.js', 'dist/cjs/package.json', 'dist/testing/jest.d.ts', 'dist/cjs/testing/jest.js', 'dist/cli/main.js']) {
    if (!files.has(required)) throw new Error(`the package lacks ${required}`);
  }
  for (const path of files) {
    if (path.startsWith('examples/') || path.startsWith('test/')) throw new Error(`the package ships ${path}`);
  }
  // Every source map (of the code and of the declarations) points to sources the package ships.
  let maps = 0;
  for (const path of files) {
    if (!path.endsWith('.map')) continue;
    maps++;
    const map = JSON.parse(readFileSync(join(unpacked(), 'package', path), 'utf8'));
    for (const source of map.sources) {
      const shipped = join(dirname(path), map.sourceRoot ?? '', source).split('\\').join('/');
      if (!files.has(shipped)) throw new Error(`${path} points to ${source}, which the package does not ship`);
    }
  }
  if (maps === 0) throw new Error('the package has no source maps');
});
if (tarball === undefined) finish();

const samples = docSamples();

for (const project of projects) {
  const key = createHash('sha256').update(JSON.stringify(project.tools)).digest('hex').slice(0, 12);
  const dir = join(cacheRoot, `${project.name}-${key}`);
  step(`${project.name}: install the tools (cached in the OS temp dir) and the tarball`, () => {
    // Tool sets of earlier versions of this file are not needed any more.
    for (const entry of existsSync(cacheRoot) ? readdirSync(cacheRoot) : []) {
      if (entry.startsWith(`${project.name}-`) && entry !== `${project.name}-${key}`) rmSync(join(cacheRoot, entry), { recursive: true, force: true });
    }
    if (!existsSync(join(dir, '.installed'))) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: `consumer-${project.name}`, private: true, devDependencies: project.tools }, null, 2)}\n`);
      run('npm', ['install', '--prefer-offline', '--no-package-lock'], dir);
      writeFileSync(join(dir, '.installed'), '');
    }
    run('npm', ['install', '--no-save', '--prefer-offline', '--no-package-lock', tarball], dir);
    // Fresh sample files on every run.
    for (const entry of readdirSync(dir)) {
      if (!['node_modules', 'package.json', '.installed'].includes(entry)) rmSync(join(dir, entry), { recursive: true, force: true });
    }
    cpSync(join(fixtures, 'node'), join(dir, 'node'), { recursive: true });
    cpSync(join(fixtures, 'ts'), join(dir, 'ts'), { recursive: true });
    // Named so that this repository's own vitest run does not pick it up.
    mkdirSync(join(dir, 'vitest'));
    cpSync(join(fixtures, 'vitest', 'rules.vitest.ts'), join(dir, 'vitest', 'rules.test.ts'));
    cpSync(join(fixtures, 'jest'), dir, { recursive: true });
    for (const sample of samples) writeFileSync(join(dir, sample.file), sample.code);
    const tsconfig = {
      compilerOptions: { ...project.tsModule, target: 'ES2022', strict: true, noEmit: true, types: ['jest', 'node'] },
      include: ['tests'],
    };
    writeFileSync(join(dir, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
  });
  const jest = join(dir, 'node_modules', 'jest', 'bin', 'jest.js');
  step(`${project.name}: node, ES module door`, () => run(process.execPath, ['node/esm.mjs'], dir));
  step(`${project.name}: node, CommonJS door`, () => run(process.execPath, ['node/cjs.cjs'], dir));
  step(`${project.name}: jest test files type-check (${project.tsModule.moduleResolution})`, () => run(process.execPath, [join(dir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], dir));
  step(`${project.name}: jest, default CommonJS mode, babel-jest`, () => run(process.execPath, [jest, '-c', 'jest.babel.config.cjs', '--ci'], dir));
  step(`${project.name}: jest, default CommonJS mode, ts-jest`, () => run(process.execPath, [jest, '-c', 'jest.ts-jest.config.cjs', '--ci'], dir));
  step(`${project.name}: jest, matchers registered by setupFilesAfterEnv (the guide's jest.config.js)`, () =>
    run(process.execPath, [jest, '-c', 'jest.config.js', '--ci', 'setup/'], dir),
  );
  step(`${project.name}: jest, ES module mode`, () =>
    run(process.execPath, [jest, '-c', 'jest.esm.config.cjs', '--ci'], dir, { NODE_OPTIONS: '--experimental-vm-modules --no-warnings' }),
  );
  if (project.name === 'jest30') {
    step('installed CLI: runs, and its help names no file outside the package', () => {
      const bin = join(dir, 'node_modules', '.bin', 'eventbridge-matcher');
      if (!/^\d+\.\d+\.\d+/.test(run(bin, ['--version'], dir))) throw new Error('--version printed no version');
      for (const command of [[], ['test'], ['validate'], ['match'], ['serve']]) {
        const help = run(bin, [...command, '--help'], dir);
        if (help.includes('examples/')) throw new Error(`${['eventbridge-matcher', ...command].join(' ')} --help cites examples/, which is not installed`);
      }
    });
    step('installed CLI: a server started with npx stops when npm is killed', () => run(process.execPath, ['node/npx-stop.mjs'], dir));
    step('vitest 4: the vitest entry', () =>
      run(process.execPath, [join(dir, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--dir', 'vitest'], dir),
    );
    const tsc = join(dir, 'node_modules', 'typescript', 'bin', 'tsc');
    step('typescript nodenext: compile and run .mts and .cts', () => {
      run(process.execPath, [tsc, '-p', 'ts/nodenext'], dir);
      run(process.execPath, ['ts/nodenext/out/esm.mjs'], dir);
      run(process.execPath, ['ts/nodenext/out/cjs.cjs'], dir);
    });
    step('typescript bundler: type-check', () => run(process.execPath, [tsc, '-p', 'ts/bundler'], dir));
    step('typescript node10 (typesVersions): compile and run', () => {
      run(process.execPath, [tsc, '-p', 'ts/node10'], dir);
      run(process.execPath, ['ts/node10/out/index.js'], dir);
    });
  }
}
finish();

function finish() {
  if (keep) console.log(`work directory kept: ${work}`);
  else rmSync(work, { recursive: true, force: true });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(failures.length === 0 ? `consumers: all passed in ${seconds} s` : `consumers: ${failures.length} failed in ${seconds} s`);
  process.exit(failures.length === 0 ? 0 : 1);
}
