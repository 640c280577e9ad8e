/**
 * `expect(event).toMatchRule(ruleName, { rules })` with rules loaded from a template: the assertion
 * runs against the rule as deployed (its pattern and its state).
 */

import { describe, expect, it } from 'vitest';
import '../../src/testing/vitest.js';
import { ruleMatchers } from '../../src/testing/rule-matchers.js';
import { loadRules } from '../../src/iac/index.js';
import { fixture } from './helpers.js';

const rules = await loadRules(fixture('sam/template.yaml'));
const order = { source: 'com.example.shop', 'detail-type': 'OrderCreated', detail: { items: [{ sku: 'BOOK-7' }] } };

describe('toMatchRule', () => {
  it('passes for an event the rule matches and fails with the explanation otherwise', () => {
    expect(order).toMatchRule('ProcessOrderFunctionOrderCreated', { rules });
    expect({ ...order, detail: { items: [{ sku: 'PEN-1' }] } }).not.toMatchRule('ProcessOrderFunctionOrderCreated', { rules });
    expect(() => expect({ ...order, source: 'other' }).toMatchRule('ProcessOrderFunctionOrderCreated', { rules })).toThrow(
      /expected the event to match rule "ProcessOrderFunctionOrderCreated" on bus "order-bus", but it does not:\n {2}No match\./,
    );
  });

  it('finds a rule by its name when a Name differs from the logical id', () => {
    const refund = { source: 'com.example.shop', 'detail-type': 'RefundRequested', detail: {} };
    // refund-requested is DISABLED: its pattern matches, the deployed rule does not.
    expect(refund).not.toMatchRule('refund-requested', { rules });
    expect(refund).not.toMatchRule('RefundWorkflowRefundRequested', { rules });
    expect(() => expect(refund).toMatchRule('refund-requested', { rules })).toThrow(/the rule is DISABLED: a disabled rule matches nothing/);
  });

  it('fails with or without .not for a rule that is not there or has no pattern', () => {
    expect(() => expect(order).toMatchRule('Nope', { rules })).toThrow(
      'toMatchRule: no rule "Nope" (rules: ProcessOrderFunctionOrderCreated, ProcessOrderFunctionInstanceTerminated, nightly-report, refund-requested)',
    );
    expect(() => expect(order).not.toMatchRule('Nope', { rules })).toThrow(/no rule "Nope"/);
    expect(() => expect(order).toMatchRule('nightly-report', { rules })).toThrow(
      'toMatchRule: rule "nightly-report" has no event pattern (it runs on the schedule cron(0 2 * * ? *))',
    );
    expect(() => ruleMatchers.toMatchRule(order, 'x', {})).toThrow(/pass the loaded rules as \{ rules \}/);
  });
});
