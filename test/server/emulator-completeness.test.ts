/**
 * Issue 14 over HTTP with the real AWS SDK: archive → replay, tags, bus policy, UpdateEventBus,
 * ListRuleNamesByTarget, connections and API destinations, `/_clock` with scheduled events in
 * `/_matches`, and the message of an operation still not emulated.
 */

import {
  CancelReplayCommand,
  CreateApiDestinationCommand,
  CreateArchiveCommand,
  CreateConnectionCommand,
  CreateEventBusCommand,
  DeleteApiDestinationCommand,
  DeleteArchiveCommand,
  DeleteConnectionCommand,
  DescribeApiDestinationCommand,
  DescribeArchiveCommand,
  DescribeConnectionCommand,
  DescribeEventBusCommand,
  DescribeReplayCommand,
  EventBridgeClient,
  ListApiDestinationsCommand,
  ListArchivesCommand,
  ListConnectionsCommand,
  ListReplaysCommand,
  ListRuleNamesByTargetCommand,
  ListTagsForResourceCommand,
  PutEventsCommand,
  PutPermissionCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemovePermissionCommand,
  StartReplayCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateArchiveCommand,
  UpdateEventBusCommand,
} from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EventBridge, ManualClock } from '../../src/index.js';
import type { Delivery } from '../../src/index.js';
import { createServer } from '../../src/server/index.js';
import type { EventBridgeServer } from '../../src/server/index.js';
import { callOperation, rawRequest } from './helpers.js';
import { sdkClient } from './sdk-client.js';

// RECORDED below: AWS's responses to archive and replay calls as LocalStack's snapshot tests recorded
// them against AWS, https://github.com/localstack/localstack/blob/main/tests/aws/services/events/test_archive_and_replay.snapshot.json

const START = new Date('2026-05-04T10:00:00Z');
let server: EventBridgeServer;
let client: EventBridgeClient;
let url: string;
let clock: ManualClock;
const deliveries: Delivery[] = [];

beforeAll(async () => {
  clock = new ManualClock(START);
  const bridge = new EventBridge({ clock });
  bridge.onDelivery((d) => {
    deliveries.push(d);
  });
  server = createServer({ bridge });
  url = (await server.listen(0, '127.0.0.1')).url;
  client = sdkClient(url);
});

afterAll(async () => {
  client.destroy();
  await server.close();
  server.bridge.close();
});

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('condition not reached');
}

