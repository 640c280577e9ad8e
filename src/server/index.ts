/**
 * An HTTP endpoint that speaks EventBridge's own wire protocol (AWS JSON 1.1: `POST /`,
 * `X-Amz-Target: AWSEvents.<Operation>`), so code using an AWS SDK only needs its `endpoint`
 * pointed here. Every operation is a row of the operation table (`operations.ts`): its input shape
 * and its call of the in-process {@link EventBridge} method of the same name; this layer only
 * decodes, dispatches through that table and encodes. Signatures are accepted without being checked.
 * Matches of PutEvents go to a bounded log, readable at `GET /_matches` (JSON or server-sent events).
 */

import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventBridge, ManualClock } from '../bus/index.js';
import { handleClock } from './clock-endpoint.js';
import { webhookDeliveryHandler } from './delivery-webhook.js';
import type { EventBridgeOptions, PutEventsMatch, PutEventsResponse } from '../bus/types.js';
import { EventBridgeError, isEventBridgeError } from '../errors.js';
import { readBodyOr, sendError, sendOutput, sendPlainJson } from './http-io.js';
import { MatchLog } from './match-log.js';
import type { MatchRecord, NewMatchRecord } from './match-log.js';
import { findOperation, serializationError } from './operations.js';
import type { Operation } from './operations.js';
import { followMatches, sendMatchesPage, type SseClients } from './matches-endpoint.js';
import { refuseForeignHost } from './host-check.js';
import { isSandboxPath, serveSandbox } from '../sandbox/serve.js';
import type { SandboxAssets } from '../sandbox/serve.js';

export { MatchLog } from './match-log.js';
export type { MatchedRule, MatchPage, MatchRecord, NewMatchRecord, MatchListener } from './match-log.js';
export { OPERATIONS, OPERATION_TABLE } from './operations.js';
export type { CallContext, InputMembers, Operation, OperationName, Shape } from './operations.js';

/** Options of {@link createServer}. Every member is optional. */
export interface ServerOptions {
  /** The instance to serve. Default: a new `EventBridge(bridgeOptions)`. */
  readonly bridge?: EventBridge;
  /** Options for the instance created when `bridge` is not given. */
  readonly bridgeOptions?: EventBridgeOptions;
  /** Most matches kept in the log; older ones are dropped. Default 10,000. */
  readonly matchLogSize?: number;
  /** Most bytes of matches kept in the log (newest kept); older ones are dropped. Default 64 MiB. */
  readonly matchLogBytes?: number;
  /**
   * Names accepted in the `Host` header besides loopback names and the server's own address;
   * other hosts get HTTP 403 (a guard against DNS rebinding). Default none.
   */
  readonly allowedHosts?: readonly string[];
  /** Called once per matched event, after it is logged. Exceptions it throws are ignored. */
  readonly onMatch?: (record: MatchRecord) => void;
  /** Largest request body in bytes; larger ones get HTTP 413. Default 10 MiB. */
  readonly maxBodyBytes?: number;
  /** Time a client has to send its whole body, in ms; slower ones get HTTP 408. Default 30,000. */
  readonly bodyTimeoutMs?: number;
  /** Interval of the keep-alive comment on `/_matches?follow=1` streams, in ms. Default 15,000. */
  readonly heartbeatMs?: number;
  /** Generator of `x-amzn-RequestId` values. Default `crypto.randomUUID`. */
  readonly newRequestId?: () => string;
  /**
   * An http(s) URL each delivery is POSTed to (body: the target's input text; see
   * delivery-webhook.ts for the headers). Default: none.
   */
  readonly deliverTo?: string;
  /**
   * The files of the sandbox page at `GET /_sandbox`. Default: the page built into `dist/` by
   * `npm run build`; a server running from the sources answers 503 there unless given them.
   */
  readonly sandboxAssets?: SandboxAssets;
}

/** Where a server listens. */
export interface ListeningAddress {
  readonly host: string;
  readonly port: number;
  /** `http://host:port`, ready for an SDK's `endpoint`. */
  readonly url: string;
}

