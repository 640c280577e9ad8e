/**
 * SAM: EventBridgeRule, CloudWatchEvent and Schedule events of functions and state machines become
 * rules whose logical id is the owner's followed by the event's (what SAM generates).
 * Event source properties: https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-eventbridgerule.html
 * State machine events: https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-statemachine-statemachineeventbridgerule.html
 */

import { describe, expect, it } from 'vitest';
import { loadInfrastructure } from '../../src/iac/index.js';
import { deployed, fixture, matchedRules } from './helpers.js';

describe('SAM template', () => {
  it('loads function and state machine events as rules', async () => {
    const { rules, buses } = await loadInfrastructure(fixture('sam/template.yaml'));
    expect(rules.map((r) => [r.name, r.logicalId, r.bus, r.state, r.schedule ?? null, r.format])).toEqual([
      ['ProcessOrderFunctionOrderCreated', 'ProcessOrderFunctionOrderCreated', 'order-bus', 'ENABLED', null, 'sam'],
      ['ProcessOrderFunctionInstanceTerminated', 'ProcessOrderFunctionInstanceTerminated', 'default', 'ENABLED', null, 'sam'],
      // Schedule: Name names the rule; Enabled: false disables it.
      ['nightly-report', 'ProcessOrderFunctionNightly', 'default', 'DISABLED', 'cron(0 2 * * ? *)', 'sam'],
      // RuleName names the rule; State is passed through (SAM accepts "Disabled").
      ['refund-requested', 'RefundWorkflowRefundRequested', 'order-bus', 'DISABLED', null, 'sam'],
    ]);
    expect(buses.map((b) => b.name)).toEqual(['order-bus']);
    expect(rules[0]!.location.line).toBe(22);
    expect(rules[0]!.patternLocation?.line).toBe(26);
  });

  it('keeps patterns as the template holds them and targets with their input settings', async () => {
    const { rules } = await loadInfrastructure(fixture('sam/template.yaml'));
    expect(rules[0]!.pattern).toBe('{"source":["com.example.shop"],"detail-type":["OrderCreated"],"detail":{"items":{"sku":[{"prefix":"BOOK-"}]}}}');
    expect(rules[0]!.targets).toEqual([
      {
        id: 'ProcessOrderFunctionOrderCreatedLambdaTarget',
        arn: '${ProcessOrderFunction.Arn}',
        inputTransformer: { inputPathsMap: { id: '$.detail.orderId' }, inputTemplate: '{"orderId": <id>}' },
      },
    ]);
    expect(rules[1]!.targets[0]).toMatchObject({ inputPath: '$.detail' });
    expect(rules[2]!.pattern).toBeUndefined();
    expect(rules[2]!.targets[0]).toMatchObject({ input: '{"report":"nightly"}' });
    expect(rules[3]!.targets[0]!.id).toBe('RefundWorkflowRefundRequestedStepFunctionsTarget');
  });

  it('routes events to the enabled rules of the bus they are put on', async () => {
    const bridge = deployed(await loadInfrastructure(fixture('sam/template.yaml')));
    const order = { source: 'com.example.shop', detailType: 'OrderCreated', detail: { items: [{ sku: 'BOOK-42' }, { sku: 'PEN-1' }] } };
    expect(matchedRules(bridge, { ...order, bus: 'order-bus' })).toEqual(['ProcessOrderFunctionOrderCreated']);
    expect(matchedRules(bridge, { ...order, bus: 'order-bus', detail: { items: [{ sku: 'PEN-1' }] } })).toEqual([]);
    expect(matchedRules(bridge, order)).toEqual([]);
    // The refund rule is disabled: never matched.
    expect(matchedRules(bridge, { source: 'com.example.shop', detailType: 'RefundRequested', detail: {}, bus: 'order-bus' })).toEqual([]);
    // The CloudWatchEvent rule has no source condition: any event with that detail matches on the default bus.
    expect(matchedRules(bridge, { source: 'com.example.ec2', detailType: 'x', detail: { state: 'terminated' } })).toEqual([
      'ProcessOrderFunctionInstanceTerminated',
    ]);
  });
});
