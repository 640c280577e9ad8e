/** In-process details of issue 14: archive retention and patterns, tags on create, policy forms, ListRuleNamesByTarget. */

import { describe, expect, test } from 'vitest';
import { EventBridge, ManualClock, isEventBridgeError } from '../../src/index.js';

const START = new Date('2026-05-04T10:00:00Z');

function thrown(fn: () => unknown): { name: string; message: string } {
  try {
    fn();
  } catch (error) {
    if (isEventBridgeError(error)) return { name: error.name, message: error.message };
    throw error;
  }
  throw new Error('expected an EventBridgeError');
}

describe('archives', () => {
  test('keep only events matching the pattern, forget them after RetentionDays on the clock', () => {
    const clock = new ManualClock(START);
    const eb = new EventBridge({ clock });
    eb.createArchive({ ArchiveName: 'a', EventSourceArn: 'default', EventPattern: '{"detail":{"keep":[true]}}', RetentionDays: 2 });
    eb.putEvents({ Entries: [{ Source: 's', DetailType: 'd', Detail: '{"keep":true}' }, { Source: 's', DetailType: 'd', Detail: '{"keep":false}' }] });
    expect(eb.describeArchive({ ArchiveName: 'a' }).EventCount).toBe(1);
    clock.advance(2 * 86_400_000 - 1);
    expect(eb.describeArchive({ ArchiveName: 'a' }).EventCount).toBe(1);
    clock.advance(2);
    expect(eb.describeArchive({ ArchiveName: 'a' })).toMatchObject({ EventCount: 0, SizeBytes: 0 });
  });

  test('an archive keeps events of its own bus only; UpdateArchive changes the pattern; a bad pattern is refused', () => {
    const eb = new EventBridge({ clock: new ManualClock(START) });
    eb.createEventBus({ Name: 'other' });
    eb.createArchive({ ArchiveName: 'a', EventSourceArn: 'arn:aws:events:us-east-1:123456789012:event-bus/default' });
    eb.putEvents({ Entries: [{ Source: 's', DetailType: 'd', Detail: '{}', EventBusName: 'other' }] });
    expect(eb.describeArchive({ ArchiveName: 'a' }).EventCount).toBe(0);
    eb.updateArchive({ ArchiveName: 'a', EventPattern: '{"source":["t"]}' });
    eb.putEvents({ Entries: [{ Source: 's', DetailType: 'd', Detail: '{}' }, { Source: 't', DetailType: 'd', Detail: '{}' }] });
    expect(eb.describeArchive({ ArchiveName: 'a' })).toMatchObject({ EventCount: 1, EventPattern: '{"source":["t"]}' });
    expect(thrown(() => eb.createArchive({ ArchiveName: 'b', EventSourceArn: 'default', EventPattern: '{"source":[]}' })).name).toBe(
      'InvalidEventPatternException',
    );
    expect(eb.listArchives({ NamePrefix: 'b' }).Archives).toEqual([]);
  });

  // AWS's texts as LocalStack's snapshot tests recorded them against AWS:
  // https://github.com/localstack/localstack/blob/main/tests/aws/services/events/test_archive_and_replay.snapshot.json
  test('StartReplay refuses a start not before the end, an unknown archive and a second replay of one name', async () => {
    const eb = new EventBridge({ clock: new ManualClock(START) });
    eb.createArchive({ ArchiveName: 'a', EventSourceArn: 'default' });
    const request = {
      ReplayName: 'r',
      EventSourceArn: 'arn:aws:events:us-east-1:123456789012:archive/a',
      EventStartTime: START,
      EventEndTime: START,
      Destination: { Arn: 'arn:aws:events:us-east-1:123456789012:event-bus/default' },
    };
    expect(thrown(() => eb.startReplay(request))).toEqual({
      name: 'ValidationException',
      message: 'Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.',
    });
    expect(thrown(() => eb.startReplay({ ...request, EventSourceArn: 'arn:aws:events:us-east-1:123456789012:archive/zz' }))).toEqual({
      name: 'ValidationException',
      message: 'Parameter EventSourceArn is not valid. Reason: Archive zz does not exist.',
    });
    const later = { ...request, EventEndTime: new Date(START.getTime() + 1000) };
    eb.startReplay(later);
    expect(thrown(() => eb.startReplay(later))).toEqual({ name: 'ResourceAlreadyExistsException', message: 'Replay r already exists.' });
    await eb.replaysSettled();
    expect(thrown(() => eb.describeReplay({ ReplayName: 'nope' }))).toEqual({ name: 'ResourceNotFoundException', message: 'Replay nope does not exist.' });
  });
});

