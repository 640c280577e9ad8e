/**
 * In-process delivery: Matches[i].Deliveries, onDelivery handlers and ARN routes, retries per the
 * target's RetryPolicy with an injected timer and clock, dead letters, and PutTargets refusing bad
 * input members with AWS's messages.
 */

import { describe, expect, it } from 'vitest';
import { EventBridge, EventBridgeError } from '../../src/index.js';
import type { Delivery } from '../../src/index.js';
import { PermanentDeliveryError } from '../../src/bus/index.js';

const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:invoice';
const QUEUE = 'arn:aws:sqs:us-east-1:123456789012:audit';
const order = { Source: 'shop', DetailType: 'OrderPlaced', Detail: '{"total": 250, "customer": {"id": "c1"}}' };

/** A bus with one rule and two targets, a manual timer and a settable clock. */
function setup(options: { retry?: Record<string, number>; handlers?: Record<string, (d: Delivery) => void | Promise<void>> } = {}) {
  let nowMs = Date.parse('2026-01-29T12:00:00Z');
  const timers: Array<() => void> = [];
  let n = 0;
  const eb = new EventBridge({
    now: () => new Date(nowMs),
    newId: () => `id-${++n}`,
    setTimer: (callback) => {
      timers.push(callback);
    },
    ...(options.handlers === undefined ? {} : { targetHandlers: options.handlers }),
  });
  eb.putRule({ Name: 'orders', EventPattern: '{"source":["shop"]}' });
  eb.putTargets({
    Rule: 'orders',
    Targets: [
      {
        Id: 'invoice',
        Arn: LAMBDA,
        InputTransformer: { InputPathsMap: { total: '$.detail.total' }, InputTemplate: '{"total": <total>, "rule": <aws.events.rule-name>}' },
        ...(options.retry === undefined ? {} : { RetryPolicy: options.retry }),
        DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:123456789012:dlq' },
      },
      { Id: 'audit', Arn: QUEUE, InputPath: '$.detail.customer' },
    ],
  });
  /** Runs the waiting retries' timers, letting each attempt finish first. */
  async function tick(): Promise<number> {
    await new Promise((resolve) => setImmediate(resolve));
    const due = timers.splice(0);
    for (const run of due) run();
    await new Promise((resolve) => setImmediate(resolve));
    return due.length;
  }
  return { eb, tick, advance: (ms: number) => (nowMs += ms) };
}

describe('Deliveries in PutEvents', () => {
  it('lists each target of each matched rule with its exact input and the trace header', () => {
    const { eb } = setup();
    eb.putRule({ Name: 'no-targets', EventPattern: '{"source":["shop"]}' });
    const out = eb.putEvents({ Entries: [{ ...order, TraceHeader: 'Root=1-65b7a1c0-0123456789abcdef01234567' }] }, { traceHeader: 'Root=1-http' });
    expect(out.Matches[0]?.Deliveries).toEqual([
      { Rule: 'orders', TargetId: 'invoice', TargetArn: LAMBDA, Input: '{"total": 250, "rule": "orders"}', TraceHeader: 'Root=1-65b7a1c0-0123456789abcdef01234567' },
      { Rule: 'orders', TargetId: 'audit', TargetArn: QUEUE, Input: '{"id":"c1"}', TraceHeader: 'Root=1-65b7a1c0-0123456789abcdef01234567' },
    ]);
    const second = eb.putEvents({ Entries: [order] }, { traceHeader: 'Root=1-http' });
    expect(second.Matches[0]?.Deliveries?.[0]?.TraceHeader).toBe('Root=1-http');
  });

  it('has no Deliveries when no matched rule has a target, and none without a trace', () => {
    const eb = new EventBridge();
    eb.putRule({ Name: 'r', EventPattern: '{"source":["shop"]}' });
    expect(eb.putEvents({ Entries: [order] }).Matches[0]).not.toHaveProperty('Deliveries');
    eb.putTargets({ Rule: 'r', Targets: [{ Id: 't', Arn: QUEUE }] });
    const match = eb.putEvents({ Entries: [order] }).Matches[0];
    const d = match?.Deliveries?.[0];
    expect(d).not.toHaveProperty('TraceHeader');
    // A target without input members receives the envelope itself.
    expect(d?.Input).toBe(match?.Event);
  });
});

