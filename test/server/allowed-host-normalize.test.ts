/**
 * `--allowed-host` and `ServerOptions.allowedHosts` share one normaliser (host-check.ts): what the
 * command accepts is what the Host check compares, trailing dot and IPv6 brackets included.
 */

import { describe, expect, test } from 'vitest';
import { runServe } from '../../src/cli/serve.js';
import { CliUsageError } from '../../src/cli/io.js';
import { isHostAllowed, isValidHost, normalizeAllowedHost } from '../../src/server/host-check.js';
import { memoryIo } from '../cli/helpers.js';
import { callOperation, withServe } from './helpers.js';

describe('normalizeAllowedHost', () => {
  test.each([
    ['Example.COM.', 'example.com'],
    ['[::1]', '::1'],
    ['[2001:DB8::1]', '2001:db8::1'],
    ['dev.example', 'dev.example'],
    ['10.0.0.5', '10.0.0.5'],
  ])('should turn %j into %j', (given, expected) => {
    expect(normalizeAllowedHost(given)).toBe(expected);
  });

  test.each([
    ['example.com.', 'example.com:4010'],
    ['Example.COM', 'example.com.'],
    ['[2001:db8::1]', '[2001:db8::1]:4010'],
    ['my_host.local.', 'MY_HOST.local'],
  ])('should make the CLI check and the Host check agree on %j', (name, header) => {
    expect(isValidHost(normalizeAllowedHost(name))).toBe(true);
    expect(isHostAllowed(header, [], [name])).toBe(true);
  });
});

describe('serve --allowed-host', () => {
  test('should accept a name with a trailing dot and answer requests for it', async () => {
    const code = await withServe(['--port', '0', '--allowed-host', 'dev.example.'], async (address) => {
      expect((await callOperation(address.url, 'ListRules', {}, { host: `dev.example:${address.port}` })).status).toBe(200);
      expect((await callOperation(address.url, 'ListRules', {}, { host: 'dev.example.' })).status).toBe(200);
      expect((await callOperation(address.url, 'ListRules', {}, { host: 'other.example' })).status).toBe(403);
    });
    expect(code).toBe(0);
  });

  test.each(['.', 'a..', '[not an address]', 'evil host.'])('should still refuse %j', async (name) => {
    await expect(runServe(['--allowed-host', name], memoryIo())).rejects.toBeInstanceOf(CliUsageError);
  });
});
