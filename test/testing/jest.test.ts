/**
 * `eventbridge-matcher/jest` outside jest: it registers the matchers on whatever global `expect`
 * the runner provides (here vitest's, standing in for jest's) and says clearly when there is none.
 * jest itself runs it in `npm run test:consumers` (jest 29 and 30, CommonJS and ES module modes).
 */

import { afterEach, describe, expect, test, vi } from 'vitest';
import { EventPatternMatcher } from '../../src/testing/expect.js';

const holder = globalThis as { expect?: unknown };

afterEach(() => {
  delete holder.expect;
  vi.resetModules();
});

describe('eventbridge-matcher/jest', () => {
  test('should register the matchers and the printing asymmetric matcher on the global expect', async () => {
    const extend = vi.fn();
    const fake = Object.assign(() => undefined, { extend, not: {} as Record<string, unknown> });
    holder.expect = fake;
    await import('../../src/testing/jest.js');
    expect(extend).toHaveBeenCalledTimes(1);
    expect(Object.keys(extend.mock.calls[0]?.[0] as object)).toEqual(expect.arrayContaining(['toMatchEventPattern', 'toBeValidEventPattern']));
    const direct = (fake as unknown as { toMatchEventPattern: (p: object) => unknown }).toMatchEventPattern({ source: ['a'] });
    const inverse = (fake.not['toMatchEventPattern'] as (p: object) => EventPatternMatcher)({ source: ['a'] });
    expect(direct).toBeInstanceOf(EventPatternMatcher);
    expect(inverse.inverse).toBe(true);
    expect(inverse.asymmetricMatch({ source: 'b' })).toBe(true);
  });

  test('should throw a clear error when there is no global expect', async () => {
    delete holder.expect;
    await expect(import('../../src/testing/jest.js')).rejects.toThrow(
      'eventbridge-matcher/jest: there is no global expect to register the matchers on',
    );
  });
});
