/**
 * Hostile requests against the HTTP server: bodies that are not UTF-8, deeply nested or 1 MiB
 * large, prototype-pollution members, NaN-ish numbers, wrong content types, hostile Host headers
 * and `/_matches` queries, and followers that never read. Each must get an AWS-shaped JSON error
 * (or a correct answer), the server must keep answering, and memory must stay bounded.
 */

import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createServer } from '../../src/server/index.js';
import type { EventBridgeServer } from '../../src/server/index.js';
import { callOperation, rawRequest } from '../server/helpers.js';
import type { RawResponse } from '../server/helpers.js';
import { assertNoPollution, hostileEvents, hostilePatterns, invalidUtf8Bodies, longString, nestedArrays, nestedObjects, oddNumbers } from './inputs.js';

let server: EventBridgeServer;
let url: string;
let port: number;

beforeAll(async () => {
  server = createServer({ maxBodyBytes: 2 * 1024 * 1024 });
  ({ url, port } = await server.listen());
  server.bridge.putRule({ Name: 'all', EventPattern: '{"source":["s"]}' });
});

afterAll(async () => {
  await server.close(100);
});

const json11 = { 'content-type': 'application/x-amz-json-1.1' };

/** An AWS JSON error: `__type` in body and header, a string message, a 4xx status. */
function expectAwsError(response: RawResponse, type?: string): void {
  expect(response.status).toBeGreaterThanOrEqual(400);
  expect(response.status).toBeLessThan(500);
  const body = JSON.parse(response.body) as { __type?: unknown; message?: unknown };
  expect(typeof body.__type).toBe('string');
  expect(response.headers['x-amzn-errortype']).toBe(body.__type);
  if (type !== undefined) expect(body.__type).toBe(type);
  expect(response.body.length).toBeLessThanOrEqual(64 * 1024);
}

/** The server still answers an ordinary call. */
async function expectAlive(): Promise<void> {
  const response = await callOperation(url, 'ListRules', {});
  expect(response.status).toBe(200);
}

describe('request bodies', () => {
  test.each(invalidUtf8Bodies.map((body, i) => [i, body] as const))('should refuse non-UTF-8 body #%i with SerializationException', async (_i, body) => {
    const response = await rawRequest(url, { headers: { ...json11, 'x-amz-target': 'AWSEvents.PutEvents' }, body });
    expectAwsError(response, 'SerializationException');
    await expectAlive();
  });

  test.each([
    ['nested arrays', nestedArrays(200_000)],
    ['nested objects in a string member', `{"NamePrefix":${nestedObjects(200_000)}}`],
    ['NaN', '{"Limit":NaN}'],
    ['a huge number', `{"Limit":1${'0'.repeat(5000)}}`],
    ['a truncated body', '{"Entries":['],
    ['a bare string', '"PutEvents"'],
  ])('should answer a body with %s with an AWS error', async (_name, body) => {
    const response = await callOperation(url, 'ListRules', body);
    expectAwsError(response);
    await expectAlive();
  });

  test.each(oddNumbers)('should not crash on the number %s in an event', async (n) => {
    const response = await callOperation(url, 'PutEvents', { Entries: [{ Source: 's', DetailType: 'd', Detail: `{"n":${n}}` }] });
    expect([200, 400]).toContain(response.status);
    await expectAlive();
  });

  test('should give every hostile pattern and event an AWS answer over the wire', async () => {
    for (const pattern of hostilePatterns.filter((p) => p.length < 1024 * 1024)) {
      const response = await callOperation(url, 'TestEventPattern', { EventPattern: pattern, Event: '{"id":"1","source":"s"}' });
      if (response.status !== 200) expectAwsError(response);
    }
    for (const event of hostileEvents.filter((e) => e.length < 1024 * 1024)) {
      const response = await callOperation(url, 'PutEvents', { Entries: [{ Source: 's', DetailType: 'd', Detail: event }] });
      if (response.status !== 200) expectAwsError(response);
    }
    assertNoPollution();
    await expectAlive();
  });

  test('should treat __proto__ and constructor members as data', async () => {
    const body = '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"NamePrefix":"a"}';
    const response = await callOperation(url, 'ListRules', body);
    expect(response.status).toBe(200);
    assertNoPollution();
  });

  test('should refuse a body past the limit with 413, and a 1 MiB body with an AWS answer', async () => {
    const tooBig = await callOperation(url, 'PutEvents', `{"Entries":[{"Detail":"${longString(3 * 1024 * 1024)}"}]}`);
    expectAwsError(tooBig, 'RequestEntityTooLargeException');
    expect(tooBig.status).toBe(413);
    const mib = await callOperation(url, 'PutEvents', { Entries: [{ Source: 's', DetailType: 'd', Detail: `{"a":"${longString(1024 * 1024)}"}` }] });
    if (mib.status !== 200) expectAwsError(mib);
    await expectAlive();
  });

  test.each([
    ['text/plain', { 'content-type': 'text/plain' }],
    ['multipart', { 'content-type': 'multipart/form-data; boundary=x' }],
    ['form', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['no content type', {}],
    ['an unknown target', { ...json11, 'x-amz-target': 'AWSEvents.__proto__' }],
    ['a constructor target', { ...json11, 'x-amz-target': 'AWSEvents.constructor' }],
  ])('should refuse %s with UnknownOperationException', async (_name, headers) => {
    const response = await rawRequest(url, { headers: { 'x-amz-target': 'AWSEvents.ListRules', ...headers }, body: '{}' });
    expectAwsError(response, 'UnknownOperationException');
  });
});

describe('Host header', () => {
  test.each([
    'evil.example',
    'localhost.evil.example:<port>',
    'localhost@evil.example',
    'localhost:80@evil.example',
    '127.0.0.1.nip.io',
    longString(8000),
  ])('should refuse Host %j with 403 AccessDeniedException', async (hostCase) => {
    // `port` is only known once the server listens, so a case naming it is completed here.
    const host = hostCase.replace('<port>', String(port));
    const response = await callOperation(url, 'ListRules', {}, { host });
    expect(response.status).toBe(403);
    expectAwsError.call(null, { ...response, status: 400 }, 'AccessDeniedException');
  });
});

test('should refuse an empty Host header with 403', async () => {
  const answer = await new Promise<string>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.end('GET /_matches HTTP/1.1\r\nHost:\r\nConnection: close\r\n\r\n');
    });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
  expect(answer.startsWith('HTTP/1.1 403')).toBe(true);
  expect(answer).toContain('"__type":"AccessDeniedException"');
});

