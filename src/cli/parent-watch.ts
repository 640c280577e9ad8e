/**
 * Stops the tool when `npx` (`npm exec`) that started it is gone. npm runs the command through a
 * shell and does not pass a SIGTERM it receives on to it, so `npx eventbridge-matcher serve &`
 * followed by `kill $!` would end npm and leave the server running, with no parent. Started by npm
 * exec, the tool therefore watches its parent process and, once it has been re-parented, stops as it
 * would on SIGTERM (the server finishes in-flight requests first).
 */

/** What the watch reads and does; the process's own by default, replaceable in tests. */
export interface ParentWatchHooks {
  /** The environment: the watch runs only when `npm_command` is `exec` (npx, npm exec). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The current parent process id. */
  readonly parentId: () => number;
  /** Called once when the parent is gone. */
  readonly onOrphaned: () => void;
  /** How often to look, in milliseconds. */
  readonly intervalMs: number;
}

/**
 * Starts watching the parent process when the tool was started by npm exec.
 *
 * @param hooks - Overrides for tests; by default the process's environment and parent, and a
 *   SIGTERM to the process itself when orphaned.
 * @returns A function that stops the watch, or `undefined` when there is nothing to watch.
 */
export function watchParent(hooks: Partial<ParentWatchHooks> = {}): (() => void) | undefined {
  const env = hooks.env ?? process.env;
  if (env['npm_command'] !== 'exec') return undefined;
  const parentId = hooks.parentId ?? (() => process.ppid);
  const onOrphaned = hooks.onOrphaned ?? (() => process.kill(process.pid, 'SIGTERM'));
  const parent = parentId();
  const timer = setInterval(() => {
    if (parentId() === parent) return;
    clearInterval(timer);
    onOrphaned();
  }, hooks.intervalMs ?? 500);
  // The watch alone never keeps the process alive.
  timer.unref();
  return () => clearInterval(timer);
}
