/**
 * Tests of the in-process EventBridge class: buses, rules, targets, PutEvents and TestEventPattern,
 * with AWS's response shapes, error codes and messages.
 */

import { describe, expect, test } from 'vitest';
import { EventBridge } from '../../src/bus/event-bridge.js';
import { InvalidEventPatternError } from '../../src/errors.js';
import { awsError } from './aws-error.js';

const FIXED = new Date('2024-05-06T07:08:09.456Z');

function bridge(): EventBridge {
  let n = 0;
  return new EventBridge({ now: () => FIXED, newId: () => `id-${++n}` });
}

const order = { Source: 'shop', DetailType: 'Order', Detail: '{"state": "paid", "total": 12.50}' };

describe('EventBridge', () => {
  describe('event buses', () => {
    test('should always have the default bus', () => {
      const eb = bridge();
      expect(eb.describeEventBus({})).toEqual({
        Name: 'default',
        Arn: 'arn:aws:events:us-east-1:123456789012:event-bus/default',
        CreationTime: FIXED,
        LastModifiedTime: FIXED,
      });
      expect(eb.listEventBuses({}).EventBuses.map((b) => b.Name)).toEqual(['default']);
    });

    test('should create, describe by name or ARN, list and delete a bus', () => {
      const eb = new EventBridge({ account: '111122223333', region: 'eu-west-1', now: () => FIXED });
      expect(eb.createEventBus({ Name: 'orders', Description: 'shop' })).toEqual({
        EventBusArn: 'arn:aws:events:eu-west-1:111122223333:event-bus/orders',
        Description: 'shop',
      });
      expect(eb.describeEventBus({ Name: 'arn:aws:events:eu-west-1:111122223333:event-bus/orders' }).Name).toBe('orders');
      expect(eb.listEventBuses({ NamePrefix: 'ord' }).EventBuses.map((b) => b.Name)).toEqual(['orders']);
      expect(eb.deleteEventBus({ Name: 'orders' })).toEqual({});
      expect(awsError(() => eb.describeEventBus({ Name: 'orders' })).message).toBe('Event bus orders does not exist.');
    });

    test.each<[string, Record<string, unknown>, string, string]>([
      ['an existing name', { Name: 'default' }, 'ResourceAlreadyExistsException', 'Event bus default already exists.'],
      ['an aws. prefix', { Name: 'aws.mine' }, 'ValidationException', "EventBus name starting with 'aws.' is not valid."],
      ['a name outside the pattern', { Name: 'a b' }, 'ValidationException',
        "1 validation error detected: Value 'a b' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [/\\.\\-_A-Za-z0-9]+"],
      ['no name', {}, 'ValidationException', "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null"],
      ['a partner event source', { Name: 'aws.partner/x.com/y', EventSourceName: 'aws.partner/x.com/y' }, 'ResourceNotFoundException',
        'Event source aws.partner/x.com/y does not exist.'],
    ])('should refuse to create a bus with %s', (_name, input, code, message) => {
      const e = awsError(() => bridge().createEventBus(input as never));
      expect([e.name, e.message]).toEqual([code, message]);
    });

    test('should refuse a second bus of the same name', () => {
      const eb = bridge();
      eb.createEventBus({ Name: 'orders' });
      const e = awsError(() => eb.createEventBus({ Name: 'orders' }));
      expect([e.name, e.message]).toEqual(['ResourceAlreadyExistsException', 'Event bus orders already exists.']);
    });

    test('should refuse to delete the default bus and accept deleting an unknown one', () => {
      const eb = bridge();
      const e = awsError(() => eb.deleteEventBus({ Name: 'default' }));
      expect([e.name, e.message]).toEqual(['ValidationException', 'Cannot delete event bus default.']);
      expect(eb.deleteEventBus({ Name: 'never-created' })).toEqual({});
    });

    test('should page through buses', () => {
      const eb = bridge();
      for (const n of ['c', 'a', 'b']) eb.createEventBus({ Name: n });
      const first = eb.listEventBuses({ Limit: 2 });
      expect(first.EventBuses.map((b) => b.Name)).toEqual(['a', 'b']);
      expect(first.NextToken).toBeTypeOf('string');
      const second = eb.listEventBuses({ Limit: 2, NextToken: first.NextToken });
      expect(second.EventBuses.map((b) => b.Name)).toEqual(['c', 'default']);
      expect(second.NextToken).toBeUndefined();
      expect(awsError(() => eb.listEventBuses({ NextToken: '!!' })).name).toBe('ValidationException');
    });

    test('should drop a deleted bus with its rules', () => {
      const eb = bridge();
      eb.createEventBus({ Name: 'orders' });
      eb.putRule({ Name: 'r', EventBusName: 'orders', EventPattern: '{"source":["shop"]}' });
      eb.deleteEventBus({ Name: 'orders' });
      eb.createEventBus({ Name: 'orders' });
      expect(eb.listRules({ EventBusName: 'orders' }).Rules).toEqual([]);
    });
  });

  describe('rules', () => {
    test('should build AWS ARNs on the default and custom buses', () => {
      const eb = bridge();
      eb.createEventBus({ Name: 'orders' });
      expect(eb.putRule({ Name: 'a', EventPattern: '{"source":["x"]}' }).RuleArn).toBe('arn:aws:events:us-east-1:123456789012:rule/a');
      expect(eb.putRule({ Name: 'a', EventBusName: 'orders', EventPattern: '{"source":["x"]}' }).RuleArn).toBe(
        'arn:aws:events:us-east-1:123456789012:rule/orders/a',
      );
      expect(
        eb.putRule({ Name: 'b', EventBusName: 'arn:aws:events:us-east-1:123456789012:event-bus/orders', EventPattern: '{"source":["x"]}' })
          .RuleArn,
      ).toBe('arn:aws:events:us-east-1:123456789012:rule/orders/b');
    });

    test('should describe a rule with AWS members in AWS order', () => {
      const eb = bridge();
      eb.putRule({ Name: 'r', EventPattern: '{"source": ["x"]}', Description: 'd', State: 'DISABLED' });
      const described = eb.describeRule({ Name: 'r' });
      expect(described).toEqual({
        Name: 'r',
        Arn: 'arn:aws:events:us-east-1:123456789012:rule/r',
        EventPattern: '{"source": ["x"]}',
        State: 'DISABLED',
        Description: 'd',
        EventBusName: 'default',
        CreatedBy: '123456789012',
      });
      expect(Object.keys(described)).toEqual(['Name', 'Arn', 'EventPattern', 'State', 'Description', 'EventBusName', 'CreatedBy']);
    });

    test('should replace every member on a second PutRule and keep targets', () => {
      const eb = bridge();
      eb.putRule({ Name: 'r', EventPattern: '{"source":["x"]}', Description: 'old', State: 'DISABLED' });
      eb.putTargets({ Rule: 'r', Targets: [{ Id: 't', Arn: 'arn:aws:sqs:us-east-1:123456789012:q' }] });
      eb.putRule({ Name: 'r', ScheduleExpression: 'rate(5 minutes)' });
      expect(eb.describeRule({ Name: 'r' })).toEqual({
        Name: 'r',
        Arn: 'arn:aws:events:us-east-1:123456789012:rule/r',
        ScheduleExpression: 'rate(5 minutes)',
        State: 'ENABLED',
        EventBusName: 'default',
        CreatedBy: '123456789012',
      });
      expect(eb.listTargetsByRule({ Rule: 'r' }).Targets).toEqual([{ Id: 't', Arn: 'arn:aws:sqs:us-east-1:123456789012:q' }]);
    });

    test.each<[string, Record<string, unknown>, string, string]>([
      ['neither pattern nor schedule', { Name: 'r' }, 'ValidationException', 'Parameter(s) EventPattern or ScheduleExpression must be specified.'],
      ['a bad schedule', { Name: 'r', ScheduleExpression: 'rate(1 minutes)' }, 'ValidationException', 'Parameter ScheduleExpression is not valid.'],
      ['an unknown bus', { Name: 'r', EventBusName: 'nope', EventPattern: '{"a":["b"]}' }, 'ResourceNotFoundException', 'Event bus nope does not exist.'],
      ['a bad name', { Name: 'a b', EventPattern: '{"a":["b"]}' }, 'ValidationException',
        "1 validation error detected: Value 'a b' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+"],
      ['a bad state', { Name: 'r', EventPattern: '{"a":["b"]}', State: 'ON' }, 'ValidationException',
        "1 validation error detected: Value 'ON' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS]"],
      ['a bad pattern', { Name: 'r', EventPattern: '{"a":[]}' }, 'InvalidEventPatternException',
        'Event pattern is not valid. Reason: Empty arrays are not allowed\n at [Source: (String)"{"a":[]}"; line: 1, column: 8]'],
      ['a tag that is a list', { Name: 'r', EventPattern: '{"a":["b"]}', Tags: [['k', 'v']] }, 'SerializationException', 'Tags[0] must be an object.'],
    ])('should refuse %s', (_name, input, code, message) => {
      const e = awsError(() => bridge().putRule(input as never));
      expect([e.name, e.message]).toEqual([code, message]);
    });

    test('should throw InvalidEventPatternError for a bad pattern', () => {
      expect(() => bridge().putRule({ Name: 'r', EventPattern: '{"a":"b"}' })).toThrow(InvalidEventPatternError);
    });

    test('should refuse a schedule on a custom bus', () => {
      const eb = bridge();
      eb.createEventBus({ Name: 'orders' });
      const e = awsError(() => eb.putRule({ Name: 'r', EventBusName: 'orders', ScheduleExpression: 'rate(1 minute)' }));
      expect([e.name, e.message]).toEqual(['ValidationException', 'ScheduleExpression is supported only on the default event bus.']);
    });

    test('should apply the configured pattern length limit', () => {
      const eb = new EventBridge({ maxEventPatternLength: 20 });
      expect(() => eb.putRule({ Name: 'r', EventPattern: '{"source":["abcdefghijklmnop"]}' })).toThrow(InvalidEventPatternError);
      expect(eb.putRule({ Name: 'r', EventPattern: '{"source":["a"]}' }).RuleArn).toContain('rule/r');
    });

    test('should answer AWS texts for unknown rules', () => {
      const eb = bridge();
      eb.createEventBus({ Name: 'orders' });
      for (const call of [
        () => eb.describeRule({ Name: 'nope' }),
        () => eb.enableRule({ Name: 'nope' }),
        () => eb.disableRule({ Name: 'nope' }),
        () => eb.listTargetsByRule({ Rule: 'nope' }),
        () => eb.putTargets({ Rule: 'nope', Targets: [{ Id: 't', Arn: 'arn' }] }),
        () => eb.removeTargets({ Rule: 'nope', Ids: ['t'] }),
      ]) {
        const e = awsError(call);
        expect([e.name, e.message]).toEqual(['ResourceNotFoundException', 'Rule nope does not exist on EventBus default.']);
      }
      const e = awsError(() => eb.describeRule({ Name: 'nope', EventBusName: 'orders' }));
      expect(e.message).toBe('Rule nope does not exist on EventBus orders.');
    });

    test('should delete rules idempotently, but not with targets', () => {
      const eb = bridge();
      eb.putRule({ Name: 'r', EventPattern: '{"source":["x"]}' });
      eb.putTargets({ Rule: 'r', Targets: [{ Id: 't', Arn: 'arn:aws:sqs:us-east-1:123456789012:q' }] });
      const e = awsError(() => eb.deleteRule({ Name: 'r' }));
      expect([e.name, e.message]).toEqual(['ValidationException', "Rule can't be deleted since it has targets."]);
      eb.removeTargets({ Rule: 'r', Ids: ['t'] });
      expect(eb.deleteRule({ Name: 'r' })).toEqual({});
      expect(eb.deleteRule({ Name: 'r' })).toEqual({});
      expect(awsError(() => eb.deleteRule({ Name: 'r', EventBusName: 'nope' })).message).toBe('Event bus nope does not exist.');
    });

    test('should list rules by prefix, sorted, with pages', () => {
      const eb = bridge();
      for (const n of ['b2', 'a1', 'b1']) eb.putRule({ Name: n, EventPattern: '{"source":["x"]}' });
      expect(eb.listRules({ NamePrefix: 'b' }).Rules.map((r) => r.Name)).toEqual(['b1', 'b2']);
      const page = eb.listRules({ Limit: 1 });
      expect(page.Rules.map((r) => r.Name)).toEqual(['a1']);
      expect(eb.listRules({ Limit: 5, NextToken: page.NextToken }).Rules.map((r) => r.Name)).toEqual(['b1', 'b2']);
      expect(Object.keys(eb.listRules({}).Rules[0] ?? {})).toEqual(['Name', 'Arn', 'EventPattern', 'State', 'EventBusName']);
    });
  });

  describe('targets', () => {
    test('should store, replace, list and remove targets, echoing unknown members', () => {
      const eb = bridge();
      eb.putRule({ Name: 'r', EventPattern: '{"source":["x"]}' });
      expect(eb.putTargets({ Rule: 'r', Targets: [{ Id: 'a', Arn: 'arn:1', Input: '{"k":1}' }, { Id: 'b', Arn: 'arn:2' }] })).toEqual({
        FailedEntryCount: 0,
        FailedEntries: [],
      });
      eb.putTargets({ Rule: 'r', Targets: [{ Id: 'a', Arn: 'arn:3' }] });
      expect(eb.listTargetsByRule({ Rule: 'r' }).Targets).toEqual([{ Id: 'a', Arn: 'arn:3' }, { Id: 'b', Arn: 'arn:2' }]);
      eb.removeTargets({ Rule: 'r', Ids: ['a', 'not-there'] });
      expect(eb.listTargetsByRule({ Rule: 'r' }).Targets).toEqual([{ Id: 'b', Arn: 'arn:2' }]);
    });

    test('should refuse more than 5 targets on a rule', () => {
      const eb = bridge();
      eb.putRule({ Name: 'r', EventPattern: '{"source":["x"]}' });
      const targets = ['1', '2', '3', '4', '5', '6'].map((Id) => ({ Id, Arn: `arn:${Id}` }));
      const e = awsError(() => eb.putTargets({ Rule: 'r', Targets: targets }));
      expect([e.name, e.message]).toEqual(['LimitExceededException', 'The requested resource exceeds the maximum number allowed.']);
      expect(eb.listTargetsByRule({ Rule: 'r' }).Targets).toEqual([]);
    });

    test('should validate target members with AWS wording', () => {
      const eb = bridge();
      eb.putRule({ Name: 'r', EventPattern: '{"source":["x"]}' });
      const e = awsError(() => eb.putTargets({ Rule: 'r', Targets: [{ Id: 'bad id', Arn: 'arn' }, { Arn: 'arn' } as never] }));
      expect(e.message).toBe(
        "2 validation errors detected: Value 'bad id' at 'targets.1.member.id' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+; " +
          "Value null at 'targets.2.member.id' failed to satisfy constraint: Member must not be null",
      );
      expect(awsError(() => eb.putTargets({ Rule: 'r', Targets: [] })).message).toContain('Member must have length greater than or equal to 1');
    });
  });

  describe('putEvents', () => {
    test('should build the AWS envelope in AWS field order', () => {
      const eb = bridge();
      const out = eb.putEvents({ Entries: [{ ...order, Resources: ['arn:r'] }] });
      expect(out.FailedEntryCount).toBe(0);
      expect(out.Entries).toEqual([{ EventId: 'id-1' }]);
      expect(out.Matches[0]?.Event).toBe(
        '{"version":"0","id":"id-1","detail-type":"Order","source":"shop","account":"123456789012","time":"2024-05-06T07:08:09Z",' +
          '"region":"us-east-1","resources":["arn:r"],"detail":{"state":"paid","total":12.50}}',
      );
    });

    test('should write every string of the envelope as JSON.stringify does, escapes and all', () => {
      // Quotes, backslashes and control characters escaped, a lone surrogate escaped, a pair kept.
      const odd = ['say "hi"', 'back\\slash', 'tab\there', 'nul\u0000', 'lone \ud800', 'pair \ud83d\ude00', 'é€ plain', ''];
      let n = 0;
      const eb = new EventBridge({ now: () => FIXED, newId: () => odd[n++ % odd.length] as string, account: '000000000000', region: 'eu-west-1' });
      for (let i = 0; i < odd.length; i++) {
        const detailType = odd[(i + 1) % odd.length] as string;
        const source = odd[(i + 2) % odd.length] as string;
        const resources = [odd[(i + 3) % odd.length] as string, 'arn:r', odd[(i + 4) % odd.length] as string];
        const out = eb.putEvents({ Entries: [{ Source: source || 's', DetailType: detailType || 'd', Detail: '{}', Resources: resources }] });
        const id = odd[i] as string;
        expect(out.Matches[0]?.Event).toBe(
          `{"version":"0","id":${JSON.stringify(id)},"detail-type":${JSON.stringify(detailType || 'd')},"source":${JSON.stringify(source || 's')},` +
            `"account":"000000000000","time":"2024-05-06T07:08:09Z","region":"eu-west-1","resources":${JSON.stringify(resources)},"detail":{}}`,
        );
      }
    });

    test('should use the entry Time at second precision', () => {
      const eb = bridge();
      const out = eb.putEvents({ Entries: [{ ...order, Time: new Date('2022-01-01T00:00:00.999Z') }, { ...order, Time: 1640995261 }] });
      expect(out.Matches.map((m) => (JSON.parse(m.Event) as { time: string }).time)).toEqual(['2022-01-01T00:00:00Z', '2022-01-01T00:01:01Z']);
    });

    test('should match enabled rules of the addressed bus only', () => {
      const eb = bridge();
      eb.createEventBus({ Name: 'orders' });
      eb.putRule({ Name: 'paid', EventPattern: '{"detail":{"state":["paid"]}}' });
      eb.putRule({ Name: 'all-shop', EventPattern: '{"source":["shop"]}' });
      eb.putRule({ Name: 'off', EventPattern: '{"source":["shop"]}', State: 'DISABLED' });
      eb.putRule({ Name: 'timer', ScheduleExpression: 'rate(1 day)' });
      eb.putRule({ Name: 'on-orders', EventBusName: 'orders', EventPattern: '{"source":["shop"]}' });
      const out = eb.putEvents({ Entries: [order, { ...order, EventBusName: 'orders' }] });
      expect(out.Matches[0]?.Rules).toEqual([
        { Name: 'all-shop', Arn: 'arn:aws:events:us-east-1:123456789012:rule/all-shop' },
        { Name: 'paid', Arn: 'arn:aws:events:us-east-1:123456789012:rule/paid' },
      ]);
      expect(out.Matches[1]).toMatchObject({
        EventBusName: 'orders',
        Rules: [{ Name: 'on-orders', Arn: 'arn:aws:events:us-east-1:123456789012:rule/orders/on-orders' }],
      });
    });

    test('should follow enable, disable, update and delete', () => {
      const eb = bridge();
      eb.putRule({ Name: 'r', EventPattern: '{"source":["shop"]}' });
      const names = (): string[] => eb.putEvents({ Entries: [order] }).Matches[0]?.Rules.map((r) => r.Name) ?? [];
      expect(names()).toEqual(['r']);
      eb.disableRule({ Name: 'r' });
      expect(names()).toEqual([]);
      eb.enableRule({ Name: 'r' });
      expect(names()).toEqual(['r']);
      eb.putRule({ Name: 'r', EventPattern: '{"source":["other"]}' });
      expect(names()).toEqual([]);
      eb.putRule({ Name: 'r', EventPattern: '{"source":["shop"]}', State: 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS' });
      expect(names()).toEqual(['r']);
      eb.deleteRule({ Name: 'r' });
      expect(names()).toEqual([]);
    });

    test('should accept and drop events for unknown buses, saying so', () => {
      const eb = bridge();
      const out = eb.putEvents({
        Entries: [
          { ...order, EventBusName: 'nope' },
          { ...order, EventBusName: 'arn:aws:events:eu-west-1:123456789012:event-bus/default' },
          { ...order, EventBusName: 'arn:aws:events:us-east-1:123456789012:event-bus/default' },
        ],
      });
      expect(out.FailedEntryCount).toBe(0);
      expect(out.Entries).toEqual([{ EventId: 'id-1' }, { EventId: 'id-2' }, { EventId: 'id-3' }]);
      expect(out.Matches[0]).toMatchObject({ EventBusName: 'nope', Rules: [], Dropped: { Reason: 'BusNotFound', Message: 'Event bus nope does not exist.' } });
      expect(out.Matches[1]).toMatchObject({ EventBusName: 'default', Dropped: { Reason: 'ForeignBus' } });
      expect(out.Matches[2]).toMatchObject({ EventBusName: 'default' });
      expect(out.Matches[2]?.Dropped).toBeUndefined();
    });

    test('should carry entry and HTTP trace headers', () => {
      const eb = bridge();
      const out = eb.putEvents({ Entries: [{ ...order, TraceHeader: 'Root=1-a' }, order] }, { traceHeader: 'Root=1-http' });
      expect(out.Matches[0]).toMatchObject({ TraceHeader: 'Root=1-a', HttpTraceHeader: 'Root=1-http' });
      expect(out.Matches[1]?.TraceHeader).toBeUndefined();
      expect(out.Matches[1]?.HttpTraceHeader).toBe('Root=1-http');
      expect(Object.keys(out.Matches[0] ?? {})).toEqual(['EventId', 'EventBusName', 'Rules', 'TraceHeader', 'HttpTraceHeader', 'Event']);
    });

    test('should report failures in order without using ids for them', () => {
      const eb = bridge();
      const out = eb.putEvents({ Entries: [order, { ...order, Detail: '[]' }, { ...order, Source: 'aws.ec2' }, order] });
      expect(out).toMatchObject({
        FailedEntryCount: 2,
        Entries: [
          { EventId: 'id-1' },
          { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
          { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' },
          { EventId: 'id-2' },
        ],
      });
      expect(out.Matches.map((m) => m.EventId)).toEqual(['id-1', 'id-2']);
    });

    test.each<[string, unknown, string]>([
      ['no Entries', {}, "1 validation error detected: Value null at 'entries' failed to satisfy constraint: Member must not be null"],
      ['zero entries', { Entries: [] }, "1 validation error detected: Value '[]' at 'entries' failed to satisfy constraint: Member must have length greater than or equal to 1"],
    ])('should refuse %s', (_name, input, message) => {
      const e = awsError(() => bridge().putEvents(input as never));
      expect([e.name, e.message]).toEqual(['ValidationException', message]);
    });

    test('should refuse requests at or over the size limit, counting UTF-8 bytes and Time', () => {
      const eb = new EventBridge({ maxRequestSize: 100 });
      const entry = (detailBytes: number): Record<string, unknown> => ({ Source: 's', DetailType: 'd', Detail: `{"a":"${'x'.repeat(detailBytes - 8)}"}` });
      expect(eb.putEvents({ Entries: [entry(97)] }).FailedEntryCount).toBe(0); // 1 + 1 + 97 = 99
      const e = awsError(() => eb.putEvents({ Entries: [entry(98)] })); // 100
      expect([e.name, e.message]).toEqual(['ValidationException', 'Total size of the entries in the request is over the limit.']);
      expect(() => eb.putEvents({ Entries: [{ ...entry(84), Time: 0 }] })).toThrow('Total size'); // 86 + 14
      expect(() => eb.putEvents({ Entries: [{ Source: 'é'.repeat(50), DetailType: 'd', Detail: '{}' }] })).toThrow('Total size');
    });

    test('should throw SerializationException for wrong types', () => {
      expect(awsError(() => bridge().putEvents({ Entries: 'x' } as never)).name).toBe('SerializationException');
      expect(awsError(() => bridge().putEvents({ Entries: [{ ...order, Detail: {} as never }] })).name).toBe('SerializationException');
      expect(awsError(() => bridge().putEvents(null as never)).name).toBe('SerializationException');
    });

    test('should handle a Detail nested 10,000 deep and a __proto__ key', () => {
      const eb = bridge();
      eb.putRule({ Name: 'proto', EventPattern: '{"detail":{"__proto__":{"x":["y"]}}}' });
      const deep = `{"a":${'['.repeat(10_000)}${']'.repeat(10_000)},"__proto__":{"x":"y"}}`;
      const out = eb.putEvents({ Entries: [{ Source: 's', DetailType: 'd', Detail: deep }] });
      expect(out.FailedEntryCount).toBe(0);
      expect(out.Matches[0]?.Rules.map((r) => r.Name)).toEqual(['proto']);
    });
  });

  describe('testEventPattern', () => {
    const event = JSON.stringify({ id: '1', account: '1', source: 'shop', time: 't', region: 'r', 'detail-type': 'Order', detail: { n: 300.0 } });

    test('should evaluate the pattern', () => {
      const eb = bridge();
      expect(eb.testEventPattern({ EventPattern: '{"source":["shop"]}', Event: event })).toEqual({ Result: true });
      expect(eb.testEventPattern({ EventPattern: '{"source":["other"]}', Event: event })).toEqual({ Result: false });
    });

    test.each([['plain string'], ['["x"]'], ['{"testEvent":"value"}'], ['{"id":"1","account":"1","source":"s","time":"t","region":"r"}']])(
      'should refuse the event %j',
      (bad) => {
        const e = awsError(() => bridge().testEventPattern({ EventPattern: '{"source":["shop"]}', Event: bad }));
        expect([e.name, e.message]).toEqual(['ValidationException', 'Parameter Event is not valid.']);
      },
    );

    test('should refuse a bad pattern with the pattern error', () => {
      expect(() => bridge().testEventPattern({ EventPattern: '[]', Event: event })).toThrow(InvalidEventPatternError);
    });

    test('should read events nested 10,000 deep, with duplicate and __proto__ keys as data', () => {
      const depth = 10_000;
      const deep = `${'{"a":'.repeat(depth)}"x"${'}'.repeat(depth)}`;
      const text = event.replace('"detail":', `"__proto__":{"source":"nope"},"source":"other","detail":${deep},"old":`);
      const eb = bridge();
      // Both values of the duplicated "source" are kept, as event-ruler keeps them.
      expect(eb.testEventPattern({ EventPattern: '{"source":["other"]}', Event: text })).toEqual({ Result: true });
      expect(eb.testEventPattern({ EventPattern: '{"source":["shop"]}', Event: text })).toEqual({ Result: true });
      expect(eb.testEventPattern({ EventPattern: '{"__proto__":{"source":["nope"]}}', Event: text })).toEqual({ Result: true });
      expect(eb.testEventPattern({ EventPattern: '{"detail":{"a":{"a":{"a":[{"exists":true}]}}}}', Event: text })).toEqual({ Result: false });
    });
  });
});
