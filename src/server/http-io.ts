/**
 * HTTP plumbing of the server: reading a request body under a size cap and a deadline, and writing
 * AWS JSON 1.1 responses and errors (`__type`, `message`, `x-amzn-ErrorType`, `x-amzn-RequestId`).
 * A body is never buffered past the cap, and a client that stalls mid-body gets an error instead
 * of holding memory and a socket forever.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import { EventBridgeError } from '../errors.js';
import { toWireJson } from './wire-json.js';

/** Content type of every AWS JSON 1.1 response. */
export const JSON_11 = 'application/x-amz-json-1.1';

/** Why a body could not be read; `closed` means the client went away and nothing can be sent. */
export type BodyFailure =
  | { readonly kind: 'error'; readonly error: EventBridgeError }
  | { readonly kind: 'closed' };

/** Thrown (as a rejection) by {@link readBody}. */
export class BodyReadError extends Error {
  override readonly name = 'BodyReadError';
  /** What went wrong. */
  readonly failure: BodyFailure;

  /** @param failure - What went wrong. */
  constructor(failure: BodyFailure) {
    super(failure.kind === 'error' ? failure.error.message : 'client closed the connection');
    this.failure = failure;
  }
}

/**
 * Reads a whole request body.
 *
 * @param req - The request.
 * @param maxBytes - Largest body accepted; a larger `Content-Length` is refused before reading.
 * @param timeoutMs - Time allowed for the whole body to arrive.
 * @returns The body bytes.
 * @throws {@link BodyReadError} (as a rejection): `RequestEntityTooLargeException` (413),
 *   `RequestTimeoutException` (408), or `closed` when the client aborted.
 */
export function readBody(req: IncomingMessage, maxBytes: number, timeoutMs: number): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const tooLarge = (): BodyReadError =>
      new BodyReadError({
        kind: 'error',
        error: new EventBridgeError(
          'RequestEntityTooLargeException',
          `Request body is larger than the limit of ${maxBytes} bytes.`,
          413,
        ),
      });
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (outcome: Buffer | BodyReadError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onClose);
      req.off('close', onClose);
      if (outcome instanceof BodyReadError) reject(outcome);
      else resolve(outcome);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > maxBytes) finish(tooLarge());
      else chunks.push(chunk);
    };
    const onEnd = (): void => finish(Buffer.concat(chunks, size));
    const onClose = (): void => finish(new BodyReadError({ kind: 'closed' }));
    const timer = setTimeout(() => {
      const error = new EventBridgeError(
        'RequestTimeoutException',
        `Request body was not received within ${timeoutMs} ms.`,
        408,
      );
      finish(new BodyReadError({ kind: 'error', error }));
    }, timeoutMs);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onClose);
    req.on('close', onClose);
  });
}

/**
 * Reads a whole request body as {@link readBody} does, answering a failure itself: a
 * {@link BodyReadError} with an error goes to `answer` (each caller writes its own error format),
 * a client that went away gets its response destroyed.
 *
 * @param req - The request.
 * @param res - Its response.
 * @param maxBytes - Largest body accepted.
 * @param timeoutMs - Time allowed for the whole body to arrive.
 * @param answer - Sends the response for a body that is too large or too slow.
 * @returns The body bytes, or `undefined` once the failure is dealt with.
 */
export async function readBodyOr(
  req: IncomingMessage,
  res: ServerResponse,
  maxBytes: number,
  timeoutMs: number,
  answer: (error: EventBridgeError) => void,
): Promise<Buffer | undefined> {
  try {
    return await readBody(req, maxBytes, timeoutMs);
  } catch (error) {
    if (!(error instanceof BodyReadError)) throw error;
    if (error.failure.kind === 'error') answer(error.failure.error);
    else res.destroy();
    return undefined;
  }
}

/**
 * Sends a successful operation response.
 *
 * @param res - The response.
 * @param requestId - Value of `x-amzn-RequestId`.
 * @param output - The operation's output; `undefined` sends an empty body (operations without output).
 */
export function sendOutput(res: ServerResponse, requestId: string, output: unknown): void {
  const body = output === undefined ? '' : toWireJson(output);
  res.writeHead(200, {
    'content-type': JSON_11,
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': requestId,
  });
  res.end(body);
}

/**
 * Sends an AWS JSON 1.1 error: status from the error, `__type` and `x-amzn-ErrorType` from its
 * `name`, `message` when it has one.
 *
 * @param res - The response.
 * @param requestId - Value of `x-amzn-RequestId`.
 * @param error - The error to report.
 * @param closeConnection - Ask the client to close the connection (unread body left on the socket).
 */
export function sendError(res: ServerResponse, requestId: string, error: EventBridgeError, closeConnection = false): void {
  if (res.headersSent || res.writableEnded || res.destroyed) return;
  const payload: Record<string, string> = { __type: error.name };
  if (error.message !== '') payload['message'] = error.message;
  const body = JSON.stringify(payload);
  const headers: Record<string, string | number> = {
    'content-type': JSON_11,
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': requestId,
    'x-amzn-errortype': error.name,
  };
  if (closeConnection) headers['connection'] = 'close';
  res.writeHead(error.statusCode, headers);
  res.end(body);
}

/**
 * Sends plain JSON (the `/_matches` endpoints, which are this server's own, not AWS's).
 *
 * @param res - The response.
 * @param status - HTTP status.
 * @param body - JSON text.
 */
export function sendPlainJson(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
