/**
 * The npx parent watch: started by `npm exec`, the tool stops once its parent is gone, because npm
 * does not pass a SIGTERM on to the command it runs (a server started with `npx ... serve &` would
 * outlive `kill $!`). Unit behaviour with injected hooks, then a real server whose parent is killed.
 */

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { watchParent } from '../../src/cli/parent-watch.js';
import { buildCli } from './helpers.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('watchParent', () => {
  test('should not watch unless started by npm exec', () => {
    const onOrphaned = vi.fn();
    expect(watchParent({ env: {}, onOrphaned })).toBeUndefined();
    expect(watchParent({ env: { npm_command: 'run-script' }, onOrphaned })).toBeUndefined();
  });

  test('should call onOrphaned once when the parent process id changes', () => {
    vi.useFakeTimers();
    let parent = 4242;
    const onOrphaned = vi.fn();
    const stop = watchParent({ env: { npm_command: 'exec' }, parentId: () => parent, onOrphaned, intervalMs: 100 });
    expect(stop).toBeTypeOf('function');
    vi.advanceTimersByTime(1000);
    expect(onOrphaned).not.toHaveBeenCalled();
    parent = 1;
    vi.advanceTimersByTime(100);
    vi.advanceTimersByTime(1000);
    expect(onOrphaned).toHaveBeenCalledTimes(1);
  });

  test('should stop watching when asked', () => {
    vi.useFakeTimers();
    let parent = 7;
    const onOrphaned = vi.fn();
    const stop = watchParent({ env: { npm_command: 'exec' }, parentId: () => parent, onOrphaned, intervalMs: 100 });
    stop?.();
    parent = 1;
    vi.advanceTimersByTime(1000);
    expect(onOrphaned).not.toHaveBeenCalled();
  });
});

/** Whether a process is still running (a zombie waiting for its new parent counts as ended). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

describe('serve started by npm exec', () => {
  // POSIX only: the check reads /proc and relies on re-parenting.
  test.skipIf(process.platform === 'win32')('should stop when its parent is killed', async () => {
    const main = await buildCli();
    // Stands in for npm: starts the server as npm exec does (npm_command=exec), prints its pid once it listens.
    const launcher = `
      const child = require('node:child_process').spawn(process.execPath, [${JSON.stringify(main)}, 'serve', '--port', '0'], {
        stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, npm_command: 'exec' } });
      child.stdout.on('data', (d) => { if (String(d).includes('listening')) console.log(child.pid); });
      setInterval(() => {}, 1000);`;
    const npm = spawn(process.execPath, ['-e', launcher], { stdio: ['ignore', 'pipe', 'inherit'] });
    let serverPid: number | undefined;
    try {
      serverPid = await new Promise<number>((resolve, reject) => {
        npm.stdout.once('data', (d: Buffer) => resolve(Number(String(d).trim())));
        npm.once('exit', () => reject(new Error('the launcher exited before the server listened')));
      });
      expect(running(serverPid)).toBe(true);
      npm.kill('SIGKILL');
      let stopped = false;
      for (let i = 0; i < 200 && !stopped; i++) {
        await new Promise((r) => setTimeout(r, 100));
        stopped = !running(serverPid);
      }
      expect(stopped).toBe(true);
    } finally {
      // Whatever happened, leave no process behind.
      npm.kill('SIGKILL');
      if (serverPid !== undefined && running(serverPid)) process.kill(serverPid, 'SIGKILL');
    }
  }, 60_000);
});
