/**
 * End-to-end: the real @aws-sdk/client-eventbridge against createServer on 127.0.0.1, with a
 * second in-process EventBridge fed the same calls. Every answer the SDK parses (and every error it
 * raises) must equal what the in-process class returns for the same call.
 */

import {
  CreateEventBusCommand,
  DeleteEventBusCommand,
  DeleteRuleCommand,
  DescribeEventBusCommand,
  DescribeRuleCommand,
  DisableRuleCommand,
  EnableRuleCommand,
  EventBridgeClient,
  ListEventBusesCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  TestEventPatternCommand,
} from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EventBridge } from '../../src/bus/index.js';
import { EventBridgeError } from '../../src/errors.js';
import { createServer } from '../../src/server/index.js';
import type { EventBridgeServer, MatchRecord } from '../../src/server/index.js';
import { deterministicOptions, rawRequest } from './helpers.js';
import { sdkClient } from './sdk-client.js';

const HTTP_TRACE = 'Root=1-67f4141f-e1cd7672871da115129f8b19;Parent=d0ee9531727135a0;Sampled=1';

let server: EventBridgeServer;
let client: EventBridgeClient;
let reference: EventBridge;
let url: string;
const seenByCallback: MatchRecord[] = [];

beforeAll(async () => {
  server = createServer({ bridgeOptions: deterministicOptions(), onMatch: (record) => seenByCallback.push(record) });
  reference = new EventBridge(deterministicOptions());
  url = (await server.listen(0, '127.0.0.1')).url;
  client = sdkClient(url);
  // Adds the X-Amzn-Trace-Id header AWS's X-Ray integration would send.
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { headers?: Record<string, string> };
      if (request.headers !== undefined) request.headers['x-amzn-trace-id'] = HTTP_TRACE;
      return next(args);
    },
    { step: 'build', name: 'addTraceHeader' },
  );
});

afterAll(async () => {
  client.destroy();
  await server.close();
});

/** The SDK's output without its `$metadata`. */
function sdkOutput(output: object): Record<string, unknown> {
  const { $metadata: _metadata, ...rest } = output as Record<string, unknown>;
  return rest;
}

type Outcome = { ok: true; output: Record<string, unknown> } | { ok: false; name: string; message: string; status: number | undefined };

