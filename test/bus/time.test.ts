/**
 * Tests of event times: which Time values PutEvents accepts (Date, epoch seconds, date text) and
 * how they print in the envelope and in AWS's Java entry string.
 */

import { describe, expect, test } from 'vitest';
import { eventTimeMs, formatEventTime, formatJavaInstant } from '../../src/bus/time.js';

const JAN_1_2022 = Date.UTC(2022, 0, 1);

describe('eventTimeMs', () => {
  test.each<[string, Date | number | string, number]>([
    ['epoch seconds', 1640995200, JAN_1_2022],
    ['fractional epoch seconds (truncated)', 1640995200.999, JAN_1_2022],
    ['a Date with milliseconds (truncated)', new Date(JAN_1_2022 + 999), JAN_1_2022],
    ['a date alone', '2022-01-01', JAN_1_2022],
    ['month-first with T (botocore reads 01-01-2022 as January 1)', '01-01-2022T00:00:00Z', JAN_1_2022],
    ['a space instead of T', '2022-01-01 00:00:00Z', JAN_1_2022],
    ['RFC 3339 with fraction', '2022-01-01T00:00:00.123Z', JAN_1_2022],
    ['an offset, converted to UTC', '2022-01-01T02:00:00+02:00', JAN_1_2022],
    ['no zone (UTC)', '2022-01-01T00:00:00', JAN_1_2022],
    ['negative epoch seconds', -1.5, -2000],
  ])('should read %s', (_name, input, expected) => {
    expect(eventTimeMs(input)).toBe(expected);
  });

  test.each<[string, Date | number | string]>([
    ['an invalid Date', new Date(Number.NaN)],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a year past 9999', 253402300800],
    ['February 30', '2022-02-30'],
    ['hour 24', '2022-01-01T24:00:00Z'],
    ['text', 'yesterday'],
    ['an empty string', ''],
    ['an offset hour of 24', '2022-01-01T00:00:00+24:00'],
  ])('should reject %s', (_name, input) => {
    expect(eventTimeMs(input)).toBeUndefined();
  });
});

describe('formatEventTime', () => {
  test('should print second precision with Z', () => {
    expect(formatEventTime(JAN_1_2022 + 1500)).toBe('2022-01-01T00:00:01Z');
  });

  test('should print each instant of a sequence that comes back to earlier seconds as its own', () => {
    // The text of the last second is kept: a change of second, either way, must replace it.
    const instants = [0, 999, 1000, 1999, 999, 0, -1, -1000, -1001, 59_999, 60_000, 0].map((ms) => JAN_1_2022 + ms);
    instants.push(Date.UTC(9999, 11, 31, 23, 59, 59, 999), Date.UTC(1970, 0, 1), JAN_1_2022);
    for (const ms of instants) expect(formatEventTime(ms), String(ms)).toBe(`${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`);
  });
});

describe('formatJavaInstant', () => {
  test.each<[Date | number | string, string]>([
    [1640995200, '2022-01-01T00:00:00Z'],
    [1640995200.5, '2022-01-01T00:00:00.500Z'],
    ['not a time', 'not a time'],
  ])('should print %j as %j', (input, expected) => {
    expect(formatJavaInstant(input)).toBe(expected);
  });
});
