/**
 * The wire layer under bad or unusual input: unknown operations, wrong content types, malformed
 * JSON, unknown members, oversized bodies, stalled clients, hostile nesting, the `/_matches` stream
 * and shutdown. Raw HTTP on 127.0.0.1; every server is closed at the end.
 */

import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createServer } from '../../src/server/index.js';
import type { EventBridgeServer } from '../../src/server/index.js';
import { callOperation, rawRequest } from './helpers.js';

let server: EventBridgeServer;
let url: string;
let port: number;

beforeAll(async () => {
  server = createServer({ maxBodyBytes: 256 * 1024, bodyTimeoutMs: 300, heartbeatMs: 50, newRequestId: () => 'req-fixed' });
  const address = await server.listen();
  url = address.url;
  port = address.port;
  server.bridge.putRule({ Name: 'everything', EventPattern: '{"source":[{"prefix":""}]}' });
});

afterAll(async () => {
  await server.close();
});

/** Sends raw bytes on a new connection and resolves with everything the server wrote until it closed. */
function rawExchange(send: (socket: Socket) => void): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString()));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
    send(socket);
  });
}

function parse(body: string): Record<string, unknown> {
  return JSON.parse(body) as Record<string, unknown>;
}

describe('AWS JSON 1.1 errors', () => {
  test('should answer an unknown operation with UnknownOperationException', async () => {
    const response = await callOperation(url, 'PutPartnerEvents', {});
    expect(response.status).toBe(400);
    expect(parse(response.body)).toEqual({
      __type: 'UnknownOperationException',
      message: 'PutPartnerEvents is not emulated by eventbridge-matcher.',
    });
    expect(response.headers['x-amzn-errortype']).toBe('UnknownOperationException');
    expect(response.headers['x-amzn-requestid']).toBe('req-fixed');
    expect(response.headers['content-type']).toBe('application/x-amz-json-1.1');
  });

  test.each([
    ['no target', { 'content-type': 'application/x-amz-json-1.1' }],
    ['another service', { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'DynamoDB_20120810.ListTables' }],
    ['a form content type', { 'content-type': 'application/x-www-form-urlencoded', 'x-amz-target': 'AWSEvents.ListRules' }],
    ['no content type', { 'x-amz-target': 'AWSEvents.ListRules' }],
  ])('should answer %s with UnknownOperationException', async (_name, headers) => {
    const response = await rawRequest(url, { headers, body: '{}' });
    expect(response.status).toBe(400);
    expect(parse(response.body)['__type']).toBe('UnknownOperationException');
  });

  test.each([
    ['GET', '/somewhere'],
    ['GET', '/'],
    ['POST', '/other'],
  ])('should answer %s %s with 404', async (method, path) => {
    const response = await rawRequest(url, { method, path });
    expect(response.status).toBe(404);
    expect(parse(response.body)['__type']).toBe('UnknownOperationException');
  });

  test('should answer a request target URL parsers reject with 404', async () => {
    const answer = await rawExchange((socket) => socket.write('POST // HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}'));
    expect(answer.startsWith('HTTP/1.1 404')).toBe(true);
  });

  test.each([
    ['malformed JSON', '{"Name": '],
    ['a JSON array', '[1]'],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d])],
    ['a member of the wrong type', '{"Name": 5}'],
  ])('should answer %s with SerializationException', async (_name, body) => {
    const response = await rawRequest(url, {
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.DescribeRule' },
      body,
    });
    expect(response.status).toBe(400);
    expect(parse(response.body)['__type']).toBe('SerializationException');
    expect(response.headers['x-amzn-errortype']).toBe('SerializationException');
  });

  test('should accept an empty body as {}', async () => {
    const response = await callOperation(url, 'ListRules', '');
    expect(response.status).toBe(200);
    expect(parse(response.body)['Rules']).toHaveLength(1);
  });

  test('should accept application/json too', async () => {
    const response = await callOperation(url, 'ListRules', {}, { 'content-type': 'application/json; charset=utf-8' });
    expect(response.status).toBe(200);
  });

  test('should ignore unknown members', async () => {
    const body = '{"Name":"everything","Colour":"blue","__proto__":{"x":1},"constructor":{"prototype":{}}}';
    const response = await callOperation(url, 'DescribeRule', body);
    expect(response.status).toBe(200);
    expect(parse(response.body)['Name']).toBe('everything');
  });

  test('should carry in-process errors with their code, message and status', async () => {
    const response = await callOperation(url, 'DescribeRule', { Name: 'missing' });
    expect(response.status).toBe(400);
    expect(parse(response.body)).toEqual({
      __type: 'ResourceNotFoundException',
      message: 'Rule missing does not exist on EventBus default.',
    });
  });

  test('should send timestamps as epoch seconds', async () => {
    const response = await callOperation(url, 'DescribeEventBus', {});
    expect(response.status).toBe(200);
    expect(typeof parse(response.body)['CreationTime']).toBe('number');
  });
});

