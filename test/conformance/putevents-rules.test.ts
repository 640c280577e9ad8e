/**
 * aws-extra.json replayed through EventBridge: the 37 PutRule+PutEvents cases (did the event reach
 * the rule, and is the envelope what AWS delivered), the 40 PutRule ScheduleExpression cases and the
 * 12 TestEventPattern cases, with AWS's exact codes and messages.
 */

import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { EventBridge } from '../../src/bus/event-bridge.js';
import { awsError } from '../bus/aws-error.js';

interface ExtraCase {
  name: string;
  kind: 'TestEventPattern' | 'PutRule+PutEvents' | 'PutRule';
  pattern: unknown;
  patternText?: string;
  event: unknown;
  eventText?: string;
  expect: 'match' | 'no-match' | 'error' | 'accepted';
  error?: string;
  errorCode?: string;
  putEventsEntry?: Record<string, unknown>;
  scheduleExpression?: string;
  eventBusName?: string;
}

const cases = JSON.parse(readFileSync(new URL('../fixtures/aws-extra.json', import.meta.url), 'utf8')) as ExtraCase[];
const ofKind = (kind: ExtraCase['kind']): ExtraCase[] => cases.filter((c) => c.kind === kind);

describe('PutRule+PutEvents recorded against AWS', () => {
  const putCases = ofKind('PutRule+PutEvents');
  test('should cover all 37 cases', () => expect(putCases).toHaveLength(37));

  test.each(putCases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    // The synthesized envelope fields (id, time, account, region) are the stand-ins used here.
    const eb = new EventBridge({
      account: '111111111111',
      region: 'us-east-1',
      now: () => new Date('2024-01-01T00:00:00Z'),
      newId: () => '00000000-0000-0000-0000-000000000000',
    });
    eb.putRule({ Name: 'rule', EventPattern: c.patternText ?? JSON.stringify(c.pattern) });
    const out = eb.putEvents({ Entries: [c.putEventsEntry ?? {}] });
    expect(out.FailedEntryCount).toBe(0);
    const match = out.Matches[0];
    expect(match?.Rules.map((r) => r.Name)).toEqual(c.expect === 'match' ? ['rule'] : []);
    expect(JSON.parse(match?.Event ?? '')).toEqual(c.event);
  });
});

describe('PutRule ScheduleExpression recorded against AWS', () => {
  const ruleCases = ofKind('PutRule');
  test('should cover all 40 cases', () => expect(ruleCases).toHaveLength(40));

  test.each(ruleCases.map((c) => [c.name + (c.eventBusName === undefined ? '' : ' on a custom bus'), c] as const))('%s', (_name, c) => {
    const eb = new EventBridge();
    let busName: string | undefined;
    if (c.eventBusName !== undefined) {
      busName = 'custom-bus';
      eb.createEventBus({ Name: busName });
    }
    const input = { Name: 'schedule', ScheduleExpression: c.scheduleExpression, EventBusName: busName };
    if (c.expect === 'accepted') {
      expect(eb.putRule(input).RuleArn).toBe('arn:aws:events:us-east-1:123456789012:rule/schedule');
      expect(eb.describeRule({ Name: 'schedule' }).ScheduleExpression).toBe(c.scheduleExpression);
    } else {
      const e = awsError(() => eb.putRule(input));
      expect([e.name, e.message, e.statusCode]).toEqual([c.errorCode, c.error, 400]);
    }
  });
});

describe('TestEventPattern recorded against AWS', () => {
  const testCases = ofKind('TestEventPattern');
  test('should cover all 12 cases', () => expect(testCases).toHaveLength(12));

  test.each(testCases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const eb = new EventBridge();
    const input = { EventPattern: c.patternText ?? JSON.stringify(c.pattern), Event: c.eventText ?? JSON.stringify(c.event) };
    if (c.expect === 'error') {
      const e = awsError(() => eb.testEventPattern(input));
      expect([e.name, e.message]).toEqual([c.errorCode, c.error]);
    } else {
      expect(eb.testEventPattern(input)).toEqual({ Result: c.expect === 'match' });
    }
  });
});
