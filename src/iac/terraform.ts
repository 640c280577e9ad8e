/**
 * Rules of a Terraform plan or state, as `terraform show -json` prints them: every
 * `aws_cloudwatch_event_rule` (and `aws_cloudwatch_event_target`) of the root module and of child
 * modules, from `planned_values` (a plan) or `values` (a state).
 *
 * A rule's state is `state` when set, else `is_enabled` (the older attribute), else enabled. A name
 * not known until apply (`name_prefix`) is replaced by the resource address.
 */

import type { SourceDocument } from './document.js';
import { Collector, busName, ruleState } from './collect.js';
import { scalarText, toJsonText } from './json-text.js';
import type { InfrastructureRule, InfrastructureTarget } from './types.js';

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

interface TerraformResource {
  readonly node: Record<string, unknown>;
  readonly address: string;
  readonly type: string;
  readonly values: Record<string, unknown>;
}

function modulesResources(module: Record<string, unknown>, out: TerraformResource[]): void {
  const resources = Array.isArray(module['resources']) ? (module['resources'] as unknown[]) : [];
  for (const item of resources) {
    const node = record(item);
    if (node['mode'] !== undefined && node['mode'] !== 'managed') continue;
    out.push({
      node,
      address: scalarText(node['address']) ?? `${String(node['type'])}.${String(node['name'])}`,
      type: scalarText(node['type']) ?? '',
      values: record(node['values']),
    });
  }
  const children = Array.isArray(module['child_modules']) ? (module['child_modules'] as unknown[]) : [];
  for (const child of children) modulesResources(record(child), out);
}

/**
 * Reads the rules of a Terraform plan or state into a collector.
 *
 * @param doc - The read file.
 * @param into - Where rules and buses go.
 */
export function collectTerraform(doc: SourceDocument, into: Collector): void {
  const top = record(doc.value);
  const root = record(record(top['planned_values'] ?? top['values'])['root_module']);
  const resources: TerraformResource[] = [];
  modulesResources(root, resources);

  // Targets by bus and rule name.
  const targets = new Map<string, InfrastructureTarget[]>();
  for (const resource of resources) {
    if (resource.type !== 'aws_cloudwatch_event_target') continue;
    const v = resource.values;
    const key = `${busName(scalarText(v['event_bus_name']) ?? 'default')}\u0000${scalarText(v['rule']) ?? ''}`;
    const transformer = record(Array.isArray(v['input_transformer']) ? v['input_transformer'][0] : v['input_transformer']);
    const paths: Record<string, string> = {};
    for (const [k, p] of Object.entries(record(transformer['input_paths']))) paths[k] = scalarText(p) ?? toJsonText(p);
    const input = scalarText(v['input']);
    const inputPath = scalarText(v['input_path']);
    const template = scalarText(transformer['input_template']);
    const arn = scalarText(v['arn']);
    const target: InfrastructureTarget = {
      id: scalarText(v['target_id']) ?? resource.address,
      ...(arn === undefined ? {} : { arn }),
      ...(input === undefined || input === '' ? {} : { input }),
      ...(inputPath === undefined || inputPath === '' ? {} : { inputPath }),
      ...(template === undefined
        ? {}
        : { inputTransformer: { ...(Object.keys(paths).length === 0 ? {} : { inputPathsMap: paths }), inputTemplate: template } }),
    };
    const list = targets.get(key) ?? [];
    list.push(target);
    targets.set(key, list);
  }

  for (const resource of resources) {
    const v = resource.values;
    const location = { file: doc.file, line: doc.lineOf(resource.node) };
    if (resource.type === 'aws_cloudwatch_event_bus') {
      const name = scalarText(v['name']);
      if (name !== undefined) into.addBus(name, location);
      continue;
    }
    if (resource.type !== 'aws_cloudwatch_event_rule') continue;
    const name = scalarText(v['name']) ?? resource.address;
    const bus = busName(scalarText(v['event_bus_name']) ?? 'default');
    const pattern = scalarText(v['event_pattern']);
    const schedule = scalarText(v['schedule_expression']);
    const written = scalarText(v['state']);
    const state = written !== undefined && written !== '' ? ruleState(written) : ruleState(v['is_enabled'] === false ? false : true);
    const rule: InfrastructureRule = {
      name,
      logicalId: resource.address,
      bus,
      ...(pattern === undefined || pattern === '' ? {} : { pattern }),
      ...(schedule === undefined || schedule === '' ? {} : { schedule }),
      state,
      targets: targets.get(`${bus}\u0000${name}`) ?? [],
      format: 'terraform',
      location,
      ...(pattern === undefined || pattern === '' ? {} : { patternLocation: { file: doc.file, line: doc.keyLine(v, 'event_pattern') } }),
    };
    into.addRule(rule);
  }
}