describe('limits', () => {
  test('should refuse a body over the cap by its Content-Length', async () => {
    const response = await callOperation(url, 'PutEvents', 'x'.repeat(256 * 1024 + 1));
    expect(response.status).toBe(413);
    expect(parse(response.body)['__type']).toBe('RequestEntityTooLargeException');
  });

  test('should refuse a chunked body once it passes the cap', async () => {
    const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        `${url}/`,
        { method: 'POST', agent: false, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.PutEvents' } },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      // The server may cut the connection while we still write; that is fine.
      req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' || error.code === 'EPIPE' ? undefined : reject(error)));
      for (let i = 0; i < 40; i++) req.write('x'.repeat(8 * 1024));
      req.end();
    });
    expect(response.status).toBe(413);
  });

  test('should answer a client that stalls mid-body with 408 and close', async () => {
    const stalled =
      'POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-amz-json-1.1\r\n' +
      'X-Amz-Target: AWSEvents.ListRules\r\nContent-Length: 100\r\n\r\n{"Na';
    const answer = await rawExchange((socket) => socket.write(stalled));
    expect(answer.startsWith('HTTP/1.1 408')).toBe(true);
    expect(answer).toContain('"__type":"RequestTimeoutException"');
  });

  test('should answer a garbage request line without crashing', async () => {
    const answer = await rawExchange((socket) => socket.end('NOT HTTP AT ALL\r\n\r\n'));
    expect(answer.startsWith('HTTP/1.1 400')).toBe(true);
    expect((await callOperation(url, 'ListRules', {})).status).toBe(200);
  });

  test('should answer oversized headers with 431', async () => {
    const response = await rawRequest(url, { headers: { 'x-big': 'y'.repeat(20_000) }, body: '{}' }).catch((error: unknown) => error);
    // Node may reset the socket while the client still writes; when it answers, it is a 431.
    if (!(response instanceof Error)) {
      expect((response as { status: number }).status).toBe(431);
      expect(JSON.parse((response as { body: string }).body)).toMatchObject({ __type: 'RequestHeaderFieldsTooLargeException' });
    }
    expect((await callOperation(url, 'ListRules', {})).status).toBe(200);
  });

  test('should take a Detail nested 10,000 levels deep', async () => {
    const detail = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
    const response = await callOperation(url, 'PutEvents', { Entries: [{ Source: 's', DetailType: 'd', Detail: detail }] });
    expect(response.status).toBe(200);
    expect(parse(response.body)['Entries']).toHaveLength(1);
  });

  test('should take a body nested 10,000 levels deep in an unknown member', async () => {
    const body = '{"Name":"everything","Junk":' + '['.repeat(10_000) + ']'.repeat(10_000) + '}';
    const response = await callOperation(url, 'DescribeRule', body);
    expect(response.status).toBe(200);
  });

  test('should answer concurrent requests correctly', async () => {
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 2 === 0
          ? callOperation(url, 'PutEvents', { Entries: [{ Source: `c${i}`, DetailType: 'd', Detail: '{}' }] })
          : callOperation(url, 'DescribeRule', { Name: 'everything' }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array.from({ length: 40 }, () => 200));
  });
});

describe('GET /_matches', () => {
  test('should page with since and limit, and clear with DELETE', async () => {
    await callOperation(url, 'PutEvents', {
      Entries: [1, 2, 3].map((n) => ({ Source: `page${n}`, DetailType: 'd', Detail: '{}' })),
    });
    const last = server.matches.lastSeq;
    const page = parse((await rawRequest(url, { method: 'GET', path: `/_matches?since=${last - 3}&limit=2` })).body);
    const items = page['Matches'] as Array<Record<string, unknown>>;
    expect(items.map((m) => (m['Event'] as { source: string }).source)).toEqual(['page1', 'page2']);
    expect(page['LastSeq']).toBe(last - 1);
    expect((await rawRequest(url, { method: 'DELETE', path: '/_matches' })).status).toBe(204);
    expect(parse((await rawRequest(url, { method: 'GET', path: '/_matches' })).body)['Matches']).toEqual([]);
  });

  test('should stream matches as server-sent events', async () => {
    const before = server.matches.lastSeq;
    const received = await new Promise<string>((resolve, reject) => {
      const req = request(`${url}/_matches?follow=1&since=${before}`, { agent: false }, (res) => {
        expect(res.headers['content-type']).toContain('text/event-stream');
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes('"source":"streamed-2"')) {
            req.destroy();
            resolve(text);
          }
        });
        void callOperation(url, 'PutEvents', {
          Entries: [1, 2].map((n) => ({ Source: `streamed-${n}`, DetailType: 'd', Detail: '{}', TraceHeader: `T${n}` })),
        });
      });
      req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? undefined : reject(error)));
      req.end();
    });
    const events = received.split('\n\n').filter((block) => block.includes('event: match'));
    expect(events).toHaveLength(2);
    expect(events[0]).toMatch(new RegExp(`^id: ${before + 1}\nevent: match\ndata: \\{`));
    expect(events[1]).toContain('"TraceHeader":"T2"');
  });
});

describe('close', () => {
  test('should end follow streams and free the port', async () => {
    const other = createServer();
    const address = await other.listen();
    const ended = new Promise<void>((resolve, reject) => {
      const req = request(`${address.url}/_matches?follow=1`, { agent: false }, (res) => {
        res.resume();
        res.on('end', resolve);
        res.on('close', resolve);
      });
      req.on('error', reject);
      req.end();
    });
    // Let the stream open before closing.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await other.close();
    await ended;
    expect(other.httpServer.listening).toBe(false);
  });
});
