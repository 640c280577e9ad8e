// Types of scripts/build-sandbox.mjs, for the tests that build the sandbox page from the sources.

/** The sandbox page's files, and the source files its script bundle holds. */
export interface SandboxBundle {
  readonly html: string;
  readonly css: string;
  readonly js: string;
  readonly icon: string;
  /** Paths relative to the repository, sorted. */
  readonly inputs: readonly string[];
}

/** Bundles the page for the browser (esbuild). */
export function bundleSandbox(): Promise<SandboxBundle>;

/** Writes the built page into a dist directory made by tsc (ES modules and CommonJS twin). */
export function buildSandbox(dist: string): Promise<void>;
