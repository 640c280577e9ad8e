/**
 * CloudFormation templates, YAML with short-form tags and JSON with long forms: every rule with its
 * bus, pattern, schedule, state and targets, intrinsics resolved against parameters, mappings,
 * conditions and the template's own resources, and events routed as AWS routes them.
 */

import { describe, expect, it } from 'vitest';
import { InfrastructureError, checkRules, loadInfrastructure, loadRules, parseInfrastructure } from '../../src/iac/index.js';
import { deployed, fixture, matchedRules } from './helpers.js';

describe('CloudFormation YAML with short-form tags', () => {
  it('loads every rule with its name, bus, pattern, schedule, state and location', async () => {
    const { rules, buses } = await loadInfrastructure(fixture('cloudformation/template.yaml'));
    expect(rules.map((r) => [r.name, r.logicalId, r.bus, r.state, r.schedule, r.location.line])).toEqual([
      ['big-orders-dev', 'BigOrderRule', 'orders-dev', 'ENABLED', undefined, 36],
      // No Name: the logical id stands for it.
      ['InstanceStateRule', 'InstanceStateRule', 'default', 'DISABLED', undefined, 60],
      ['HourlyAudit', 'HourlyAudit', 'default', 'ENABLED', 'rate(1 hour)', 71],
    ]);
    expect(buses).toEqual([{ name: 'orders-dev', location: { file: fixture('cloudformation/template.yaml'), line: 24 } }]);
    expect(rules.every((r) => r.format === 'cloudformation')).toBe(true);
  });

  it('resolves !Sub, !Join, !GetAtt and !FindInMap inside the pattern, keeping the rest as written', async () => {
    const [big] = await loadRules(fixture('cloudformation/template.yaml'));
    expect(JSON.parse(big!.pattern!)).toEqual({
      source: ['com.example.orders.dev'],
      'detail-type': ['OrderPlaced'],
      detail: { total: [{ numeric: ['>=', 1000] }], currency: ['EUR', 'USD'] },
    });
    expect(big!.patternLocation?.line).toBe(41);
  });

  it('keeps a pattern given as a JSON string exactly as written', async () => {
    const rules = await loadRules(fixture('cloudformation/template.yaml'));
    expect(rules[1]!.pattern).toBe(
      '{"source":["aws.ec2"],"detail-type":["EC2 Instance State-change Notification"],"detail":{"state":["stopping","stopped","terminated"]}}',
    );
  });

  it('reads targets with Input, InputPath and InputTransformer', async () => {
    const rules = await loadRules(fixture('cloudformation/template.yaml'));
    expect(rules[0]!.targets).toEqual([
      {
        id: 'NotifyOps',
        arn: 'AlertTopic',
        inputTransformer: {
          inputPathsMap: { order: '$.detail.orderId', total: '$.detail.total' },
          inputTemplate: '"Order <order> totals <total>"',
        },
      },
    ]);
    expect(rules[1]!.targets[0]).toMatchObject({ id: 'StateToTopic', inputPath: '$.detail' });
    expect(rules[2]!.targets[0]).toMatchObject({ id: 'AuditInput', input: '{"audit":"hourly"}' });
  });

  it('takes given parameters over defaults: mappings and conditions follow', async () => {
    const rules = await loadRules(fixture('cloudformation/template.yaml'), { params: { Stage: 'prod' } });
    expect(rules[0]!.name).toBe('big-orders-prod');
    expect(rules[0]!.bus).toBe('orders-prod');
    expect(JSON.parse(rules[0]!.pattern!).detail.total).toEqual([{ numeric: ['>=', 100] }]);
    expect(rules[1]!.state).toBe('ENABLED');
  });

  it('routes events by bus and ignores disabled rules, as PutEvents does', async () => {
    const bridge = deployed(await loadInfrastructure(fixture('cloudformation/template.yaml')));
    const order = { source: 'com.example.orders.dev', detailType: 'OrderPlaced', detail: { total: 1500, currency: 'EUR' } };
    expect(matchedRules(bridge, { ...order, bus: 'orders-dev' })).toEqual(['big-orders-dev']);
    // The same event on the default bus reaches no rule: the rule lives on orders-dev.
    expect(matchedRules(bridge, order)).toEqual([]);
    expect(matchedRules(bridge, { ...order, bus: 'orders-dev', detail: { total: 999, currency: 'EUR' } })).toEqual([]);
    // InstanceStateRule is DISABLED for Stage=dev. A disabled rule matches nothing: "DISABLED: The rule is
    // disabled. EventBridge does not match any events against the rule."
    // (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html). Its events have an
    // aws.* source, which PutEvents refuses (docs/putevents.md section 10), so its state is what is checked.
    expect(bridge.describeRule({ Name: 'InstanceStateRule' }).State).toBe('DISABLED');
    const prod = deployed(await loadInfrastructure(fixture('cloudformation/template.yaml'), { params: { Stage: 'prod' } }));
    expect(prod.describeRule({ Name: 'InstanceStateRule' }).State).toBe('ENABLED');
    expect(matchedRules(prod, { ...order, source: 'com.example.orders.prod', bus: 'orders-prod', detail: { total: 100, currency: 'USD' } })).toEqual([
      'big-orders-prod',
    ]);
  });
});

