/**
 * The bus layer's public face: the {@link EventBridge} class and the AWS-shaped types of its
 * inputs and outputs. Helpers (`compactDetail`, `isValidScheduleExpression`) are exported for
 * tools that need PutEvents' Detail check and PutRule's schedule check on their own.
 */

export { EventBridge } from './event-bridge.js';
export { compactDetail } from './detail.js';
export { PermanentDeliveryError } from './delivery.js';
export { isValidScheduleExpression } from './schedule.js';
export type * from './types.js';
