/**
 * `expect(event).toDeliver(target, expectedInput)`: asserts what a rule's target receives for an
 * event (its `Input`, `InputPath` or `InputTransformer` applied, as EventBridge applies them).
 * Framework-neutral, like the other matchers; registered with them (./expect.ts).
 */

import { EventBridgeError } from '../errors.js';
import { TargetInputError, transformTargetInput } from '../targets/index.js';
import type { TargetInputContext, TargetInputSpec } from '../targets/index.js';
import { asJsonText } from './message-text.js';

/** The typed surface of `toDeliver`, merged into {@link EventBridgeMatchers}. */
export interface DeliveryMatchers<R = unknown> {
  /**
   * Passes when the target receives `expectedInput` for the received event (JSON text or object).
   *
   * @param target - The target as given to PutTargets (`Id`, and `Input`, `InputPath` or `InputTransformer`).
   * @param expectedInput - The exact text the target receives, or a JSON value it must equal once parsed.
   * @param context - Rule name and ARN and ingestion time, for the predefined template variables.
   */
  toDeliver(target: TargetInputSpec, expectedInput: string | object | number | boolean | null, context?: TargetInputContext): R;
}

/** What a matcher returns to `expect.extend` (exported so that declaration files can name it). */
export interface Result {
  readonly pass: boolean;
  readonly message: () => string;
}

/** The `toDeliver` matcher, for `expect.extend`. */
export const deliveryMatchers = {
  /**
   * `expect(event).toDeliver(target, expectedInput, context?)`.
   *
   * @param received - The event: JSON text or an object.
   * @param target - The target.
   * @param expected - Exact text, or a JSON value compared after parsing the input.
   * @param context - Values of the predefined variables.
   * @returns The verdict; the message shows both inputs.
   * @throws Error when the target is one PutTargets refuses or the event is not a JSON object
   *   (AWS's message), so that `.not` fails too.
   */
  toDeliver(received: unknown, target: TargetInputSpec, expected: unknown, context?: TargetInputContext): Result {
    const eventText = asJsonText(received);
    const wanted = typeof expected === 'string' ? expected : JSON.stringify(expected);
    let actual: string | undefined;
    let nothing = '';
    try {
      actual = transformTargetInput(target, eventText, context ?? {});
    } catch (error) {
      if (error instanceof TargetInputError) nothing = error.message;
      else if (error instanceof EventBridgeError) throw new Error(`toDeliver: ${error.name}: ${error.message}`, { cause: error });
      else throw error;
    }
    const id = target.Id === undefined ? 'the target' : `target ${target.Id}`;
    const pass = actual !== undefined && (typeof expected === 'string' ? actual === wanted : sameJson(actual, expected));
    return {
      pass,
      message: () =>
        actual === undefined
          ? `expected ${id} to receive ${wanted}, but it receives nothing: ${nothing}`
          : pass
            ? `expected ${id} not to receive ${wanted}, but it does`
            : `expected ${id} to receive\n  ${wanted}\nbut it receives\n  ${actual}`,
    };
  },
};

/** Whether JSON text parses to a value equal to `expected` (JSON data: objects, arrays, scalars). */
function sameJson(text: string, expected: unknown): boolean {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  return equalJson(value, JSON.parse(JSON.stringify(expected)) as unknown);
}

function equalJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => equalJson(v, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every((k) => Object.hasOwn(b, k) && equalJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}
