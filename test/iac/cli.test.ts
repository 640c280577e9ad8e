/**
 * The command-line tool with infrastructure code: `test`, `validate`, `match` and `serve --rules`
 * recognise templates, cdk.out manifests, serverless.yml and Terraform JSON. Run in process
 * (src/cli/main.ts with in-memory streams) so the `yaml` package resolves from the project.
 */

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../cli/helpers.js';
import { callOperation, rawRequest, withServe } from '../server/helpers.js';
import { fixture } from './helpers.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iac-cli-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo(stdin);
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('validate', () => {
  it('reports a broken pattern at its line in the template: the line of the member AWS points into', async () => {
    const file = fixture('broken/template.yaml');
    const result = await run(['validate', file]);
    expect(result.code).toBe(1);
    expect(result.out).toBe(
      `${file}: rule "GoodRule": valid\n${file}:16:1: rule "BrokenRule": Event pattern is not valid. Reason: Value of > must be numeric\n` +
        ' at [Source: (String)"{"source":["com.example.orders"],"detail":{"total":[{"numeric":[">","one hundred"]}]}}"; line: 1, column: 70]\n',
    );
  });

  it('checks every rule of a valid template and takes --param', async () => {
    const result = await run(['validate', fixture('cloudformation/template.json'), '--param', 'BucketName=uploads']);
    expect(result).toMatchObject({ code: 0, out: `${fixture('cloudformation/template.json')}: rule "ObjectCreatedRule": valid\n` });
    const missing = await run(['validate', fixture('cloudformation/template.json')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('parameter "BucketName" has no Default and no value was given (params / --param BucketName=...)');
  });
});

describe('match', () => {
  const events = [
    { source: 'com.example.dev.orders', 'detail-type': 'OrderPlaced', detail: { total: 250 } },
    { source: 'aws.cloudformation', 'detail-type': 'AWS API Call via CloudTrail', detail: { eventSource: 'cloudformation.amazonaws.com' } },
    { source: 'other', 'detail-type': 'x', detail: {} },
  ]
    .map((e) => JSON.stringify(e))
    .join('\n');

  it('applies every enabled rule of every bus; disabled rules never match', async () => {
    const result = await run(['match', '--rules', fixture('serverless/serverless.yml'), '--quiet'], events);
    expect(result.code).toBe(0);
    // orders-dev-paused (enabled: false) would match the second event: it is left out.
    expect(result.out).toBe(
      '{"line":1,"rules":["orders-dev-handleOrder-rule-1"]}\n{"line":2,"rules":["WatchStacksEventsRuleCloudWatchEvent1"]}\n{"line":3,"rules":[]}\n',
    );
  });

  it('narrows to one bus with --bus', async () => {
    const result = await run(['match', '--rules', fixture('serverless/serverless.yml'), '--bus', 'orders-dev', '--quiet'], events);
    expect(result.out).toBe('{"line":1,"rules":["orders-dev-handleOrder-rule-1"]}\n{"line":2,"rules":[]}\n{"line":3,"rules":[]}\n');
  });

  it('reads a Terraform plan and a JSON rules file as before', async () => {
    const plan = await run(['match', '--rules', fixture('terraform/plan.json'), '--quiet'], '{"detail-type":"AWS Console Sign In via CloudTrail"}\n');
    expect(plan.out).toBe('{"line":1,"rules":["capture-aws-sign-in"]}\n');
    const rulesFile = join(dir, 'rules.json');
    await writeFile(rulesFile, '{"Resources": {"source": ["x"]}}');
    // A rule named "Resources" whose pattern has no Type member: still a rules file.
    const plain = await run(['match', '--rules', rulesFile, '--quiet'], '{"source":"x"}\n');
    expect(plain.out).toBe('{"line":1,"rules":["Resources"]}\n');
  });
});

describe('test', () => {
  it('tests an event against a rule of a template chosen with --rule', async () => {
    const event = JSON.stringify({ source: 'com.example.shop', 'detail-type': 'OrderCreated', detail: { items: [{ sku: 'BOOK-1' }] } });
    const yes = await run(['test', '--pattern', fixture('sam/template.yaml'), '--rule', 'ProcessOrderFunctionOrderCreated', '--event', event]);
    expect(yes.code).toBe(0);
    expect(yes.out.split('\n')[0]).toBe('Match.');
    const no = await run(['test', '--pattern', fixture('sam/template.yaml'), '--rule', 'refund-requested', '--event', event]);
    expect(no.code).toBe(1);
  });

  it('names the rules to choose from', async () => {
    const result = await run(['test', '--pattern', fixture('sam/template.yaml'), '--event', '{}']);
    expect(result.code).toBe(2);
    expect(result.err).toContain(
      'has 3 rules with an event pattern: choose one with --rule (ProcessOrderFunctionOrderCreated, ProcessOrderFunctionInstanceTerminated, refund-requested)',
    );
  });
});

describe('serve --rules', () => {
  it('creates the buses and routes events by bus', async () => {
    const io = memoryIo();
    await withServe(['--port', '0', '--rules', fixture('sam/template.yaml')], async (address) => {
      expect(io.out()).toContain('with 4 rules');
      const buses = JSON.parse((await callOperation(address.url, 'ListEventBuses', {})).body) as { EventBuses: { Name: string }[] };
      expect(buses.EventBuses.map((b) => b.Name).sort()).toEqual(['default', 'order-bus']);
      const put = await callOperation(address.url, 'PutEvents', {
        Entries: [
          { Source: 'com.example.shop', DetailType: 'OrderCreated', Detail: '{"items":[{"sku":"BOOK-9"}]}', EventBusName: 'order-bus' },
          { Source: 'com.example.shop', DetailType: 'OrderCreated', Detail: '{"items":[{"sku":"BOOK-9"}]}' },
        ],
      });
      expect(JSON.parse(put.body)).toMatchObject({ FailedEntryCount: 0 });
      const log = JSON.parse((await rawRequest(address.url, { method: 'GET', path: '/_matches' })).body) as {
        Matches: { EventBusName: string; Rules: { Name: string }[] }[];
      };
      // Only the event put on order-bus reached the rule: the same event on the default bus matched nothing.
      expect(log.Matches.map((m) => [m.EventBusName, m.Rules.map((r) => r.Name)])).toEqual([['order-bus', ['ProcessOrderFunctionOrderCreated']]]);
      const rule = JSON.parse((await callOperation(address.url, 'DescribeRule', { Name: 'refund-requested', EventBusName: 'order-bus' })).body) as { State: string };
      expect(rule.State).toBe('DISABLED');
    }, undefined, io);
  });
});

describe('options', () => {
  it('refuses a malformed --param, --bus on a plain rules file, and --rule without infrastructure code', async () => {
    const bad = await run(['validate', fixture('sam/template.yaml'), '--param', 'NoEquals']);
    expect(bad).toMatchObject({ code: 2, err: 'eventbridge-matcher: --param takes Key=Value, got "NoEquals"\n' });
    const rulesFile = join(dir, 'plain.json');
    await writeFile(rulesFile, '{"r": {"source": ["x"]}}');
    const bus = await run(['match', '--rules', rulesFile, '--bus', 'orders'], '');
    expect(bus.code).toBe(2);
    expect(bus.err).toContain('--bus applies to infrastructure code');
    const rule = await run(['test', '--pattern', '{"source":["x"]}', '--rule', 'r', '--event', '{}']);
    expect(rule.code).toBe(2);
    expect(rule.err).toContain('--rule needs --pattern to name infrastructure code');
  });

  it('recognises a template by its content with a .template extension', async () => {
    const file = join(dir, 'stack.template');
    await writeFile(file, '{"Resources":{"R":{"Type":"AWS::Events::Rule","Properties":{"EventPattern":{"source":["x"]}}}}}');
    const result = await run(['match', '--rules', file, '--quiet'], '{"source":"x"}\n');
    expect(result.out).toBe('{"line":1,"rules":["R"]}\n');
  });
});
