/**
 * `eventbridge-matcher/jest`: registers the event-pattern matchers on jest's global `expect` and
 * adds their types, for `@types/jest` (the global `jest` namespace) and for `@jest/globals` (the
 * `expect` module). List it in `setupFilesAfterEnv` of the jest config, or import it in a test file.
 * Works in jest's default CommonJS mode and in its ES module mode.
 */

import { registerEventBridgeMatchers } from './expect.js';
import type { EventBridgeMatchers, ExpectLike } from './expect.js';

const globalExpect = (globalThis as { expect?: Partial<ExpectLike> }).expect;
if (typeof globalExpect?.extend !== 'function') {
  throw new Error(
    'eventbridge-matcher/jest: there is no global expect to register the matchers on (is this running ' +
      'under jest with injectGlobals on?). Otherwise call registerEventBridgeMatchers(expect) from ' +
      "'eventbridge-matcher/expect' with the expect you import.",
  );
}
registerEventBridgeMatchers(globalExpect as ExpectLike);

declare global {
  // The `jest` namespace of @types/jest. Type parameters must stay as it declares them to merge.
  namespace jest {
    interface Matchers<R, T = {}> extends EventBridgeMatchers<R> {}
    interface Expect extends EventBridgeMatchers<any> {}
    interface InverseAsymmetricMatchers extends EventBridgeMatchers<any> {}
  }
}

// The `expect` package that jest installs and @jest/globals types `expect` with. It resolves in the
// project that uses jest; this package does not depend on it, hence the directive.
// @ts-ignore TS2664: the module is found only where jest is installed.
declare module 'expect' {
  interface Matchers<R> extends EventBridgeMatchers<R> {}
  interface AsymmetricMatchers extends EventBridgeMatchers<any> {}
}

export { registerEventBridgeMatchers };
export type { EventBridgeMatchers };
