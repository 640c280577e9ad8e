/**
 * Bad input never escapes as anything but an InfrastructureError: random text, and templates whose
 * values are random JSON in every place a rule reads.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InfrastructureError, parseInfrastructure } from '../../src/iac/index.js';

function outcome(text: string): 'ok' | 'refused' {
  try {
    parseInfrastructure(text, 'random.yaml');
    return 'ok';
  } catch (error) {
    if (error instanceof InfrastructureError) return 'refused';
    throw error;
  }
}

describe('robustness', () => {
  it('random text is read or refused with an InfrastructureError', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => void outcome(text)), { numRuns: 300 });
  });

  it('random values in a template, a SAM function, a serverless.yml and a Terraform plan are read or refused', () => {
    const value = fc.jsonValue({ maxDepth: 3 });
    const seen = { ok: 0, refused: 0 };
    fc.assert(
      fc.property(value, value, value, value, (pattern, bus, state, targets) => {
        const template = { Resources: { R: { Type: 'AWS::Events::Rule', Properties: { EventPattern: pattern, EventBusName: bus, State: state, Targets: targets } } } };
        const sam = {
          Transform: 'AWS::Serverless-2016-10-31',
          Resources: { F: { Type: 'AWS::Serverless::Function', Properties: { Events: { E: { Type: 'EventBridgeRule', Properties: { Pattern: pattern, EventBusName: bus, State: state } } } } } },
        };
        const sls = { service: 's', provider: { name: 'aws' }, functions: { f: { events: [{ eventBridge: { pattern, eventBus: bus, enabled: state, inputTransformer: targets } }] } } };
        const plan = { format_version: '1.2', planned_values: { root_module: { resources: [{ type: 'aws_cloudwatch_event_rule', address: 'a', values: { name: bus, event_pattern: pattern, state, event_bus_name: targets } }] } } };
        for (const doc of [template, sam, sls, plan]) seen[outcome(JSON.stringify(doc))]++;
      }),
      { numRuns: 200 },
    );
    // Both ways out are reached (a run reads about 300 of the 800 documents), not only refusal.
    expect(seen.ok).toBeGreaterThan(50);
    expect(seen.refused).toBeGreaterThan(50);
  });

  it('intrinsics with random arguments are resolved or refused', () => {
    const seen = { ok: 0, refused: 0 };
    const names = ['Ref', 'Fn::Sub', 'Fn::GetAtt', 'Fn::Join', 'Fn::If', 'Fn::Select', 'Fn::Split', 'Fn::FindInMap', 'Fn::Equals', 'Fn::Not', 'Fn::Base64', 'Fn::ImportValue', 'Fn::Length'];
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.jsonValue({ maxDepth: 2 }), (fn, arg) => {
        const template = { Conditions: { C: { 'Fn::Equals': ['a', 'a'] } }, Resources: { R: { Type: 'AWS::Events::Rule', Properties: { EventPattern: { source: [{ [fn]: arg }] } } } } };
        seen[outcome(JSON.stringify(template))]++;
      }),
      { numRuns: 300 },
    );
    // Both ways out are reached (a run resolves about 30 of the 300 templates), not only refusal.
    expect(seen.ok).toBeGreaterThan(5);
    expect(seen.refused).toBeGreaterThan(50);
  });
});
