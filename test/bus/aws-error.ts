/** Test helper: run a call that must throw an AWS-shaped error, and return that error for assertions. */

import { expect } from 'vitest';
import { EventBridgeError } from '../../src/errors.js';

/**
 * @param fn - The call expected to throw.
 * @returns The thrown {@link EventBridgeError}.
 * @throws Error if `fn` returns instead of throwing.
 */
export function awsError(fn: () => unknown): EventBridgeError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(EventBridgeError);
    return error as EventBridgeError;
  }
  throw new Error('expected an EventBridgeError');
}