describe('handlers', () => {
  it('calls onDelivery handlers and ARN routes after putEvents returns, never inside it', async () => {
    const seen: string[] = [];
    const { eb } = setup({ handlers: { [LAMBDA]: (d) => void seen.push(`lambda ${d.Input}`) } });
    eb.onDelivery((d) => {
      seen.push(`all ${d.TargetId} ${d.Attempt} ${d.EventId} ${d.RuleArn}`);
    });
    eb.putEvents({ Entries: [order] });
    expect(seen).toEqual([]);
    await eb.deliveriesSettled();
    // Targets are delivered concurrently; per target, the routed function comes first.
    expect(seen.sort()).toEqual([
      'all audit 1 id-1 arn:aws:events:us-east-1:123456789012:rule/orders',
      'all invoice 1 id-1 arn:aws:events:us-east-1:123456789012:rule/orders',
      'lambda {"total": 250, "rule": "orders"}',
    ]);
    expect(eb.deadLetters()).toEqual([]);
  });

  it('never lets a throwing handler fail PutEvents, and can be removed', async () => {
    const { eb } = setup({ retry: { MaximumRetryAttempts: 0 } });
    const off = eb.onDelivery(() => {
      throw new Error('boom');
    });
    const out = eb.putEvents({ Entries: [order] });
    expect(out.FailedEntryCount).toBe(0);
    await new Promise((resolve) => setImmediate(resolve));
    off();
    eb.putEvents({ Entries: [order] });
    await new Promise((resolve) => setImmediate(resolve));
    expect(eb.deadLetters().map((l) => l.EventId)).toEqual(['id-1']);
  });
});

describe('retries and dead letters', () => {
  it('retries a failing target MaximumRetryAttempts times, then records a dead letter', async () => {
    const attempts: number[] = [];
    const { eb, tick } = setup({
      retry: { MaximumRetryAttempts: 2 },
      handlers: {
        [LAMBDA]: (d) => {
          attempts.push(d.Attempt);
          throw new Error(`down ${d.Attempt}`);
        },
      },
    });
    eb.putEvents({ Entries: [order] });
    expect(await tick()).toBe(1);
    expect(await tick()).toBe(1);
    expect(await tick()).toBe(0);
    await eb.deliveriesSettled();
    expect(attempts).toEqual([1, 2, 3]);
    expect(eb.deadLetters()).toEqual([
      {
        EventId: 'id-1',
        EventBusName: 'default',
        Rule: 'orders',
        RuleArn: 'arn:aws:events:us-east-1:123456789012:rule/orders',
        TargetId: 'invoice',
        TargetArn: LAMBDA,
        Input: '{"total": 250, "rule": "orders"}',
        Attempts: 3,
        LastError: 'Error: down 3',
        FailedAt: '2026-01-29T12:00:00.000Z',
        DeadLetterArn: 'arn:aws:sqs:us-east-1:123456789012:dlq',
      },
    ]);
    eb.clearDeadLetters();
    expect(eb.deadLetters()).toEqual([]);
  });

  it('stops when the event is older than MaximumEventAgeInSeconds', async () => {
    const attempts: number[] = [];
    const { eb, tick, advance } = setup({
      retry: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 60 },
      handlers: {
        [LAMBDA]: (d) => {
          attempts.push(d.Attempt);
          throw new Error('down');
        },
      },
    });
    eb.putEvents({ Entries: [order] });
    await tick();
    advance(61_000);
    await tick();
    await eb.deliveriesSettled();
    expect(attempts).toEqual([1, 2]);
    expect(eb.deadLetters()[0]).toMatchObject({ Attempts: 2, LastError: 'Error: down (event older than MaximumEventAgeInSeconds)' });
  });

  it('succeeds on a retry without a dead letter, and retries only the failed receiver', async () => {
    const calls: string[] = [];
    let fail = true;
    const { eb, tick } = setup({
      handlers: {
        [LAMBDA]: async () => {
          calls.push('lambda');
          if (fail) {
            fail = false;
            throw new Error('once');
          }
        },
      },
    });
    eb.onDelivery((d) => void calls.push(`all ${d.TargetId} ${d.Attempt}`));
    eb.putEvents({ Entries: [order] });
    await tick();
    await tick();
    await eb.deliveriesSettled();
    expect(calls.sort()).toEqual(['all audit 1', 'all invoice 1', 'lambda', 'lambda']);
    expect(eb.deadLetters()).toEqual([]);
  });

  it('gives up at once on a PermanentDeliveryError', async () => {
    const { eb } = setup({
      handlers: {
        [LAMBDA]: () => {
          throw new PermanentDeliveryError('HTTP 400');
        },
      },
    });
    eb.putEvents({ Entries: [order] });
    await eb.deliveriesSettled();
    expect(eb.deadLetters()[0]).toMatchObject({ Attempts: 1, LastError: 'PermanentDeliveryError: HTTP 400' });
  });

  it('records a target whose input cannot be built as a dead letter, not as a delivery', async () => {
    const eb = new EventBridge();
    eb.putRule({ Name: 'r', EventPattern: '{"source":["shop"]}' });
    eb.putTargets({ Rule: 'r', Targets: [{ Id: 'p', Arn: QUEUE, InputPath: '$.detail.nothing' }] });
    const out = eb.putEvents({ Entries: [order] });
    expect(out.Matches[0]).not.toHaveProperty('Deliveries');
    expect(eb.deadLetters()[0]).toMatchObject({ TargetId: 'p', Attempts: 0, LastError: 'TargetInputError: InputPath $.detail.nothing selects nothing in the event.' });
    expect(eb.deadLetters()[0]).not.toHaveProperty('Input');
  });
});

