/** Keeps the worked example of docs/guide/emulator.md true: same calls, same output. */

import { describe, expect, test } from 'vitest';
import { EventBridge } from '../../src/bus/index.js';

describe('event-bus README example', () => {
  test('should produce the documented output', () => {
    let n = 0;
    const eb = new EventBridge({
      now: () => new Date('2026-01-29T12:00:00Z'),
      newId: () => `00000000-0000-4000-8000-00000000000${++n}`,
    });
    eb.createEventBus({ Name: 'orders' });
    eb.putRule({ Name: 'big-orders', EventBusName: 'orders', EventPattern: '{"source":["shop"],"detail":{"total":[{"numeric":[">=",100]}]}}' });
    eb.putRule({ Name: 'eu-orders', EventBusName: 'orders', EventPattern: '{"detail":{"country":["DE","FR"]}}' });
    eb.putRule({ Name: 'audit', EventPattern: '{"source":[{"prefix":"shop"}]}' });
    const out = eb.putEvents(
      {
        Entries: [
          { EventBusName: 'orders', Source: 'shop', DetailType: 'OrderPlaced', Detail: '{"total": 250, "country": "DE"}', TraceHeader: 'Root=1-65b7a1c0-0123456789abcdef01234567' },
          { Source: 'shop.web', DetailType: 'PageView', Detail: '{"path": "/"}', Time: new Date('2026-01-29T11:59:58.250Z') },
          { EventBusName: 'orders', Source: 'shop', DetailType: 'OrderPlaced', Detail: '[250]' },
          { EventBusName: 'archive', Source: 'shop', DetailType: 'OrderPlaced', Detail: '{"total": 5}' },
        ],
      },
      { traceHeader: 'Root=1-65b7a1c0-5759e988bd862e3fe1be46a9' },
    );
    const id = (k: number): string => `00000000-0000-4000-8000-00000000000${k}`;
    const envelope = (k: number, type: string, source: string, time: string, detail: string): string =>
      `{"version":"0","id":"${id(k)}","detail-type":"${type}","source":"${source}","account":"123456789012","time":"${time}","region":"us-east-1","resources":[],"detail":${detail}}`;
    const http = 'Root=1-65b7a1c0-5759e988bd862e3fe1be46a9';
    expect(out).toEqual({
      FailedEntryCount: 1,
      Entries: [{ EventId: id(1) }, { EventId: id(2) }, { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' }, { EventId: id(3) }],
      Matches: [
        {
          EventId: id(1),
          EventBusName: 'orders',
          Rules: [
            { Name: 'big-orders', Arn: 'arn:aws:events:us-east-1:123456789012:rule/orders/big-orders' },
            { Name: 'eu-orders', Arn: 'arn:aws:events:us-east-1:123456789012:rule/orders/eu-orders' },
          ],
          TraceHeader: 'Root=1-65b7a1c0-0123456789abcdef01234567',
          HttpTraceHeader: http,
          Event: envelope(1, 'OrderPlaced', 'shop', '2026-01-29T12:00:00Z', '{"total":250,"country":"DE"}'),
        },
        {
          EventId: id(2),
          EventBusName: 'default',
          Rules: [{ Name: 'audit', Arn: 'arn:aws:events:us-east-1:123456789012:rule/audit' }],
          HttpTraceHeader: http,
          Event: envelope(2, 'PageView', 'shop.web', '2026-01-29T11:59:58Z', '{"path":"/"}'),
        },
        {
          EventId: id(3),
          EventBusName: 'archive',
          Rules: [],
          HttpTraceHeader: http,
          Event: envelope(3, 'OrderPlaced', 'shop', '2026-01-29T12:00:00Z', '{"total":5}'),
          Dropped: { Reason: 'BusNotFound', Message: 'Event bus archive does not exist.' },
        },
      ],
    });
  });
});
