/**
 * Terraform: `terraform show -json` of a plan, modules included. Resource attributes are those of
 * the provider's aws_cloudwatch_event_rule / aws_cloudwatch_event_target
 * (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudwatch_event_rule);
 * the document shape is Terraform's JSON output format (https://developer.hashicorp.com/terraform/internals/json-format).
 */

import { describe, expect, it } from 'vitest';
import { loadInfrastructure, parseInfrastructure } from '../../src/iac/index.js';
import { deployed, fixture, matchedRules } from './helpers.js';

describe('Terraform plan JSON', () => {
  it('loads the rules of the root module and of child modules', async () => {
    const { rules, buses } = await loadInfrastructure(fixture('terraform/plan.json'));
    expect(rules.map((r) => [r.name, r.logicalId, r.bus, r.state, r.schedule ?? null])).toEqual([
      ['capture-aws-sign-in', 'aws_cloudwatch_event_rule.console', 'default', 'ENABLED', null],
      ['instance-state', 'module.audit.aws_cloudwatch_event_rule.instance_state', 'audit-bus', 'ENABLED', null],
      // The older is_enabled attribute, when state is absent.
      ['legacy-ec2', 'module.audit.aws_cloudwatch_event_rule.legacy', 'audit-bus', 'DISABLED', null],
      // name_prefix: the name is known only after apply, so the address stands for it.
      ['module.audit.aws_cloudwatch_event_rule.nightly', 'module.audit.aws_cloudwatch_event_rule.nightly', 'default', 'ENABLED', 'cron(0 3 * * ? *)'],
    ]);
    expect(buses.map((b) => b.name)).toEqual(['audit-bus']);
    expect(rules[0]!.pattern).toBe('{"detail-type":["AWS Console Sign In via CloudTrail"]}');
    expect(rules.every((r) => r.format === 'terraform')).toBe(true);
  });

  it('attaches targets by rule name and bus, with input transformers', async () => {
    const { rules } = await loadInfrastructure(fixture('terraform/plan.json'));
    // The topic ARN is unknown until apply: no arn.
    expect(rules[0]!.targets).toEqual([{ id: 'SendToSNS' }]);
    expect(rules[1]!.targets).toEqual([
      {
        id: 'InstanceState',
        inputTransformer: {
          inputPathsMap: { instance: '$.detail.instance-id', status: '$.detail.state' },
          inputTemplate: '{"instance_id": <instance>, "instance_status": <status>}\n',
        },
      },
    ]);
  });

  it('routes events by bus', async () => {
    const bridge = deployed(await loadInfrastructure(fixture('terraform/plan.json')));
    expect(bridge.describeRule({ Name: 'legacy-ec2', EventBusName: 'audit-bus' }).State).toBe('DISABLED');
    const response = bridge.testEventPattern({
      EventPattern: bridge.describeRule({ Name: 'instance-state', EventBusName: 'audit-bus' }).EventPattern!,
      Event: JSON.stringify({
        id: '1', account: '123456789012', source: 'aws.ec2', time: '2026-01-01T00:00:00Z', region: 'us-east-1', resources: [],
        'detail-type': 'EC2 Instance State-change Notification', detail: { state: 'terminated' },
      }),
    });
    expect(response.Result).toBe(true);
    expect(matchedRules(bridge, { source: 'x', detailType: 'AWS Console Sign In via CloudTrail', detail: {} })).toEqual(['capture-aws-sign-in']);
  });

  it('reads a state (values instead of planned_values)', () => {
    const state = {
      format_version: '1.0',
      terraform_version: '1.9.5',
      values: { root_module: { resources: [{ address: 'aws_cloudwatch_event_rule.r', mode: 'managed', type: 'aws_cloudwatch_event_rule', name: 'r', values: { name: 'r', event_pattern: '{"source":["a"]}', event_bus_name: 'arn:aws:events:us-east-1:123456789012:event-bus/b', state: 'DISABLED' } }] } },
    };
    expect(parseInfrastructure(JSON.stringify(state), 'state.json').rules[0]).toMatchObject({ name: 'r', bus: 'b', state: 'DISABLED', pattern: '{"source":["a"]}' });
  });
});
