/**
 * Gathers the rules and buses found across the files of one source, in order of appearance.
 */

import type { Infrastructure, InfrastructureBus, InfrastructureRule, SourceLocation } from './types.js';

/** Rules, buses and files read so far. */
export class Collector {
  readonly rules: InfrastructureRule[] = [];
  readonly files: string[] = [];
  private readonly buses = new Map<string, InfrastructureBus>();

  /**
   * Records a bus; the first definition with a location wins.
   *
   * @param name - The bus name (`default` is ignored: it always exists).
   * @param location - Where the code creates it.
   */
  addBus(name: string, location?: SourceLocation): void {
    if (name === 'default') return;
    const known = this.buses.get(name);
    if (known === undefined || (known.location === undefined && location !== undefined)) {
      this.buses.set(name, location === undefined ? { name } : { name, location });
    }
  }

  /**
   * Records a rule and the bus it is on.
   *
   * @param rule - The rule.
   */
  addRule(rule: InfrastructureRule): void {
    this.rules.push(rule);
    this.addBus(rule.bus);
  }

  /** @returns What was gathered. */
  result(): Infrastructure {
    return { rules: this.rules, buses: [...this.buses.values()], files: this.files };
  }
}

/**
 * The bus name of an `EventBusName` value: a name, or an event bus ARN
 * (`arn:aws:events:us-east-1:123456789012:event-bus/orders` is `orders`).
 *
 * @param value - The name or ARN.
 * @returns The name.
 */
export function busName(value: string): string {
  if (!value.startsWith('arn:')) return value;
  const marker = value.indexOf(':event-bus/');
  return marker === -1 ? value : value.slice(marker + ':event-bus/'.length);
}

/**
 * Reads a rule state as EventBridge knows it.
 *
 * @param value - The written state, or a boolean "enabled".
 * @returns The state; anything unknown is kept in upper case so PutRule reports it.
 */
export function ruleState(value: unknown): InfrastructureRule['state'] {
  if (value === undefined || value === null || value === true) return 'ENABLED';
  if (value === false) return 'DISABLED';
  return String(value).toUpperCase() as InfrastructureRule['state'];
}
