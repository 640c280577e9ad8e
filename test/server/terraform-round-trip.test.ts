/**
 * The calls Terraform's AWS provider makes to create, read, update and destroy
 * `aws_cloudwatch_event_bus`, `aws_cloudwatch_event_rule` and `aws_cloudwatch_event_target`,
 * in its order and with its inputs, played through the real AWS SDK against the server.
 *
 * The sequence comes from the provider's source (internal/service/events/):
 * - bus.go (https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/events/bus.go):
 *   create = CreateEventBus with Tags, then read; read = DescribeEventBus by name, then
 *   ListTagsForResource on its ARN (the `@Tags(identifierAttribute="arn")` interceptor); update =
 *   UpdateEventBus with the whole configuration (Description '' to unset it), tag changes by
 *   UntagResource/TagResource, then read; delete = DeleteEventBus (ResourceNotFound is success).
 * - rule.go: create = PutRule with Tags and EventBusName, then DescribeRule until found, then read;
 *   read = DescribeRule (EventBusName `default` from the resource id) and ListTagsForResource;
 *   update = PutRule again with Tags (for ABAC), tag changes, read; delete = DeleteRule, retried
 *   while AWS answers "Rule can't be deleted since it has targets".
 * - target.go: create = PutTargets, then read; read = ListTargetsByRule with Limit 100, the target
 *   found by Id; update = PutTargets; delete = RemoveTargets with EventBusName.
 * Destroy runs targets, then rules, then buses (dependency order).
 */

import {
  CreateEventBusCommand,
  DeleteEventBusCommand,
  DeleteRuleCommand,
  DescribeEventBusCommand,
  DescribeRuleCommand,
  EventBridgeClient,
  ListTagsForResourceCommand,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateEventBusCommand,
} from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createServer } from '../../src/server/index.js';
import type { EventBridgeServer } from '../../src/server/index.js';
import { sdkClient } from './sdk-client.js';

let server: EventBridgeServer;
let client: EventBridgeClient;
const calls: string[] = [];

beforeAll(async () => {
  server = createServer();
  const { url } = await server.listen(0, '127.0.0.1');
  client = sdkClient(url);
  // Records every operation the SDK sends, to compare with the provider's sequence.
  client.middlewareStack.add(
    (next, context) => async (args) => {
      calls.push(String(context.commandName).replace(/Command$/, ''));
      return next(args);
    },
    { step: 'initialize', name: 'recordOperation' },
  );
});

afterAll(async () => {
  client.destroy();
  await server.close();
});

const BUS = 'tf-bus';
const RULE = 'tf-rule';
const PATTERN = '{"source":["tf.app"],"detail-type":["Ping"]}';
const QUEUE = 'arn:aws:sqs:us-east-1:123456789012:tf-queue';

async function readBus(): Promise<{ arn: string; description: string | undefined; tags: Record<string, string> }> {
  const bus = await client.send(new DescribeEventBusCommand({ Name: BUS }));
  const tags = await client.send(new ListTagsForResourceCommand({ ResourceARN: bus.Arn }));
  return { arn: bus.Arn as string, description: bus.Description, tags: Object.fromEntries((tags.Tags ?? []).map((t) => [t.Key, t.Value])) };
}

async function readRule(): Promise<{ arn: string; pattern: string | undefined; state: string | undefined; tags: Record<string, string> }> {
  const rule = await client.send(new DescribeRuleCommand({ Name: RULE, EventBusName: BUS }));
  const tags = await client.send(new ListTagsForResourceCommand({ ResourceARN: rule.Arn }));
  return {
    arn: rule.Arn as string,
    pattern: rule.EventPattern,
    state: rule.State,
    tags: Object.fromEntries((tags.Tags ?? []).map((t) => [t.Key, t.Value])),
  };
}

async function readTarget(): Promise<Record<string, unknown> | undefined> {
  const out = await client.send(new ListTargetsByRuleCommand({ Rule: RULE, EventBusName: BUS, Limit: 100 }));
  return out.Targets?.find((t) => t.Id === 'queue') as Record<string, unknown> | undefined;
}

