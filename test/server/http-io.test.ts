/**
 * Tests of the HTTP plumbing: body reading under a byte cap, and AWS-shaped error responses.
 */

import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EventBridgeError } from '../../src/errors.js';
import { BodyReadError, readBody, sendError, sendOutput } from '../../src/server/http-io.js';
import { rawRequest } from './helpers.js';

let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    readBody(req, 1024, 200).then(
      (body) => sendOutput(res, 'rid', { Length: body.length, When: new Date(1000) }),
      (error: unknown) => {
        if (error instanceof BodyReadError && error.failure.kind === 'error') sendError(res, 'rid', error.failure.error, true);
        else res.destroy();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('readBody', () => {
  test('should read a body within the cap', async () => {
    const response = await rawRequest(url, { body: 'x'.repeat(1024) });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ Length: 1024, When: 1 });
    expect(response.headers['x-amzn-requestid']).toBe('rid');
  });

  test('should refuse a body one byte over the cap', async () => {
    const response = await rawRequest(url, { body: 'x'.repeat(1025) });
    expect(response.status).toBe(413);
    expect(response.headers['connection']).toBe('close');
    expect(JSON.parse(response.body)).toEqual({
      __type: 'RequestEntityTooLargeException',
      message: 'Request body is larger than the limit of 1024 bytes.',
    });
  });
});

describe('sendError', () => {
  test('should leave out an empty message', async () => {
    const local = createServer((_req, res) => sendError(res, 'r', new EventBridgeError('UnknownOperationException', '', 400)));
    await new Promise<void>((resolve) => local.listen(0, '127.0.0.1', resolve));
    try {
      const response = await rawRequest(`http://127.0.0.1:${(local.address() as AddressInfo).port}`);
      expect(response.body).toBe('{"__type":"UnknownOperationException"}');
      expect(response.headers['x-amzn-errortype']).toBe('UnknownOperationException');
    } finally {
      await new Promise<void>((resolve) => local.close(() => resolve()));
    }
  });
});
