/**
 * ScheduleExpression validation, as PutRule does it (docs/putevents.md §11; 40 recorded cases). Two forms:
 * `rate(N unit)` with a positive integer and a singular unit exactly when N is 1, and
 * `cron(min hour day-of-month month day-of-week year)` with AWS's six fields, where exactly one of
 * day-of-month and day-of-week is `?`. Nothing is ever scheduled; the expression is only stored.
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
