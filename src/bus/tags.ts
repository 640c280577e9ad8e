/**
 * Tags of resources. Today only PutRule's `Tags` member is read and kept on the rule; TagResource,
 * UntagResource and ListTagsForResource belong here when they come.
 */

import type { Tag } from './types.js';
import { member, objectMember, optionalString, serializationError } from './validation.js';

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