/** A server made by {@link createServer}. */
export interface EventBridgeServer {
  /** The in-process instance every request goes to. */
  readonly bridge: EventBridge;
  /** The matches log behind `GET /_matches`. */
  readonly matches: MatchLog;
  /** The underlying Node server (for embedding; prefer {@link listen} and {@link close}). */
  readonly httpServer: Server;
  /**
   * Starts listening.
   *
   * @param port - TCP port; 0 (the default) picks a free one.
   * @param host - Interface to bind; default `127.0.0.1`.
   * @returns The bound address.
   * @throws Error (as a rejection) when the port cannot be bound.
   */
  listen(port?: number, host?: string): Promise<ListeningAddress>;
  /**
   * Stops accepting connections, ends `/_matches` streams, lets in-flight requests finish and then
   * closes idle keep-alive connections. Connections still busy after `graceMs` are cut.
   *
   * @param graceMs - How long in-flight requests may take; default 5,000.
   * @returns Resolves once every connection is closed.
   */
  close(graceMs?: number): Promise<void>;
}

const TARGET_PREFIX = 'AWSEvents.';
const ACCEPTED_CONTENT_TYPES = new Set(['application/x-amz-json-1.1', 'application/x-amz-json-1.0', 'application/json']);

/**
 * Creates an EventBridge-compatible HTTP server (not yet listening).
 *
 * Wire behaviour: `POST /` with `X-Amz-Target: AWSEvents.<Operation>` and a JSON body. Results are
 * the in-process class's, encoded as AWS does (timestamps as epoch seconds); its errors keep their
 * AWS code, message and status. Unknown operations, wrong content types, unparseable bodies and
 * members of the wrong JSON type get AWS's protocol errors; unknown members are ignored. Requests
 * are handled one after another on the event loop, so concurrent clients see a consistent state.
 *
 * @param options - See {@link ServerOptions}.
 * @returns The server; call `listen()` to start it.
 * @throws RangeError when `matchLogSize` or `matchLogBytes` is not a positive integer.
 */