describe('CloudFormation JSON with long-form intrinsics', () => {
  it('needs a value for a parameter without Default used in a pattern, and says which rule and path', async () => {
    const error = await loadRules(fixture('cloudformation/template.json')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InfrastructureError);
    expect((error as InfrastructureError).message).toBe(
      `${fixture('cloudformation/template.json')}:22: rule "ObjectCreatedRule": cannot resolve EventPattern.detail.bucket.name[0]: ` +
        'parameter "BucketName" has no Default and no value was given (params / --param BucketName=...)',
    );
    expect((error as InfrastructureError).rule).toBe('ObjectCreatedRule');
  });

  it('resolves Ref of a bucket to the BucketName it sets, and keeps 5.0e6 as written', async () => {
    const [rule] = await loadRules(fixture('cloudformation/template.json'), { params: { BucketName: 'uploads' } });
    expect(rule!.pattern).toBe(
      '{"source":["aws.s3"],"detail-type":["Object Created"],"detail":{"bucket":{"name":["uploads"]},"object":{"key":[{"prefix":"incoming/"}],"size":[{"numeric":[">",0,"<=",5.0e6]}]}}}',
    );
    expect(rule!.targets[0]!.arn).toBe('arn:aws:lambda:us-east-1:123456789012:function:process-upload');
  });
});

