/**
 * Tests of explanations: the reason data for each kind of failure and for matches, and the exact
 * text of formatExplanation.
 */

import { describe, expect, test } from 'vitest';
import { explainEventPattern, formatExplanation } from '../../src/explain/explain.js';
import type { Explanation } from '../../src/explain/explain.js';
import { parsePattern } from '../../src/pattern/parse.js';
import { matchesPattern } from '../../src/match/reference.js';
import { InvalidEventError } from '../../src/event/errors.js';
import { InvalidEventPatternError } from '../../src/errors.js';
import { testEventPattern } from '../../src/test-event-pattern.js';

describe('explainEventPattern', () => {
  test('should list each failing field with what was wanted and what the event had', () => {
    const e = explainEventPattern('{"source":["aws.ec2"],"detail":{"state":[{"prefix":"run"}]}}', '{"source":"aws.s3"}');
    expect(e).toEqual({
      matches: false,
      branches: 1,
      reasons: [
        { kind: 'missing', branch: 0, path: 'detail.state', wanted: ['{"prefix":"run"}'] },
        {
          kind: 'no-matching-value',
          branch: 0,
          path: 'source',
          wanted: ['"aws.ec2"'],
          had: [{ type: 'string', json: '"aws.s3"', at: 'source' }],
          omitted: 0,
        },
      ],
    });
    expect(formatExplanation(e)).toBe(
      ['No match.', '  detail.state: missing; wanted {"prefix":"run"}', '  source: wanted "aws.ec2", had "aws.s3" (string)'].join('\n'),
    );
  });

  test('should describe values with their JSON types and spellings', () => {
    const e = explainEventPattern('{"a":["1"]}', '{"a":[1.0,"2",true,null]}');
    expect(e.reasons[0]).toMatchObject({
      kind: 'no-matching-value',
      had: [
        { type: 'number', json: '1.0', at: 'a' },
        { type: 'string', json: '"2"', at: 'a' },
        { type: 'boolean', json: 'true', at: 'a' },
        { type: 'null', json: 'null', at: 'a' },
      ],
    });
    expect(formatExplanation(e)).toBe('No match.\n  a: wanted "1", had 1.0 (number), "2" (string), true (boolean), null (null)');
  });

  test('should say when a string differs from a wanted one only in letter case', () => {
    const e = explainEventPattern('{"source":["aws.ec2","aws.s3"]}', '{"source":"AWS.EC2"}');
    expect(formatExplanation(e)).toBe(
      'No match.\n  source: wanted "aws.ec2" or "aws.s3", had "AWS.EC2" (string); differs only in letter case (see equals-ignore-case)',
    );
    // Not for a value that differs otherwise, nor for a number or a prefix.
    expect(formatExplanation(explainEventPattern('{"source":["aws.ec2"]}', '{"source":"aws.ec3"}'))).not.toContain('letter case');
    expect(formatExplanation(explainEventPattern('{"n":["1"]}', '{"n":1}'))).not.toContain('letter case');
    expect(formatExplanation(explainEventPattern('{"s":[{"prefix":"ab"}]}', '{"s":"AB"}'))).not.toContain('letter case');
    // The hint follows equals-ignore-case's rule, not toLowerCase: the Kelvin sign lower-cases to
    // "k" but equals-ignore-case "k" does not accept it; "STRASSE" is accepted for "straße".
    expect(formatExplanation(explainEventPattern('{"s":["k"]}', '{"s":"\u212a"}'))).not.toContain('letter case');
    expect(formatExplanation(explainEventPattern('{"s":["straße"]}', '{"s":"STRASSE"}'))).toContain('differs only in letter case');
    expect(testEventPattern('{"s":[{"equals-ignore-case":"straße"}]}', '{"s":"STRASSE"}')).toBe(true);
    expect(testEventPattern('{"s":[{"equals-ignore-case":"k"}]}', '{"s":"\u212a"}')).toBe(false);
  });

  test('should explain every $or branch', () => {
    const e = explainEventPattern('{"$or":[{"a":["1"]},{"b":[{"exists":false}]}],"c":["x"]}', '{"c":"x","b":"q"}');
    expect(e.matches).toBe(false);
    expect(e.branches).toBe(2);
    expect(e.reasons.map((r) => [r.branch, r.kind])).toEqual([
      [0, 'missing'],
      [1, 'present'],
    ]);
    expect(formatExplanation(e)).toBe(
      [
        'No match: none of the 2 $or branches matched.',
        '  Branch 1:',
        '    a: missing; wanted "1"',
        '  Branch 2:',
        '    b: wanted {"exists":false}, but has "q" (string)',
      ].join('\n'),
    );
  });

  test('should name the array elements that could not be combined', () => {
    const e = explainEventPattern('{"a":{"b":[1],"c":[4]}}', '{"a":[{"b":1,"c":2},{"b":3,"c":4}]}');
    expect(e.reasons).toEqual([
      {
        kind: 'array-conflict',
        branch: 0,
        path: 'a.c',
        wanted: ['4'],
        had: [{ type: 'number', json: '4', at: 'a[1].c' }],
        omitted: 0,
        chosen: [{ path: 'a.b', at: 'a[0].b' }],
      },
    ]);
    expect(formatExplanation(e)).toBe(
      'No match.\n  a.c: wanted 4; matched by 4 (number) at a[1].c, but not in the same array element as a.b (matched at a[0].b)',
    );
  });

  test('should explain exists:false failing inside the chosen array element', () => {
    const e = explainEventPattern('{"a":{"b":[1],"c":[{"exists":false}]}}', '{"a":[{"b":1,"c":4}]}');
    expect(e.reasons).toEqual([
      {
        kind: 'present',
        branch: 0,
        path: 'a.c',
        wanted: ['{"exists":false}'],
        had: [{ type: 'number', json: '4', at: 'a[0].c' }],
        omitted: 0,
        chosen: [{ path: 'a.b', at: 'a[0].b' }],
      },
    ]);
    expect(formatExplanation(e)).toBe(
      'No match.\n  a.c: wanted {"exists":false}, but has 4 (number) at a[0].c, in the same array element as a.b (matched at a[0].b)',
    );
  });

  test('should explain exists:false decided before any element is chosen (Q2)', () => {
    const e = explainEventPattern('{"a":{"b":[{"exists":false}],"c":[4]}}', '{"a":[{"b":1},{"c":4}]}');
    expect(e.reasons).toEqual([
      { kind: 'present', branch: 0, path: 'a.b', wanted: ['{"exists":false}'], had: [{ type: 'number', json: '1', at: 'a[0].b' }], omitted: 0, chosen: [] },
    ]);
  });

  test('should report null as present for exists:false', () => {
    const e = explainEventPattern('{"x":[{"exists":false}]}', '{"x":null}');
    expect(formatExplanation(e)).toBe('No match.\n  x: wanted {"exists":false}, but has null (null)');
  });

  test('should say which branch and which values matched', () => {
    const e = explainEventPattern(
      '{"source":["aws.ec2"],"$or":[{"detail":{"state":["on"]}},{"detail":{"count":[{"numeric":[">",5]}]}}]}',
      '{"source":"aws.ec2","detail":{"state":"off","count":[1,2,3,4,5,6,7]}}',
    );
    expect(e).toEqual({
      matches: true,
      branches: 2,
      reasons: [
        {
          kind: 'matched',
          branch: 1,
          fields: [
            { path: 'detail.count', matcher: '{"numeric":[">",5]}', value: { type: 'number', json: '6', at: 'detail.count' } },
            { path: 'source', matcher: '"aws.ec2"', value: { type: 'string', json: '"aws.ec2"', at: 'source' } },
          ],
        },
      ],
    });
    expect(formatExplanation(e)).toBe(
      [
        'Match ($or branch 2 of 2).',
        '  detail.count: 6 (number) matched {"numeric":[">",5]}',
        '  source: "aws.ec2" (string) matched "aws.ec2"',
      ].join('\n'),
    );
  });

  test('should show absent fields and array positions of a match', () => {
    const e = explainEventPattern('{"a":{"b":[1],"c":[{"exists":false}]},"d":["x"]}', '{"a":[{"b":2},{"b":1},{"c":3}],"d":"x"}');
    expect(formatExplanation(e)).toBe(
      ['Match.', '  a.b: 1 (number) at a[1].b matched 1', '  a.c: absent, as {"exists":false} requires', '  d: "x" (string) matched "x"'].join(
        '\n',
      ),
    );
  });

  test('should shorten long values and long lists in text, and cap values in data', () => {
    const long = 'y'.repeat(500);
    const e = explainEventPattern('{"a":["x"]}', { a: [long, ...Array.from({ length: 20 }, (_, i) => `v${i}`)] });
    const reason = e.reasons[0]!;
    expect(reason.kind === 'no-matching-value' && [reason.had.length, reason.omitted]).toEqual([10, 11]);
    const text = formatExplanation(e);
    expect(text).toContain(`"${'y'.repeat(76)}... (string)`);
    expect(text).toContain(', and 16 more');
    expect(text.length).toBeLessThan(300);
  });

  test('should explain conflicts in large arrays', () => {
    const n = 20_000;
    const a = Array.from({ length: n }, (_, i) => (i < n / 2 ? { b: 1 } : { c: 2 }));
    const e = explainEventPattern('{"a":{"b":[1],"c":[2]}}', { a });
    expect(e.matches).toBe(false);
    expect(e.reasons[0]).toMatchObject({ kind: 'array-conflict', path: 'a.c', omitted: n / 2 - 10, chosen: [{ path: 'a.b', at: 'a[0].b' }] });
  });

  test('should accept a parsed pattern and pattern objects', () => {
    const parsed = parsePattern('{"a":["x"]}');
    expect(explainEventPattern(parsed, '{"a":"x"}').matches).toBe(true);
    expect(explainEventPattern({ a: ['x'] }, { a: 'y' }).matches).toBe(false);
  });

  test('should be plain JSON data', () => {
    const e: Explanation = explainEventPattern('{"a":{"b":[1],"c":[4]}}', '{"a":[{"b":1,"c":2},{"b":3,"c":4}]}');
    expect(JSON.parse(JSON.stringify(e))).toEqual(e);
  });

  test('should throw the errors of invalid patterns and events', () => {
    expect(() => explainEventPattern('{"a":"x"}', '{}')).toThrow(InvalidEventPatternError);
    expect(() => explainEventPattern('{"a":["x"]}', '[1]')).toThrow(InvalidEventError);
  });

  test.each([[{ text: 'x', subRules: [1] }], [{ text: 'x', subRules: [] }], [{ text: 'x', subRules: [{ fields: [{ path: 'a', matchers: [] }] }] }]])(
    'should judge an object that only looks parsed as a pattern object %#',
    (lookalike) => {
      expect(() => explainEventPattern(lookalike, '{}')).toThrow(InvalidEventPatternError);
    },
  );

  test.each([
    ['{"a":{"b":[1],"c":[4]}}', '{"a":[{"b":1,"c":4},{"b":3,"c":2}]}'],
    ['{"a":{"b":[{"exists":false}],"c":[4]}}', '{"a":[{"b":1},{"c":4}]}'],
    ['{"$or":[{"a":["1"]},{"a":["2"]}],"a":["3"]}', '{"a":"1"}'],
    ['{"x":[{"anything-but":"q"}]}', '{}'],
  ])('should agree with matchesPattern for %s vs %s', (pattern, event) => {
    expect(explainEventPattern(pattern, event).matches).toBe(matchesPattern(parsePattern(pattern), event));
  });
});
