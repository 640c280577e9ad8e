/**
 * The end-to-end check: the real AWS SDK over HTTP against `serve --deliver <url>`.
 * PutTargets + PutEvents → `/_matches` shows each target's transformed input; a local receiver gets
 * one POST per target with the input as body and the rule, target, event, attempt and trace
 * headers; a failing receiver sees the retries, then `/_dead-letters` holds the delivery.
 */

import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PutEventsCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { afterEach, describe, expect, it } from 'vitest';
import { runServe } from '../../src/cli/serve.js';
import type { ListeningAddress } from '../../src/server/index.js';
import { traceparentFromXRay } from '../../src/server/delivery-webhook.js';
import { memoryIo } from '../cli/helpers.js';
import { sdkClient } from '../server/sdk-client.js';

interface Received {
  readonly body: string;
  readonly headers: IncomingHttpHeaders;
}

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

/** A local receiver answering `status` (a number, or one per request in turn). */
async function receiver(statuses: number[]): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
      const status = statuses[Math.min(received.length - 1, statuses.length - 1)] ?? 200;
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stops.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, received };
}

/** Runs `serve` with the arguments; returns its address. */
async function serve(args: string[]): Promise<ListeningAddress> {
  const io = memoryIo();
  const controller = new AbortController();
  let ready: (address: ListeningAddress) => void = () => undefined;
  const listening = new Promise<ListeningAddress>((resolve) => (ready = resolve));
  const done = runServe(['--port', '0', ...args], io, { signal: controller.signal, onListening: ready });
  stops.push(async () => {
    controller.abort();
    await done;
  });
  return listening;
}

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const TRACE = 'Root=1-65b7a1c0-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1';