describe('tags on create and the policy forms', () => {
  test('PutRule and CreateEventBus check tags before creating anything', () => {
    const eb = new EventBridge();
    const many = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: '' }));
    expect(thrown(() => eb.putRule({ Name: 'r', EventPattern: '{"source":["a"]}', Tags: many })).name).toBe('ValidationException');
    expect(eb.listRules().Rules).toEqual([]);
    expect(thrown(() => eb.createEventBus({ Name: 'b', Tags: [{ Key: '', Value: 'v' }] })).name).toBe('ValidationException');
    expect(eb.listEventBuses({ NamePrefix: 'b' }).EventBuses).toEqual([]);
  });

  test('PutPermission with Principal * and a Condition, and with a whole Policy; RemoveAllPermissions', () => {
    const eb = new EventBridge();
    eb.putPermission({
      Action: 'events:PutEvents',
      Principal: '*',
      StatementId: 'org',
      Condition: { Type: 'StringEquals', Key: 'aws:PrincipalOrgID', Value: 'o-1234567890' },
    });
    expect(JSON.parse(eb.describeEventBus().Policy ?? 'null')).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'org',
          Effect: 'Allow',
          Principal: '*',
          Action: 'events:PutEvents',
          Resource: 'arn:aws:events:us-east-1:123456789012:event-bus/default',
          Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1234567890' } },
        },
      ],
    });
    const policy = { Version: '2012-10-17', Statement: [{ Sid: 'all', Effect: 'Allow', Principal: '*', Action: 'events:*', Resource: '*' }] };
    eb.putPermission({ Policy: JSON.stringify(policy) });
    expect(JSON.parse(eb.describeEventBus().Policy ?? 'null')).toEqual(policy);
    eb.removePermission({ RemoveAllPermissions: true });
    expect(eb.describeEventBus().Policy).toBeUndefined();
    expect(thrown(() => eb.removePermission({ StatementId: 'all' }))).toEqual({ name: 'ResourceNotFoundException', message: 'EventBus does not have a policy.' });
    expect(thrown(() => eb.putPermission({ Action: 'events:PutEvents' })).name).toBe('ValidationException');
  });

  test('ListRuleNamesByTarget on another bus, and an ARN that is neither a bus nor a rule', () => {
    const eb = new EventBridge();
    eb.createEventBus({ Name: 'b' });
    eb.putRule({ Name: 'r', EventBusName: 'b', EventPattern: '{"source":["a"]}' });
    eb.putTargets({ Rule: 'r', EventBusName: 'b', Targets: [{ Id: '1', Arn: 'arn:aws:sqs:us-east-1:123456789012:q' }] });
    expect(eb.listRuleNamesByTarget({ TargetArn: 'arn:aws:sqs:us-east-1:123456789012:q' }).RuleNames).toEqual([]);
    expect(eb.listRuleNamesByTarget({ TargetArn: 'arn:aws:sqs:us-east-1:123456789012:q', EventBusName: 'b' }).RuleNames).toEqual(['r']);
    expect(thrown(() => eb.listTagsForResource({ ResourceARN: 'arn:aws:sqs:us-east-1:123456789012:q' })).name).toBe('ValidationException');
  });
});

describe('PutRule with too many tags', () => {
  test('changes nothing: the old pattern is still described and still matched', () => {
    const eb = new EventBridge();
    const tags = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => ({ Key: `${prefix}${i}`, Value: 'v' }));
    eb.putRule({ Name: 'r', EventPattern: '{"source":["old"]}', Tags: tags(30, 'a') });
    const error = thrown(() => eb.putRule({ Name: 'r', EventPattern: '{"source":["new"]}', Tags: tags(30, 'b') }));
    expect(error.name).toBe('ValidationException');
    expect(eb.describeRule({ Name: 'r' }).EventPattern).toBe('{"source":["old"]}');
    const matched = (source: string) => eb.putEvents({ Entries: [{ Source: source, DetailType: 'd', Detail: '{}' }] }).Matches?.[0]?.Rules ?? [];
    expect(matched('old').map((r) => r.Name)).toEqual(['r']);
    expect(matched('new')).toEqual([]);
  });
});
