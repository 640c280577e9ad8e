/**
 * The bus layer's public face: the {@link EventBridge} class and the AWS-shaped types of its
 * inputs and outputs. Helpers (`compactDetail`, `isValidScheduleExpression`) are exported for the
 * HTTP server and tools that need the same checks.
 */

export { EventBridge } from './event-bridge.js';
export { compactDetail } from './detail.js';
export { isValidScheduleExpression } from './schedule.js';
export type * from './types.js';
