/**
 * Tags of buses and rules: the `Tags` member of PutRule and CreateEventBus ({@link readTags},
 * {@link mergeTags}), and TagResource, UntagResource, ListTagsForResource.
 */

import { DEFAULT_BUS, findBus, ruleNotFound, ruleOn } from './state.js';
import type { BridgeState } from './state.js';
import type { Tag } from './types.js';
import {
  Constraints,
  member,
  notFoundError,
  objectMember,
  optionalString,
  requestObject,
  serializationError,
  validationError,
} from './validation.js';

/**
 * Reads a request's `Tags` member.
 *
 * @param value - The member's value.
 * @returns The tags, or `undefined` when absent.
 * @throws {@link EventBridgeError} `SerializationException` for a member or tag of the wrong type.
 */
export function readTags(value: unknown): Tag[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw serializationError('Tags', 'a list');
  return value.map((t: unknown, i) => {
    const record = objectMember(t, `Tags[${i}]`);
    return {
      Key: optionalString(member(record, 'Key'), 'Key') ?? '',
      Value: optionalString(member(record, 'Value'), 'Value') ?? '',
    };
  });
}

// -------------------------------------------------------------------------------------------------
// TagResource, UntagResource, ListTagsForResource. AWS: "In EventBridge, rules and event buses can
// be tagged"; a new key is appended, a known key gets the new value; at most 50 tags per resource
// (https://docs.aws.amazon.com/goto/WebAPI/events/TagResource). Keys 1–128 characters, values 0–256.

/** Most tags one resource holds. */
export const MAX_TAGS = 50;
const RULE_ARN = /^arn:aws[\w-]*:events:([a-z]+-[a-z]+-[\w-]+):([0-9]{12}):rule\/(?:([^/]+)\/)?([^/]+)$/;

/** TagResource input. */
export interface TagResourceRequest {
  ResourceARN: string;
  Tags: readonly Tag[];
}

/** UntagResource input. */
export interface UntagResourceRequest {
  ResourceARN: string;
  TagKeys: readonly string[];
}

/** ListTagsForResource input. */
export interface ListTagsForResourceRequest {
  ResourceARN: string;
}

/** ListTagsForResource output. */
export interface ListTagsForResourceResponse {
  Tags: Tag[];
}

/** Something that holds tags: a bus or a rule. */
interface Tagged {
  tags: readonly Tag[] | undefined;
}

/**
 * Checks tags given on create (PutRule, CreateEventBus) or TagResource: key and value lengths,
 * and the count after merging.
 *
 * @param current - The resource's tags now (empty for a new resource).
 * @param added - The tags given.
 * @returns The merged tags (a known key takes the new value, in place).
 * @throws {@link EventBridgeError} `ValidationException` for a key or value out of bounds or more
 *   than {@link MAX_TAGS} tags.
 */
export function mergeTags(current: readonly Tag[], added: readonly Tag[]): Tag[] {
  const c = new Constraints();
  added.forEach((tag, i) => {
    c.text(tag.Key, `tags.${i + 1}.member.key`, 1, 128);
    c.text(tag.Value, `tags.${i + 1}.member.value`, 0, 256);
  });
  c.throwIfAny();
  const out = current.map((t) => ({ Key: t.Key, Value: t.Value }));
  for (const tag of added) {
    const at = out.findIndex((t) => t.Key === tag.Key);
    if (at >= 0) (out[at] as Tag).Value = tag.Value;
    else out.push({ Key: tag.Key, Value: tag.Value });
  }
  if (out.length > MAX_TAGS) throw validationError(`A resource can have at most ${MAX_TAGS} tags.`);
  return out;
}

/** TagResource; see {@link EventBridge.tagResource}. */
export function tagResource(state: BridgeState, input: TagResourceRequest): Record<string, never> {
  const req = requestObject(input);
  const tags = readTags(member(req, 'Tags'));
  const c = new Constraints();
  c.required(tags, 'tags');
  const resource = taggedResource(state, req, c);
  resource.tags = mergeTags(resource.tags ?? [], tags ?? []);
  return {};
}

/** UntagResource; see {@link EventBridge.untagResource}. */
export function untagResource(state: BridgeState, input: UntagResourceRequest): Record<string, never> {
  const req = requestObject(input);
  const keys = member(req, 'TagKeys');
  if (keys !== undefined && keys !== null && (!Array.isArray(keys) || keys.some((k) => typeof k !== 'string'))) {
    throw serializationError('TagKeys', 'a list of strings');
  }
  const c = new Constraints();
  c.required(keys, 'tagKeys');
  const resource = taggedResource(state, req, c);
  const drop = new Set(keys as string[]);
  resource.tags = (resource.tags ?? []).filter((t) => !drop.has(t.Key));
  return {};
}

/** ListTagsForResource; see {@link EventBridge.listTagsForResource}. */
export function listTagsForResource(state: BridgeState, input: ListTagsForResourceRequest): ListTagsForResourceResponse {
  const resource = taggedResource(state, requestObject(input), new Constraints());
  return { Tags: (resource.tags ?? []).map((t) => ({ Key: t.Key, Value: t.Value })) };
}

/**
 * The bus or rule a `ResourceARN` names.
 *
 * @throws {@link EventBridgeError} `ValidationException` for a missing ARN or one that names neither a
 *   bus nor a rule; `ResourceNotFoundException` for an unknown bus or rule.
 */
function taggedResource(state: BridgeState, req: Readonly<Record<string, unknown>>, c: Constraints): Tagged {
  const arn = optionalString(member(req, 'ResourceARN'), 'ResourceARN');
  c.required(arn, 'resourceARN');
  c.text(arn, 'resourceARN', 1, 1600);
  c.throwIfAny();
  const text = arn as string;
  if (text.includes(':event-bus/')) return findBus(state, text);
  const rule = RULE_ARN.exec(text);
  if (rule === null) throw validationError(`Parameter ResourceARN is not valid: ${text} names neither an event bus nor a rule.`);
  const busName = rule[3] ?? DEFAULT_BUS;
  const ruleName = rule[4] ?? '';
  if (rule[1] !== state.region || rule[2] !== state.account) throw notFoundError(ruleNotFound(ruleName, busName));
  return ruleOn(findBus(state, busName), ruleName);
}