describe('/_matches', () => {
  test.each([
    'since=-1',
    'since=1e400',
    `since=${'9'.repeat(40)}`,
    'since=abc&limit=-5',
    'limit=0',
    `limit=${'9'.repeat(40)}`,
    'since=__proto__',
    'since=99999999',
  ])('should answer ?%s with a valid page', async (query) => {
    const response = await rawRequest(url, { method: 'GET', path: `/_matches?${query}` });
    expect(response.status).toBe(200);
    const page = JSON.parse(response.body) as { LastSeq: number };
    expect(page.LastSeq).toBeLessThanOrEqual(server.matches.lastSeq);
  });

  test('should clear a log with a 100,000,000-record bound at the cost of what it holds', async () => {
    // Before, the ring was preallocated by count and DELETE filled it: 36 s and 7.3 GB.
    const huge = createServer({ matchLogSize: 100_000_000 });
    const address = await huge.listen();
    try {
      const before = process.memoryUsage().heapUsed;
      const answer = await rawRequest(address.url, { method: 'DELETE', path: '/_matches' });
      expect(answer.status).toBe(204);
      expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 1024 * 1024);
    } finally {
      await huge.close(100);
    }
  });

  test('should cut followers that never read without buffering their backlog, while a reading follower gets every record once', async () => {
    server.matches.clear();
    const start = server.matches.lastSeq;
    const stalled = await Promise.all(Array.from({ length: 5 }, () => stalledFollower()));
    const reader = readingFollower(start);
    await reader.ready;
    const heapBefore = process.memoryUsage().heapUsed;
    const event = JSON.stringify({ pad: longString(4000, 'p') });
    // About 40 MiB in all, in 1 MiB steps that the reading follower can keep up with.
    for (let step = 0; step < 40; step++) {
      for (let i = 0; i < 250; i++) {
        server.matches.append({ ReceivedAt: 't', RequestId: 'r', EventId: `e${step}-${i}`, EventBusName: 'default', Rules: [{ Name: 'all', Arn: 'a' }], Event: event });
      }
      await reader.reached(server.matches.lastSeq);
    }
    // The followers' backlogs were never copied: memory grew by far less than 5 x 40 MiB.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(96 * 1024 * 1024);
    for (const follower of stalled) {
      const text = await follower.drainAll();
      expect(text).toContain('event: cut\ndata: {"Reason":"the client read nothing while more than');
    }
    const ids = reader.ids();
    expect(ids.length).toBe(10_000);
    expect(new Set(ids).size).toBe(10_000);
    expect(ids[0]).toBe(start + 1);
    reader.close();
    await expectAlive();
  });
});

/** A follower that connects and then never reads until `drainAll`. */
function stalledFollower(): Promise<{ drainAll(): Promise<string> }> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(port, '127.0.0.1', () => {
      socket.write(`GET /_matches?follow=1 HTTP/1.1\r\nHost: localhost:${port}\r\n\r\n`);
      socket.pause();
      resolve({
        drainAll: () =>
          new Promise<string>((done) => {
            const chunks: Buffer[] = [];
            // Keep only the tail: the follower's buffered records are not the point.
            socket.on('data', (chunk: Buffer) => {
              chunks.push(chunk);
              if (chunks.length > 8) chunks.shift();
            });
            socket.on('close', () => done(Buffer.concat(chunks).toString('latin1')));
            socket.resume();
          }),
      });
    });
    socket.on('error', reject);
  });
}

/** A follower that reads and records the `id:` of every match event. */
function readingFollower(since: number): { ready: Promise<void>; reached(seq: number): Promise<void>; ids(): number[]; close(): void } {
  const ids: number[] = [];
  let tail = '';
  let waiter: { seq: number; resolve: () => void } | undefined;
  let resolveReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  const req = request({ host: '127.0.0.1', port, path: `/_matches?follow=1&since=${since}`, agent: false }, (res) => {
    resolveReady();
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      const text = tail + chunk;
      const lines = text.split('\n');
      tail = lines.pop() ?? '';
      for (const line of lines) if (line.startsWith('id: ')) ids.push(Number(line.slice(4)));
      const last = ids[ids.length - 1];
      if (waiter !== undefined && last !== undefined && last >= waiter.seq) {
        const { resolve } = waiter;
        waiter = undefined;
        resolve();
      }
    });
  });
  req.end();
  return {
    ready,
    reached: (seq) =>
      new Promise<void>((resolve) => {
        const last = ids[ids.length - 1];
        if (last !== undefined && last >= seq) resolve();
        else waiter = { seq, resolve };
      }),
    ids: () => ids,
    close: () => req.destroy(),
  };
}
