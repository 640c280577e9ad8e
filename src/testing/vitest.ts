/**
 * `import 'eventbridge-matcher/vitest'` registers the event-pattern matchers on vitest's `expect`
 * and adds their types to vitest's `Assertion` and asymmetric matchers. Importing it once (e.g. in
 * a setup file listed in `setupFiles`) is enough; the matchers themselves live in ./expect.ts.
 */

import { expect } from 'vitest';
import { eventBridgeMatchers } from './expect.js';
import type { EventBridgeMatchers } from './expect.js';

expect.extend(eventBridgeMatchers);

declare module 'vitest' {
  // The type parameter must stay as vitest declares it for the declarations to merge.
  interface Assertion<T = any> extends EventBridgeMatchers<void> {}
  interface AsymmetricMatchersContaining extends EventBridgeMatchers<unknown> {}
}

export { eventBridgeMatchers };
export type { EventBridgeMatchers };
