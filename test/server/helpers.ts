/**
 * Shared helpers of the server tests: raw HTTP requests to a test server on 127.0.0.1,
 * deterministic clocks and id generators for EventBridge instances compared side by side, and
 * `serve` run in-process for the length of a test.
 */

import { request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { runServe } from '../../src/cli/serve.js';
import type { ListeningAddress } from '../../src/server/index.js';
import { memoryIo } from '../cli/helpers.js';

/** A raw HTTP answer. */
export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/**
 * Sends one HTTP request on a fresh connection (no keep-alive pool, so nothing outlives the test).
 *
 * @param url - Base URL of the server.
 * @param options - Method, path, headers and body.
 * @returns Status, headers and body text.
 */
export function rawRequest(
  url: string,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(options.path ?? '/', url),
      { method: options.method ?? 'POST', headers: { connection: 'close', ...options.headers }, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/**
 * Sends an AWS JSON 1.1 call the way an SDK would, minus the signature.
 *
 * @param url - Base URL of the server.
 * @param operation - Operation name, e.g. `PutEvents`.
 * @param body - The JSON body (an object is serialised; a string is sent as is).
 * @param headers - Extra or overriding headers.
 * @returns The raw answer.
 */
export function callOperation(url: string, operation: string, body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return rawRequest(url, {
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSEvents.${operation}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/**
 * Options for an EventBridge whose clock and ids repeat exactly across instances.
 *
 * @returns `now` stepping one second per call from 2026-01-01 and `newId` counting up.
 */
export function deterministicOptions(): { now: () => Date; newId: () => string } {
  let tick = 0;
  let id = 0;
  return {
    now: () => new Date(Date.UTC(2026, 0, 1) + 1000 * tick++),
    newId: () => `00000000-0000-4000-8000-${String(++id).padStart(12, '0')}`,
  };
}

/**
 * Starts `serve` in-process, hands its address to `use`, then stops it with `stop` (an abort by
 * default) and returns the exit code.
 */
export async function withServe(
  args: string[],
  use: (address: ListeningAddress) => Promise<void>,
  stop: (controller: AbortController) => void = (controller) => controller.abort(),
  io = memoryIo(),
): Promise<number> {
  const controller = new AbortController();
  let resolveListening: (address: ListeningAddress) => void = () => undefined;
  const listening = new Promise<ListeningAddress>((resolve) => (resolveListening = resolve));
  const done = runServe(args, io, { signal: controller.signal, onListening: resolveListening });
  const address = await Promise.race([listening, done.then(() => Promise.reject(new Error(`serve ended early: ${io.err()}`)))]);
  try {
    await use(address);
  } finally {
    stop(controller);
  }
  return done;
}