describe('PutTargets', () => {
  it.each([
    [{ Input: '{}', InputPath: '$' }, 'Only one of Input, InputPath, or InputTransformer must be provided for target t.'],
    [{ InputTransformer: { InputPathsMap: {}, InputTemplate: '"<x>"' } }, 'InputTemplate for target t contains invalid placeholder x.'],
    [{ RetryPolicy: { MaximumRetryAttempts: 200 } }, "1 validation error detected: Value '200' at 'targets.1.member.retryPolicy.maximumRetryAttempts' failed to satisfy constraint: Member must have value less than or equal to 185"],
  ])('refuses %j with AWS’s message and stores nothing', (members, message) => {
    const eb = new EventBridge();
    eb.putRule({ Name: 'r', EventPattern: '{"source":["shop"]}' });
    let error: unknown;
    try {
      eb.putTargets({ Rule: 'r', Targets: [{ Id: 't', Arn: QUEUE, ...members }] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EventBridgeError);
    expect([(error as Error).name, (error as Error).message]).toEqual(['ValidationException', message]);
    expect(eb.listTargetsByRule({ Rule: 'r' }).Targets).toEqual([]);
  });
});

describe('bounds', () => {
  it('turns deliveries past the in-progress limit into dead letters at once', async () => {
    const eb = new EventBridge({ setTimer: () => undefined }); // retries never run: deliveries stay in progress
    eb.putRule({ Name: 'r', EventPattern: '{"source":["shop"]}' });
    eb.putTargets({ Rule: 'r', Targets: [{ Id: 't', Arn: QUEUE }] });
    eb.onDelivery(() => {
      throw new Error('down');
    });
    const { MAX_PENDING_DELIVERIES } = await import('../../src/bus/delivery.js');
    for (let i = 0; i < MAX_PENDING_DELIVERIES / 10 + 1; i++) {
      eb.putEvents({ Entries: Array.from({ length: 10 }, () => order) });
    }
    expect(eb.deadLetters()).toHaveLength(10);
    expect(eb.deadLetters()[0]).toMatchObject({ Attempts: 0, LastError: `Too many deliveries in progress (${MAX_PENDING_DELIVERIES}).` });
  });
});
