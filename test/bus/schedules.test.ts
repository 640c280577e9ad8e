/** Scheduled rules fire (issue 14): rate and cron, the manual clock, disabled and deleted rules. */

import { describe, expect, test } from 'vitest';
import { EventBridge, ManualClock } from '../../src/index.js';
import type { Delivery } from '../../src/index.js';
import { compileSchedule, nextFireMs } from '../../src/bus/schedule.js';

const T0 = new Date('2026-03-02T09:00:30Z'); // a Monday

function setup(start = T0): { clock: ManualClock; eb: EventBridge; deliveries: Delivery[] } {
  const clock = new ManualClock(start);
  const eb = new EventBridge({ clock });
  const deliveries: Delivery[] = [];
  eb.onDelivery((d) => {
    deliveries.push(d);
  });
  return { clock, eb, deliveries };
}

/** The UTC instants a cron fires at in [from, to]. */
function fireTimes(expression: string, from: string, to: string): string[] {
  const schedule = compileSchedule(expression);
  if (schedule === undefined) throw new Error(`not valid: ${expression}`);
  const out: string[] = [];
  let t = Date.parse(from) - 1;
  const end = Date.parse(to);
  for (;;) {
    const next = nextFireMs(schedule, t, 0);
    if (next === undefined || next > end) return out;
    out.push(new Date(next).toISOString().replace('.000Z', 'Z'));
    t = next;
  }
}

