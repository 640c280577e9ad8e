/**
 * ScheduleExpression validation, as PutRule does it (docs/putevents.md §11; 40 recorded cases). Two forms:
 * `rate(N unit)` with a positive integer and a singular unit exactly when N is 1, and
 * `cron(min hour day-of-month month day-of-week year)` with AWS's six fields, where exactly one of
 * day-of-month and day-of-week is `?`. {@link compileSchedule} and {@link nextFireMs} compute fire
 * times (UTC) for schedules.ts.
 */

const RATE = /^rate\(([1-9][0-9]*) (minute|minutes|hour|hours|day|days)\)$/;
const CRON = /^cron\(([^ ()]+) ([^ ()]+) ([^ ()]+) ([^ ()]+) ([^ ()]+) ([^ ()]+)\)$/;

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldSpec {
  readonly min: number;
  readonly max: number;
  /** Three-letter names for 1..n (months, week days). */
  readonly names?: readonly string[];
}

const MINUTES: FieldSpec = { min: 0, max: 59 };
const HOURS: FieldSpec = { min: 0, max: 23 };
const DAY_OF_MONTH: FieldSpec = { min: 1, max: 31 };
const MONTH: FieldSpec = { min: 1, max: 12, names: MONTHS };
const DAY_OF_WEEK: FieldSpec = { min: 1, max: 7, names: DAYS };
const YEAR: FieldSpec = { min: 1970, max: 2199 };

/** The number a single value denotes (a decimal or, where the field has names, a name), or undefined. */
function valueOf(text: string, spec: FieldSpec): number | undefined {
  let n: number | undefined;
  if (/^[0-9]{1,4}$/.test(text)) n = Number(text);
  else if (spec.names !== undefined) {
    const k = spec.names.indexOf(text);
    if (k >= 0) n = k + 1;
  }
  return n !== undefined && n >= spec.min && n <= spec.max ? n : undefined;
}

/** One comma-separated item: `*`, `v`, `a-b`, each optionally with `/step`. */
function isRangeItem(item: string, spec: FieldSpec): boolean {
  const slash = item.indexOf('/');
  const base = slash < 0 ? item : item.slice(0, slash);
  if (slash >= 0) {
    const step = item.slice(slash + 1);
    if (!/^[0-9]{1,4}$/.test(step) || Number(step) < 1) return false;
  }
  if (base === '*') return true;
  const dash = base.indexOf('-');
  if (dash < 0) return valueOf(base, spec) !== undefined;
  return valueOf(base.slice(0, dash), spec) !== undefined && valueOf(base.slice(dash + 1), spec) !== undefined;
}

function isListField(field: string, spec: FieldSpec, special?: (item: string) => boolean): boolean {
  const items = field.split(',');
  return items.every((item) => item !== '' && (isRangeItem(item, spec) || (special?.(item) ?? false)));
}

/** Day-of-month extras: `L`, `LW`, `L-n`, `nW`. */
function isDayOfMonthSpecial(item: string): boolean {
  if (item === 'L' || item === 'LW') return true;
  let m = /^L-([0-9]{1,2})$/.exec(item);
  if (m !== null) return Number(m[1]) <= 30;
  m = /^([0-9]{1,2})W$/.exec(item);
  return m !== null && valueOf(m[1] ?? '', DAY_OF_MONTH) !== undefined;
}

/** Day-of-week extras: `L`, `nL` (last n-day of the month), `n#k` (k-th n-day, k 1..5). */
function isDayOfWeekSpecial(item: string): boolean {
  if (item === 'L') return true;
  let m = /^([A-Z]{3}|[0-9])L$/.exec(item);
  if (m !== null) return valueOf(m[1] ?? '', DAY_OF_WEEK) !== undefined;
  m = /^([A-Z]{3}|[0-9])#([1-5])$/.exec(item);
  return m !== null && valueOf(m[1] ?? '', DAY_OF_WEEK) !== undefined;
}

function isValidCron(fields: readonly string[]): boolean {
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields as [string, string, string, string, string, string];
  // Exactly one of day-of-month and day-of-week must be '?'.
  if ((dayOfMonth === '?') === (dayOfWeek === '?')) return false;
  return (
    isListField(minutes, MINUTES) &&
    isListField(hours, HOURS) &&
    (dayOfMonth === '?' || isListField(dayOfMonth, DAY_OF_MONTH, isDayOfMonthSpecial)) &&
    isListField(month, MONTH) &&
    (dayOfWeek === '?' || isListField(dayOfWeek, DAY_OF_WEEK, isDayOfWeekSpecial)) &&
    isListField(year, YEAR)
  );
}

