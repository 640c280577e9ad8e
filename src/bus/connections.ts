/**
 * Connections and API destinations: created, described, listed, updated and deleted, and stored;
 * no call ever goes out. Secrets given in `AuthParameters` are kept but never shown back (AWS shows
 * the non-secret members only: key names, user names, endpoints).
 */

import { randomUUID } from 'node:crypto';
import { EventBridgeError } from '../errors.js';
import { paginate, readPage } from './pages.js';
import { eventsArn } from './state.js';
import type { BridgeState } from './state.js';
import {
  Constraints,
  NAME_PATTERN,
  member,
  notFoundError,
  optionalInteger,
  optionalString,
  requestObject,
  validationError,
} from './validation.js';
import type { ConnectionRecord, ApiDestinationRecord } from './records.js';
export type { ConnectionRecord, ApiDestinationRecord, ConnectionStores } from './records.js';

const AUTH_TYPES = ['BASIC', 'OAUTH_CLIENT_CREDENTIALS', 'API_KEY'] as const;
const HTTP_METHODS = ['POST', 'GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'DELETE'] as const;

/** CreateConnection / UpdateConnection input (`AuthParameters` is stored as given). */
export interface ConnectionRequest {
  Name: string;
  Description?: string | undefined;
  AuthorizationType?: string | undefined;
  AuthParameters?: Record<string, unknown> | undefined;
  InvocationConnectivityParameters?: unknown;
  KmsKeyIdentifier?: string | undefined;
}

/** Name-only input of DescribeConnection, DeleteConnection, DescribeApiDestination, DeleteApiDestination. */
export interface NameRef {
  Name: string;
}

/** List input of ListConnections and ListApiDestinations. */
export interface ListConnectionsRequest {
  NamePrefix?: string | undefined;
  ConnectionState?: string | undefined;
  ConnectionArn?: string | undefined;
  NextToken?: string | undefined;
  Limit?: number | undefined;
}

/** CreateApiDestination / UpdateApiDestination input. */
export interface ApiDestinationRequest {
  Name: string;
  Description?: string | undefined;
  ConnectionArn?: string | undefined;
  InvocationEndpoint?: string | undefined;
  HttpMethod?: string | undefined;
  InvocationRateLimitPerSecond?: number | undefined;
}

/** CreateConnection; see {@link EventBridge.createConnection}. */
export function createConnection(state: BridgeState, input: ConnectionRequest): Record<string, unknown> {
  const req = requestObject(input);
  const { name, description, authType, auth } = readConnection(req, true);
  if (state.connections.connections.has(name)) throw new EventBridgeError('ResourceAlreadyExistsException', `Connection ${name} already exists.`);
  const now = state.now();
  const id = randomUUID();
  const record: ConnectionRecord = {
    name,
    arn: eventsArn(state, `connection/${name}/${id}`),
    description,
    authorizationType: authType as string,
    authParameters: auth ?? {},
    creationTime: now,
    lastModifiedTime: now,
    secretArn: `arn:aws:secretsmanager:${state.region}:${state.account}:secret:events!connection/${name}/${id}`,
  };
  state.connections.connections.set(record);
  return { ConnectionArn: record.arn, ConnectionState: 'AUTHORIZED', CreationTime: copy(now), LastModifiedTime: copy(now) };
}

/** UpdateConnection; see {@link EventBridge.updateConnection}. */
export function updateConnection(state: BridgeState, input: ConnectionRequest): Record<string, unknown> {
  const req = requestObject(input);
  const { name, description, authType, auth } = readConnection(req, false);
  const record = findConnection(state, name);
  if (description !== undefined) record.description = description;
  if (authType !== undefined) record.authorizationType = authType;
  if (auth !== undefined) record.authParameters = auth;
  record.lastModifiedTime = state.now();
  return {
    ConnectionArn: record.arn,
    ConnectionState: 'AUTHORIZED',
    CreationTime: copy(record.creationTime),
    LastModifiedTime: copy(record.lastModifiedTime),
    LastAuthorizedTime: copy(record.lastModifiedTime),
  };
}

/** DescribeConnection; see {@link EventBridge.describeConnection}. */
export function describeConnection(state: BridgeState, input: NameRef): Record<string, unknown> {
  const record = findConnection(state, readName(requestObject(input)));
  const out: Record<string, unknown> = { ConnectionArn: record.arn, Name: record.name };
  if (record.description !== undefined) out['Description'] = record.description;
  Object.assign(out, {
    ConnectionState: 'AUTHORIZED',
    AuthorizationType: record.authorizationType,
    SecretArn: record.secretArn,
    AuthParameters: publicAuth(record.authParameters),
    CreationTime: copy(record.creationTime),
    LastModifiedTime: copy(record.lastModifiedTime),
    LastAuthorizedTime: copy(record.lastModifiedTime),
  });
  return out;
}

/** ListConnections; see {@link EventBridge.listConnections}. */
export function listConnections(state: BridgeState, input: ListConnectionsRequest): Record<string, unknown> {
  const req = requestObject(input);
  const { prefix, nextToken, limit } = readList(req);
  const wanted = optionalString(member(req, 'ConnectionState'), 'ConnectionState');
  const all = state.connections.connections.withPrefix(prefix);
  const kept = all.slice(0, all.count).filter(() => wanted === undefined || wanted === 'AUTHORIZED');
  const { page, next } = paginate(kept, nextToken, limit);
  const out: Record<string, unknown> = {
    Connections: page.map((r) => ({
      ConnectionArn: r.arn,
      Name: r.name,
      ConnectionState: 'AUTHORIZED',
      AuthorizationType: r.authorizationType,
      CreationTime: copy(r.creationTime),
      LastModifiedTime: copy(r.lastModifiedTime),
      LastAuthorizedTime: copy(r.lastModifiedTime),
    })),
  };
  if (next !== undefined) out['NextToken'] = next;
  return out;
}

/** DeleteConnection; see {@link EventBridge.deleteConnection}. */
export function deleteConnection(state: BridgeState, input: NameRef): Record<string, unknown> {
  const record = findConnection(state, readName(requestObject(input)));
  state.connections.connections.delete(record.name);
  return {
    ConnectionArn: record.arn,
    ConnectionState: 'DELETING',
    CreationTime: copy(record.creationTime),
    LastModifiedTime: copy(record.lastModifiedTime),
    LastAuthorizedTime: copy(record.lastModifiedTime),
  };
}

/** CreateApiDestination; see {@link EventBridge.createApiDestination}. */
export function createApiDestination(state: BridgeState, input: ApiDestinationRequest): Record<string, unknown> {
  const req = requestObject(input);
  const fields = readApiDestination(state, req, true);
  if (state.connections.apiDestinations.has(fields.name)) {
    throw new EventBridgeError('ResourceAlreadyExistsException', `An api-destination ${fields.name} already exists.`);
  }
  const now = state.now();
  const record: ApiDestinationRecord = {
    name: fields.name,
    arn: eventsArn(state, `api-destination/${fields.name}/${randomUUID()}`),
    description: fields.description,
    connectionArn: fields.connectionArn as string,
    invocationEndpoint: fields.endpoint as string,
    httpMethod: fields.method as string,
    rateLimit: fields.rateLimit,
    creationTime: now,
    lastModifiedTime: now,
  };
  state.connections.apiDestinations.set(record);
  return { ApiDestinationArn: record.arn, ApiDestinationState: 'ACTIVE', CreationTime: copy(now), LastModifiedTime: copy(now) };
}

/** UpdateApiDestination; see {@link EventBridge.updateApiDestination}. */
export function updateApiDestination(state: BridgeState, input: ApiDestinationRequest): Record<string, unknown> {
  const req = requestObject(input);
  const fields = readApiDestination(state, req, false);
  const record = findApiDestination(state, fields.name);
  if (fields.description !== undefined) record.description = fields.description;
  if (fields.connectionArn !== undefined) record.connectionArn = fields.connectionArn;
  if (fields.endpoint !== undefined) record.invocationEndpoint = fields.endpoint;
  if (fields.method !== undefined) record.httpMethod = fields.method;
  if (fields.rateLimit !== undefined) record.rateLimit = fields.rateLimit;
  record.lastModifiedTime = state.now();
  return {
    ApiDestinationArn: record.arn,
    ApiDestinationState: 'ACTIVE',
    CreationTime: copy(record.creationTime),
    LastModifiedTime: copy(record.lastModifiedTime),
  };
}

/** DescribeApiDestination; see {@link EventBridge.describeApiDestination}. */
export function describeApiDestination(state: BridgeState, input: NameRef): Record<string, unknown> {
  const record = findApiDestination(state, readName(requestObject(input)));
  return apiDestinationView(record, true);
}

/** ListApiDestinations; see {@link EventBridge.listApiDestinations}. */
export function listApiDestinations(state: BridgeState, input: ListConnectionsRequest): Record<string, unknown> {
  const req = requestObject(input);
  const { prefix, nextToken, limit } = readList(req);
  const connectionArn = optionalString(member(req, 'ConnectionArn'), 'ConnectionArn');
  const all = state.connections.apiDestinations.withPrefix(prefix);
  const kept = all.slice(0, all.count).filter((r) => connectionArn === undefined || r.connectionArn === connectionArn);
  const { page, next } = paginate(kept, nextToken, limit);
  const out: Record<string, unknown> = { ApiDestinations: page.map((r) => apiDestinationView(r, false)) };
  if (next !== undefined) out['NextToken'] = next;
  return out;
}

/** DeleteApiDestination; see {@link EventBridge.deleteApiDestination}. */
export function deleteApiDestination(state: BridgeState, input: NameRef): Record<string, never> {
  const record = findApiDestination(state, readName(requestObject(input)));
  state.connections.apiDestinations.delete(record.name);
  return {};
}

function readName(req: Readonly<Record<string, unknown>>): string {
  const name = optionalString(member(req, 'Name'), 'Name');
  const c = new Constraints();
  c.required(name, 'name');
  c.text(name, 'name', 1, 64, NAME_PATTERN);
  c.throwIfAny();
  return name as string;
}

function readList(req: Readonly<Record<string, unknown>>): { prefix?: string; nextToken?: string; limit?: number } {
  const prefix = optionalString(member(req, 'NamePrefix'), 'NamePrefix');
  const c = new Constraints();
  c.text(prefix, 'namePrefix', 1, 64, NAME_PATTERN);
  const { nextToken, limit } = readPage(req, c);
  c.throwIfAny();
  return { ...(prefix === undefined ? {} : { prefix }), ...(nextToken === undefined ? {} : { nextToken }), ...(limit === undefined ? {} : { limit }) };
}

function readConnection(
  req: Readonly<Record<string, unknown>>,
  creating: boolean,
): { name: string; description: string | undefined; authType: string | undefined; auth: Record<string, unknown> | undefined } {
  const name = readName(req);
  const description = optionalString(member(req, 'Description'), 'Description');
  const authType = optionalString(member(req, 'AuthorizationType'), 'AuthorizationType');
  const auth = member(req, 'AuthParameters');
  const c = new Constraints();
  c.text(description, 'description', 0, 512);
  if (creating) c.required(authType, 'authorizationType');
  c.oneOf(authType, 'authorizationType', AUTH_TYPES);
  if (creating) c.required(auth, 'authParameters');
  c.throwIfAny();
  if (auth !== undefined && auth !== null && (typeof auth !== 'object' || Array.isArray(auth))) {
    throw validationError('Parameter AuthParameters is not valid: it must be a structure.');
  }
  return { name, description, authType, auth: auth === undefined || auth === null ? undefined : (auth as Record<string, unknown>) };
}

function readApiDestination(
  state: BridgeState,
  req: Readonly<Record<string, unknown>>,
  creating: boolean,
): { name: string; description?: string; connectionArn?: string; endpoint?: string; method?: string; rateLimit?: number } {
  const name = readName(req);
  const description = optionalString(member(req, 'Description'), 'Description');
  const connectionArn = optionalString(member(req, 'ConnectionArn'), 'ConnectionArn');
  const endpoint = optionalString(member(req, 'InvocationEndpoint'), 'InvocationEndpoint');
  const method = optionalString(member(req, 'HttpMethod'), 'HttpMethod');
  const rateLimit = optionalInteger(member(req, 'InvocationRateLimitPerSecond'), 'InvocationRateLimitPerSecond');
  const c = new Constraints();
  c.text(description, 'description', 0, 512);
  if (creating) {
    c.required(connectionArn, 'connectionArn');
    c.required(endpoint, 'invocationEndpoint');
    c.required(method, 'httpMethod');
  }
  c.text(connectionArn, 'connectionArn', 1, 1600);
  c.text(endpoint, 'invocationEndpoint', 1, 2048, '^((%[0-9A-Fa-f]{2}|[-()_.!~*\';/?:@\\x26=+$,A-Za-z0-9])+)([).!\';/?:,])?$');
  c.oneOf(method, 'httpMethod', HTTP_METHODS);
  c.range(rateLimit, 'invocationRateLimitPerSecond', 1, 2_147_483_647);
  c.throwIfAny();
  if (connectionArn !== undefined && ![...state.connections.connections.values()].some((r) => r.arn === connectionArn)) {
    throw notFoundError(`Connection ${connectionArn} does not exist.`);
  }
  return {
    name,
    ...(description === undefined ? {} : { description }),
    ...(connectionArn === undefined ? {} : { connectionArn }),
    ...(endpoint === undefined ? {} : { endpoint }),
    ...(method === undefined ? {} : { method }),
    ...(rateLimit === undefined ? {} : { rateLimit }),
  };
}

function findConnection(state: BridgeState, name: string): ConnectionRecord {
  const record = state.connections.connections.get(name);
  if (record === undefined) throw notFoundError(`Failed to describe the connection(s). Connection '${name}' does not exist.`);
  return record;
}

function findApiDestination(state: BridgeState, name: string): ApiDestinationRecord {
  const record = state.connections.apiDestinations.get(name);
  if (record === undefined) throw notFoundError(`Failed to describe the api-destination(s). An api-destination '${name}' does not exist.`);
  return record;
}

function apiDestinationView(record: ApiDestinationRecord, withDescription: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { ApiDestinationArn: record.arn, Name: record.name };
  if (withDescription && record.description !== undefined) out['Description'] = record.description;
  Object.assign(out, {
    ApiDestinationState: 'ACTIVE',
    ConnectionArn: record.connectionArn,
    InvocationEndpoint: record.invocationEndpoint,
    HttpMethod: record.httpMethod,
  });
  if (record.rateLimit !== undefined) out['InvocationRateLimitPerSecond'] = record.rateLimit;
  out['CreationTime'] = copy(record.creationTime);
  out['LastModifiedTime'] = copy(record.lastModifiedTime);
  return out;
}

/** AuthParameters without secrets: passwords, key values and client secrets are left out. */
function publicAuth(auth: Record<string, unknown>): Record<string, unknown> {
  const secret = new Set(['Password', 'ApiKeyValue', 'ClientSecret']);
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (!secret.has(k)) out[k] = strip(v);
    return out;
  };
  return strip(auth) as Record<string, unknown>;
}

function copy(date: Date): Date {
  return new Date(date.getTime());
}