describe('rate schedules under a manual clock', () => {
  test('rate(1 minute) with a target, advanced 5 minutes, delivers exactly 5 Scheduled Events with the right times', async () => {
    const { clock, eb, deliveries } = setup();
    const { RuleArn } = eb.putRule({ Name: 'tick', ScheduleExpression: 'rate(1 minute)' });
    eb.putTargets({ Rule: 'tick', Targets: [{ Id: 'fn', Arn: 'arn:aws:lambda:us-east-1:123456789012:function:tick' }] });
    const fired = clock.advance(5 * 60_000);
    await eb.deliveriesSettled();
    // AWS: a rate schedule "starts when you create the scheduled event rule"
    // (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html).
    const times = ['2026-03-02T09:01:30Z', '2026-03-02T09:02:30Z', '2026-03-02T09:03:30Z', '2026-03-02T09:04:30Z', '2026-03-02T09:05:30Z'];
    expect(fired.map((f) => f.Time)).toEqual(times);
    expect(deliveries).toHaveLength(5);
    expect(deliveries.map((d) => (JSON.parse(d.Input) as { time: string }).time)).toEqual(times);
    const event = JSON.parse(deliveries[0]?.Input ?? '{}') as Record<string, unknown>;
    // The Scheduled Event envelope, in AWS's member order; AWS's example has a time with seconds
    // (18:44:49Z), as a rate counted from the rule's creation gives
    // (https://docs.aws.amazon.com/eventbridge/latest/userguide/event-reference.html, "Scheduled Event").
    expect(Object.keys(event)).toEqual(['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail']);
    expect(event).toMatchObject({ 'detail-type': 'Scheduled Event', source: 'aws.events', resources: [RuleArn], detail: {} });
    expect(deliveries[0]?.Rule).toBe('tick');
  });

  test('advance returns nothing before the first period ends, and the clock starts at the real time by default', () => {
    const { clock, eb } = setup();
    eb.putRule({ Name: 'slow', ScheduleExpression: 'rate(2 hours)' });
    expect(clock.advance(119 * 60_000)).toEqual([]);
    expect(clock.advance(60_000)).toHaveLength(1);
    const before = Date.now();
    const real = new ManualClock().now().getTime();
    expect(Math.abs(real - before)).toBeLessThan(5_000);
  });

  test('moving back fires nothing, and going forward again does not fire the same minutes twice', () => {
    const { clock, eb } = setup();
    eb.putRule({ Name: 'tick', ScheduleExpression: 'rate(1 minute)' });
    expect(clock.advance(3 * 60_000)).toHaveLength(3);
    expect(clock.setTime(new Date('2026-03-01T00:00:00Z'))).toEqual([]);
    expect(clock.setTime(new Date(T0.getTime() + 3 * 60_000))).toEqual([]);
    expect(clock.advance(60_000)).toHaveLength(1);
  });

  test('a disabled rule does not fire, and does not catch up once enabled again', () => {
    const { clock, eb } = setup();
    eb.putRule({ Name: 'tick', ScheduleExpression: 'rate(1 minute)', State: 'DISABLED' });
    expect(clock.advance(10 * 60_000)).toEqual([]);
    eb.enableRule({ Name: 'tick' });
    expect(clock.advance(60_000)).toHaveLength(1);
    eb.disableRule({ Name: 'tick' });
    expect(clock.advance(60_000)).toEqual([]);
  });

  test('a deleted rule stops firing; several rules fire in time order, then by name', () => {
    const { clock, eb } = setup(new Date('2026-03-02T09:00:00Z'));
    eb.putRule({ Name: 'b', ScheduleExpression: 'rate(1 minute)' });
    eb.putRule({ Name: 'a', ScheduleExpression: 'rate(2 minutes)' });
    expect(clock.advance(2 * 60_000).map((f) => `${f.Time} ${f.Rule}`)).toEqual([
      '2026-03-02T09:01:00Z b',
      '2026-03-02T09:02:00Z a',
      '2026-03-02T09:02:00Z b',
    ]);
    eb.deleteRule({ Name: 'b' });
    expect(clock.advance(2 * 60_000).map((f) => f.Rule)).toEqual(['a']);
  });

  test('a scheduled event goes to its own rule only, not to pattern rules that would match it', () => {
    const { clock, eb } = setup();
    eb.putRule({ Name: 'tick', ScheduleExpression: 'rate(1 minute)' });
    eb.putRule({ Name: 'all-aws-events', EventPattern: '{"source":["aws.events"]}' });
    const seen: string[][] = [];
    eb.onEvent((match) => seen.push(match.Rules.map((r) => r.Name)));
    clock.advance(60_000);
    expect(seen).toEqual([['tick']]);
  });

  test('changing the expression restarts the count from the change', () => {
    const { clock, eb } = setup(new Date('2026-03-02T09:00:00Z'));
    eb.putRule({ Name: 'tick', ScheduleExpression: 'rate(5 minutes)' });
    clock.advance(3 * 60_000);
    eb.putRule({ Name: 'tick', ScheduleExpression: 'rate(10 minutes)' });
    expect(clock.advance(9 * 60_000)).toEqual([]);
    expect(clock.advance(60_000).map((f) => f.Time)).toEqual(['2026-03-02T09:13:00Z']);
  });

  test('two instances on one clock both fire; close() leaves the clock', () => {
    const clock = new ManualClock(T0);
    const one = new EventBridge({ clock });
    const two = new EventBridge({ clock });
    one.putRule({ Name: 'one', ScheduleExpression: 'rate(1 minute)' });
    two.putRule({ Name: 'two', ScheduleExpression: 'rate(1 minute)' });
    expect(clock.advance(60_000).map((f) => f.Rule)).toEqual(['one', 'two']);
    two.close();
    expect(clock.advance(60_000).map((f) => f.Rule)).toEqual(['one']);
  });

  test('a huge move fires at most MAX_FIRINGS_PER_MOVE events and returns promptly', () => {
    const { clock, eb } = setup();
    eb.putRule({ Name: 'tick', ScheduleExpression: 'rate(1 minute)' });
    const fired = clock.advance(1000 * 365 * 86_400_000);
    expect(fired.length).toBe(50_000);
    expect(clock.advance(60_000)).toHaveLength(1);
  });

  test('bad moves are RangeErrors', () => {
    const clock = new ManualClock(T0);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError);
    expect(() => clock.setTime(new Date('nope'))).toThrow(RangeError);
  });
});

