/**
 * Issue #12, item 2, on the wire: a 10 MB PutEvents body of millions of entries gets AWS's
 * too-many-entries ValidationException (HTTP 400) with a message under 64 KiB, not an
 * `InternalException` from a `RangeError: Invalid string length`.
 */

import { afterAll, beforeAll, expect, test } from 'vitest';
import { createServer } from '../../src/server/index.js';
import type { EventBridgeServer } from '../../src/server/index.js';
import { callOperation } from './helpers.js';

let server: EventBridgeServer;
let url: string;

beforeAll(async () => {
  server = createServer();
  url = (await server.listen()).url;
});

afterAll(async () => {
  await server.close();
});

test('a 10 MB body of empty entries should get a bounded ValidationException', async () => {
  const count = 3_300_000;
  const body = `{"Entries":[${'{},'.repeat(count - 1)}{}]}`;
  // The test's own input, not the server's answer: a wrong size is a broken test, not a failure.
  if (body.length <= 9_900_000 || body.length >= 10 * 1024 * 1024) throw new Error(`test body is ${body.length} characters, not just under 10 MiB`);
  const response = await callOperation(url, 'PutEvents', body);
  expect(response.status).toBe(400);
  expect(response.headers['x-amzn-errortype']).toBe('ValidationException');
  expect(Buffer.byteLength(response.body)).toBeLessThanOrEqual(64 * 1024 + 100);
  const parsed = JSON.parse(response.body) as { __type: string; message: string };
  expect(parsed.__type).toBe('ValidationException');
  expect(parsed.message).toContain(`... (${count} entries)]' at 'entries' failed to satisfy constraint`);
}, 60_000);
