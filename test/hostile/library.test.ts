/**
 * Hostile inputs through the library's entry points: `testEventPattern`, `checkEventPattern`, the
 * compiled `Matcher` and the in-process `EventBridge`. Every call must give a correct answer or an
 * AWS-shaped {@link EventBridgeError}, never another exception, never pollute `Object.prototype`,
 * and leave memory bounded. (`Matcher.match(null)` and re-entrant matching are covered by the
 * Matcher's own tests, not here.)
 */

import { describe, expect, test } from 'vitest';
import { EventBridge, EventBridgeError, Matcher, checkEventPattern, testEventPattern } from '../../src/index.js';
import { assertNoPollution, hostileEvents, hostilePatterns, longString, nestedObjects, pollutionKeys } from './inputs.js';

/** Runs `fn`; returns its value, or the error when it is an EventBridgeError; rethrows anything else. */
function outcome<T>(fn: () => T): T | EventBridgeError {
  try {
    return fn();
  } catch (error) {
    if (error instanceof EventBridgeError) {
      expect(error.name).toMatch(/^[A-Z][A-Za-z]+(Exception|Error)$/);
      expect(typeof error.message).toBe('string');
      expect(error.message.length).toBeLessThanOrEqual(2 * 1024 * 1024);
      return error;
    }
    throw error;
  }
}

const heapBefore = process.memoryUsage().heapUsed;

describe('testEventPattern, checkEventPattern', () => {
  test('should answer every hostile pattern with a verdict or an AWS error', () => {
    for (const pattern of hostilePatterns) {
      const checked = outcome(() => checkEventPattern(pattern));
      const tested = outcome(() => testEventPattern(pattern, '{"a":"x","source":"s","n":5}'));
      // Both doors agree on validity.
      expect(tested instanceof EventBridgeError ? tested.name : 'valid').toBe(checked === null ? 'valid' : checked.name);
      if (!(tested instanceof EventBridgeError)) expect(typeof tested).toBe('boolean');
    }
    assertNoPollution();
  });

  test('should answer every hostile event with a verdict or an AWS error', () => {
    for (const event of hostileEvents) {
      const result = outcome(() => testEventPattern('{"a":["x"]}', event));
      if (!(result instanceof EventBridgeError)) expect(typeof result).toBe('boolean');
    }
    assertNoPollution();
  });

  test.each(pollutionKeys)('should match %s as an ordinary field name', (key) => {
    expect(testEventPattern(`{"detail":{"${key}":["x"]}}`, `{"detail":{"${key}":"x"}}`)).toBe(true);
    expect(testEventPattern(`{"detail":{"${key}":["x"]}}`, '{"detail":{}}')).toBe(false);
    assertNoPollution();
  });

  test('should match a 1 MiB event string, and refuse a pattern past AWS\'s 4,096 characters', () => {
    const big = longString(1024 * 1024, 'q');
    expect(testEventPattern('{"s":[{"prefix":"qqq"}]}', `{"s":"${big}"}`)).toBe(true);
    expect(testEventPattern('{"s":[{"suffix":"qr"}]}', `{"s":"${big}"}`)).toBe(false);
    const long = longString(4000, 'q');
    expect(testEventPattern(`{"s":["${long}"]}`, `{"s":"${long}"}`)).toBe(true);
    const refused = outcome(() => testEventPattern(`{"s":["${big}"]}`, '{}'));
    expect(refused).toBeInstanceOf(EventBridgeError);
    expect((refused as EventBridgeError).name).toBe('InvalidEventPatternException');
  });

  test.each(['1e400', '5e-324', '9007199254740993'])('should not match the non-comparable number %s numerically, without an error', (n) => {
    // docs/semantics.md section 2.4: these texts are not comparable, so numeric conditions fail (Q4).
    expect(testEventPattern('{"n":[{"numeric":[">",-1]}]}', `{"n":${n}}`)).toBe(false);
  });
});

describe('Matcher', () => {
  test('should survive every hostile pattern and event, with its rules still working', () => {
    const matcher = new Matcher();
    matcher.addRule('plain', '{"source":["s"]}');
    for (const [i, pattern] of hostilePatterns.entries()) outcome(() => matcher.addRule(`h${i}`, pattern));
    for (const event of hostileEvents) {
      const names = outcome(() => matcher.match(event));
      if (!(names instanceof EventBridgeError)) expect(Array.isArray(names)).toBe(true);
    }
    for (const event of hostileEvents) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(event);
      } catch {
        continue;
      }
      if (parsed !== null && typeof parsed === 'object') outcome(() => matcher.match(parsed as object));
    }
    expect(matcher.match('{"source":"s"}')).toContain('plain');
    assertNoPollution();
  });

  test.each(pollutionKeys)('should keep a rule named %s apart from the prototype', (key) => {
    const matcher = new Matcher();
    matcher.addRule(key, '{"source":["s"]}');
    expect(matcher.match('{"source":"s"}')).toEqual([key]);
    expect(matcher.deleteRule(key)).toBe(true);
    expect(matcher.match('{"source":"s"}')).toEqual([]);
  });
});

describe('EventBridge', () => {
  test('should give PutRule, TestEventPattern and PutEvents an AWS error or an answer for hostile input', () => {
    const bridge = new EventBridge();
    bridge.putRule({ Name: 'all', EventPattern: '{"source":["s"]}' });
    for (const [i, pattern] of hostilePatterns.entries()) {
      outcome(() => bridge.putRule({ Name: `h${i}`, EventPattern: pattern }));
      outcome(() => bridge.testEventPattern({ EventPattern: pattern, Event: '{"id":"1","source":"s"}' }));
    }
    for (const event of hostileEvents) {
      outcome(() => bridge.putEvents({ Entries: [{ Source: 's', DetailType: 'd', Detail: event }] }));
      outcome(() => bridge.testEventPattern({ EventPattern: '{"source":["s"]}', Event: event }));
    }
    const result = bridge.putEvents({ Entries: [{ Source: 's', DetailType: 'd', Detail: '{}' }] });
    expect(result.FailedEntryCount).toBe(0);
    assertNoPollution();
  });

  test.each([
    ['a null input', null],
    ['a number', 5],
    ['Entries as a string', { Entries: 'x' }],
    ['an entry that is null', { Entries: [null] }],
    ['a Detail that is an object', { Entries: [{ Source: 's', DetailType: 'd', Detail: {} }] }],
    ['a __proto__ member', JSON.parse('{"__proto__":{"polluted":1},"Entries":[{"Source":"s","DetailType":"d","Detail":"{}"}]}') as unknown],
    ['a deep Detail', { Entries: [{ Source: 's', DetailType: 'd', Detail: nestedObjects(100_000) }] }],
    ['a 1 MiB Detail', { Entries: [{ Source: 's', DetailType: 'd', Detail: `{"a":"${longString(1024 * 1024)}"}` }] }],
  ])('should answer PutEvents with %s without a non-AWS exception', (_name, input) => {
    const bridge = new EventBridge();
    outcome(() => bridge.putEvents(input as never));
    assertNoPollution();
  });
});

describe('memory', () => {
  test('should stay bounded across the suite', () => {
    // Generous: the inputs themselves are a few MiB; a leak of the hostile work would be far more.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(512 * 1024 * 1024);
  });
});
