/**
 * The root of the {@link EventBridge} front: the instance's state, which every part of the front
 * hands to the modules (docs/design/009-bus-layout.md).
 */

import { Scheduler } from '../schedules.js';
import { createBridgeState } from '../state.js';
import type { BridgeState } from '../state.js';
import type { EventBridgeOptions } from '../types.js';

/** Holds one instance's state (see {@link EventBridge}). */
export class FrontBase {
  /** @internal */
  protected readonly state: BridgeState;

  /**
   * @param options - Account, region, clock, id generator and limits; all optional (see
   *   {@link EventBridgeOptions} for the defaults).
   */
  constructor(options: EventBridgeOptions = {}) {
    this.state = createBridgeState(options, (clock) => new Scheduler(clock));
  }
}
