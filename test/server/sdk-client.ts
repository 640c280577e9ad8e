/**
 * The real AWS SDK client pointed at a test server. Kept apart from helpers.ts so that tests which
 * only send raw requests do not load the SDK.
 */

import { EventBridgeClient } from '@aws-sdk/client-eventbridge';

/**
 * An EventBridge SDK client for a local server: fixed region and dummy credentials (the server
 * does not check signatures), and one attempt per call, so an error the server answers is seen as
 * is, never hidden or repeated by a retry.
 *
 * @param url - Base URL of the server, e.g. `http://127.0.0.1:4010`.
 * @returns A client; the caller destroys it.
 */
export function sdkClient(url: string): EventBridgeClient {
  return new EventBridgeClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'not-a-secret' },
    maxAttempts: 1,
  });
}
