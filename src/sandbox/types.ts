/** The files of the sandbox page (see `scripts/build-sandbox.mjs`, which makes them). */
export interface SandboxAssets {
  /** `GET /_sandbox`: the page. */
  readonly html: string;
  /** `GET /_sandbox/style.css`. */
  readonly css: string;
  /** `GET /_sandbox/app.js`: the page's script with the library bundled in (an ES module). */
  readonly js: string;
  /** `GET /_sandbox/icon.svg`: the page's icon (so the browser does not ask for /favicon.ico). */
  readonly icon: string;
}