test('terraform apply (create), plan (refresh), apply (update) and destroy succeed in the provider\'s call order', async () => {
  // --- apply: create the bus, the rule, the target ---
  await client.send(new CreateEventBusCommand({ Name: BUS, Description: 'first', Tags: [{ Key: 'env', Value: 'dev' }] }));
  expect(await readBus()).toEqual({ arn: `arn:aws:events:us-east-1:123456789012:event-bus/${BUS}`, description: 'first', tags: { env: 'dev' } });

  await client.send(
    new PutRuleCommand({ Name: RULE, EventBusName: BUS, EventPattern: PATTERN, State: 'ENABLED', Tags: [{ Key: 'env', Value: 'dev' }] }),
  );
  await client.send(new DescribeRuleCommand({ Name: RULE, EventBusName: BUS })); // the create waiter
  expect(await readRule()).toEqual({
    arn: `arn:aws:events:us-east-1:123456789012:rule/${BUS}/${RULE}`,
    pattern: PATTERN,
    state: 'ENABLED',
    tags: { env: 'dev' },
  });

  const put = await client.send(new PutTargetsCommand({ Rule: RULE, EventBusName: BUS, Targets: [{ Id: 'queue', Arn: QUEUE }] }));
  expect(put.FailedEntryCount).toBe(0);
  expect(await readTarget()).toEqual({ Id: 'queue', Arn: QUEUE });

  // --- plan: refresh reads everything again, unchanged ---
  expect((await readBus()).tags).toEqual({ env: 'dev' });
  expect((await readRule()).state).toBe('ENABLED');
  expect(await readTarget()).toEqual({ Id: 'queue', Arn: QUEUE });

  // --- apply: description removed, tag env changed and team added, rule disabled, input added ---
  const busArn = (await readBus()).arn;
  await client.send(new UpdateEventBusCommand({ Name: BUS, Description: '' }));
  await client.send(new TagResourceCommand({ ResourceARN: busArn, Tags: [{ Key: 'env', Value: 'prod' }, { Key: 'team', Value: 'core' }] }));
  expect(await readBus()).toMatchObject({ description: undefined, tags: { env: 'prod', team: 'core' } });

  const ruleArn = (await readRule()).arn;
  await client.send(
    new PutRuleCommand({ Name: RULE, EventBusName: BUS, EventPattern: PATTERN, State: 'DISABLED', Tags: [{ Key: 'owner', Value: 'me' }] }),
  );
  await client.send(new UntagResourceCommand({ ResourceARN: ruleArn, TagKeys: ['env'] }));
  expect(await readRule()).toMatchObject({ state: 'DISABLED', tags: { owner: 'me' } });

  await client.send(new PutTargetsCommand({ Rule: RULE, EventBusName: BUS, Targets: [{ Id: 'queue', Arn: QUEUE, Input: '{"fixed":true}' }] }));
  expect(await readTarget()).toEqual({ Id: 'queue', Arn: QUEUE, Input: '{"fixed":true}' });

  // --- destroy: target, rule, bus; then a refresh finds nothing ---
  const removed = await client.send(new RemoveTargetsCommand({ Rule: RULE, EventBusName: BUS, Ids: ['queue'], Force: false }));
  expect(removed.FailedEntryCount).toBe(0);
  await client.send(new DeleteRuleCommand({ Name: RULE, EventBusName: BUS, Force: false }));
  await client.send(new DeleteEventBusCommand({ Name: BUS }));
  await expect(client.send(new DescribeEventBusCommand({ Name: BUS }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });

  expect(calls).toEqual([
    'CreateEventBus', 'DescribeEventBus', 'ListTagsForResource',
    'PutRule', 'DescribeRule', 'DescribeRule', 'ListTagsForResource',
    'PutTargets', 'ListTargetsByRule',
    'DescribeEventBus', 'ListTagsForResource', 'DescribeRule', 'ListTagsForResource', 'ListTargetsByRule',
    'DescribeEventBus', 'ListTagsForResource', 'UpdateEventBus', 'TagResource', 'DescribeEventBus', 'ListTagsForResource',
    'DescribeRule', 'ListTagsForResource', 'PutRule', 'UntagResource', 'DescribeRule', 'ListTagsForResource',
    'PutTargets', 'ListTargetsByRule',
    'RemoveTargets', 'DeleteRule', 'DeleteEventBus', 'DescribeEventBus',
  ]);
});

test('a rule with targets cannot be deleted until they are removed (the provider retries on this message)', async () => {
  await client.send(new PutRuleCommand({ Name: 'guarded', EventPattern: PATTERN }));
  await client.send(new PutTargetsCommand({ Rule: 'guarded', Targets: [{ Id: 't', Arn: QUEUE }] }));
  await expect(client.send(new DeleteRuleCommand({ Name: 'guarded', EventBusName: 'default' }))).rejects.toMatchObject({
    name: 'ValidationException',
    message: "Rule can't be deleted since it has targets.",
  });
  await client.send(new RemoveTargetsCommand({ Rule: 'guarded', Ids: ['t'] }));
  await client.send(new DeleteRuleCommand({ Name: 'guarded', EventBusName: 'default' }));
  await expect(client.send(new DescribeRuleCommand({ Name: 'guarded', EventBusName: 'default' }))).rejects.toMatchObject({
    name: 'ResourceNotFoundException',
  });
});
