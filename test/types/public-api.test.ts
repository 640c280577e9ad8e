/**
 * Compile-time checks of the public signatures: a typo in an AWS member name, a member of the wrong
 * type or a missing required member is a type error, not a run-time surprise. `npm run typecheck`
 * compiles this file; each `@ts-expect-error` fails the build if the line it marks compiles.
 * The run-time assertions only confirm that the valid calls run.
 */

import { describe, expect, expectTypeOf, test } from 'vitest';
import { EventBridge, Matcher, checkEventPattern, explainEventPattern, parsePattern, testEventPattern, transformTargetInput } from '../../src/index.js';
import { createServer } from '../../src/server/index.js';
import type { PutEventsRequest, PutEventsResponse, PutRuleRequest } from '../../src/index.js';

describe('EventBridge.putEvents', () => {
  test('should take PutEventsRequest-shaped input only', () => {
    const eb = new EventBridge();
    expectTypeOf(eb.putEvents).parameter(0).toEqualTypeOf<PutEventsRequest>();
    expectTypeOf(eb.putEvents).returns.toEqualTypeOf<PutEventsResponse>();
    const mistakes = (): void => {
      // @ts-expect-error Entrys is not Entries
      eb.putEvents({ Entrys: [{ Source: 'shop', DetailType: 'order', Detail: '{}' }] });
      // @ts-expect-error Sorce is not Source
      eb.putEvents({ Entries: [{ Sorce: 'shop', DetailType: 'order', Detail: '{}' }] });
      // @ts-expect-error Detail is JSON text, not an object
      eb.putEvents({ Entries: [{ Source: 'shop', DetailType: 'order', Detail: { a: 1 } }] });
      // @ts-expect-error a request is an object with Entries
      eb.putEvents([{ Source: 'shop' }]);
      // @ts-expect-error Time is a Date, epoch seconds or a date string
      eb.putEvents({ Entries: [{ Source: 'shop', DetailType: 'order', Detail: '{}', Time: true }] });
      const decoded: Record<string, unknown> = JSON.parse('{"Entries":[]}') as Record<string, unknown>;
      // @ts-expect-error an untyped record must be checked or cast by the caller
      eb.putEvents(decoded);
    };
    expect(typeof mistakes).toBe('function');
    const out = eb.putEvents({ Entries: [{ Source: 'shop', DetailType: 'order', Detail: '{"a":1}', Time: new Date(0) }] });
    expect(out.FailedEntryCount).toBe(0);
  });
});

describe('EventBridge control plane', () => {
  test('should reject misspelt request members', () => {
    const eb = new EventBridge();
    const mistakes = (): void => {
      // @ts-expect-error Nmae is not Name
      eb.putRule({ Nmae: 'r', EventPattern: '{}' });
      // @ts-expect-error EventPatern is not EventPattern
      eb.putRule({ Name: 'r', EventPatern: '{"source":["a"]}' });
      // @ts-expect-error State is one of AWS's states
      eb.putRule({ Name: 'r', EventPattern: '{"source":["a"]}', State: 'ON' });
      // @ts-expect-error Name is required
      eb.createEventBus({});
      // @ts-expect-error EventPattern and Event are JSON text
      eb.testEventPattern({ EventPattern: { source: ['a'] }, Event: '{}' });
    };
    expect(typeof mistakes).toBe('function');
    const rule: PutRuleRequest = { Name: 'r', EventPattern: '{"source":["a"]}', State: 'DISABLED' };
    expect(eb.putRule(rule).RuleArn).toContain('rule/r');
  });
});

describe('patterns and events', () => {
  test('should take JSON text or objects, not other values', () => {
    const mistakes = (): void => {
      // @ts-expect-error a pattern is JSON text or an object
      testEventPattern(42, '{}');
      // @ts-expect-error an event is JSON text or an object
      testEventPattern('{}', null);
      // @ts-expect-error a rule needs a name
      new Matcher().addRule({ source: ['a'] });
      // @ts-expect-error maxLength is a number
      checkEventPattern('{}', { maxLength: '10' });
    };
    expect(typeof mistakes).toBe('function');
    expectTypeOf(new Matcher().match).returns.toEqualTypeOf<string[]>();
    expectTypeOf(testEventPattern).returns.toEqualTypeOf<boolean>();
    expect(explainEventPattern(parsePattern({ source: ['a'] }), { source: 'a' }).matches).toBe(true);
  });
});

describe('targets and the server', () => {
  test('should reject misspelt options', () => {
    const mistakes = (): void => {
      // @ts-expect-error Inptu is not Input
      transformTargetInput({ Inptu: '"fixed"' }, '{}');
      // @ts-expect-error InputTemplate is required in an InputTransformer
      transformTargetInput({ InputTransformer: { InputPathsMap: {} } }, '{}');
      // @ts-expect-error prot is not an option
      createServer({ prot: 4010 });
    };
    expect(typeof mistakes).toBe('function');
    expect(transformTargetInput({ Input: '"fixed"' }, '{"a":1}')).toBe('"fixed"');
  });

  test('should take every member AWS defines for a target, and no misspelt one', () => {
    const eb = new EventBridge();
    eb.putRule({ Name: 'r', EventPattern: '{"source":["a"]}' });
    const target = {
      Id: 't',
      Arn: 'arn:aws:sqs:us-east-1:123456789012:q',
      InputTransformer: { InputPathsMap: { s: '$.source' }, InputTemplate: '"<s>"' },
      RetryPolicy: { MaximumRetryAttempts: 2 },
      SqsParameters: { MessageGroupId: 'g' },
    };
    expect(eb.putTargets({ Rule: 'r', Targets: [target] }).FailedEntryCount).toBe(0);
    const mistakes = (): void => {
      // @ts-expect-error Inptu is not Input
      eb.putTargets({ Rule: 'r', Targets: [{ Id: 't', Arn: 'arn:aws:sqs:us-east-1:123456789012:q', Inptu: '"x"' }] });
      // @ts-expect-error Input is JSON text
      eb.putTargets({ Rule: 'r', Targets: [{ Id: 't', Arn: 'arn:aws:sqs:us-east-1:123456789012:q', Input: { a: 1 } }] });
    };
    expect(typeof mistakes).toBe('function');
  });
});
