/**
 * Tests of the server's operation table: every row decodes its input and calls the in-process
 * method of its name, PutEvents feeds the matches log and keeps `Matches` off the wire, names that
 * are not operations (including `Object.prototype` members) find no row, and every refusal to
 * dispatch carries a message.
 */

import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { EventBridge } from '../../src/bus/index.js';
import type { PutEventsResponse } from '../../src/bus/types.js';
import { OPERATIONS, OPERATION_TABLE, findOperation, methodName } from '../../src/server/operations.js';
import type { CallContext, OperationName } from '../../src/server/operations.js';
import { createServer } from '../../src/server/index.js';
import type { EventBridgeServer } from '../../src/server/index.js';
import { callOperation, rawRequest } from './helpers.js';

const context: CallContext = { traceHeader: undefined, onPutEvents: () => {} };

describe('OPERATION_TABLE', () => {
  test('should have one row per operation of the OPERATIONS view, with the same input shape', () => {
    expect(Object.keys(OPERATION_TABLE).sort()).toEqual([...OPERATIONS.keys()].sort());
    for (const [name, row] of Object.entries(OPERATION_TABLE)) expect(OPERATIONS.get(name)).toBe(row.input);
  });

  test.each(Object.keys(OPERATION_TABLE).filter((n) => n !== 'PutEvents'))(
    '%s should call the method of its name with the decoded input',
    (name) => {
      const bridge = new EventBridge();
      // Seen as a record of methods: a union of every method's type is too complex for the compiler.
      const methods = bridge as unknown as Record<string, (input: unknown) => unknown>;
      const spy = vi.spyOn(methods, methodName(name)).mockReturnValue({ called: name });
      const row = OPERATION_TABLE[name as OperationName];
      // `Unknown` is dropped by decoding; a modelled member reaches the method.
      const member = Object.keys(row.input)[0] as string;
      const value = row.input[member] === 'string' ? 'x' : undefined;
      const body = value === undefined ? { Unknown: 1 } : { [member]: value, Unknown: 1 };
      expect(row.run(bridge, body, context)).toEqual({ called: name });
      expect(spy).toHaveBeenCalledTimes(1);
      expect(spy.mock.calls[0]?.[0]).toEqual(value === undefined ? {} : { [member]: value });
    },
  );

  test('PutEvents should pass the trace header, hand the whole result to onPutEvents and answer without Matches', () => {
    const bridge = new EventBridge();
    bridge.putRule({ Name: 'all', EventPattern: '{"source":["shop"]}' });
    const seen: PutEventsResponse[] = [];
    const output = OPERATION_TABLE.PutEvents.run(
      bridge,
      { Entries: [{ Source: 'shop', DetailType: 'Order', Detail: '{}' }] },
      { traceHeader: 'Root=1-abc', onPutEvents: (result) => seen.push(result) },
    );
    expect(Object.keys(output as object).sort()).toEqual(['Entries', 'FailedEntryCount']);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.Matches[0]?.HttpTraceHeader).toBe('Root=1-abc');
    expect(seen[0]?.Matches[0]?.Rules.map((r) => r.Name)).toEqual(['all']);
  });

  test.each(['PutPartnerEvents', 'toString', '__proto__', 'constructor', 'hasOwnProperty', ''])(
    'findOperation(%j) should find no row',
    (name) => {
      expect(findOperation(name)).toBeUndefined();
    },
  );
});

describe('refusals to dispatch', () => {
  let server: EventBridgeServer;
  let url: string;

  beforeAll(async () => {
    server = createServer();
    url = (await server.listen()).url;
  });

  afterAll(async () => {
    await server.close();
  });

  const body = (text: string): Record<string, unknown> => JSON.parse(text) as Record<string, unknown>;

  test('an operation the server does not emulate should be named in the message', async () => {
    const response = await callOperation(url, 'CreateEndpoint', {});
    expect(response.status).toBe(400);
    expect(body(response.body)).toEqual({
      __type: 'UnknownOperationException',
      message: 'CreateEndpoint is not emulated by eventbridge-matcher.',
    });
  });

  test.each([
    ['no target', { 'content-type': 'application/x-amz-json-1.1' }, /X-Amz-Target/],
    ['another service', { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'DynamoDB_20120810.ListTables' }, /^DynamoDB_20120810\.ListTables is not emulated by eventbridge-matcher\.$/],
    ['a form content type', { 'content-type': 'application/x-www-form-urlencoded', 'x-amz-target': 'AWSEvents.ListRules' }, /application\/x-amz-json-1\.1/],
  ])('%s should get a message that says what is wrong', async (_name, headers, message) => {
    const response = await rawRequest(url, { headers, body: '{}' });
    expect(response.status).toBe(400);
    expect(body(response.body)['__type']).toBe('UnknownOperationException');
    expect(body(response.body)['message']).toMatch(message);
  });

  test('a path other than / should be named in the 404 message, cut when long', async () => {
    const short = await rawRequest(url, { method: 'GET', path: '/somewhere' });
    expect(short.status).toBe(404);
    expect(body(short.body)['message']).toBe('GET /somewhere is not emulated by eventbridge-matcher.');
    const long = await rawRequest(url, { method: 'GET', path: `/${'a'.repeat(5000)}` });
    expect(String(body(long.body)['message']).length).toBeLessThan(300);
  });
});
