/**
 * The sandbox page's files, as served at `GET /_sandbox`. In the sources this is `undefined`: the
 * page's script is a bundle of the library made at build time, and `scripts/build-sandbox.mjs`
 * replaces this module in `dist/` (ES module and CommonJS) with one that holds the built files.
 * A server running from the sources can be given them with `createServer({ sandboxAssets })`.
 */

import type { SandboxAssets } from './types.js';

/** The built page, or `undefined` when running from the sources. */
export const builtSandboxAssets: SandboxAssets | undefined = undefined;
