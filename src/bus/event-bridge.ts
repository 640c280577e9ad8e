/**
 * The in-process EventBridge: a front over one module per AWS resource (`buses.ts`, `rules.ts`,
 * `targets.ts`, `tags.ts`, `schedules.ts`, `archives.ts`, `replays.ts`, `permissions.ts`,
 * `connections.ts`, ...) and the one event path (`event-path.ts`, delivering through
 * `delivery.ts`) that PutEvents (`put-events.ts`), schedules and replays feed. The front documents
 * the operations and hands each call, with the instance's state (`state.ts`), to its module; it
 * holds no logic. Its methods live in `front/`, one file per group of resources, chained
 * `FrontBase` → `CoreFront` → `EventsFront` → `SettingsFront` → `ArchivesFront` →
 * `ConnectionsFront` → `EventBridge`; a new operation is a method in its group's file, a new
 * resource a module beside the others and, if it needs one, a new link of the chain.
 * Behaviour: docs/putevents.md.
 */

import { ConnectionsFront } from './front/connections.js';
import type { EventBridgeOptions } from './types.js';

/**
 * Amazon EventBridge in-process: buses, rules, targets and PutEvents with AWS-exact shapes.
 *
 * Methods take and return AWS's PascalCase structures; errors are {@link EventBridgeError}s whose
 * `name` is AWS's error code and `message` AWS's text. A `default` bus always exists. The class is
 * synchronous and not meant to be shared between threads. Inputs are typed for TypeScript callers
 * but checked at run time as AWS checks the wire (values from `JSON.parse` are safe to pass).
 *
 * @example
 * ```ts
 * const eb = new EventBridge();
 * eb.putRule({ Name: 'orders', EventPattern: '{"source":["shop"]}' });
 * const out = eb.putEvents({ Entries: [{ Source: 'shop', DetailType: 'Order', Detail: '{"id":1}' }] });
 * out.Matches[0]?.Rules; // [{ Name: 'orders', Arn: 'arn:aws:events:us-east-1:123456789012:rule/orders' }]
 * ```
 */
export class EventBridge extends ConnectionsFront {
  /**
   * @param options - Account, region, clock, id generator and limits; all optional (see
   *   {@link EventBridgeOptions} for the defaults).
   */
  constructor(options: EventBridgeOptions = {}) {
    super(options);
  }
}
