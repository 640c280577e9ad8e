/**
 * CDK: a real app (test/fixtures/iac/cdk-app/app.ts) synthesized with aws-cdk-lib during this test
 * run, then read from its cloud assembly. Three rules (custom bus, input transformer, schedule) and
 * a nested stack's rule; the loaded patterns must be the template's own, and events must match as in
 * AWS. Synthesis took 1.8 s on a quiet machine and 16 to 17 s on the shared 2-core machine under
 * load (measured), so the assembly is cached in the OS temp directory, keyed by the app's source
 * and the lockfile: a fresh machine (CI) synthesizes, a repeated run on the same sources reuses it.
 */

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { findRule, loadInfrastructure } from '../../src/iac/index.js';
import type { Infrastructure } from '../../src/iac/index.js';
import { deployed, matchedRules } from './helpers.js';

let outdir: string;
let assembly: Infrastructure;

/** The cloud assembly of the app: synthesized unless one for the same app source and lockfile exists. */
async function cachedAssembly(): Promise<string> {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const hash = createHash('sha256')
    .update(readFileSync(join(root, 'test/fixtures/iac/cdk-app/app.ts')))
    .update('\0')
    .update(readFileSync(join(root, 'package-lock.json')))
    .digest('hex')
    .slice(0, 16);
  const target = join(tmpdir(), 'eventbridge-matcher-cdk', hash, 'cdk.out');
  if (existsSync(join(target, 'manifest.json'))) return target;
  // aws-cdk-lib takes seconds to import: only when synthesizing.
  const { synthesize } = await import('../fixtures/iac/cdk-app/app.js');
  const work = mkdtempSync(join(tmpdir(), 'ebm-cdk-'));
  synthesize(join(work, 'cdk.out'));
  mkdirSync(dirname(target), { recursive: true });
  try {
    renameSync(join(work, 'cdk.out'), target);
  } catch {
    // Another test run published the same assembly first: use it.
  }
  rmSync(work, { recursive: true, force: true });
  return target;
}

beforeAll(async () => {
  outdir = await cachedAssembly();
  assembly = await loadInfrastructure(outdir);
}, 120_000);

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