describe('cron schedules', () => {
  test('cron(0 12 ? * MON-FRI *) fires at noon UTC on the weekdays of a simulated month', () => {
    const { clock, eb } = setup(new Date('2026-03-01T00:00:00Z'));
    eb.putRule({ Name: 'noon', ScheduleExpression: 'cron(0 12 ? * MON-FRI *)' });
    const fired = clock.setTime(new Date('2026-04-01T00:00:00Z'));
    const days = fired.map((f) => f.Time.slice(0, 10));
    // March 2026: the 1st is a Sunday; 22 weekdays.
    const weekdays: string[] = [];
    for (let d = 1; d <= 31; d++) {
      const date = new Date(Date.UTC(2026, 2, d));
      if (date.getUTCDay() >= 1 && date.getUTCDay() <= 5) weekdays.push(date.toISOString().slice(0, 10));
    }
    expect(days).toEqual(weekdays);
    expect(days).toHaveLength(22);
    expect(fired.every((f) => f.Time.endsWith('T12:00:00Z'))).toBe(true);
  });

  test('a cron fires on its exact minute, whenever the rule was created', () => {
    const { clock, eb } = setup(new Date('2026-03-02T09:59:59Z'));
    eb.putRule({ Name: 'hourly', ScheduleExpression: 'cron(0 * * * ? *)' });
    expect(clock.advance(1_000).map((f) => f.Time)).toEqual(['2026-03-02T10:00:00Z']);
  });

  // Special characters as AWS documents them
  // (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html#eb-cron-expressions).
  test.each([
    ['L in day-of-month: the last day of the month', 'cron(0 0 L * ? 2026)', '2026-01-01', '2026-04-30T23:59:59Z', ['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']],
    ['W: the weekday nearest the 1st (a Saturday gives Monday the 3rd)', 'cron(0 0 1W * ? 2026)', '2026-08-01', '2026-08-31T23:59:59Z', ['2026-08-03']],
    ['W: the weekday nearest the 15th (a Sunday gives Monday the 16th)', 'cron(0 0 15W * ? 2026)', '2026-03-01', '2026-03-31T23:59:59Z', ['2026-03-16']],
    ['#: the third Friday of the month', 'cron(0 0 ? * 6#3 2026)', '2026-01-01', '2026-03-31T23:59:59Z', ['2026-01-16', '2026-02-20', '2026-03-20']],
    ['L in day-of-week after a day: the last Friday of the month', 'cron(0 0 ? * 6L 2026)', '2026-01-01', '2026-02-28T23:59:59Z', ['2026-01-30', '2026-02-27']],
    ['# as AWS documents it: 3#2 is the second Tuesday', 'cron(0 0 ? * 3#2 2026)', '2026-06-01', '2026-07-31T23:59:59Z', ['2026-06-09', '2026-07-14']],
    ['year field bounds the schedule', 'cron(0 0 1 1 ? 2026-2027)', '2025-01-01', '2030-01-01', ['2026-01-01', '2027-01-01']],
  ])('%s', (_name, expression, from, to, days) => {
    expect(fireTimes(expression, `${from}T00:00:00Z`, to).map((t) => t.slice(0, 10))).toEqual(days);
  });

  test('1/10 in minutes is every tenth minute from the first (AWS: "the 11th, 21st, and 31st minute, and so on")', () => {
    expect(fireTimes('cron(1/10 7 * * ? *)', '2026-03-02T00:00:00Z', '2026-03-02T23:59:00Z').map((t) => t.slice(11, 16))).toEqual([
      '07:01', '07:11', '07:21', '07:31', '07:41', '07:51',
    ]);
  });

  test('lists, ranges and steps in minutes and hours', () => {
    expect(fireTimes('cron(0/15 8-9 * * ? *)', '2026-03-02T00:00:00Z', '2026-03-02T23:59:00Z')).toEqual([
      '2026-03-02T08:00:00Z', '2026-03-02T08:15:00Z', '2026-03-02T08:30:00Z', '2026-03-02T08:45:00Z',
      '2026-03-02T09:00:00Z', '2026-03-02T09:15:00Z', '2026-03-02T09:30:00Z', '2026-03-02T09:45:00Z',
    ]);
    expect(fireTimes('cron(5,35 22 ? * SAT,SUN *)', '2026-03-06T00:00:00Z', '2026-03-08T23:59:00Z')).toEqual([
      '2026-03-07T22:05:00Z', '2026-03-07T22:35:00Z', '2026-03-08T22:05:00Z', '2026-03-08T22:35:00Z',
    ]);
  });
});

describe('real-time schedules', () => {
  test("without a manual clock, a timer fires the due schedule; close() stops it", async () => {
    let now = Date.parse('2026-03-02T09:00:00Z');
    const eb = new EventBridge({ now: () => new Date(now) });
    const fired: string[] = [];
    eb.onEvent((match) => fired.push((JSON.parse(match.Event) as { time: string }).time));
    eb.putRule({ Name: 'tick', ScheduleExpression: 'rate(1 minute)' });
    // The timer was armed for a minute of real time; move the stamp clock past the due instant and
    // give another rule a schedule, which re-arms the timer for "now".
    now += 60_000;
    eb.putRule({ Name: 'other', ScheduleExpression: 'rate(1 hour)' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fired).toEqual(['2026-03-02T09:01:00Z']);
    eb.close();
    now += 60_000;
    eb.putRule({ Name: 'other', ScheduleExpression: 'rate(2 hours)' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fired).toHaveLength(1);
  });
});
