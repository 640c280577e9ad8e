/**
 * Tests of isValidScheduleExpression: the rate() and cron() expressions PutRule accepts and the ones
 * it refuses.
 */

import { describe, expect, test } from 'vitest';
import { isValidScheduleExpression } from '../../src/bus/schedule.js';

describe('isValidScheduleExpression', () => {
  test.each([
    'rate(1 minute)',
    'rate(5 minutes)',
    'rate(1 hour)',
    'rate(12 hours)',
    'rate(1 day)',
    'rate(7 days)',
    'cron(0 12 * * ? *)',
    'cron(15 10 ? * 6L 2002-2005)',
    'cron(0 2 ? * SAT#3 *)',
    'cron(0/5 8-17 ? * MON-FRI *)',
    'cron(0 0 L * ? *)',
    'cron(0 0 15W * ? *)',
    'cron(0 0 ? JAN-MAR 2 2030)',
    'cron(0,15,30,45 * * * ? *)',
  ])('should accept %j', (expression) => {
    expect(isValidScheduleExpression(expression)).toBe(true);
  });

  test.each([
    'rate(0 minutes)',
    'rate(1 minutes)',
    'rate(2 minute)',
    'rate(10 seconds)',
    'rate(01 minute)',
    'rate(10 MINUTES)',
    'rate( 10 minutes )',
    'cron(0 1 * * * *)',
    'cron(0 1 ? * ? *)',
    'cron(0 1 * *)',
    'cron(60 1 * * ? *)',
    'cron(0 24 * * ? *)',
    'cron(0 0 32 * ? *)',
    'cron(0 0 ? 13 * *)',
    'cron(0 0 ? * 8 *)',
    'cron(0 0 ? * MON#6 *)',
    'cron(0 0 * * ? 1969)',
    'cron(0 0 * * ? 2200)',
    'cron(0/0 * * * ? *)',
    'cron(0,,1 * * * ? *)',
    'cron(0  0 * * ? *)',
    'CRON(0 12 * * ? *)',
    '',
  ])('should reject %j', (expression) => {
    expect(isValidScheduleExpression(expression)).toBe(false);
  });
});