/**
 * Whether AWS accepts a ScheduleExpression.
 *
 * @param expression - The expression as given, e.g. `rate(5 minutes)` or `cron(0 12 * * ? *)`.
 * @returns `true` if PutRule would accept it; otherwise PutRule answers
 *   `ValidationException: Parameter ScheduleExpression is not valid.`
 */
export function isValidScheduleExpression(expression: string): boolean {
  const rate = RATE.exec(expression);
  if (rate !== null) {
    const singular = rate[1] === '1';
    return singular === !(rate[2] ?? '').endsWith('s');
  }
  const cron = CRON.exec(expression);
  return cron !== null && isValidCron(cron.slice(1));
}

// -------------------------------------------------------------------------------------------------
// Next-fire computation (schedules.ts fires rules with it). All in UTC, as AWS runs schedules.

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const RATE_UNIT_MS: Readonly<Record<string, number>> = {
  minute: MINUTE_MS,
  minutes: MINUTE_MS,
  hour: 60 * MINUTE_MS,
  hours: 60 * MINUTE_MS,
  day: DAY_MS,
  days: DAY_MS,
};

/** A schedule ready to compute fire times: a fixed period, or the sets of a cron expression. */
export type CompiledSchedule =
  | { readonly kind: 'rate'; readonly periodMs: number }
  | {
      readonly kind: 'cron';
      readonly minutes: readonly boolean[];
      readonly hours: readonly boolean[];
      readonly months: readonly boolean[];
      readonly years: readonly boolean[];
      /** Day-of-month items (`undefined` for `?`). */
      readonly dayOfMonth: readonly string[] | undefined;
      /** Day-of-week items (`undefined` for `?`). */
      readonly dayOfWeek: readonly string[] | undefined;
    };

/**
 * Compiles a valid ScheduleExpression.
 *
 * @param expression - An expression {@link isValidScheduleExpression} accepts.
 * @returns The compiled schedule, or `undefined` for an expression it does not accept.
 */
export function compileSchedule(expression: string): CompiledSchedule | undefined {
  if (!isValidScheduleExpression(expression)) return undefined;
  const rate = RATE.exec(expression);
  if (rate !== null) return { kind: 'rate', periodMs: Number(rate[1]) * (RATE_UNIT_MS[rate[2] ?? ''] ?? MINUTE_MS) };
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = (CRON.exec(expression) as RegExpExecArray).slice(1) as [
    string, string, string, string, string, string,
  ];
  return {
    kind: 'cron',
    minutes: valueSet(minutes, MINUTES),
    hours: valueSet(hours, HOURS),
    months: valueSet(month, MONTH),
    years: valueSet(year, YEAR),
    dayOfMonth: dayOfMonth === '?' ? undefined : dayOfMonth.split(','),
    dayOfWeek: dayOfWeek === '?' ? undefined : dayOfWeek.split(','),
  };
}

/**
 * The first fire time strictly after `afterMs`.
 *
 * @param schedule - The compiled schedule.
 * @param afterMs - Epoch ms; the result is later than this.
 * @param anchorMs - For `rate`: when the schedule started (its rule's creation); fire times are
 *   `anchor + k × period`, k ≥ 1. Ignored for `cron`, which fires at the start of each matching minute.
 * @returns Epoch ms, or `undefined` when a cron never fires again (its years are past).
 */
