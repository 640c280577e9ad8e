/**
 * The Host-header guard against DNS rebinding (src/server/host-check.ts): which names pass, and the
 * 403 AWS JSON error a real server gives the others, while the SDK on 127.0.0.1 and on localhost
 * keeps working.
 */

import { ListRulesCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hostOfHeader, isHostAllowed, isValidHost, refuseForeignHost } from '../../src/server/host-check.js';
import type { HostPolicy } from '../../src/server/host-check.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from '../../src/server/index.js';
import type { EventBridgeServer } from '../../src/server/index.js';
import { callOperation, rawRequest } from './helpers.js';
import { sdkClient } from './sdk-client.js';

describe('hostOfHeader', () => {
  test.each([
    ['localhost:4010', 'localhost'],
    ['LOCALHOST', 'localhost'],
    ['localhost.:80', 'localhost'],
    ['127.0.0.1:4010', '127.0.0.1'],
    ['[::1]:4010', '::1'],
    ['[::ffff:127.0.0.1]', '127.0.0.1'],
    ['my-host.example', 'my-host.example'],
  ])('should read %s as %s', (header, host) => {
    expect(hostOfHeader(header)).toBe(host);
  });

  test.each(['', ':80', 'a b', 'host:port', '[::1', '[nothost]:1', 'evil.example:80:80', 'x'.repeat(300)])('should refuse %j', (header) => {
    expect(hostOfHeader(header)).toBeUndefined();
  });
});

describe('isHostAllowed', () => {
  test.each(['localhost', 'localhost:1', '127.0.0.1:4010', '127.1.2.3', '[::1]:4010'])('should allow loopback %s', (header) => {
    expect(isHostAllowed(header, [], [])).toBe(true);
  });

  test('should allow a missing Host, the bound address and allowed names only', () => {
    expect(isHostAllowed(undefined, [], [])).toBe(true);
    expect(isHostAllowed('evil.example', ['127.0.0.1'], [])).toBe(false);
    expect(isHostAllowed('127.0.0.1.evil.example', ['127.0.0.1'], [])).toBe(false);
    expect(isHostAllowed('localhost.evil.example', [], [])).toBe(false);
    expect(isHostAllowed('10.0.0.5:4010', ['10.0.0.5'], [])).toBe(true);
    expect(isHostAllowed('10.0.0.5:4010', ['::ffff:10.0.0.5'], [])).toBe(true);
    expect(isHostAllowed('Dev.Example:4010', [], ['dev.example'])).toBe(true);
    expect(isHostAllowed('[fd00::1]:4010', [], ['[fd00::1]'])).toBe(true);
  });
});

describe('refuseForeignHost', () => {
  /** A request with this Host on a socket bound to 10.0.0.5, counting the address lookups. */
  function check(host: string | undefined, allowedHosts: string[] = []): { refused: boolean; lookups: number; status: number | undefined } {
    let lookups = 0;
    let status: number | undefined;
    const req = {
      headers: host === undefined ? {} : { host },
      socket: {
        get localAddress(): string {
          lookups++;
          return '10.0.0.5';
        },
      },
      resume: () => undefined,
    } as unknown as IncomingMessage;
    const res = {
      headersSent: false,
      writeHead(code: number) {
        status = code;
        return this;
      },
      setHeader: () => undefined,
      end: () => undefined,
    } as unknown as ServerResponse;
    const server = {
      address() {
        lookups++;
        return { address: '10.0.0.5', family: 'IPv4', port: 4010 };
      },
    } as unknown as HostPolicy['server'];
    const refused = refuseForeignHost(req, res, 'req-1', { allowedHosts, ...(server === undefined ? {} : { server }) });
    return { refused, lookups, status };
  }

  test('should let loopback, a missing Host and allowed names through without asking for addresses', () => {
    for (const host of [undefined, 'localhost:4010', '127.0.0.1', '[::1]:4010']) expect(check(host)).toEqual({ refused: false, lookups: 0, status: undefined });
    expect(check('dev.example', ['dev.example'])).toEqual({ refused: false, lookups: 0, status: undefined });
  });

  test('should look the addresses up for any other Host: the server\'s own address passes, others get 403', () => {
    expect(check('10.0.0.5:4010')).toEqual({ refused: false, lookups: 2, status: undefined });
    expect(check('evil.example')).toMatchObject({ refused: true, lookups: 2, status: 403 });
  });
});

describe('isValidHost', () => {
  test.each(['127.0.0.1', '::', '0.0.0.0', 'localhost', 'my_box.local'])('should accept %s', (host) => {
    expect(isValidHost(host)).toBe(true);
  });
  test.each(['', ' ', 'a..b', 'http://x', '-x', 'a b', '[::1]'])('should refuse %j', (host) => {
    expect(isValidHost(host)).toBe(false);
  });
});

describe('a served request', () => {
  let server: EventBridgeServer;
  let url: string;
  let port: number;

  beforeAll(async () => {
    server = createServer({ allowedHosts: ['dev.example'] });
    ({ url, port } = await server.listen());
  });

  afterAll(async () => {
    await server.close();
  });

  test('should refuse a foreign Host with 403 and an AWS JSON error', async () => {
    const answer = await callOperation(url, 'ListRules', {}, { host: `rebind.attacker.example:${port}` });
    expect(answer.status).toBe(403);
    expect(answer.headers['x-amzn-errortype']).toBe('AccessDeniedException');
    const body = JSON.parse(answer.body) as { __type: string; message: string };
    expect(body.__type).toBe('AccessDeniedException');
    expect(body.message).toContain('"rebind.attacker.example:');
  });

  test('should refuse a foreign Host on /_matches too', async () => {
    const answer = await rawRequest(url, { method: 'GET', path: '/_matches', headers: { host: 'rebind.attacker.example' } });
    expect(answer.status).toBe(403);
  });

  test.each(['localhost', '127.0.0.1', 'dev.example'])('should serve Host %s', async (name) => {
    const answer = await callOperation(url, 'ListRules', {}, { host: `${name}:${port}` });
    expect(answer.status).toBe(200);
  });

  test.each(['127.0.0.1', 'localhost'])('should keep working for the AWS SDK at http://%s', async (name) => {
    const client = sdkClient(`http://${name}:${port}`);
    try {
      const result = await client.send(new ListRulesCommand({}));
      expect(result.Rules).toEqual([]);
    } finally {
      client.destroy();
    }
  });
});
