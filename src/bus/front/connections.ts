/**
 * Part of the {@link EventBridge} front: connections and API destinations. Each method documents one
 * operation and hands the call, with the instance's state, to its module; no logic here. The
 * front is a chain of such classes, one file per group of resources, so that no file grows with
 * every new operation (docs/design/009-bus-layout.md).
 */

import {
  createApiDestination, createConnection, deleteApiDestination, deleteConnection, describeApiDestination,
  describeConnection, listApiDestinations, listConnections, updateApiDestination, updateConnection,
} from '../connections.js';
import type {
  ApiDestinationRequest, ConnectionRequest, ListConnectionsRequest, NameRef,
} from '../connections.js';
import { ArchivesFront } from './archives.js';

/** Connections and API destinations (see {@link EventBridge}). */
export class ConnectionsFront extends ArchivesFront {
  // Connections and API destinations (connections.ts): stored, never called -------------------------

  /** CreateConnection: `{ Name, AuthorizationType, AuthParameters, Description? }` → `{ ConnectionArn, ConnectionState: 'AUTHORIZED', ... }`. */
  createConnection(input: ConnectionRequest): Record<string, unknown> {
    return createConnection(this.state, input);
  }

  /** DescribeConnection: `{ Name }` → the connection, secrets left out. */
  describeConnection(input: NameRef): Record<string, unknown> {
    return describeConnection(this.state, input);
  }

  /** ListConnections: `{ NamePrefix?, ConnectionState?, NextToken?, Limit? }` → `{ Connections }`. */
  listConnections(input: ListConnectionsRequest = {}): Record<string, unknown> {
    return listConnections(this.state, input);
  }

  /** UpdateConnection: members given replace the stored ones. */
  updateConnection(input: ConnectionRequest): Record<string, unknown> {
    return updateConnection(this.state, input);
  }

  /** DeleteConnection: `{ Name }` → `{ ConnectionArn, ConnectionState: 'DELETING', ... }`. */
  deleteConnection(input: NameRef): Record<string, unknown> {
    return deleteConnection(this.state, input);
  }

  /** CreateApiDestination: `{ Name, ConnectionArn, InvocationEndpoint, HttpMethod, ... }` → `{ ApiDestinationArn, ApiDestinationState: 'ACTIVE', ... }`. */
  createApiDestination(input: ApiDestinationRequest): Record<string, unknown> {
    return createApiDestination(this.state, input);
  }

  /** DescribeApiDestination: `{ Name }` → the API destination. */
  describeApiDestination(input: NameRef): Record<string, unknown> {
    return describeApiDestination(this.state, input);
  }

  /** ListApiDestinations: `{ NamePrefix?, ConnectionArn?, NextToken?, Limit? }` → `{ ApiDestinations }`. */
  listApiDestinations(input: ListConnectionsRequest = {}): Record<string, unknown> {
    return listApiDestinations(this.state, input);
  }

  /** UpdateApiDestination: members given replace the stored ones. */
  updateApiDestination(input: ApiDestinationRequest): Record<string, unknown> {
    return updateApiDestination(this.state, input);
  }

  /** DeleteApiDestination: `{ Name }` → `{}`. */
  deleteApiDestination(input: NameRef): Record<string, never> {
    return deleteApiDestination(this.state, input);
  }
}
