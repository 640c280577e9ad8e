/**
 * `serve --deliver <url>`: each delivery POSTed to a local URL, the way an emulator user wires a
 * handler (a local Lambda runner, a dev server). The request body is exactly the target's input
 * text (what a Lambda function gets as its event); headers name the rule, target and event, the
 * attempt number, and carry the X-Ray trace header with a W3C `traceparent` derived from it. A
 * network error, a 429 or a status of 500 or more fails the attempt, which the bus retries per the
 * target's RetryPolicy; another status of 400 or more gives up at once (a dead letter).
 */

import { PermanentDeliveryError } from '../bus/index.js';
import type { Delivery, DeliveryHandler } from '../bus/index.js';
import { isJson } from '../targets/transform.js';

/** Options of {@link webhookDeliveryHandler}. */
export interface WebhookOptions {
  /** Longest wait for the receiver's answer, in ms; a timeout fails the attempt. Default 10,000. */
  readonly timeoutMs?: number;
}

/** Header names of a delivery request. */
export const DELIVERY_HEADERS = {
  rule: 'x-eventbridge-rule',
  targetId: 'x-eventbridge-target-id',
  targetArn: 'x-eventbridge-target-arn',
  eventId: 'x-eventbridge-event-id',
  attempt: 'x-eventbridge-attempt',
  xray: 'x-amzn-trace-id',
  traceparent: 'traceparent',
} as const;

const XRAY_ROOT = /^1-([0-9a-f]{8})-([0-9a-f]{24})$/;
const XRAY_PARENT = /^[0-9a-f]{16}$/;
/** Header values sent as they are must be visible ASCII and spaces (no line breaks). */
const SAFE_HEADER = /^[\x20-\x7e]*$/;

/**
 * The W3C `traceparent` of an X-Ray trace header: version 00, the trace id made of the root's
 * time and random parts, the parent segment id, and flags 01 when sampled.
 *
 * @example
 * ```ts
 * traceparentFromXRay('Root=1-65b7a1c0-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1');
 * // '00-65b7a1c00123456789abcdef01234567-53995c3f42cd8ad8-01'
 * ```
 *
 * @param header - An `X-Amzn-Trace-Id` value.
 * @returns The `traceparent`, or `undefined` when the header lacks a well-formed `Root` or `Parent`
 *   (a traceparent needs both).
 */
export function traceparentFromXRay(header: string): string | undefined {
  const fields = new Map<string, string>();
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0) fields.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  const root = XRAY_ROOT.exec(fields.get('Root') ?? '');
  const parent = fields.get('Parent') ?? '';
  if (root === null || !XRAY_PARENT.test(parent) || /^0+$/.test(parent)) return undefined;
  const traceId = `${root[1]}${root[2]}`;
  if (/^0+$/.test(traceId)) return undefined;
  return `00-${traceId}-${parent}-${fields.get('Sampled') === '1' ? '01' : '00'}`;
}

/**
 * The headers of one delivery request.
 *
 * @param delivery - The delivery.
 * @returns Header name to value.
 */
export function deliveryHeaders(delivery: Delivery): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': isJson(delivery.Input) ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
    [DELIVERY_HEADERS.rule]: delivery.Rule,
    [DELIVERY_HEADERS.targetId]: delivery.TargetId,
    [DELIVERY_HEADERS.targetArn]: encodeURI(delivery.TargetArn),
    [DELIVERY_HEADERS.eventId]: encodeURI(delivery.EventId),
    [DELIVERY_HEADERS.attempt]: String(delivery.Attempt),
  };
  const trace = delivery.TraceHeader;
  if (trace !== undefined && trace !== '' && SAFE_HEADER.test(trace)) {
    headers[DELIVERY_HEADERS.xray] = trace;
    const traceparent = traceparentFromXRay(trace);
    if (traceparent !== undefined) headers[DELIVERY_HEADERS.traceparent] = traceparent;
  }
  return headers;
}

/**
 * The one check of a delivery URL, shared by {@link webhookDeliveryHandler} and `serve --deliver`:
 * the text starts with `http://` or `https://` (any case) and a host, and parses as a URL.
 *
 * @example
 * ```ts
 * parseDeliveryUrl('http://127.0.0.1:3000/events')?.href; // 'http://127.0.0.1:3000/events'
 * parseDeliveryUrl('http://a b'); // undefined: not a URL
 * ```
 *
 * @param text - The candidate URL.
 * @returns The parsed URL, or `undefined` when `text` is not such a URL.
 */
export function parseDeliveryUrl(text: string): URL | undefined {
  if (!/^https?:\/\/[^/]/i.test(text)) return undefined;
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/**
 * A delivery handler that POSTs each delivery to `url`.
 *
 * @param url - An `http://` or `https://` URL (see {@link parseDeliveryUrl}).
 * @param options - See {@link WebhookOptions}.
 * @returns The handler, for `eb.onDelivery(...)`.
 * @throws TypeError when `url` is not an http(s) URL.
 */
export function webhookDeliveryHandler(url: string, options: WebhookOptions = {}): DeliveryHandler {
  const target = parseDeliveryUrl(url);
  if (target === undefined) throw new TypeError(`not an http(s) URL: ${url}`);
  const timeoutMs = options.timeoutMs ?? 10_000;
  return async (delivery) => {
    const response = await fetch(target, {
      method: 'POST',
      headers: deliveryHeaders(delivery),
      body: delivery.Input,
      signal: AbortSignal.timeout(timeoutMs),
    });
    // Read (and drop) the body so the connection can be reused.
    await response.arrayBuffer().catch(() => undefined);
    if (response.status >= 500 || response.status === 429) throw new Error(`HTTP ${response.status} from ${url}`);
    if (response.status >= 400) throw new PermanentDeliveryError(`HTTP ${response.status} from ${url}`);
  };
}
