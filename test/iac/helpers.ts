/** Shared helpers of the iac tests: fixture paths and putting loaded rules on a fresh EventBridge. */

import { fileURLToPath } from 'node:url';
import { EventBridge } from '../../src/bus/index.js';
import { deployInfrastructure } from '../../src/iac/index.js';
import type { Infrastructure } from '../../src/iac/index.js';

/** Path of a file under test/fixtures/iac. */
export function fixture(relative: string): string {
  return fileURLToPath(new URL(`../fixtures/iac/${relative}`, import.meta.url));
}

/** An EventBridge holding the infrastructure's buses and rules. */
export function deployed(infrastructure: Infrastructure): EventBridge {
  const bridge = new EventBridge();
  deployInfrastructure(bridge, infrastructure);
  return bridge;
}

/** The names of the rules an event matches on a bus, as PutEvents reports them. */
export function matchedRules(bridge: EventBridge, entry: { bus?: string | undefined; source: string; detailType: string; detail: object }): string[] {
  const response = bridge.putEvents({
    Entries: [
      {
        Source: entry.source,
        DetailType: entry.detailType,
        Detail: JSON.stringify(entry.detail),
        ...(entry.bus === undefined ? {} : { EventBusName: entry.bus }),
      },
    ],
  });
  return response.Matches[0]?.Rules.map((rule) => rule.Name) ?? [];
}
