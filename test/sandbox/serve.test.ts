/**
 * The sandbox page without a browser: its bundle (no Node built-ins, only what the page needs), the
 * route `GET /_sandbox` with its Content-Security-Policy, the `sandbox` command, and the page's
 * evaluation functions against the CLI's `test` and `transform` output.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../../src/server/index.js';
import type { EventBridgeServer } from '../../src/server/index.js';
import { SANDBOX_CSP } from '../../src/sandbox/serve.js';
import { evaluatePattern, evaluateTarget } from '../../src/sandbox/evaluate.js';
import { runSandbox } from '../../src/cli/sandbox.js';
import { runCommand, sandboxBundle } from './helpers.js';
import { PassThrough } from 'node:stream';

describe('the bundle', () => {
  it('holds the library parts the page needs and nothing of the server, the CLI or Node', async () => {
    const { js, inputs } = await sandboxBundle();
    expect(inputs).toContain('src/explain/explain.ts');
    expect(inputs).toContain('src/targets/transform.ts');
    expect(inputs.filter((path) => /^src\/(server|cli|bus|iac|testing|compile)\//.test(path))).toEqual([]);
    // Every input is a source file of the project (no node_modules, no Node built-in).
    expect(inputs.every((path) => path.startsWith('src/'))).toBe(true);
    // No import of a Node built-in, no require, and no Node global (Buffer has a stand-in).
    expect(js.match(/["'`]node:|\brequire\(|\bprocess\.|\bBuffer\b|\b__dirname\b/)?.[0]).toBeUndefined();
  });
});

describe('GET /_sandbox', () => {
  let server: EventBridgeServer;
  let bare: EventBridgeServer;
  let url: string;
  let bareUrl: string;
  beforeAll(async () => {
    const { html, css, js, icon } = await sandboxBundle();
    server = createServer({ sandboxAssets: { html, css, js, icon } });
    bare = createServer();
    url = (await server.listen(0)).url;
    bareUrl = (await bare.listen(0)).url;
  });
  afterAll(async () => {
    await server.close();
    await bare.close();
  });

  it('serves the page, its style and its script with a strict Content-Security-Policy', async () => {
    const { html, css, js, icon } = await sandboxBundle();
    for (const [path, type, body] of [
      ['/_sandbox/icon.svg', 'image/svg+xml', icon],
      ['/_sandbox', 'text/html; charset=utf-8', html],
      ['/_sandbox/style.css', 'text/css; charset=utf-8', css],
      ['/_sandbox/app.js', 'text/javascript; charset=utf-8', js],
    ] as const) {
      const response = await fetch(`${url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(type);
      expect(response.headers.get('content-security-policy')).toBe(SANDBOX_CSP);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await response.text()).toBe(body);
    }
    expect(SANDBOX_CSP).toContain("default-src 'self'");
    expect(SANDBOX_CSP).not.toContain('unsafe-inline');
  });

  it('has no inline script or style and nothing from another origin in its HTML', async () => {
    const { html } = await sandboxBundle();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle=|\son[a-z]+=/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    for (const id of ['pattern', 'event', 'target', 'result', 'error', 'output']) expect(html).toContain(`id="${id}"`);
  });

  it('answers 404 for other files under /_sandbox/, 405 for other methods, and 503 when the page is not built', async () => {
    expect((await fetch(`${url}/_sandbox/other.js`)).status).toBe(404);
    const post = await fetch(`${url}/_sandbox`, { method: 'POST', body: '{}' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    const unbuilt = await fetch(`${bareUrl}/_sandbox`);
    expect(unbuilt.status).toBe(503);
    expect(await unbuilt.text()).toContain('npm run build');
  });

  it('leaves the AWS protocol on POST / unchanged', async () => {
    const response = await fetch(`${url}/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSEvents.ListEventBuses' },
      body: '{}',
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { EventBuses: { Name: string }[] }).EventBuses.map((b) => b.Name)).toEqual(['default']);
  });

  it('refuses a foreign Host header like every other path', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${url}/_sandbox`, { headers: { Host: 'attacker.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });
});

describe('eventbridge-matcher sandbox', () => {
  it('starts the server and prints the page address', async () => {
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    const stop = new AbortController();
    let pageUrl = '';
    const done = runSandbox(['--port', '0'], { stdin: new PassThrough(), stdout, stderr: new PassThrough() }, {
      signal: stop.signal,
      onListening: (address) => {
        pageUrl = `${address.url}/_sandbox`;
        stop.abort();
      },
    });
    expect(await done).toBe(0);
    expect(pageUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/_sandbox$/);
    expect(out).toContain(`eventbridge-matcher: sandbox page at ${pageUrl}\n`);
  });

  it('is listed in the main help and has its own help', async () => {
    expect((await runCommand(['--help'])).stdout).toMatch(/\n {2}sandbox {3}/);
    const help = await runCommand(['sandbox', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: eventbridge-matcher sandbox [--port 4010]');
  });

  it('refuses a bad port with exit code 2', async () => {
    const run = await runCommand(['sandbox', '--port', 'x']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--port must be an integer');
  });
});

describe('the page evaluation equals the CLI', () => {
  const cases: [string, string][] = [
    ['{"source":["aws.ec2"],"detail":{"state":["stopped"]}}', '{"source":"aws.ec2","detail":{"state":"running"}}'],
    ['{"source":["aws.ec2"]}', '{"source":"aws.ec2"}'],
    ['{"$or":[{"a":[1]},{"b":[{"prefix":"x"}]}]}', '{"a":2,"b":"yz"}'],
    ['{"detail":{"path":[{"wildcard":"a/*/c"}]}}', '{"detail":{"path":"a/b/c"}}'],
    ['{"source":["Shop"]}', '{"source":"shop"}'],
  ];
  it.each(cases)('test -p %s -e %s', async (pattern, event) => {
    const cli = await runCommand(['test', '-p', pattern, '-e', event]);
    const page = evaluatePattern(pattern, event);
    expect(page.kind).toBe('verdict');
    if (page.kind === 'verdict') {
      expect(`${page.text}\n`).toBe(cli.stdout);
      expect(page.matches).toBe(cli.code === 0);
    }
  });

  it('gives AWS message and location for an invalid pattern', async () => {
    const pattern = '{\n  "source": [\n    {"prefix": 3}\n  ]\n}';
    const cli = await runCommand(['test', '-p', pattern, '-e', '{}']);
    const page = evaluatePattern(pattern, '{}');
    expect(page).toMatchObject({ kind: 'invalid-pattern', location: { line: 3, column: 17 } });
    if (page.kind === 'invalid-pattern') expect(cli.stderr).toBe(`invalid event pattern (inline JSON):\n${page.message}\n`);
  });

  it('says what is wrong with an invalid event, as the CLI does', async () => {
    const cli = await runCommand(['test', '-p', '{"a":[1]}', '-e', '{"a":']);
    const page = evaluatePattern('{"a":[1]}', '{"a":');
    expect(page.kind).toBe('invalid-event');
    if (page.kind === 'invalid-event') {
      expect(page.message).toMatch(/^Parameter Event is not valid\. \(.+position \d+\)$/);
      expect(cli.stderr).toBe(`invalid event (inline JSON):\n${page.message}\n`);
    }
  });

  it('shapes target input exactly as transform prints it', async () => {
    const event = '{"id":"1","source":"shop","time":"2026-01-01T00:00:00Z","detail":{"total":42.50,"who":"ann"}}';
    const targets = [
      '{"Id":"t","InputTransformer":{"InputPathsMap":{"total":"$.detail.total","who":"$.detail.who"},"InputTemplate":"{\\"total\\": <total>, \\"who\\": <who>}"}}',
      '{"Id":"t","InputPath":"$.detail"}',
      '{"Id":"t","Input":"{\\"fixed\\":true}"}',
      '{"Id":"t","InputTransformer":{"InputPathsMap":{"who":"$.detail.who"},"InputTemplate":"Hello <who>"}}',
    ];
    for (const target of targets) {
      const cli = await runCommand(['transform', '-t', target, '-e', event]);
      expect(cli.code).toBe(0);
      expect(evaluateTarget(target, event)).toEqual({ kind: 'input', text: cli.stdout });
    }
    const nothing = '{"Id":"t","InputPath":"$.detail.missing"}';
    const cli = await runCommand(['transform', '-t', nothing, '-e', event]);
    const page = evaluateTarget(nothing, event);
    expect(cli.code).toBe(1);
    expect(page.kind).toBe('nothing');
    if (page.kind === 'nothing') expect(`${page.message}\n`).toBe(cli.stderr);
  });
});
