/**
 * PutTargets' checks of the input members: model constraints (API reference limits, worded as
 * AWS's front end words constraint violations), the exclusive members and the placeholders
 * (messages recorded against AWS; see test/fixtures/aws-input-transformer.json).
 */

import { describe, expect, it } from 'vitest';
import { validateTargetDeliveryConfig, validateTargetInput } from '../../src/targets/index.js';

const T = { Id: 't1', Arn: 'arn:aws:sqs:us-east-1:123456789012:q' };

describe('validateTargetInput', () => {
  it('accepts a target without input members, and each member alone', () => {
    expect(validateTargetInput(T)).toBeUndefined();
    expect(validateTargetInput({ ...T, Input: '{"a":1}' })).toBeUndefined();
    expect(validateTargetInput({ ...T, InputPath: '$.detail' })).toBeUndefined();
    expect(validateTargetInput({ ...T, InputTransformer: { InputTemplate: '"<aws.events.rule-name>"' } })).toBeUndefined();
  });

  it.each([
    [{ Input: '{}', InputPath: '$' }],
    [{ Input: '{}', InputTransformer: { InputTemplate: '"x"' } }],
    [{ Input: '{}', InputPath: '$', InputTransformer: { InputTemplate: '"x"' } }],
  ])('refuses more than one input member: %j', (members) => {
    expect(validateTargetInput({ ...T, ...members })).toEqual({
      code: 'ValidationException',
      message: 'Only one of Input, InputPath, or InputTransformer must be provided for target t1.',
    });
  });

  it('names the first placeholder without a variable', () => {
    const target = { ...T, InputTransformer: { InputPathsMap: { a: '$.a' }, InputTemplate: '{"a": <a>, "b": "<b>", "c": <c>}' } };
    expect(validateTargetInput(target)?.message).toBe('InputTemplate for target t1 contains invalid placeholder b.');
  });

  it('accepts every predefined variable and refuses a near miss', () => {
    const all = '<aws.events.rule-arn> <aws.events.rule-name> <aws.events.event.ingestion-time> <aws.events.event> <aws.events.event.json>';
    expect(validateTargetInput({ ...T, InputTransformer: { InputTemplate: all } })).toBeUndefined();
    expect(validateTargetInput({ ...T, InputTransformer: { InputTemplate: '<aws.events.rule>' } })?.message).toBe(
      'InputTemplate for target t1 contains invalid placeholder aws.events.rule.',
    );
  });

  it('keeps the predefined names reserved: InputPathsMap keys cannot contain dots', () => {
    const target = { ...T, InputTransformer: { InputPathsMap: { 'aws.events.rule-name': '$.x' }, InputTemplate: '"x"' } };
    expect(validateTargetInput(target)?.message).toBe(
      "1 validation error detected: Value '{aws.events.rule-name=$.x}' at 'targets.1.member.inputTransformer.inputPathsMap' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [A-Za-z0-9\\_\\-]+]",
    );
  });

  it('enforces the API reference lengths and counts', () => {
    expect(validateTargetInput({ ...T, Input: 'x'.repeat(8193) }, 2)?.message).toMatch(
      /^1 validation error detected: Value 'x+' at 'targets\.2\.member\.input' failed to satisfy constraint: Member must have length less than or equal to 8192$/,
    );
    expect(validateTargetInput({ ...T, Input: 'x'.repeat(8192) })).toBeUndefined();
    expect(validateTargetInput({ ...T, InputPath: `$.${'a'.repeat(255)}` })?.message).toContain('Member must have length less than or equal to 256');
    expect(validateTargetInput({ ...T, InputTransformer: { InputTemplate: '' } })?.message).toContain(
      "at 'targets.1.member.inputTransformer.inputTemplate' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    expect(validateTargetInput({ ...T, InputTransformer: { InputPathsMap: { a: '$.a' } } })?.message).toBe(
      "1 validation error detected: Value null at 'targets.1.member.inputTransformer.inputTemplate' failed to satisfy constraint: Member must not be null",
    );
    const hundred = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`v${i}`, '$.a']));
    expect(validateTargetInput({ ...T, InputTransformer: { InputPathsMap: hundred, InputTemplate: '"x"' } })).toBeUndefined();
    const more = { ...hundred, v100: '$.a' };
    expect(validateTargetInput({ ...T, InputTransformer: { InputPathsMap: more, InputTemplate: '"x"' } })?.message).toContain(
      'Member must have length less than or equal to 100',
    );
    expect(validateTargetInput({ ...T, InputTransformer: { InputPathsMap: { a: `$.${'b'.repeat(300)}` }, InputTemplate: '"x"' } })?.message).toContain(
      'Map value must satisfy constraint: [Member must have length less than or equal to 256]',
    );
  });

  it('reports wrong JSON types as SerializationException', () => {
    expect(validateTargetInput({ ...T, Input: 5 })).toEqual({ code: 'SerializationException', message: 'Input must be a string.' });
    expect(validateTargetInput({ ...T, InputTransformer: [] })?.code).toBe('SerializationException');
    expect(validateTargetInput({ ...T, InputTransformer: { InputPathsMap: { a: 1 }, InputTemplate: 'x' } })?.message).toBe(
      'InputPathsMap must be a map of strings.',
    );
  });
});

describe('validateTargetDeliveryConfig', () => {
  it('enforces the RetryPolicy ranges and the DeadLetterConfig ARN length', () => {
    expect(validateTargetDeliveryConfig({ ...T, RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60 } })).toBeUndefined();
    expect(validateTargetDeliveryConfig({ ...T, RetryPolicy: { MaximumRetryAttempts: 186 } })?.message).toBe(
      "1 validation error detected: Value '186' at 'targets.1.member.retryPolicy.maximumRetryAttempts' failed to satisfy constraint: Member must have value less than or equal to 185",
    );
    expect(validateTargetDeliveryConfig({ ...T, RetryPolicy: { MaximumEventAgeInSeconds: 59 } })?.message).toContain(
      'Member must have value greater than or equal to 60',
    );
    expect(validateTargetDeliveryConfig({ ...T, DeadLetterConfig: { Arn: '' } })?.message).toContain('Member must have length greater than or equal to 1');
    expect(validateTargetDeliveryConfig({ ...T, RetryPolicy: { MaximumRetryAttempts: 1.5 } })?.code).toBe('SerializationException');
  });
});