async function viaSdk(send: () => Promise<object>): Promise<Outcome> {
  try {
    return { ok: true, output: sdkOutput(await send()) };
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { ok: false, name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
}

function inProcess(call: () => unknown): Outcome {
  try {
    return { ok: true, output: normalise(call()) };
  } catch (error) {
    if (!(error instanceof EventBridgeError)) throw error;
    return { ok: false, name: error.name, message: error.message, status: error.statusCode };
  }
}

/** Dates survive as Dates (the SDK parses timestamps); everything else as JSON would carry it. */
function normalise(result: unknown): Record<string, unknown> {
  if (result === undefined || result === null) return {};
  return structuredClone(result) as Record<string, unknown>;
}

/**
 * Runs one call through the SDK and through the reference instance and expects equal outcomes.
 *
 * @returns The SDK's outcome.
 */
async function same(send: () => Promise<object>, call: () => unknown): Promise<Outcome> {
  const wire = await viaSdk(send);
  const local = inProcess(call);
  expect(wire).toEqual(local);
  return wire;
}

describe('createServer with the AWS SDK', () => {
  test('should create and describe a bus', async () => {
    const created = await same(
      () => client.send(new CreateEventBusCommand({ Name: 'orders', Description: 'order events' })),
      () => reference.createEventBus({ Name: 'orders', Description: 'order events' }),
    );
    expect(created.ok).toBe(true);
    const described = await same(
      () => client.send(new DescribeEventBusCommand({ Name: 'orders' })),
      () => reference.describeEventBus({ Name: 'orders' }),
    );
    expect(described.ok && described.output['CreationTime']).toBeInstanceOf(Date);
    await same(() => client.send(new ListEventBusesCommand({})), () => reference.listEventBuses({}));
  });

  test('should put valid rules and refuse invalid patterns with AWS errors', async () => {
    const rules = [
      { Name: 'shop-orders', EventBusName: 'orders', EventPattern: '{"source":["shop"]}' },
      { Name: 'big-orders', EventBusName: 'orders', EventPattern: '{"detail":{"total":[{"numeric":[">",100]}]}}' },
      { Name: 'all-default', EventPattern: '{"source":[{"prefix":""}]}' },
    ];
    for (const rule of rules) {
      const outcome = await same(() => client.send(new PutRuleCommand(rule)), () => reference.putRule(rule));
      expect(outcome.ok).toBe(true);
    }
    for (const EventPattern of ['{"source":[]}', '{"a":"x"}', 'not json', '{"n":[{"numeric":[">"]}]}']) {
      const input = { Name: 'bad', EventPattern };
      const outcome = await same(() => client.send(new PutRuleCommand(input)), () => reference.putRule(input));
      expect(outcome).toMatchObject({ ok: false, name: 'InvalidEventPatternException', status: 400 });
    }
  });

  test('should store, echo and remove targets', async () => {
    const targets = {
      Rule: 'shop-orders',
      EventBusName: 'orders',
      Targets: [
        { Id: 'q', Arn: 'arn:aws:sqs:us-east-1:123456789012:orders', InputPath: '$.detail' },
        {
          Id: 'fn',
          Arn: 'arn:aws:lambda:us-east-1:123456789012:function:f',
          InputTransformer: { InputPathsMap: { id: '$.id' }, InputTemplate: '{"id": <id>}' },
          RetryPolicy: { MaximumRetryAttempts: 2 },
        },
      ],
    };
    await same(() => client.send(new PutTargetsCommand(targets)), () => reference.putTargets(targets));
    const listed = await same(
      () => client.send(new ListTargetsByRuleCommand({ Rule: 'shop-orders', EventBusName: 'orders' })),
      () => reference.listTargetsByRule({ Rule: 'shop-orders', EventBusName: 'orders' }),
    );
    expect(listed.ok && (listed.output['Targets'] as unknown[]).length).toBe(2);
  });

  test('should put a batch with trace headers and log every match', async () => {
    const entries = [
      { Source: 'shop', DetailType: 'order', Detail: '{"total":250}', EventBusName: 'orders', TraceHeader: 'Root=1-aaa' },
      { Source: 'shop', DetailType: 'order', Detail: '{"total":5}', EventBusName: 'orders', Time: new Date('2022-01-01T00:00:00Z') },
      { Source: 'billing', DetailType: 'invoice', Detail: '{}', TraceHeader: 'Root=1-bbb' },
      { Source: 'nobody', DetailType: 'x', Detail: '{}', EventBusName: 'orders' },
      { DetailType: 'x', Detail: '{}' },
      { Source: 'shop', DetailType: 'x', Detail: 'not json' },
    ];
    const before = server.matches.lastSeq;
    const outcome = await viaSdk(() => client.send(new PutEventsCommand({ Entries: entries })));
    const local = reference.putEvents({ Entries: entries }, { traceHeader: HTTP_TRACE });
    expect(outcome).toEqual({ ok: true, output: { FailedEntryCount: local.FailedEntryCount, Entries: local.Entries } });
    expect(local.FailedEntryCount).toBe(2);

    const page = JSON.parse((await rawRequest(url, { method: 'GET', path: `/_matches?since=${before}` })).body) as {
      Matches: Array<Record<string, unknown>>;
      Dropped: number;
    };
    const expected = local.Matches.filter((m) => m.Rules.length > 0);
    expect(expected.length).toBe(3);
    expect(page.Dropped).toBe(0);
    expect(page.Matches.map((m) => [m['EventId'], m['EventBusName'], m['Rules'], m['TraceHeader'], m['HttpTraceHeader']])).toEqual(
      expected.map((m) => [m.EventId, m.EventBusName, m.Rules, m.TraceHeader, HTTP_TRACE]),
    );
    // Over HTTP the envelope is an object; it is the in-process class's text, parsed.
    expect(page.Matches.map((m) => m['Event'])).toEqual(expected.map((m) => JSON.parse(m.Event) as unknown));
    // The embedder's callback saw the same records, envelope as text.
    expect(seenByCallback.slice(-3).map((r) => [r.EventId, r.Event, r.HttpTraceHeader])).toEqual(
      expected.map((m) => [m.EventId, m.Event, HTTP_TRACE]),
    );
  });

  test('should answer TestEventPattern like the in-process class', async () => {
    const event = JSON.stringify({
      id: '1',
      account: '123456789012',
      source: 'shop',
      time: '2022-01-01T00:00:00Z',
      region: 'us-east-1',
      'detail-type': 'order',
      resources: [],
      detail: { total: 3 },
    });
    for (const EventPattern of ['{"source":["shop"]}', '{"source":["other"]}', '{"detail":{"total":[{"numeric":["<",1]}]}}', '{"source":[]}']) {
      await same(
        () => client.send(new TestEventPatternCommand({ EventPattern, Event: event })),
        () => reference.testEventPattern({ EventPattern, Event: event }),
      );
    }
    const badEvent = { EventPattern: '{"source":["shop"]}', Event: '"plain string"' };
    const outcome = await same(() => client.send(new TestEventPatternCommand(badEvent)), () => reference.testEventPattern(badEvent));
    expect(outcome).toMatchObject({ ok: false, name: 'ValidationException' });
  });

  test('should describe, list, disable and enable rules', async () => {
    const ref = { Name: 'shop-orders', EventBusName: 'orders' };
    await same(() => client.send(new DescribeRuleCommand(ref)), () => reference.describeRule(ref));
    await same(() => client.send(new DisableRuleCommand(ref)), () => reference.disableRule(ref));
    await same(() => client.send(new ListRulesCommand({ EventBusName: 'orders' })), () => reference.listRules({ EventBusName: 'orders' }));
    await same(() => client.send(new EnableRuleCommand(ref)), () => reference.enableRule(ref));
    await same(
      () => client.send(new ListRulesCommand({ EventBusName: 'orders', NamePrefix: 'big', Limit: 1 })),
      () => reference.listRules({ EventBusName: 'orders', NamePrefix: 'big', Limit: 1 }),
    );
    const missing = await same(
      () => client.send(new DescribeRuleCommand({ Name: 'nope' })),
      () => reference.describeRule({ Name: 'nope' }),
    );
    expect(missing).toMatchObject({ ok: false, name: 'ResourceNotFoundException', status: 400 });
  });

  test('should delete rules and buses with AWS errors along the way', async () => {
    const ref = { Name: 'shop-orders', EventBusName: 'orders' };
    const blocked = await same(() => client.send(new DeleteRuleCommand(ref)), () => reference.deleteRule(ref));
    expect(blocked).toMatchObject({ ok: false, name: 'ValidationException' });
    const removal = { Rule: 'shop-orders', EventBusName: 'orders', Ids: ['q', 'fn'] };
    await same(() => client.send(new RemoveTargetsCommand(removal)), () => reference.removeTargets(removal));
    for (const name of ['shop-orders', 'big-orders']) {
      const input = { Name: name, EventBusName: 'orders' };
      const outcome = await same(() => client.send(new DeleteRuleCommand(input)), () => reference.deleteRule(input));
      expect(outcome).toEqual({ ok: true, output: {} });
    }
    await same(() => client.send(new DeleteEventBusCommand({ Name: 'orders' })), () => reference.deleteEventBus({ Name: 'orders' }));
    const gone = await same(
      () => client.send(new DescribeEventBusCommand({ Name: 'orders' })),
      () => reference.describeEventBus({ Name: 'orders' }),
    );
    expect(gone).toMatchObject({ ok: false, name: 'ResourceNotFoundException' });
    await same(() => client.send(new ListEventBusesCommand({})), () => reference.listEventBuses({}));
  });

  test('should put a request id on every answer', async () => {
    const response = await client.send(new ListRulesCommand({}));
    expect(response.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('should keep every entry of concurrent batches exactly once', async () => {
    const before = server.matches.lastSeq;
    const batches = Array.from({ length: 25 }, (_, b) =>
      client.send(
        new PutEventsCommand({
          Entries: Array.from({ length: 10 }, (_, i) => ({ Source: 'load', DetailType: 't', Detail: `{"b":${b},"i":${i}}` })),
        }),
      ),
    );
    const results = await Promise.all(batches);
    const ids = results.flatMap((r) => (r.Entries ?? []).map((e) => e.EventId));
    expect(results.every((r) => r.FailedEntryCount === 0)).toBe(true);
    const logged = server.matches.since(before).records.map((r) => r.EventId);
    expect(logged.length).toBe(250);
    expect(new Set(logged)).toEqual(new Set(ids));
  });
});