export function createServer(options: ServerOptions = {}): EventBridgeServer {
  const bridge = options.bridge ?? new EventBridge(options.bridgeOptions ?? {});
  if (options.deliverTo !== undefined) bridge.onDelivery(webhookDeliveryHandler(options.deliverTo));
  const matches = new MatchLog(options.matchLogSize ?? 10_000, options.matchLogBytes);
  const maxBodyBytes = options.maxBodyBytes ?? 10 * 1024 * 1024;
  const bodyTimeoutMs = options.bodyTimeoutMs ?? 30_000;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const newRequestId = options.newRequestId ?? randomUUID;
  const onMatch = options.onMatch;
  if (onMatch !== undefined) matches.subscribe(onMatch);
  const sseClients: SseClients = new Set();
  // Events that schedules and replays send are logged like PutEvents' matches.
  const stopEvents = bridge.onEvent((match, origin) => {
    if (match.Rules.length === 0) return;
    matches.append(matchRecord(match, new Date().toISOString(), `${origin.kind}/${origin.name}`));
  });

  const httpServer = createHttpServer({
    // Backstops for clients slow before the body; the body itself has its own deadline.
    headersTimeout: Math.min(60_000, bodyTimeoutMs + 5_000),
    requestTimeout: bodyTimeoutMs + 10_000,
  });

  httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const requestId = newRequestId();
    if (refuseForeignHost(req, res, requestId, { allowedHosts: options.allowedHosts ?? [], server: httpServer })) return;
    handle(req, res, requestId).catch((error: unknown) => {
      sendError(res, requestId, internalError(error), true);
    });
  });
  // A broken client connection must never take the process down.
  httpServer.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const [status, reason, code] =
      error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'RequestTimeoutException']
        : error.code === 'HPE_HEADER_OVERFLOW'
          ? [431, 'Request Header Fields Too Large', 'RequestHeaderFieldsTooLargeException']
          : [400, 'Bad Request', 'BadRequestException'];
    const body = JSON.stringify({ __type: code, message: `${reason}.` });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/x-amz-json-1.1\r\nx-amzn-ErrorType: ${code}\r\n` +
        `Connection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  });

  async function handle(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
    // Split by hand: `new URL` throws on request targets such as `//`.
    const target = req.url ?? '/';
    const queryAt = target.indexOf('?');
    const pathname = queryAt === -1 ? target : target.slice(0, queryAt);
    if (pathname === '/_matches') {
      handleMatches(req, res, new URLSearchParams(queryAt === -1 ? '' : target.slice(queryAt + 1)));
      return;
    }
    if (isSandboxPath(pathname)) {
      serveSandbox(req, res, pathname, options.sandboxAssets);
      return;
    }
    if (pathname === '/_clock') {
      const clock = bridge.getClock();
      await handleClock(req, res, clock, clock instanceof ManualClock ? clock : undefined, bodyTimeoutMs);
      return;
    }
    if (pathname === '/_dead-letters') {
      req.resume();
      if (req.method === 'DELETE') {
        bridge.clearDeadLetters();
        res.writeHead(204).end();
      } else if (req.method === 'GET') {
        sendPlainJson(res, 200, JSON.stringify({ DeadLetters: bridge.deadLetters() }));
      } else {
        sendPlainJson(res, 405, JSON.stringify({ message: 'Use GET or DELETE on /_dead-letters.' }));
      }
      return;
    }
    if (pathname !== '/' || req.method !== 'POST') {
      req.resume();
      sendError(res, requestId, notEmulated(`${req.method ?? 'A request'} ${pathname}`, 404));
      return;
    }
    const body = await readBodyOr(req, res, maxBodyBytes, bodyTimeoutMs, (error) => sendError(res, requestId, error, true));
    if (body === undefined) return;
    const operation = resolveOperation(req);
    if (operation instanceof EventBridgeError) {
      sendError(res, requestId, operation);
      return;
    }
    let output: unknown;
    try {
      // The operation table (operations.ts) decodes the input and calls the in-process method.
      output = operation.run(bridge, parseBody(body), {
        traceHeader: headerValue(req, 'x-amzn-trace-id'),
        onPutEvents: (result) => logMatches(result, requestId),
      });
    } catch (error) {
      sendError(res, requestId, isEventBridgeError(error) ? error : internalError(error));
      return;
    }
    sendOutput(res, requestId, output);
  }

  /** Feeds the matches log with PutEvents' matched events. */
  function logMatches(result: PutEventsResponse, requestId: string): void {
    const receivedAt = new Date().toISOString();
    for (const match of result.Matches) {
      if (match.Rules.length > 0) matches.append(matchRecord(match, receivedAt, requestId));
    }
  }

  function handleMatches(req: IncomingMessage, res: ServerResponse, params: URLSearchParams): void {
    req.resume();
    if (req.method === 'DELETE') {
      matches.clear();
      res.writeHead(204).end();
      return;
    }
    if (req.method !== 'GET') {
      sendPlainJson(res, 405, JSON.stringify({ message: 'Use GET or DELETE on /_matches.' }));
      return;
    }
    const since = nonNegativeInt(params.get('since') ?? headerValue(req, 'last-event-id'));
    const limit = nonNegativeInt(params.get('limit'));
    const follow = params.get('follow');
    if (follow !== null && follow !== '0' && follow !== 'false') {
      followMatches(res, matches, sseClients, since ?? 0, heartbeatMs);
      return;
    }
    sendMatchesPage(res, matches, since ?? 0, limit);
  }

  return {
    bridge,
    matches,
    httpServer,
    listen(port = 0, host = '127.0.0.1'): Promise<ListeningAddress> {
      return new Promise<ListeningAddress>((resolve, reject) => {
        const onError = (error: Error): void => reject(error);
        httpServer.once('error', onError);
        httpServer.listen(port, host, () => {
          httpServer.off('error', onError);
          const address = httpServer.address() as AddressInfo;
          const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve({ host: address.address, port: address.port, url: `http://${shownHost}:${address.port}` });
        });
      });
    },
    close(graceMs = 5_000): Promise<void> {
      return new Promise<void>((resolve) => {
        for (const client of sseClients) client.end();
        sseClients.clear();
        stopEvents();
        // A bridge this server made stops its schedules with it; one passed in is its owner's.
        if (options.bridge === undefined) bridge.close();
        if (!httpServer.listening) {
          resolve();
          return;
        }
        const timer = setTimeout(() => httpServer.closeAllConnections(), graceMs);
        timer.unref();
        httpServer.close(() => {
          clearTimeout(timer);
          resolve();
        });
        httpServer.closeIdleConnections();
      });
    },
  };
}

