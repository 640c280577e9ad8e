/**
 * Part of the {@link EventBridge} front: tags, bus settings and the bus policy. Each method documents one
 * operation and hands the call, with the instance's state, to its module; no logic here. The
 * front is a chain of such classes, one file per group of resources, so that no file grows with
 * every new operation (docs/design/009-bus-layout.md).
 */

import { listRuleNamesByTarget, updateEventBus } from '../bus-update.js';
import type {
  ListRuleNamesByTargetRequest, ListRuleNamesByTargetResponse, UpdateEventBusRequest, UpdateEventBusResponse,
} from '../bus-update.js';
import { putPermission, removePermission } from '../permissions.js';
import type { PutPermissionRequest, RemovePermissionRequest } from '../permissions.js';
import { listTagsForResource, tagResource, untagResource } from '../tags.js';
import type {
  ListTagsForResourceRequest, ListTagsForResourceResponse, TagResourceRequest, UntagResourceRequest,
} from '../tags.js';
import { EventsFront } from './events.js';

/** Tags, bus settings and the bus policy (see {@link EventBridge}). */
export class SettingsFront extends EventsFront {
  // Tags (tags.ts) --------------------------------------------------------------------------------

  /**
   * TagResource: `{ ResourceARN, Tags }` → `{}`; a bus or rule ARN. A known key takes the new value.
   *
   * @throws {@link EventBridgeError} `ResourceNotFoundException` for an unknown bus or rule;
   *   `ValidationException` for an ARN of anything else, keys outside 1–128 or values over 256
   *   characters, or more than 50 tags on the resource.
   */
  tagResource(input: TagResourceRequest): Record<string, never> {
    return tagResource(this.state, input);
  }

  /**
   * UntagResource: `{ ResourceARN, TagKeys }` → `{}`. Keys the resource lacks are ignored.
   *
   * @throws {@link EventBridgeError} as {@link EventBridge.tagResource}.
   */
  untagResource(input: UntagResourceRequest): Record<string, never> {
    return untagResource(this.state, input);
  }

  /**
   * ListTagsForResource: `{ ResourceARN }` → `{ Tags }` (in the order they were first added).
   *
   * @throws {@link EventBridgeError} as {@link EventBridge.tagResource}.
   */
  listTagsForResource(input: ListTagsForResourceRequest): ListTagsForResourceResponse {
    return listTagsForResource(this.state, input);
  }

  // Bus settings and policy (bus-update.ts, permissions.ts) ---------------------------------------

  /**
   * UpdateEventBus: `{ Name?, Description?, KmsKeyIdentifier?, DeadLetterConfig?, LogConfig? }` →
   * `{ Arn, Name, Description?, ... }`. An empty Description removes it; settings not given are cleared.
   *
   * @throws {@link EventBridgeError} `ResourceNotFoundException` for an unknown bus.
   */
  updateEventBus(input: UpdateEventBusRequest): UpdateEventBusResponse {
    return updateEventBus(this.state, input);
  }

  /**
   * ListRuleNamesByTarget: `{ TargetArn, EventBusName?, NextToken?, Limit? }` → `{ RuleNames, NextToken? }`,
   * the bus's rules with a target of that ARN, sorted by name.
   *
   * @throws {@link EventBridgeError} `ResourceNotFoundException` for an unknown bus.
   */
  listRuleNamesByTarget(input: ListRuleNamesByTargetRequest): ListRuleNamesByTargetResponse {
    return listRuleNamesByTarget(this.state, input);
  }

  /**
   * PutPermission: adds (or replaces, by StatementId) a statement of the bus's policy, or sets the
   * whole `Policy`; DescribeEventBus shows it as `Policy`. Nothing is enforced.
   *
   * @throws {@link EventBridgeError} `ValidationException` for members outside the model or missing
   *   Action/Principal/StatementId; `ResourceNotFoundException` for an unknown bus.
   */
  putPermission(input: PutPermissionRequest): Record<string, never> {
    return putPermission(this.state, input);
  }

  /**
   * RemovePermission: `{ StatementId?, RemoveAllPermissions?, EventBusName? }` → `{}`.
   *
   * @throws {@link EventBridgeError} `ResourceNotFoundException` when the bus has no policy or no
   *   statement of that id.
   */
  removePermission(input: RemovePermissionRequest): Record<string, never> {
    return removePermission(this.state, input);
  }
}
