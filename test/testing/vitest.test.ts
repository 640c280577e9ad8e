/**
 * The vitest integration as a user writes it: import 'eventbridge-matcher/vitest' once, then
 * `expect(event).toMatchEventPattern(pattern)` and `expect(pattern).toBeValidEventPattern()`,
 * including `.not`, asymmetric use, and the failure messages people will read.
 */

import { describe, expect, test } from 'vitest';
import '../../src/testing/vitest.js';
import { EventPatternMatcher } from '../../src/testing/expect.js';

const ec2Stopped = {
  source: ['aws.ec2'],
  'detail-type': ['EC2 Instance State-change Notification'],
  detail: { state: ['stopped', 'terminated'] },
};

const envelope = (state: string): Record<string, unknown> => ({
  version: '0',
  id: '7bf73129-1428-4cd3-a780-95db273d1602',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '123456789012',
  time: '2026-11-27T09:15:00Z',
  region: 'us-east-1',
  resources: [],
  detail: { 'instance-id': 'i-0abcd1234ef567890', state },
});

/** Runs an assertion that must fail and returns its message. */
function failureOf(assertion: () => void): string {
  try {
    assertion();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the assertion passed but was expected to fail');
}

describe('toMatchEventPattern', () => {
  test('should pass for a matching event given as an object or as JSON text', () => {
    expect(envelope('stopped')).toMatchEventPattern(ec2Stopped);
    expect(JSON.stringify(envelope('terminated'))).toMatchEventPattern(JSON.stringify(ec2Stopped));
  });

  test('should pass with .not for an event that does not match', () => {
    expect(envelope('running')).not.toMatchEventPattern(ec2Stopped);
  });

  test('should cover the operators on real patterns', () => {
    const event = {
      source: 'aws.s3',
      detail: { bucket: { name: 'media-uploads' }, object: { key: 'images/cat.JPG', size: 2048 }, sourceIPAddress: '10.1.2.3' },
    };
    expect(event).toMatchEventPattern({ detail: { bucket: { name: [{ prefix: 'media-' }] } } });
    expect(event).toMatchEventPattern({ detail: { object: { key: [{ suffix: { 'equals-ignore-case': '.jpg' } }] } } });
    expect(event).toMatchEventPattern({ detail: { object: { size: [{ numeric: ['>', 1024, '<=', 4096] }] } } });
    expect(event).toMatchEventPattern({ detail: { sourceIPAddress: [{ cidr: '10.0.0.0/8' }] } });
    expect(event).toMatchEventPattern({ detail: { object: { key: [{ wildcard: 'images/*.JPG' }] } } });
    expect(event).toMatchEventPattern({ source: [{ 'anything-but': ['aws.ec2'] }], detail: { missing: [{ exists: false }] } });
    expect(event).not.toMatchEventPattern({ $or: [{ source: ['aws.ec2'] }, { detail: { object: { size: [{ numeric: ['<', 10] }] } } }] });
  });

  test('should fail with the explanation as message', () => {
    const message = failureOf(() => expect(envelope('running')).toMatchEventPattern(ec2Stopped));
    expect(message).toContain('expected the event to match the event pattern, but it does not:');
    expect(message).toContain('detail.state');
    expect(message).toContain('running');
    expect(message).toContain('"stopped"');
  });

  test('should fail with .not, saying that the event matches', () => {
    const message = failureOf(() => expect(envelope('stopped')).not.toMatchEventPattern(ec2Stopped));
    expect(message).toContain('expected the event not to match the event pattern, but it does:');
  });

  test("should fail both ways for an invalid pattern, with AWS's message", () => {
    const bad = { detail: { state: [] } };
    for (const assertion of [() => expect(envelope('x')).toMatchEventPattern(bad), () => expect(envelope('x')).not.toMatchEventPattern(bad)]) {
      const message = failureOf(assertion);
      expect(message).toContain('the event pattern is not valid');
      expect(message).toContain('Event pattern is not valid. Reason: Empty arrays are not allowed');
    }
  });

  test('should fail for an event that is not a JSON object', () => {
    expect(failureOf(() => expect('[1,2]').toMatchEventPattern(ec2Stopped))).toContain('Parameter Event is not valid.');
  });

  test('should work as an asymmetric matcher', () => {
    const delivered = { target: 'queue-1', event: envelope('terminated') };
    expect(delivered).toEqual({ target: 'queue-1', event: expect.toMatchEventPattern(ec2Stopped) });
    expect(delivered).toEqual({ target: 'queue-1', event: expect.not.toMatchEventPattern({ source: ['aws.s3'] }) });
  });

  test('should print the pattern and the explanation when the asymmetric matcher fails', () => {
    const matcher = expect.toMatchEventPattern(ec2Stopped) as EventPatternMatcher;
    expect(matcher).toBeInstanceOf(EventPatternMatcher);
    expect(failureOf(() => expect({ event: envelope('running') }).toEqual({ event: matcher }))).toContain('to deeply equal');
    const shown = matcher.toAsymmetricMatcher();
    expect(shown).not.toContain('[object Object]');
    expect(shown).toBe(
      'toMatchEventPattern<{"source":["aws.ec2"],"detail-type":["EC2 Instance State-change Notification"],' +
        '"detail":{"state":["stopped","terminated"]}}> ' +
        '(No match: detail.state: wanted "stopped" or "terminated", had "running" (string))',
    );
  });

  test('should treat a value that is not an event as no match in the asymmetric form', () => {
    expect({ event: 42 }).toEqual({ event: expect.not.toMatchEventPattern(ec2Stopped) });
    const matcher = expect.toMatchEventPattern(ec2Stopped) as EventPatternMatcher;
    expect(matcher.asymmetricMatch(42)).toBe(false);
    expect(matcher.toAsymmetricMatcher()).toContain('(not a valid event: Parameter Event is not valid.');
    expect(String(expect.not.toMatchEventPattern('{"source":["x"]}'))).toBe('not.toMatchEventPattern');
  });

  test("should throw AWS's message when the asymmetric matcher's pattern is invalid", () => {
    expect(() => expect.toMatchEventPattern({ source: [] })).toThrow('Empty arrays are not allowed');
  });
});

describe('toBeValidEventPattern', () => {
  test('should pass for valid patterns, as text or object', () => {
    expect(ec2Stopped).toBeValidEventPattern();
    expect('{"detail":{"state":[{"anything-but":{"prefix":"run"}}]}}').toBeValidEventPattern();
  });

  test('should pass with .not for invalid patterns', () => {
    expect({ source: 'aws.ec2' }).not.toBeValidEventPattern();
    expect('[]').not.toBeValidEventPattern();
    expect(42).not.toBeValidEventPattern();
  });

  test("should fail with AWS's exact error text", () => {
    const message = failureOf(() => expect('{"source": "aws.ec2"}').toBeValidEventPattern());
    expect(message).toBe(
      'expected a valid event pattern, but AWS would reject it:\n' +
        '  Event pattern is not valid. Reason: "source" must be an object or an array\n' +
        '   at [Source: (String)"{"source": "aws.ec2"}"; line: 1, column: 13]',
    );
  });

  test('should fail with .not for a valid pattern', () => {
    expect(failureOf(() => expect(ec2Stopped).not.toBeValidEventPattern())).toBe(
      'expected the event pattern to be invalid, but AWS would accept it',
    );
  });
});

describe('types', () => {
  test('should type the matchers on Assertion and on expect (checked by tsc)', () => {
    // Never called: the body only has to type-check, which `npm run typecheck` does.
    const typeOnly = (): void => {
      expect({}).toMatchEventPattern({ source: ['x'] });
      expect('{}').not.toMatchEventPattern('{"source":["x"]}');
      expect({}).toBeValidEventPattern();
      expect({ a: expect.toMatchEventPattern({ source: ['x'] }) }).toEqual({});
      // @ts-expect-error the pattern argument is required
      expect({}).toMatchEventPattern();
      // @ts-expect-error toBeValidEventPattern takes no argument
      expect({}).toBeValidEventPattern({ source: ['x'] });
    };
    expect(typeof typeOnly).toBe('function');
  });
});