/**
 * The matches-log record of one matched event: of PutEvents (`requestId` its request's id), of a
 * schedule or of a replay (`schedule/<rule>`, `replay/<replay>`; such events carry no trace header).
 */
function matchRecord(match: PutEventsMatch, receivedAt: string, requestId: string): NewMatchRecord {
  return {
    ReceivedAt: receivedAt,
    RequestId: requestId,
    EventId: match.EventId,
    EventBusName: match.EventBusName,
    Rules: match.Rules.map((rule) => ({ Name: rule.Name, Arn: rule.Arn })),
    ...(match.TraceHeader === undefined ? {} : { TraceHeader: match.TraceHeader }),
    ...(match.HttpTraceHeader === undefined ? {} : { HttpTraceHeader: match.HttpTraceHeader }),
    Event: match.Event,
    ...(match.Deliveries === undefined ? {} : { Deliveries: match.Deliveries }),
  };
}

/**
 * The row of the operation named by `X-Amz-Target`, or the `UnknownOperationException` (HTTP 400)
 * for a request that is not a JSON 1.1 call to an operation this server emulates.
 */
function resolveOperation(req: IncomingMessage): Operation | EventBridgeError {
  const contentType = (headerValue(req, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const target = headerValue(req, 'x-amz-target');
  if (target === undefined || target === '') {
    return new EventBridgeError('UnknownOperationException', `No operation named: send X-Amz-Target: ${TARGET_PREFIX}<Operation>.`);
  }
  if (!ACCEPTED_CONTENT_TYPES.has(contentType)) {
    return new EventBridgeError(
      'UnknownOperationException',
      `Content-Type '${shorten(contentType)}' is not an AWS JSON protocol type; send application/x-amz-json-1.1.`,
    );
  }
  const row = target.startsWith(TARGET_PREFIX) ? findOperation(target.slice(TARGET_PREFIX.length)) : undefined;
  return row ?? notEmulated(target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target, 400);
}

/** `UnknownOperationException` `<what> is not emulated by eventbridge-matcher.` */
function notEmulated(what: string, status: number): EventBridgeError {
  return new EventBridgeError('UnknownOperationException', `${shorten(what)} is not emulated by eventbridge-matcher.`, status);
}

/** Caps text echoed from a request header or path, so error messages stay small. */
function shorten(text: string): string {
  return text.length <= 200 ? text : `${text.slice(0, 200)}...`;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Body bytes → JSON value; an empty body is `{}`, as the protocol allows. */
function parseBody(body: Buffer): unknown {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    throw serializationError('Request body is not valid UTF-8.');
  }
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw serializationError('Request body is not valid JSON.');
  }
}

/** Anything thrown that is not an AWS-shaped error: AWS's `InternalException` (HTTP 500). */
function internalError(error: unknown): EventBridgeError {
  const detail = error instanceof Error ? error.message : String(error);
  return new EventBridgeError('InternalException', `Internal error: ${detail}`, 500);
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function nonNegativeInt(text: string | null | undefined): number | undefined {
  if (text === null || text === undefined || !/^\d{1,15}$/.test(text)) return undefined;
  return Number(text);
}
