/**
 * `serve --deliver <url>`: the command and the webhook handler judge the URL with one check, so a
 * URL the handler cannot use is a usage error (exit code 2) instead of an internal error. The
 * command runs in-process through `main` with in-memory streams; no server is started.
 */

import { describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main.js';
import { parseDeliveryUrl, webhookDeliveryHandler } from '../../src/server/delivery-webhook.js';
import { memoryIo } from './helpers.js';

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = memoryIo();
  const code = await main(args, io);
  return { code, stdout: io.out(), stderr: io.err() };
}

describe('serve --deliver', () => {
  test('should refuse a URL with a space in its host with exit code 2', async () => {
    const result = await run(['serve', '--port', '0', '--deliver', 'http://a b']);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'eventbridge-matcher: --deliver must be an http:// or https:// URL, got "http://a b"\n',
    });
  });

  test.each(['ftp://example.com/hook', 'localhost:3000', 'http:///hook', 'http://a:99999/'])('should refuse %j with exit code 2', async (url) => {
    const result = await run(['serve', '--port', '0', '--deliver', url]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`eventbridge-matcher: --deliver must be an http:// or https:// URL, got ${JSON.stringify(url)}\n`);
  });

  test('should agree with webhookDeliveryHandler on every URL', () => {
    for (const url of ['http://a b', 'ftp://x', 'http:///x', 'http:x', 'http://', 'http://127.0.0.1:3000/hook', 'HTTPS://[::1]:8443/h']) {
      const accepted = parseDeliveryUrl(url) !== undefined;
      let built: boolean;
      try {
        webhookDeliveryHandler(url);
        built = true;
      } catch (error) {
        expect(error).toBeInstanceOf(TypeError);
        built = false;
      }
      expect({ url, built }).toEqual({ url, built: accepted });
    }
    expect(parseDeliveryUrl('http://127.0.0.1:3000/hook')?.href).toBe('http://127.0.0.1:3000/hook');
    expect(parseDeliveryUrl('HTTPS://[::1]:8443/h')?.href).toBe('https://[::1]:8443/h');
  });
});
