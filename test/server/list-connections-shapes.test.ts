/**
 * ListConnections and ListApiDestinations each take their own members, as in AWS's model: a
 * connection state filters connections, a connection ARN filters API destinations, and a member of
 * the other operation is unknown, so it is ignored (whatever its JSON type) instead of checked.
 */

import { describe, expect, test } from 'vitest';
import { EventBridge } from '../../src/bus/index.js';
import { OPERATION_TABLE, OPERATIONS } from '../../src/server/operations.js';

const context = { traceHeader: undefined, onPutEvents: () => undefined };

function bridgeWithDestination(): { bridge: EventBridge; connectionArn: string } {
  const bridge = new EventBridge();
  const connection = bridge.createConnection({
    Name: 'partner',
    AuthorizationType: 'API_KEY',
    AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'secret' } },
  });
  const connectionArn = String(connection['ConnectionArn']);
  bridge.createApiDestination({ Name: 'hook', ConnectionArn: connectionArn, InvocationEndpoint: 'https://example.com/hook', HttpMethod: 'POST' });
  return { bridge, connectionArn };
}

describe('list input shapes', () => {
  test('should give each operation the members of its AWS input', () => {
    expect(Object.keys(OPERATIONS.get('ListConnections') ?? {}).sort()).toEqual(['ConnectionState', 'Limit', 'NamePrefix', 'NextToken']);
    expect(Object.keys(OPERATIONS.get('ListApiDestinations') ?? {}).sort()).toEqual(['ConnectionArn', 'Limit', 'NamePrefix', 'NextToken']);
  });

  test('should ignore a ConnectionState of any type in ListApiDestinations', () => {
    const { bridge } = bridgeWithDestination();
    const output = OPERATION_TABLE.ListApiDestinations.run(bridge, { ConnectionState: 42 }, context) as { ApiDestinations: { Name: string }[] };
    expect(output.ApiDestinations.map((d) => d.Name)).toEqual(['hook']);
  });

  test('should ignore a ConnectionArn of any type in ListConnections', () => {
    const { bridge } = bridgeWithDestination();
    const output = OPERATION_TABLE.ListConnections.run(bridge, { ConnectionArn: { not: 'a string' } }, context) as { Connections: { Name: string }[] };
    expect(output.Connections.map((c) => c.Name)).toEqual(['partner']);
  });

  test('should still filter API destinations by ConnectionArn and check its type', () => {
    const { bridge, connectionArn } = bridgeWithDestination();
    const run = (body: unknown) => OPERATION_TABLE.ListApiDestinations.run(bridge, body, context) as { ApiDestinations: { Name: string }[] };
    expect(run({ ConnectionArn: connectionArn }).ApiDestinations.map((d) => d.Name)).toEqual(['hook']);
    expect(run({ ConnectionArn: `${connectionArn}-other` }).ApiDestinations).toEqual([]);
    expect(() => run({ ConnectionArn: 42 })).toThrow(expect.objectContaining({ name: 'SerializationException' }));
  });
});
