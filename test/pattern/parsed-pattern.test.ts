/**
 * Tests of isParsedPattern: what parsePattern returns passes, and pattern text, pattern objects and
 * objects that only resemble a parsed pattern do not.
 */

import { describe, expect, test } from 'vitest';
import { parsePattern } from '../../src/pattern/parse.js';
import { isParsedPattern } from '../../src/pattern/parsed-pattern.js';

describe('isParsedPattern', () => {
  test.each(['{"a":["x"]}', '{"$or":[{"a":[1]},{"b":[{"exists":false}]}]}', '{"a":{"b":[{"prefix":"x"}]}}'])('should accept parsePattern(%s)', (text) => {
    expect(isParsedPattern(parsePattern(text))).toBe(true);
  });

  test.each([
    ['pattern text', '{"a":["x"]}'],
    ['a pattern object', { a: ['x'] }],
    ['a pattern object with subRules and text keys', { subRules: [{ fields: [] }], text: ['x'] }],
    ['no sub-rules', { text: 'x', subRules: [] }],
    ['a sub-rule that is not an object', { text: 'x', subRules: [1] }],
    ['a field without matchers', { text: 'x', subRules: [{ fields: [{ path: 'a', matchers: [] }] }] }],
    ['a matcher without kind', { text: 'x', subRules: [{ fields: [{ path: 'a', matchers: [{}] }] }] }],
    ['a field without a string path', { text: 'x', subRules: [{ fields: [{ path: 1, matchers: [{ kind: 'exact' }] }] }] }],
    ['null fields', { text: 'x', subRules: [{ fields: [null] }] }],
  ])('should refuse %s', (_name, value) => {
    expect(isParsedPattern(value)).toBe(false);
  });
});
