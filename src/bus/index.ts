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
export { ManualClock, systemClock } from './clock.js';
export type { Clock, ClockListener, ScheduledFiring } from './clock.js';
export type { ProducedEventListener } from './schedules.js';
export type {
  Archive, ArchiveChangeResponse, ArchiveRef, ArchiveState, CreateArchiveRequest, DescribeArchiveResponse,
  ListArchivesRequest, ListArchivesResponse, UpdateArchiveRequest,
} from './archives.js';
export type {
  CancelReplayResponse, DescribeReplayResponse, ListReplaysRequest, ListReplaysResponse, Replay, ReplayDestination,
  ReplayRef, ReplayState, StartReplayRequest, StartReplayResponse,
} from './replays.js';
export type { ListTagsForResourceRequest, ListTagsForResourceResponse, TagResourceRequest, UntagResourceRequest } from './tags.js';
export type {
  BusSettings, ListRuleNamesByTargetRequest, ListRuleNamesByTargetResponse, UpdateEventBusRequest, UpdateEventBusResponse,
} from './bus-update.js';
export type { BusPolicy, PermissionCondition, PolicyStatement, PutPermissionRequest, RemovePermissionRequest } from './permissions.js';
export type { ApiDestinationRequest, ConnectionRequest, ListConnectionsRequest, NameRef } from './connections.js';
