/**
 * Host-header check of the HTTP server, against DNS rebinding: a web page can make a browser send
 * requests to a local server through a name the page's owner controls, once that name resolves to
 * 127.0.0.1. Browsers always send that name in `Host`, so the server answers only requests whose
 * `Host` names a loopback address (`localhost`, `127.0.0.0/8`, `[::1]`), the address it is bound
 * to, the address the connection arrived on, or a name allowed explicitly. Everything else gets
 * HTTP 403 with an AWS JSON error (`AccessDeniedException`). A request without `Host` (HTTP/1.0,
 * never a browser) is served.
 */

import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import type { AddressInfo } from 'node:net';
import { EventBridgeError } from '../errors.js';
import { sendError } from './http-io.js';

/** What {@link refuseForeignHost} allows besides loopback names. */
export interface HostPolicy {
  /** Extra names (or addresses) accepted in `Host`, compared without case and port. */
  readonly allowedHosts: readonly string[];
  /** The server, whose bound address is accepted. */
  readonly server?: Server;
}

/**
 * The host part of a `Host` header value: lower case, without port, brackets or a trailing dot.
 *
 * @param header - A `Host` value such as `localhost:4010` or `[::1]:4010`.
 * @returns The name or address, or `undefined` when the value is not a host (and port).
 */
export function hostOfHeader(header: string): string | undefined {
  const value = header.trim().toLowerCase();
  let host: string;
  if (value.startsWith('[')) {
    const close = value.indexOf(']');
    if (close === -1) return undefined;
    const rest = value.slice(close + 1);
    if (rest !== '' && !/^:\d{1,5}$/.test(rest)) return undefined;
    host = value.slice(1, close);
    return isIP(host) === 6 ? normalizeAddress(host) : undefined;
  }
  const colon = value.indexOf(':');
  if (colon !== -1) {
    if (!/^\d{1,5}$/.test(value.slice(colon + 1))) return undefined;
    host = value.slice(0, colon);
  } else {
    host = value;
  }
  if (host.endsWith('.')) host = host.slice(0, -1);
  return isHostName(host) || isIP(host) === 4 ? host : undefined;
}

/**
 * An allowed name (`--allowed-host`, `ServerOptions.allowedHosts`) as {@link isHostAllowed}
 * compares it: lower case, without the brackets of an IPv6 address or a trailing dot.
 *
 * @param name - The name as given, e.g. `Example.COM.` or `[::1]`.
 * @returns The normalised name, e.g. `example.com` or `::1`.
 */
export function normalizeAllowedHost(name: string): string {
  return name.toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
}

/**
 * Whether a text is a DNS host name (letters, digits, hyphens, underscores and dots, labels of 1
 * to 63 characters, 253 in all) or an IP address: the values `serve --host` accepts, and
 * `--allowed-host` accepts once normalised ({@link normalizeAllowedHost}).
 *
 * @param text - The candidate.
 * @returns True when usable as a host.
 */
export function isValidHost(text: string): boolean {
  return isIP(text) !== 0 || isHostName(text);
}

/**
 * Whether a host (as {@link hostOfHeader} returns it) is a loopback one: `localhost`, an address of
 * `127.0.0.0/8`, `::1`, or an IPv4-mapped loopback address.
 *
 * @param host - A normalised host.
 * @returns True for loopback.
 */
export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  const v4 = normalizeAddress(host);
  return isIP(v4) === 4 && v4.startsWith('127.');
}

/**
 * Whether a `Host` header value may reach the server.
 *
 * @param header - The `Host` value, `undefined` when absent (accepted).
 * @param addresses - Addresses the server is reached on (bound and local addresses).
 * @param allowedHosts - Names allowed explicitly.
 * @returns True when the request may be served.
 */
export function isHostAllowed(header: string | undefined, addresses: readonly (string | undefined)[], allowedHosts: readonly string[]): boolean {
  if (header === undefined) return true;
  const host = hostOfHeader(header);
  if (host === undefined) return false;
  if (isLoopbackHost(host)) return true;
  for (const address of addresses) {
    if (address !== undefined && normalizeAddress(address.toLowerCase()) === host) return true;
  }
  for (const allowed of allowedHosts) {
    if (normalizeAddress(normalizeAllowedHost(allowed)) === host) return true;
  }
  return false;
}

/**
 * Answers a request whose `Host` is not allowed with HTTP 403 `AccessDeniedException`.
 *
 * @param req - The request, before anything was read.
 * @param res - Its response.
 * @param requestId - Value of `x-amzn-RequestId`.
 * @param policy - Allowed names and the server.
 * @returns True when the request was refused (and answered); false when it may go on.
 */
export function refuseForeignHost(req: IncomingMessage, res: ServerResponse, requestId: string, policy: HostPolicy): boolean {
  // A missing Host, a loopback name or an allowed one (nearly every request) passes without the
  // server's and the socket's addresses: asking for them is a system call each, 4 % of a busy
  // server's time under the load test.
  if (isHostAllowed(req.headers.host, [], policy.allowedHosts)) return false;
  const bound = policy.server?.address();
  const boundAddress = bound !== null && typeof bound === 'object' ? (bound as AddressInfo).address : undefined;
  if (isHostAllowed(req.headers.host, [boundAddress, req.socket.localAddress], policy.allowedHosts)) return false;
  req.resume();
  const shown = JSON.stringify((req.headers.host ?? '').slice(0, 100));
  const message =
    `Host ${shown} is not allowed: this server answers only loopback names, its own address and ` +
    'hosts given with --allowed-host (ServerOptions.allowedHosts).';
  sendError(res, requestId, new EventBridgeError('AccessDeniedException', message, 403), true);
  return true;
}

function isHostName(text: string): boolean {
  if (text.length === 0 || text.length > 253) return false;
  return text.split('.').every((label) => /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/i.test(label));
}

/** `::ffff:127.0.0.1` → `127.0.0.1`; other values unchanged. */
function normalizeAddress(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}
