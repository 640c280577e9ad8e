/**
 * `eventbridge-matcher serve` (src/cli/serve.ts): options, the rules file, and graceful shutdown
 * on SIGTERM/SIGINT or the test hook's abort. No real signal is sent: the test calls the listener
 * serve added to `process`, leaving the test runner's own listeners alone.
 */

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runServe } from '../../src/cli/serve.js';
import { CliUsageError } from '../../src/cli/io.js';
import { memoryIo } from '../cli/helpers.js';
import { callOperation, rawRequest, withServe } from './helpers.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'serve-test-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Calls the listener for `signal` that serve added after `before` was taken. */
function deliver(signal: NodeJS.Signals, before: readonly Function[]): void {
  const added = process.listeners(signal).filter((listener) => !before.includes(listener));
  expect(added).toHaveLength(1);
  (added[0] as (signal: NodeJS.Signals) => void)(signal);
}

describe('runServe', () => {
  test('should serve on 127.0.0.1 and stop on SIGTERM', async () => {
    const io = memoryIo();
    const listenersBefore = process.listenerCount('SIGTERM');
    const before = process.listeners('SIGTERM');
    const code = await withServe(
      ['--port', '0'],
      async (address) => {
        expect(address.host).toBe('127.0.0.1');
        expect((await callOperation(address.url, 'ListRules', {})).status).toBe(200);
        expect(process.listenerCount('SIGTERM')).toBe(listenersBefore + 1);
      },
      () => deliver('SIGTERM', before),
      io,
    );
    expect(code).toBe(0);
    expect(io.out()).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(io.err()).toContain('SIGTERM received, shutting down');
    expect(process.listenerCount('SIGTERM')).toBe(listenersBefore);
  });

  test('should load a rules file onto the default bus and stop on SIGINT', async () => {
    const rules = join(dir, 'rules.json');
    await writeFile(rules, '{"orders": {"source": ["shop"]}, "prices": {"detail": {"price": [{"numeric": [">", 0]}]}}}');
    const io = memoryIo();
    const before = process.listeners('SIGINT');
    const code = await withServe(
      ['--port', '0', '--rules', rules, '--match-log-size', '5'],
      async (address) => {
        const listed = JSON.parse((await callOperation(address.url, 'ListRules', {})).body) as { Rules: Array<{ Name: string }> };
        expect(listed.Rules.map((r) => r.Name).sort()).toEqual(['orders', 'prices']);
        await callOperation(address.url, 'PutEvents', { Entries: [{ Source: 'shop', DetailType: 'd', Detail: '{"price":3}' }] });
        const page = JSON.parse((await rawRequest(address.url, { method: 'GET', path: '/_matches' })).body) as {
          Matches: Array<{ Rules: Array<{ Name: string }> }>;
        };
        expect(page.Matches[0]?.Rules.map((r) => r.Name)).toEqual(['orders', 'prices']);
      },
      () => deliver('SIGINT', before),
      io,
    );
    expect(code).toBe(0);
    expect(io.out()).toContain('with 2 rules');
  });

  test('should refuse an invalid pattern in the rules file', async () => {
    const rules = join(dir, 'bad.json');
    await writeFile(rules, '{"bad": {"source": []}}');
    await expect(runServe(['--port', '0', '--rules', rules], memoryIo())).rejects.toThrow(
      /rule "bad" in .*bad\.json: InvalidEventPatternException: Event pattern is not valid\. Reason: Empty arrays are not allowed/,
    );
  });

  test.each([
    [['--port', '70000']],
    [['--port', 'abc']],
    [['--match-log-size', '0']],
    [['--match-log-bytes', '12']],
    [['--match-log-bytes', '1e9']],
    // An empty host made Node bind every interface.
    [['--host', '']],
    [['--host', ' ']],
    [['--host', 'http://localhost']],
    [['--host', 'a..b']],
    [['--allowed-host', '']],
    [['--allowed-host', 'evil host']],
  ])('should refuse bad options %j', async (args) => {
    await expect(runServe(args, memoryIo())).rejects.toBeInstanceOf(CliUsageError);
  });

  test('should report a port already in use with exit code 2', async () => {
    let code = -1;
    await withServe(
      ['--port', '0'],
      async (address) => {
        const io = memoryIo();
        code = await runServe(['--port', String(address.port)], io);
        expect(io.err()).toContain(`cannot listen on 127.0.0.1:${address.port}`);
      },
      (controller) => controller.abort(),
    );
    expect(code).toBe(2);
  });

  test('should print help, with the match log bounds and the Host guard', async () => {
    const io = memoryIo();
    expect(await runServe(['--help'], io)).toBe(0);
    expect(io.out()).toContain('Usage: eventbridge-matcher serve');
    expect(io.out()).toContain('--match-log-bytes <n>  most bytes of matches kept by /_matches, newest kept (default 67108864)');
    expect(io.out()).toContain('--allowed-host <name>');
  });

  test('should bound the match log by --match-log-bytes and answer only allowed hosts', async () => {
    const rules = join(dir, 'all.json');
    await writeFile(rules, '{"all": {"source": ["shop"]}}');
    await withServe(
      ['--port', '0', '--rules', rules, '--match-log-bytes', '4096', '--allowed-host', 'dev.example'],
      async (address) => {
        const detail = JSON.stringify({ pad: 'x'.repeat(1500) });
        const entries = Array.from({ length: 5 }, () => ({ Source: 'shop', DetailType: 'd', Detail: detail }));
        await callOperation(address.url, 'PutEvents', { Entries: entries });
        const page = JSON.parse((await rawRequest(address.url, { method: 'GET', path: '/_matches' })).body) as {
          Matches: unknown[];
          Dropped: number;
          LastSeq: number;
        };
        expect(page.Matches.length).toBe(2);
        expect(page.Dropped).toBe(3);
        expect(page.LastSeq).toBe(5);
        const host = { host: `dev.example:${address.port}` };
        expect((await callOperation(address.url, 'ListRules', {}, host)).status).toBe(200);
        expect((await callOperation(address.url, 'ListRules', {}, { host: 'other.example' })).status).toBe(403);
      },
      (controller) => controller.abort(),
    );
  });
});
