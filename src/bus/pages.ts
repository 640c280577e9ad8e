/**
 * Paging of list operations. A NextToken is opaque to callers: the decimal offset of the next
 * item, base64url-encoded. Lists are in a stable order (names sorted, targets in insertion order),
 * so an offset stays meaningful between calls.
 */

import { member, optionalInteger, optionalString, validationError } from './validation.js';
import type { Constraints } from './validation.js';

/** The part of a list one call returns. */
export interface PageBounds {
  /** First index of the page. */
  readonly start: number;
  /** Index just past the page (never past the list). */
  readonly end: number;
  /** The token of the next page, when items remain. */
  readonly next?: string;
}

/**
 * Where a page starts and ends.
 *
 * @param count - Number of items in the whole list.
 * @param nextToken - The caller's token, if any.
 * @param limit - Most items per page; all of them when absent.
 * @returns The page's bounds and the next token.
 * @throws {@link EventBridgeError} `ValidationException` `The NextToken provided is not valid.`
 */
export function pageBounds(count: number, nextToken: string | undefined, limit: number | undefined): PageBounds {
  let start = 0;
  if (nextToken !== undefined) {
    const decoded = Buffer.from(nextToken, 'base64url').toString('utf8');
    if (!/^(0|[1-9][0-9]{0,8})$/.test(decoded)) throw validationError('The NextToken provided is not valid.');
    start = Number(decoded);
  }
  const end = limit === undefined ? count : Math.min(count, start + limit);
  return end < count ? { start, end, next: Buffer.from(String(end), 'utf8').toString('base64url') } : { start, end };
}

/**
 * The page of an array that a token and a limit select ({@link pageBounds}).
 *
 * @param items - The whole list, in its stable order.
 * @param nextToken - The caller's token, if any.
 * @param limit - Most items per page; all of them when absent.
 * @returns The page's items and the next token.
 * @throws {@link EventBridgeError} `ValidationException` `The NextToken provided is not valid.`
 */
export function paginate<T>(items: readonly T[], nextToken: string | undefined, limit: number | undefined): { page: T[]; next?: string } {
  const { start, end, next } = pageBounds(items.length, nextToken, limit);
  const page = items.slice(start, end);
  return next === undefined ? { page } : { page, next };
}

/**
 * Reads a list request's `NextToken` and `Limit` and adds AWS's checks of both (token 1–2048
 * characters, limit 1–100) to `c`, after the caller's own members.
 *
 * @param req - The request object.
 * @param c - The request's constraints (the caller throws once all are added).
 * @returns The token and the limit, each `undefined` when absent.
 */
export function readPage(req: Readonly<Record<string, unknown>>, c: Constraints): { nextToken: string | undefined; limit: number | undefined } {
  const nextToken = optionalString(member(req, 'NextToken'), 'NextToken');
  const limit = optionalInteger(member(req, 'Limit'), 'Limit');
  c.text(nextToken, 'nextToken', 1, 2048);
  c.range(limit, 'limit', 1, 100);
  return { nextToken, limit };
}