describe('serve --deliver with the AWS SDK', () => {
  it('shows transformed input in /_matches and reaches the receiver once per target', async () => {
    const sink = await receiver([200]);
    const address = await serve(['--deliver', sink.url]);
    const client = sdkClient(address.url);
    await client.send(new PutRuleCommand({ Name: 'orders', EventPattern: '{"source":["shop"]}' }));
    await client.send(
      new PutTargetsCommand({
        Rule: 'orders',
        Targets: [
          {
            Id: 'invoice',
            Arn: 'arn:aws:lambda:us-east-1:123456789012:function:invoice',
            InputTransformer: { InputPathsMap: { t: '$.detail.total' }, InputTemplate: '{"total": <t>}' },
          },
          { Id: 'audit', Arn: 'arn:aws:sqs:us-east-1:123456789012:audit', InputPath: '$.detail' },
        ],
      }),
    );
    const put = await client.send(
      new PutEventsCommand({ Entries: [{ Source: 'shop', DetailType: 'Order', Detail: '{"total": 42.50}', TraceHeader: TRACE }] }),
    );
    const eventId = put.Entries?.[0]?.EventId ?? '';

    const log = (await (await fetch(`${address.url}/_matches`)).json()) as { Matches: Array<{ Deliveries?: unknown[] }> };
    expect(log.Matches[0]?.Deliveries).toEqual([
      { Rule: 'orders', TargetId: 'invoice', TargetArn: 'arn:aws:lambda:us-east-1:123456789012:function:invoice', Input: '{"total": 42.50}', TraceHeader: TRACE },
      { Rule: 'orders', TargetId: 'audit', TargetArn: 'arn:aws:sqs:us-east-1:123456789012:audit', Input: '{"total":42.50}', TraceHeader: TRACE },
    ]);

    await until(() => sink.received.length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sink.received).toHaveLength(2);
    const byTarget = new Map(sink.received.map((r) => [r.headers['x-eventbridge-target-id'], r]));
    expect(byTarget.get('invoice')?.body).toBe('{"total": 42.50}');
    expect(byTarget.get('audit')?.body).toBe('{"total":42.50}');
    expect(byTarget.get('invoice')?.headers).toMatchObject({
      'x-eventbridge-rule': 'orders',
      'x-eventbridge-target-arn': 'arn:aws:lambda:us-east-1:123456789012:function:invoice',
      'x-eventbridge-event-id': eventId,
      'x-eventbridge-attempt': '1',
      'x-amzn-trace-id': TRACE,
      traceparent: '00-65b7a1c00123456789abcdef01234567-53995c3f42cd8ad8-01',
      'content-type': 'application/json; charset=utf-8',
    });
  });

  it('retries a receiver answering 500, then keeps the dead letter at /_dead-letters', async () => {
    const sink = await receiver([500]);
    const address = await serve(['--deliver', sink.url, '--retry-delay', '10']);
    const client = sdkClient(address.url);
    await client.send(new PutRuleCommand({ Name: 'r', EventPattern: '{"source":["shop"]}' }));
    await client.send(
      new PutTargetsCommand({
        Rule: 'r',
        Targets: [{ Id: 'flaky', Arn: 'arn:aws:lambda:us-east-1:123456789012:function:f', RetryPolicy: { MaximumRetryAttempts: 2 } }],
      }),
    );
    const put = await client.send(new PutEventsCommand({ Entries: [{ Source: 'shop', DetailType: 'Order', Detail: '{}' }] }));
    expect(put.FailedEntryCount).toBe(0);

    type Letters = { DeadLetters: Array<Record<string, unknown>> };
    let letters: Letters = { DeadLetters: [] };
    await until(() => sink.received.length >= 3);
    for (let i = 0; i < 100 && letters.DeadLetters.length === 0; i++) {
      letters = (await (await fetch(`${address.url}/_dead-letters`)).json()) as Letters;
      if (letters.DeadLetters.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(sink.received.map((r) => r.headers['x-eventbridge-attempt'])).toEqual(['1', '2', '3']);
    expect(sink.received[0]?.headers).not.toHaveProperty('x-amzn-trace-id');
    expect(sink.received[0]?.headers).not.toHaveProperty('traceparent');
    expect(letters.DeadLetters).toEqual([
      expect.objectContaining({
        EventId: put.Entries?.[0]?.EventId,
        Rule: 'r',
        TargetId: 'flaky',
        Attempts: 3,
        LastError: `Error: HTTP 500 from ${sink.url}`,
      }),
    ]);
    expect((await fetch(`${address.url}/_dead-letters`, { method: 'DELETE' })).status).toBe(204);
    expect(((await (await fetch(`${address.url}/_dead-letters`)).json()) as Letters).DeadLetters).toEqual([]);
  });

  it('refuses invalid transformers at PutTargets with AWS’s exception and message', async () => {
    const address = await serve([]);
    const client = sdkClient(address.url);
    await client.send(new PutRuleCommand({ Name: 'r', EventPattern: '{"source":["shop"]}' }));
    const error = await client
      .send(new PutTargetsCommand({ Rule: 'r', Targets: [{ Id: 't', Arn: 'arn:aws:sqs:us-east-1:123456789012:q', InputTransformer: { InputTemplate: '"<x>"' } }] }))
      .catch((e: unknown) => e as Error);
    expect([(error as Error).name, (error as Error).message]).toEqual(['ValidationException', 'InputTemplate for target t contains invalid placeholder x.']);
  });
});

describe('traceparentFromXRay', () => {
  it.each([
    [TRACE, '00-65b7a1c00123456789abcdef01234567-53995c3f42cd8ad8-01'],
    ['Root=1-65b7a1c0-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=0', '00-65b7a1c00123456789abcdef01234567-53995c3f42cd8ad8-00'],
    ['Root=1-65b7a1c0-0123456789abcdef01234567', undefined],
    ['Root=2-65b7a1c0-0123456789abcdef01234567;Parent=53995c3f42cd8ad8', undefined],
    ['garbage', undefined],
  ])('%s → %s', (header, expected) => {
    expect(traceparentFromXRay(header)).toBe(expected);
  });
});
