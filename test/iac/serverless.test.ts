/**
 * Serverless Framework: `eventBridge` and `cloudwatchEvent` events of functions, with `${self:}`,
 * `${opt:}` and `${sls:}` variables. Event shapes: https://www.serverless.com/framework/docs/providers/aws/events/event-bridge
 * ("eventBridge events by default are named with the lambda function's name with a suffix for the
 * rule position"; "use enabled: false to disable the rule").
 */

import { describe, expect, it } from 'vitest';
import { InfrastructureError, loadInfrastructure, parseInfrastructure } from '../../src/iac/index.js';
import { deployed, fixture, matchedRules } from './helpers.js';

describe('serverless.yml', () => {
  it('loads eventBridge and cloudwatchEvent events with variables resolved', async () => {
    const { rules, buses } = await loadInfrastructure(fixture('serverless/serverless.yml'));
    expect(rules.map((r) => [r.name, r.bus, r.state, r.schedule ?? null, r.location.line])).toEqual([
      ['orders-dev-handleOrder-rule-1', 'orders-dev', 'ENABLED', null, 21],
      ['orders-dev-handleOrder-rule-2', 'default', 'ENABLED', 'rate(10 minutes)', 35],
      ['WatchStacksEventsRuleCloudWatchEvent1', 'default', 'ENABLED', null, 42],
      ['orders-dev-paused', 'default', 'DISABLED', null, 52],
    ]);
    expect(buses.map((b) => b.name)).toEqual(['orders-dev']);
    expect(rules[0]!.pattern).toBe('{"source":["com.example.dev.orders"],"detail-type":["OrderPlaced"],"detail":{"total":[{"numeric":[">",100]}]}}');
    expect(rules[0]!.targets[0]).toMatchObject({ inputTransformer: { inputPathsMap: { orderId: '$.detail.orderId' }, inputTemplate: '{"id": <orderId>}' } });
    expect(rules[1]!.targets[0]).toMatchObject({ input: '{"key1":"value1"}' });
    expect(rules[2]!.targets[0]).toMatchObject({ inputPath: '$.detail' });
    expect(rules.every((r) => r.format === 'serverless')).toBe(true);
  });

  it('takes the stage from params, as --stage would', async () => {
    const { rules } = await loadInfrastructure(fixture('serverless/serverless.yml'), { params: { stage: 'prod' } });
    expect(rules[0]!.name).toBe('orders-prod-handleOrder-rule-1');
    expect(rules[0]!.bus).toBe('orders-prod');
    expect(JSON.parse(rules[0]!.pattern!).source).toEqual(['com.example.prod.orders']);
  });

  it('routes events by bus, disabled rules never matching', async () => {
    const bridge = deployed(await loadInfrastructure(fixture('serverless/serverless.yml')));
    const order = { source: 'com.example.dev.orders', detailType: 'OrderPlaced', detail: { total: 250 } };
    expect(matchedRules(bridge, { ...order, bus: 'orders-dev' })).toEqual(['orders-dev-handleOrder-rule-1']);
    expect(matchedRules(bridge, { ...order, bus: 'orders-dev', detail: { total: 100 } })).toEqual([]);
    expect(bridge.describeRule({ Name: 'orders-dev-paused' }).State).toBe('DISABLED');
  });

  it('says which variable has no value, in which rule', () => {
    const text = 'service: s\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: h\n    events:\n      - eventBridge:\n          pattern:\n            source:\n              - ${opt:source}\n';
    const error = (() => {
      try {
        parseInfrastructure(text, 'serverless.yml');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InfrastructureError);
    expect((error as Error).message).toBe(
      'serverless.yml:8: rule "f events[0].eventBridge": cannot resolve functions.f.events[0].eventBridge.pattern.source[0]: ' +
        '${opt:source} has no value (self: reads this file, opt: and env: read params, e.g. --param source=...)',
    );
    const { rules } = parseInfrastructure(text, 'serverless.yml', { params: { source: 'my.app' } });
    expect(rules[0]!.pattern).toBe('{"source":["my.app"]}');
  });

  it('uses fallbacks and a function name, and resolves an eventBus given as an ARN to its name', () => {
    const text =
      "service: s\nprovider:\n  name: aws\ncustom:\n  src: ${env:SRC, 'fallback.src'}\nfunctions:\n  f:\n    name: my-lambda\n    events:\n      - eventBridge:\n          eventBus: arn:aws:events:us-east-1:123456789012:event-bus/shared\n          pattern:\n            source:\n              - ${self:custom.src}\n";
    const { rules, buses } = parseInfrastructure(text, 'serverless.yml');
    expect(rules[0]).toMatchObject({ name: 'my-lambda-rule-1', bus: 'shared', pattern: '{"source":["fallback.src"]}' });
    expect(buses).toEqual([{ name: 'shared' }]);
  });
});

describe('serverless.yml errors', () => {
  it('reports an unresolvable provider region as an InfrastructureError, not a crash', () => {
    const text = 'service: s\nprovider:\n  name: aws\n  region: ${opt:region}\nfunctions: {}\n';
    expect(() => parseInfrastructure(text, 'serverless.yml')).toThrow(InfrastructureError);
    expect(() => parseInfrastructure(text, 'serverless.yml')).toThrow('serverless.yml:1: cannot resolve provider.region: ${opt:region} has no value');
    expect(parseInfrastructure(text, 'serverless.yml', { params: { region: 'eu-central-1' } }).rules).toEqual([]);
  });
});
