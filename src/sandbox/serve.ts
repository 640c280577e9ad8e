/**
 * Serves the sandbox page at `GET /_sandbox` (and its `style.css`, `app.js` and `icon.svg`) with a strict
 * Content-Security-Policy: only the server's own script, styles and `fetch` calls, nothing inline,
 * no frames. The page then evaluates everything itself and calls back only to the AWS protocol on
 * `POST /` and `GET /_matches` of the same server.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import { builtSandboxAssets } from './assets.js';
import type { SandboxAssets } from './types.js';

export type { SandboxAssets } from './types.js';

/** The Content-Security-Policy of every sandbox response. */
export const SANDBOX_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
  "font-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The path prefix of the page. */
export const SANDBOX_PATH = '/_sandbox';

/** Request paths of the page's files, and which member of {@link SandboxAssets} each one is. */
const FILES = new Map<string, keyof SandboxAssets>([
  [SANDBOX_PATH, 'html'],
  [`${SANDBOX_PATH}/`, 'html'],
  [`${SANDBOX_PATH}/index.html`, 'html'],
  [`${SANDBOX_PATH}/style.css`, 'css'],
  [`${SANDBOX_PATH}/app.js`, 'js'],
  [`${SANDBOX_PATH}/icon.svg`, 'icon'],
]);

/**
 * Whether a request path belongs to the sandbox page.
 *
 * @param pathname - The request path without query.
 * @returns True for `/_sandbox` and anything under `/_sandbox/`.
 */
export function isSandboxPath(pathname: string): boolean {
  return pathname === SANDBOX_PATH || pathname.startsWith(`${SANDBOX_PATH}/`);
}

/**
 * Answers a request for the sandbox page or one of its files.
 *
 * @param req - The request (its body, if any, is discarded).
 * @param res - The response.
 * @param pathname - The request path, for which {@link isSandboxPath} holds.
 * @param assets - The built page; default the one built into `dist/`. Without it the answer is 503
 *   with a message saying how to build it.
 */
export function serveSandbox(req: IncomingMessage, res: ServerResponse, pathname: string, assets: SandboxAssets | undefined = builtSandboxAssets): void {
  req.resume();
  const file = FILES.get(pathname);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, 'text/plain; charset=utf-8', 'Use GET on /_sandbox.\n', req.method === 'HEAD', { Allow: 'GET, HEAD' });
    return;
  }
  if (file === undefined) {
    send(res, 404, 'text/plain; charset=utf-8', `${pathname} is not a file of the sandbox page.\n`, false);
    return;
  }
  if (assets === undefined) {
    send(res, 503, 'text/plain; charset=utf-8', 'The sandbox page is not built: run `npm run build` (it bundles the page into dist/).\n', req.method === 'HEAD');
    return;
  }
  const types = { html: 'text/html; charset=utf-8', css: 'text/css; charset=utf-8', js: 'text/javascript; charset=utf-8', icon: 'image/svg+xml' } as const;
  send(res, 200, types[file], assets[file], req.method === 'HEAD');
}

function send(res: ServerResponse, status: number, type: string, body: string, headOnly: boolean, extra: Readonly<Record<string, string>> = {}): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'Content-Security-Policy': SANDBOX_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(headOnly ? undefined : body);
}
