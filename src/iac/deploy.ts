/**
 * Puts loaded infrastructure on an EventBridge-like object (the library's `EventBridge`, or anything
 * with its method shapes): the buses first, then each rule on its bus with its state, then the
 * targets whose ARN resolved. Typed structurally so this folder does not depend on the bus code.
 */

import { patternLine } from './check.js';
import { InfrastructureError } from './types.js';
import type { Infrastructure } from './types.js';

/** The methods of `EventBridge` that {@link deployInfrastructure} calls. */
export interface RuleHost {
  createEventBus(input: { Name: string }): unknown;
  listEventBuses(input?: { NamePrefix?: string }): { EventBuses?: ReadonlyArray<{ Name?: string }> };
  putRule(input: {
    Name: string;
    EventBusName?: string;
    EventPattern?: string;
    ScheduleExpression?: string;
    State?: 'ENABLED' | 'DISABLED' | 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';
  }): unknown;
  putTargets(input: { Rule: string; EventBusName?: string; Targets: ReadonlyArray<{ Id: string; Arn: string; [member: string]: unknown }> }): unknown;
}

/**
 * Creates the buses and puts the rules and targets of loaded infrastructure.
 *
 * @example
 * ```ts
 * import { EventBridge } from 'eventbridge-matcher';
 * import { deployInfrastructure, loadInfrastructure } from 'eventbridge-matcher/iac';
 * const bridge = new EventBridge();
 * deployInfrastructure(bridge, await loadInfrastructure('template.yaml'));
 * ```
 *
 * @param host - An `EventBridge` instance.
 * @param infrastructure - What {@link loadInfrastructure} returned.
 * @returns How many rules were put.
 * @throws {@link InfrastructureError} naming the rule and its location when the host refuses a rule
 *   or its targets (an invalid pattern: AWS's error, kept as the `cause`).
 */
export function deployInfrastructure(host: RuleHost, infrastructure: Infrastructure): number {
  const existing = new Set((host.listEventBuses().EventBuses ?? []).map((bus) => bus.Name));
  for (const bus of infrastructure.buses) {
    if (existing.has(bus.name)) continue;
    host.createEventBus({ Name: bus.name });
    existing.add(bus.name);
  }
  for (const rule of infrastructure.rules) {
    try {
      putRule(host, rule);
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      const where = `rule ${JSON.stringify(rule.name)}${rule.bus === 'default' ? '' : ` on bus ${JSON.stringify(rule.bus)}`}`;
      // An invalid pattern's error carries its location in the pattern: report the member's line.
      const inPattern = (error as { location?: { line: number; column: number } }).location;
      const file = (rule.patternLocation ?? rule.location).file;
      throw new InfrastructureError(`${where}: ${error.name}: ${error.message}`, { file, line: patternLine(rule, inPattern) }, rule.name, { cause: error });
    }
  }
  return infrastructure.rules.length;
}

function putRule(host: RuleHost, rule: Infrastructure['rules'][number]): void {
  host.putRule({
    Name: rule.name,
    EventBusName: rule.bus,
    ...(rule.pattern === undefined ? {} : { EventPattern: rule.pattern }),
    ...(rule.schedule === undefined ? {} : { ScheduleExpression: rule.schedule }),
    State: rule.state,
  });
  const targets = rule.targets
    .filter((target) => target.arn?.startsWith('arn:') === true)
    .map((target) => ({
      Id: target.id,
      Arn: target.arn as string,
      ...(target.input === undefined ? {} : { Input: target.input }),
      ...(target.inputPath === undefined ? {} : { InputPath: target.inputPath }),
      ...(target.inputTransformer === undefined
        ? {}
        : {
            InputTransformer: {
              ...(target.inputTransformer.inputPathsMap === undefined ? {} : { InputPathsMap: target.inputTransformer.inputPathsMap }),
              InputTemplate: target.inputTransformer.inputTemplate,
            },
          }),
    }));
  if (targets.length > 0) host.putTargets({ Rule: rule.name, EventBusName: rule.bus, Targets: targets });
}