describe('intrinsics and tags', () => {
  const template = (body: string): string => `Resources:\n  R:\n    Type: AWS::Events::Rule\n    Properties:\n${body}`;

  it('resolves !Select, !Split, !If with !Not/!And/!Or, !Base64 and pseudo parameters', () => {
    const text = `Parameters:\n  Names:\n    Type: CommaDelimitedList\n    Default: a,b,c\nConditions:\n  Yes: !Not [!Equals [x, y]]\n  Both: !And [!Condition Yes, !Or [!Equals [1, 1], !Equals [1, 2]]]\n${template(
      `      EventPattern:\n        source: [!Select [1, !Ref Names], !Select [0, !Split ['|', 'p|q']], !If [Both, yes, no], !Base64 hi, !Ref 'AWS::Region', !Sub '\${AWS::AccountId}-\${!Literal}']\n`,
    )}`;
    const [rule] = parseInfrastructure(text, 't.yaml', { region: 'eu-west-3', accountId: '111122223333' }).rules;
    expect(JSON.parse(rule!.pattern!)).toEqual({ source: ['b', 'p', 'yes', 'aGk=', 'eu-west-3', '111122223333-${Literal}'] });
  });

  it('skips a resource whose Condition is false', () => {
    const text = `Conditions:\n  Never: !Equals [a, b]\nResources:\n  R:\n    Type: AWS::Events::Rule\n    Condition: Never\n    Properties:\n      EventPattern: {source: [x]}\n`;
    expect(parseInfrastructure(text, 't.yaml').rules).toEqual([]);
  });

  it('drops a value that !Ref AWS::NoValue removes', () => {
    const [rule] = parseInfrastructure(template(`      EventPattern:\n        source: [x]\n        account: !Ref AWS::NoValue\n`), 't.yaml').rules;
    expect(rule!.pattern).toBe('{"source":["x"]}');
  });

  it('says which rule and path a resource Ref in a pattern blocks, at that line', () => {
    const text = `Resources:\n  Q:\n    Type: AWS::SQS::Queue\n  R:\n    Type: AWS::Events::Rule\n    Properties:\n      EventPattern:\n        source: [x]\n        resources:\n          - !GetAtt Q.Arn\n`;
    expect(() => parseInfrastructure(text, 't.yaml')).toThrow(
      't.yaml:10: rule "R": cannot resolve EventPattern.resources[0]: Fn::GetAtt Q.Arn is known only once deployed (give it as a parameter named "Q.Arn")',
    );
    const [rule] = parseInfrastructure(text, 't.yaml', { params: { 'Q.Arn': 'arn:aws:sqs:us-east-1:1:q' } }).rules;
    expect(rule!.pattern).toBe('{"source":["x"],"resources":["arn:aws:sqs:us-east-1:1:q"]}');
  });

  it('rejects an unknown tag and a YAML syntax error with their line, and runs no code', () => {
    expect(() => parseInfrastructure(template('      EventPattern: !Bogus x\n'), 't.yaml')).toThrow(/^t\.yaml:5: unknown tag/);
    expect(() => parseInfrastructure('Resources:\n  R: [unclosed\n', 't.yaml')).toThrow(/^t\.yaml:\d+: not valid YAML or JSON/);
    // A language tag some YAML readers execute is only an unknown tag here.
    expect(() => parseInfrastructure(template("      EventPattern: !!js/function 'function () { throw 1 }'\n"), 't.yaml')).toThrow(InfrastructureError);
  });

  it('refuses a file that is no known infrastructure format', () => {
    expect(() => parseInfrastructure('{"my-rule": {"source": ["x"]}}', 'rules.json')).toThrow(
      'rules.json:1: not a CloudFormation or SAM template, CDK cloud assembly, serverless.yml or Terraform JSON (terraform show -json)',
    );
  });

  it('stops on an alias bomb instead of expanding it', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    lines.push('Resources:', '  R:', '    Type: AWS::Events::Rule', '    Properties:', '      EventPattern: {source: *a8}');
    expect(() => parseInfrastructure(lines.join('\n'), 'bomb.yaml')).toThrow(/expands to too many values/);
  });
});

describe('checkRules', () => {
  it('locates an invalid pattern at the line of the member the error is in', async () => {
    const rules = await loadRules(fixture('broken/template.yaml'));
    const problems = checkRules(rules);
    expect(problems.map((p) => [p.rule.name, p.location.line, p.message.split('\n')[0]])).toEqual([
      ['BrokenRule', 16, 'Event pattern is not valid. Reason: Value of > must be numeric'],
    ]);
    expect(rules[1]!.patternLocation?.line).toBe(12);
  });

  it('falls back to the pattern line for a pattern written as a JSON string', () => {
    const text = 'Resources:\n  R:\n    Type: AWS::Events::Rule\n    Properties:\n      EventPattern: \'{"source":"x"}\'\n';
    const problems = checkRules(parseInfrastructure(text, 't.yaml').rules);
    expect(problems.map((p) => p.location.line)).toEqual([5]);
  });
});

describe('deployInfrastructure', () => {
  it('puts targets whose ARN resolved, with their input settings, and leaves out stand-in ARNs', async () => {
    const bridge = deployed(await loadInfrastructure(fixture('cloudformation/template.json'), { params: { BucketName: 'uploads' } }));
    expect(bridge.listTargetsByRule({ Rule: 'ObjectCreatedRule' }).Targets).toEqual([
      { Id: 'Process', Arn: 'arn:aws:lambda:us-east-1:123456789012:function:process-upload' },
    ]);
    const yaml = deployed(await loadInfrastructure(fixture('cloudformation/template.yaml')));
    // The topic's ARN is known only once deployed (Ref gives "AlertTopic"): no target is put.
    expect(yaml.listTargetsByRule({ Rule: 'big-orders-dev', EventBusName: 'orders-dev' }).Targets).toEqual([]);
  });

  it('names the rule and its line when the bus refuses it', () => {
    const text = 'Resources:\n  R:\n    Type: AWS::Events::Rule\n    Properties:\n      EventPattern:\n        source: x\n';
    expect(() => deployed(parseInfrastructure(text, 't.yaml'))).toThrow(/^t\.yaml:6: rule "R": InvalidEventPatternException: Event pattern is not valid\. Reason: /);
  });
});