export function nextFireMs(schedule: CompiledSchedule, afterMs: number, anchorMs: number): number | undefined {
  if (schedule.kind === 'rate') {
    const k = Math.max(1, Math.floor((afterMs - anchorMs) / schedule.periodMs) + 1);
    return anchorMs + k * schedule.periodMs;
  }
  // Start at the first whole minute after afterMs, then walk matching days.
  let t = Math.floor(afterMs / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
  let startMinuteOfDay = Math.floor((t % DAY_MS) / MINUTE_MS);
  let day = Math.floor(t / DAY_MS);
  for (;;) {
    const date = new Date(day * DAY_MS);
    const year = date.getUTCFullYear();
    if (year > YEAR.max) return undefined;
    if (!schedule.years[year]) {
      day = Math.floor(Date.UTC(year + 1, 0, 1) / DAY_MS);
      startMinuteOfDay = 0;
      continue;
    }
    const month = date.getUTCMonth() + 1;
    if (!schedule.months[month]) {
      day = Math.floor(Date.UTC(year, month, 1) / DAY_MS);
      startMinuteOfDay = 0;
      continue;
    }
    if (dayMatches(schedule, year, month, date.getUTCDate(), date.getUTCDay() + 1)) {
      for (let m = startMinuteOfDay; m < 1440; m++) {
        if (schedule.hours[Math.floor(m / 60)] === true && schedule.minutes[m % 60] === true) {
          t = day * DAY_MS + m * MINUTE_MS;
          return t;
        }
      }
    }
    day += 1;
    startMinuteOfDay = 0;
  }
}

/** The values a list field selects, as a membership array indexed by value. */
function valueSet(field: string, spec: FieldSpec): boolean[] {
  const out = new Array<boolean>(spec.max + 1).fill(false);
  for (const item of field.split(',')) {
    const slash = item.indexOf('/');
    const base = slash < 0 ? item : item.slice(0, slash);
    const step = slash < 0 ? 1 : Number(item.slice(slash + 1));
    let from: number;
    let to: number;
    if (base === '*') {
      from = spec.min;
      to = spec.max;
    } else {
      const dash = base.indexOf('-');
      from = valueOf(dash < 0 ? base : base.slice(0, dash), spec) as number;
      // `a/step` runs from a to the field's end; `a` alone is just a.
      to = dash < 0 ? (slash < 0 ? from : spec.max) : (valueOf(base.slice(dash + 1), spec) as number);
    }
    // A range whose end is before its start wraps around (FRI-MON, 22-2).
    const span = to >= from ? to - from : spec.max - spec.min + 1 - (from - to);
    for (let k = 0; k <= span; k += step) {
      let v = from + k;
      if (v > spec.max) v -= spec.max - spec.min + 1;
      out[v] = true;
    }
  }
  return out;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Day of week (1 = SUN … 7 = SAT) of a date. */
function weekDay(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
}

/** The weekday (Mon–Fri) nearest to `day` within its month, as `nW` selects it. */
function nearestWeekday(year: number, month: number, day: number): number {
  const last = daysInMonth(year, month);
  const d = Math.min(day, last);
  const w = weekDay(year, month, d);
  if (w === 7) return d === 1 ? 3 : d - 1; // Saturday: the Friday before, or Monday the 3rd.
  if (w === 1) return d === last ? d - 2 : d + 1; // Sunday: the Monday after, or the Friday before.
  return d;
}

function dayOfMonthItemMatches(item: string, year: number, month: number, day: number): boolean {
  const last = daysInMonth(year, month);
  if (item === 'L') return day === last;
  if (item === 'LW') return day === nearestWeekday(year, month, last);
  if (item.startsWith('L-')) return day === last - Number(item.slice(2));
  if (item.endsWith('W')) return day === nearestWeekday(year, month, Number(item.slice(0, -1)));
  const set = valueSet(item, DAY_OF_MONTH);
  return set[day] === true;
}

function dayOfWeekItemMatches(item: string, year: number, month: number, day: number, dow: number): boolean {
  if (item === 'L') return dow === 7;
  const hash = item.indexOf('#');
  if (hash >= 0) {
    return dow === valueOf(item.slice(0, hash), DAY_OF_WEEK) && Math.ceil(day / 7) === Number(item.slice(hash + 1));
  }
  if (item.endsWith('L')) {
    return dow === valueOf(item.slice(0, -1), DAY_OF_WEEK) && day + 7 > daysInMonth(year, month);
  }
  return valueSet(item, DAY_OF_WEEK)[dow] === true;
}

function dayMatches(schedule: CompiledSchedule & { kind: 'cron' }, year: number, month: number, day: number, dow: number): boolean {
  if (schedule.dayOfMonth !== undefined) return schedule.dayOfMonth.some((i) => dayOfMonthItemMatches(i, year, month, day));
  if (schedule.dayOfWeek !== undefined) return schedule.dayOfWeek.some((i) => dayOfWeekItemMatches(i, year, month, day, dow));
  return false;
}
