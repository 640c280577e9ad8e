/**
 * CDK: a real app (test/fixtures/iac/cdk-app/app.ts) synthesized with aws-cdk-lib during this test
 * run, then read from its cloud assembly. Three rules (custom bus, input transformer, schedule) and
 * a nested stack's rule; the loaded patterns must be the template's own, and events must match as in
 * AWS. Synthesis took 1.8 to 10.5 s on the shared 2-core machine (measured), so it is not cached.
 */

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRule, loadInfrastructure } from '../../src/iac/index.js';
import type { Infrastructure } from '../../src/iac/index.js';
import { synthesize } from '../fixtures/iac/cdk-app/app.js';
import { deployed, matchedRules } from './helpers.js';

let outdir: string;
let assembly: Infrastructure;

beforeAll(async () => {
  outdir = synthesize(join(mkdtempSync(join(tmpdir(), 'ebm-cdk-')), 'cdk.out'));
  assembly = await loadInfrastructure(outdir);
}, 120_000);

afterAll(() => {
  rmSync(join(outdir, '..'), { recursive: true, force: true });
});

/** The EventPattern of each AWS::Events::Rule in a synthesized template, by logical id. */
function templatePatterns(file: string): Map<string, unknown> {
  const template = JSON.parse(readFileSync(join(outdir, file), 'utf8')) as { Resources: Record<string, { Type: string; Properties?: { EventPattern?: unknown } }> };
  const patterns = new Map<string, unknown>();
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Type === 'AWS::Events::Rule') patterns.set(id, resource.Properties?.EventPattern);
  }
  return patterns;
}

describe('CDK cloud assembly synthesized in the test run', () => {
  it('loads every rule, the nested stack included, with the patterns the templates hold', () => {
    const expected = new Map([...templatePatterns('OrdersStack.template.json')]);
    const nested = assembly.files.find((f) => f.endsWith('.nested.template.json'));
    expect(nested).toBeDefined();
    for (const [id, pattern] of templatePatterns(nested!.slice(outdir.length + 1))) expected.set(id, pattern);
    expect(assembly.rules).toHaveLength(4);
    for (const rule of assembly.rules) {
      expect(expected.has(rule.logicalId)).toBe(true);
      const pattern = expected.get(rule.logicalId);
      expect(rule.pattern === undefined ? undefined : JSON.parse(rule.pattern)).toEqual(pattern);
      expect(rule.format).toBe('cdk');
    }
  });

  it('names rules by ruleName or logical id and finds them by construct path', () => {
    const big = findRule(assembly.rules, 'OrdersStack/BigOrders');
    expect(big).toMatchObject({ bus: 'orders', state: 'ENABLED', constructPath: 'OrdersStack/BigOrders' });
    expect(big!.name).toBe(big!.logicalId);
    expect(findRule(assembly.rules, 'instance-stopped')?.constructPath).toBe('OrdersStack/InstanceStopped');
    expect(findRule(assembly.rules, 'Nightly')).toMatchObject({ schedule: 'rate(1 day)', bus: 'default' });
    expect(findRule(assembly.rules, 'SignInRule')?.constructPath).toBe('OrdersStack/Audit/SignInRule');
    expect(assembly.buses.map((b) => b.name)).toEqual(['orders']);
  });

  it('keeps the input transformer CDK generated for RuleTargetInput.fromObject', () => {
    const rule = findRule(assembly.rules, 'instance-stopped')!;
    expect(rule.targets).toEqual([
      {
        id: 'Target0',
        arn: rule.targets[0]!.arn,
        inputTransformer: {
          inputPathsMap: { 'detail-instance-id': '$.detail.instance-id', 'detail-state': '$.detail.state' },
          inputTemplate: '{"instance":<detail-instance-id>,"state":<detail-state>}',
        },
      },
    ]);
  });

  it('matches events as AWS would: by bus, Match.greaterThan and Match.anythingBut', () => {
    const bridge = deployed(assembly);
    const big = findRule(assembly.rules, 'OrdersStack/BigOrders')!.name;
    const order = { bus: 'orders', source: 'com.example.orders', detailType: 'OrderPlaced', detail: { total: 101, currency: 'EUR' } };
    expect(matchedRules(bridge, order)).toEqual([big]);
    expect(matchedRules(bridge, { ...order, detail: { total: 100, currency: 'EUR' } })).toEqual([]);
    expect(matchedRules(bridge, { ...order, detail: { total: 500, currency: 'XTS' } })).toEqual([]);
    expect(matchedRules(bridge, { ...order, bus: undefined })).toEqual([]);
    const stopped = bridge.testEventPattern({
      EventPattern: findRule(assembly.rules, 'instance-stopped')!.pattern!,
      Event: JSON.stringify({
        id: '1', account: '123456789012', source: 'aws.ec2', time: '2026-01-01T00:00:00Z', region: 'us-east-1', resources: [],
        'detail-type': 'EC2 Instance State-change Notification', detail: { 'instance-id': 'i-1', state: 'terminated' },
      }),
    });
    expect(stopped.Result).toBe(true);
  });

  it('loads the same from the manifest.json path', async () => {
    const fromManifest = await loadInfrastructure(join(outdir, 'manifest.json'));
    expect(fromManifest.rules.map((r) => r.name)).toEqual(assembly.rules.map((r) => r.name));
  });
});
