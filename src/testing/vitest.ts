/**
 * `import 'eventbridge-matcher/vitest'` registers the event-pattern matchers on vitest's `expect`
 * and adds their types to vitest's `Assertion` and asymmetric matchers. Importing it once (e.g. in
 * a setup file listed in `setupFiles`) is enough; the matchers themselves live in ./expect.ts.
 */

import { expect } from 'vitest';
import { EventPatternMatcher, eventBridgeMatchers, registerEventBridgeMatchers } from './expect.js';
import type { EventBridgeMatchers } from './expect.js';

registerEventBridgeMatchers(expect);
// vitest copies the asymmetric matchers from this registry onto each test context's `expect`.
const registry = (globalThis as Record<symbol, unknown>)[Symbol.for('asymmetric-matchers-object')];
if (typeof registry === 'object' && registry !== null) {
  Object.defineProperty(registry, 'toMatchEventPattern', {
    configurable: true,
    enumerable: true,
    writable: true,
    value: (pattern: string | object) => new EventPatternMatcher(pattern),
  });
}

declare module 'vitest' {
  // The type parameter must stay as vitest declares it for the declarations to merge.
  interface Assertion<T = any> extends EventBridgeMatchers<void> {}
  interface AsymmetricMatchersContaining extends EventBridgeMatchers<unknown> {}
}

export { eventBridgeMatchers };
export type { EventBridgeMatchers };
