/** The `toDeliver` matcher, registered on vitest's expect by the package's vitest entry. */

import { describe, expect, it } from 'vitest';
import '../../src/testing/vitest.js';
import { deliveryMatchers } from '../../src/testing/deliver.js';

const event = {
  version: '0',
  id: 'e1',
  'detail-type': 'Order Placed',
  source: 'shop',
  account: '123456789012',
  time: '2024-05-01T10:00:00Z',
  region: 'us-east-1',
  resources: [],
  detail: { total: 42.5, customer: { id: 'c1' } },
};
const invoice = {
  Id: 'invoice',
  InputTransformer: { InputPathsMap: { total: '$.detail.total' }, InputTemplate: '{"total": <total>, "rule": <aws.events.rule-name>}' },
};

describe('toDeliver', () => {
  it('passes on the exact text, or on a JSON value equal to the parsed input', () => {
    expect(event).toDeliver(invoice, '{"total": 42.5, "rule": "orders"}', { ruleName: 'orders' });
    expect(JSON.stringify(event)).toDeliver(invoice, { rule: 'orders', total: 42.5 }, { ruleName: 'orders' });
    expect(event).toDeliver({ Id: 'c', InputPath: '$.detail.customer.id' }, '"c1"');
    expect(event).not.toDeliver(invoice, '{"total":42.5,"rule":"orders"}', { ruleName: 'orders' });
  });

  it('explains a failure with both inputs, and a target that receives nothing', () => {
    const wrong = deliveryMatchers.toDeliver(event, invoice, { total: 1 });
    expect(wrong.pass).toBe(false);
    expect(wrong.message()).toBe('expected target invoice to receive\n  {"total":1}\nbut it receives\n  {"total": 42.5, "rule": ""}');
    const nothing = deliveryMatchers.toDeliver(event, { Id: 'p', InputPath: '$.detail.none' }, 'x');
    expect(nothing.pass).toBe(false);
    expect(nothing.message()).toBe('expected target p to receive x, but it receives nothing: InputPath $.detail.none selects nothing in the event.');
  });

  it('throws AWS’s message for a target PutTargets refuses, with or without .not', () => {
    const bad = { Id: 'b', Input: '{}', InputPath: '$' };
    expect(() => expect(event).toDeliver(bad, '{}')).toThrow('toDeliver: ValidationException: Only one of Input, InputPath, or InputTransformer must be provided for target b.');
    expect(() => expect(event).not.toDeliver(bad, '{}')).toThrow('ValidationException');
  });

  it('throws AWS’s message for an event that is no JSON object, undefined included', () => {
    for (const received of [undefined, 42, null]) {
      expect(() => deliveryMatchers.toDeliver(received, { Id: 't', Input: '"x"' }, 'x')).toThrow('toDeliver: ValidationException: Parameter Event is not valid.');
    }
  });
});