describe('archive and replay over the SDK', () => {
  test('archived events come back to the rules with replay-name after region; counts and states as AWS reports them', async () => {
    const { EventBusArn } = await client.send(new CreateEventBusCommand({ Name: 'orders' }));
    const pattern = '{"source":["shop"]}';
    await client.send(new PutRuleCommand({ Name: 'placed', EventBusName: 'orders', EventPattern: pattern }));
    await client.send(
      new PutTargetsCommand({ Rule: 'placed', EventBusName: 'orders', Targets: [{ Id: 'q', Arn: 'arn:aws:sqs:us-east-1:123456789012:placed' }] }),
    );
    const created = await client.send(
      new CreateArchiveCommand({ ArchiveName: 'orders-archive', EventSourceArn: EventBusArn, EventPattern: pattern, RetentionDays: 1 }),
    );
    // RECORDED: CreateArchive answers ArchiveArn, State ENABLED and CreationTime.
    expect(created.ArchiveArn).toBe('arn:aws:events:us-east-1:123456789012:archive/orders-archive');
    expect(created.State).toBe('ENABLED');
    expect(created.CreationTime).toEqual(START);

    const entries = [1, 2, 3].map((n) => ({
      EventBusName: 'orders',
      Source: 'shop',
      DetailType: 'OrderPlaced',
      Detail: `{"n":${n},"price":1.50}`,
      Time: new Date(START.getTime() + n * 1000),
    }));
    await client.send(new PutEventsCommand({ Entries: [...entries, { EventBusName: 'orders', Source: 'other', DetailType: 'X', Detail: '{}' }] }));
    await server.bridge.deliveriesSettled();
    expect(deliveries).toHaveLength(3);

    const described = await client.send(new DescribeArchiveCommand({ ArchiveName: 'orders-archive' }));
    expect(described).toMatchObject({
      ArchiveName: 'orders-archive',
      EventSourceArn: EventBusArn,
      EventPattern: pattern,
      State: 'ENABLED',
      RetentionDays: 1,
      EventCount: 3,
    });
    expect(described.SizeBytes).toBeGreaterThan(0);
    const listed = await client.send(new ListArchivesCommand({ EventSourceArn: EventBusArn }));
    expect(listed.Archives?.map((a) => [a.ArchiveName, a.EventCount, a.State])).toEqual([['orders-archive', 3, 'ENABLED']]);

    deliveries.length = 0;
    const replayed = await client.send(
      new StartReplayCommand({
        ReplayName: 'again',
        EventSourceArn: created.ArchiveArn,
        EventStartTime: START,
        EventEndTime: new Date(START.getTime() + 3000),
        Destination: { Arn: EventBusArn },
      }),
    );
    // RECORDED: StartReplay answers STARTING; the replay then ends COMPLETED.
    expect(replayed.State).toBe('STARTING');
    expect(replayed.ReplayArn).toBe('arn:aws:events:us-east-1:123456789012:replay/again');
    await until(async () => (await client.send(new DescribeReplayCommand({ ReplayName: 'again' }))).State === 'COMPLETED');
    await server.bridge.deliveriesSettled();

    // Events at 1 s and 2 s lie in [start, end); the one at 3 s does not.
    expect(deliveries).toHaveLength(2);
    const replayedEvents = deliveries.map((d) => JSON.parse(d.Input) as Record<string, unknown>);
    expect(Object.keys(replayedEvents[0] ?? {})).toEqual([
      'version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'replay-name', 'resources', 'detail',
    ]);
    expect(replayedEvents.map((e) => e['replay-name'])).toEqual(['again', 'again']);
    expect(replayedEvents.map((e) => e['time'])).toEqual(['2026-05-04T10:00:01Z', '2026-05-04T10:00:02Z']);
    // The detail comes back exactly as archived (1.50 stays 1.50 in the text).
    expect(deliveries[0]?.Input).toContain('"detail":{"n":1,"price":1.50}');

    const description = await client.send(new DescribeReplayCommand({ ReplayName: 'again' }));
    expect(description).toMatchObject({
      ReplayName: 'again',
      EventSourceArn: created.ArchiveArn,
      Destination: { Arn: EventBusArn },
      State: 'COMPLETED',
      EventStartTime: START,
      EventLastReplayedTime: new Date(START.getTime() + 2000),
    });
    expect(description.ReplayEndTime).toBeInstanceOf(Date);
    const replays = await client.send(new ListReplaysCommand({ EventSourceArn: created.ArchiveArn }));
    expect(replays.Replays?.map((r) => [r.ReplayName, r.State])).toEqual([['again', 'COMPLETED']]);

    // Replayed events are not archived again.
    expect((await client.send(new DescribeArchiveCommand({ ArchiveName: 'orders-archive' }))).EventCount).toBe(3);

    // CancelReplay of a finished replay is IllegalStatusException.
    await expect(client.send(new CancelReplayCommand({ ReplayName: 'again' }))).rejects.toMatchObject({ name: 'IllegalStatusException' });
  });

  test('CancelReplay of a replay not yet run answers CANCELLING, and it ends CANCELLED without sending', async () => {
    const bus = await client.send(new DescribeEventBusCommand({ Name: 'orders' }));
    deliveries.length = 0;
    const arn = 'arn:aws:events:us-east-1:123456789012:archive/orders-archive';
    // In process, to reach the replay before its turn comes (an HTTP answer arrives after it).
    const started = server.bridge.startReplay({
      ReplayName: 'stopped',
      EventSourceArn: arn,
      EventStartTime: START,
      EventEndTime: new Date(START.getTime() + 10_000),
      Destination: { Arn: bus.Arn as string },
    });
    expect(started.State).toBe('STARTING');
    expect(server.bridge.cancelReplay({ ReplayName: 'stopped' })).toEqual({ ReplayArn: started.ReplayArn, State: 'CANCELLING' });
    // RECORDED: a replay being cancelled shows CANCELLING.
    expect(server.bridge.describeReplay({ ReplayName: 'stopped' }).State).toBe('CANCELLING');
    await server.bridge.replaysSettled();
    expect((await client.send(new DescribeReplayCommand({ ReplayName: 'stopped' }))).State).toBe('CANCELLED');
    expect(deliveries).toEqual([]);
  });

  test('replay to the rules of FilterArns only', async () => {
    await client.send(new PutRuleCommand({ Name: 'also', EventBusName: 'orders', EventPattern: '{"source":["shop"]}' }));
    const seen: string[][] = [];
    const stop = server.bridge.onEvent((match) => seen.push(match.Rules.map((r) => r.Name)));
    await client.send(
      new StartReplayCommand({
        ReplayName: 'filtered',
        EventSourceArn: 'arn:aws:events:us-east-1:123456789012:archive/orders-archive',
        EventStartTime: START,
        EventEndTime: new Date(START.getTime() + 10_000),
        Destination: { Arn: 'arn:aws:events:us-east-1:123456789012:event-bus/orders', FilterArns: ['arn:aws:events:us-east-1:123456789012:rule/orders/also'] },
      }),
    );
    await server.bridge.replaysSettled();
    stop();
    expect(seen).toEqual([['also'], ['also'], ['also']]);
  });

  test("errors as AWS words them (RECORDED)", async () => {
    await expect(
      client.send(new CreateArchiveCommand({ ArchiveName: 'orders-archive', EventSourceArn: 'arn:aws:events:us-east-1:123456789012:event-bus/orders' })),
    ).rejects.toMatchObject({ name: 'ResourceAlreadyExistsException', message: 'Archive orders-archive already exists.' });
    await expect(
      client.send(new CreateArchiveCommand({ ArchiveName: 'x', EventSourceArn: 'arn:aws:events:us-east-1:123456789012:event-bus/nope' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: 'Event bus nope does not exist.' });
    await expect(client.send(new DescribeArchiveCommand({ ArchiveName: 'nope' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Archive nope does not exist.',
    });
    await expect(client.send(new DeleteArchiveCommand({ ArchiveName: 'nope' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Archive nope does not exist.',
    });
    await expect(
      client.send(
        new StartReplayCommand({
          ReplayName: 'cross',
          EventSourceArn: 'arn:aws:events:us-east-1:123456789012:archive/orders-archive',
          EventStartTime: START,
          EventEndTime: new Date(START.getTime() + 1000),
          Destination: { Arn: 'arn:aws:events:us-east-1:123456789012:event-bus/default' },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted.',
    });
    const updated = await client.send(new UpdateArchiveCommand({ ArchiveName: 'orders-archive', Description: 'kept', RetentionDays: 0 }));
    expect(updated.State).toBe('ENABLED');
  });
});

describe('tags, policy and bus settings over the SDK', () => {
  test('TagResource, UntagResource and ListTagsForResource on a bus and a rule; Tags on create', async () => {
    const { EventBusArn } = await client.send(new CreateEventBusCommand({ Name: 'tagged', Tags: [{ Key: 'team', Value: 'a' }] }));
    const arn = EventBusArn as string;
    await client.send(new TagResourceCommand({ ResourceARN: arn, Tags: [{ Key: 'team', Value: 'b' }, { Key: 'env', Value: 'dev' }] }));
    expect((await client.send(new ListTagsForResourceCommand({ ResourceARN: arn }))).Tags).toEqual([
      { Key: 'team', Value: 'b' },
      { Key: 'env', Value: 'dev' },
    ]);
    await client.send(new UntagResourceCommand({ ResourceARN: arn, TagKeys: ['team', 'absent'] }));
    expect((await client.send(new ListTagsForResourceCommand({ ResourceARN: arn }))).Tags).toEqual([{ Key: 'env', Value: 'dev' }]);

    const { RuleArn } = await client.send(
      new PutRuleCommand({ Name: 'r', EventBusName: 'tagged', EventPattern: '{"source":["a"]}', Tags: [{ Key: 'k', Value: 'v' }] }),
    );
    expect(RuleArn).toBe('arn:aws:events:us-east-1:123456789012:rule/tagged/r');
    expect((await client.send(new ListTagsForResourceCommand({ ResourceARN: RuleArn }))).Tags).toEqual([{ Key: 'k', Value: 'v' }]);
  });

  test('tag limits and unknown resources (AWS: at most 50 tags; https://docs.aws.amazon.com/goto/WebAPI/events/TagResource)', async () => {
    const { EventBusArn: arn } = await client.send(new CreateEventBusCommand({ Name: 'full' }));
    const fifty = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await client.send(new TagResourceCommand({ ResourceARN: arn, Tags: fifty }));
    await expect(client.send(new TagResourceCommand({ ResourceARN: arn, Tags: [{ Key: 'one-more', Value: 'v' }] }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
    await expect(client.send(new TagResourceCommand({ ResourceARN: arn, Tags: [{ Key: 'x'.repeat(129), Value: 'v' }] }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
    await expect(
      client.send(new ListTagsForResourceCommand({ ResourceARN: 'arn:aws:events:us-east-1:123456789012:rule/nope' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: 'Rule nope does not exist on EventBus default.' });
    await expect(
      client.send(new ListTagsForResourceCommand({ ResourceARN: 'arn:aws:events:us-east-1:123456789012:event-bus/nope' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: 'Event bus nope does not exist.' });
  });

  test('PutPermission shows as the bus Policy; RemovePermission removes it', async () => {
    await client.send(new PutPermissionCommand({ EventBusName: 'tagged', Action: 'events:PutEvents', Principal: '111122223333', StatementId: 'partner' }));
    const bus = await client.send(new DescribeEventBusCommand({ Name: 'tagged' }));
    expect(JSON.parse(bus.Policy ?? 'null')).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'partner',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111122223333:root' },
          Action: 'events:PutEvents',
          Resource: 'arn:aws:events:us-east-1:123456789012:event-bus/tagged',
        },
      ],
    });
    await expect(client.send(new RemovePermissionCommand({ EventBusName: 'tagged', StatementId: 'other' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await client.send(new RemovePermissionCommand({ EventBusName: 'tagged', StatementId: 'partner' }));
    expect((await client.send(new DescribeEventBusCommand({ Name: 'tagged' }))).Policy).toBeUndefined();
  });

  test('UpdateEventBus changes the description (empty removes it) and the settings', async () => {
    await client.send(new CreateEventBusCommand({ Name: 'settled', Description: 'first' }));
    const out = await client.send(new UpdateEventBusCommand({ Name: 'settled', Description: 'second', DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:123456789012:dlq' } }));
    expect(out).toMatchObject({ Name: 'settled', Description: 'second', DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:123456789012:dlq' } });
    expect(await client.send(new DescribeEventBusCommand({ Name: 'settled' }))).toMatchObject({ Description: 'second', DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:123456789012:dlq' } });
    await client.send(new UpdateEventBusCommand({ Name: 'settled', Description: '' }));
    const after = await client.send(new DescribeEventBusCommand({ Name: 'settled' }));
    expect(after.Description).toBeUndefined();
    expect(after.DeadLetterConfig).toBeUndefined();
  });

  test('ListRuleNamesByTarget lists the rules of a bus sending to a target, by name', async () => {
    const target = 'arn:aws:lambda:us-east-1:123456789012:function:f';
    for (const name of ['z', 'a', 'm']) {
      await client.send(new PutRuleCommand({ Name: name, EventPattern: '{"source":["s"]}' }));
      if (name !== 'm') await client.send(new PutTargetsCommand({ Rule: name, Targets: [{ Id: '1', Arn: target }] }));
    }
    expect((await client.send(new ListRuleNamesByTargetCommand({ TargetArn: target }))).RuleNames).toEqual(['a', 'z']);
    const page = await client.send(new ListRuleNamesByTargetCommand({ TargetArn: target, Limit: 1 }));
    expect(page.RuleNames).toEqual(['a']);
    expect((await client.send(new ListRuleNamesByTargetCommand({ TargetArn: target, NextToken: page.NextToken }))).RuleNames).toEqual(['z']);
  });
});

describe('connections and API destinations over the SDK', () => {
  test('created, described (no secrets), listed, deleted', async () => {
    const created = await client.send(
      new CreateConnectionCommand({ Name: 'partner', AuthorizationType: 'API_KEY', AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-key', ApiKeyValue: 'secret' } } }),
    );
    expect(created.ConnectionState).toBe('AUTHORIZED');
    expect(created.ConnectionArn).toMatch(/^arn:aws:events:us-east-1:123456789012:connection\/partner\/[0-9a-f-]{36}$/);
    const described = await client.send(new DescribeConnectionCommand({ Name: 'partner' }));
    expect(described.AuthParameters?.ApiKeyAuthParameters).toEqual({ ApiKeyName: 'x-key' });
    expect((await client.send(new ListConnectionsCommand({}))).Connections?.map((c) => c.Name)).toEqual(['partner']);

    const destination = await client.send(
      new CreateApiDestinationCommand({ Name: 'hook', ConnectionArn: created.ConnectionArn, InvocationEndpoint: 'https://example.com/hook', HttpMethod: 'POST' }),
    );
    expect(destination.ApiDestinationState).toBe('ACTIVE');
    expect(await client.send(new DescribeApiDestinationCommand({ Name: 'hook' }))).toMatchObject({
      Name: 'hook',
      ConnectionArn: created.ConnectionArn,
      InvocationEndpoint: 'https://example.com/hook',
      HttpMethod: 'POST',
    });
    expect((await client.send(new ListApiDestinationsCommand({}))).ApiDestinations?.map((d) => d.Name)).toEqual(['hook']);
    await client.send(new DeleteApiDestinationCommand({ Name: 'hook' }));
    expect((await client.send(new DeleteConnectionCommand({ Name: 'partner' }))).ConnectionState).toBe('DELETING');
    await expect(client.send(new DescribeConnectionCommand({ Name: 'partner' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('the clock endpoint and scheduled events in /_matches', () => {
  test('POST /_clock AdvanceSeconds fires due schedules in order and answers the new Time; they appear in /_matches', async () => {
    const now = (JSON.parse((await rawRequest(url, { method: 'GET', path: '/_clock' })).body) as { Time: string }).Time;
    await client.send(new PutRuleCommand({ Name: 'every-minute', ScheduleExpression: 'rate(1 minute)' }));
    const moved = await rawRequest(url, { path: '/_clock', body: '{"AdvanceSeconds": 120}', headers: { 'content-type': 'application/json' } });
    expect(moved.status).toBe(200);
    const answer = JSON.parse(moved.body) as { Time: string; Fired: Array<{ Rule: string; Time: string }> };
    expect(answer.Time).toBe(new Date(Date.parse(now) + 120_000).toISOString());
    expect(answer.Fired.map((f) => f.Rule)).toEqual(['every-minute', 'every-minute']);
    const log = JSON.parse((await rawRequest(url, { method: 'GET', path: '/_matches' })).body) as {
      Matches: Array<{ RequestId: string; Event: { time: string; 'detail-type': string } }>;
    };
    const scheduled = log.Matches.filter((m) => m.RequestId === 'schedule/every-minute');
    expect(scheduled.map((m) => m.Event.time)).toEqual(answer.Fired.map((f) => f.Time));
    expect(scheduled.map((m) => m.Event['detail-type'])).toEqual(['Scheduled Event', 'Scheduled Event']);
  });

  test('POST /_clock Time sets any instant; earlier ones fire nothing; bad bodies get 400', async () => {
    const back = await rawRequest(url, { path: '/_clock', body: '{"Time": "2020-01-01T00:00:00Z"}' });
    expect(back.status).toBe(200);
    expect(JSON.parse(back.body)).toEqual({ Time: '2020-01-01T00:00:00.000Z', Fired: [] });
    for (const body of ['{}', '{"AdvanceSeconds": -1}', '{"AdvanceSeconds": 1, "Time": "2020-01-01T00:00:00Z"}', '{"Time": "soon"}', 'nope']) {
      const answer = await rawRequest(url, { path: '/_clock', body });
      expect(answer.status).toBe(400);
      expect((JSON.parse(answer.body) as { message: string }).message).toMatch(/AdvanceSeconds/);
    }
  });

  test('a real-time server answers POST /_clock with 409', async () => {
    const real = createServer();
    const realUrl = (await real.listen(0, '127.0.0.1')).url;
    try {
      expect((await rawRequest(realUrl, { path: '/_clock', body: '{"AdvanceSeconds": 1}' })).status).toBe(409);
      expect(JSON.parse((await rawRequest(realUrl, { method: 'GET', path: '/_clock' })).body)).toMatchObject({ Manual: false });
    } finally {
      await real.close();
    }
  });
});

test('an operation not emulated names itself in UnknownOperationException', async () => {
  const answer = await callOperation(url, 'CreateEndpoint', {});
  expect(answer.status).toBe(400);
  expect(JSON.parse(answer.body)).toEqual({ __type: 'UnknownOperationException', message: 'CreateEndpoint is not emulated by eventbridge-matcher.' });
});
