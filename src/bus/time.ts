/**
 * Event times. AWS delivers `time` at second precision with a `Z` suffix
 * (`2022-01-01T00:00:00Z`, docs/putevents.md §7). Callers may give a `Date`, epoch seconds (what every AWS
 * SDK puts on the wire) or a date string; strings are read the way botocore reads them before
 * sending, so the recorded `Time` strings (`2022-01-01`, `01-01-2022T00:00:00Z`,
 * `2022-01-01 00:00:00Z`) give the recorded times.
 */

import type { EventTime } from './types.js';

/** Latest instant whose ISO form still has a four-digit year (9999-12-31T23:59:59Z), in ms. */
const MAX_MS = 253402300799999;
/** Earliest such instant (0000-01-01T00:00:00Z), in ms. */
const MIN_MS = -62167219200000;

// YYYY-MM-DD or MM-DD-YYYY, then optionally [T ]hh:mm[:ss[.fff]], then optionally Z or ±hh[:]mm.
const DATE_TIME =
  /^(?:(\d{4})-(\d{2})-(\d{2})|(\d{2})-(\d{2})-(\d{4}))(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;

function utcMs(y: number, mo: number, d: number, h: number, mi: number, s: number): number | undefined {
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, 0);
  // Reject rollovers such as February 30 or 24:00.
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  if (date.getUTCHours() !== h || date.getUTCMinutes() !== mi || date.getUTCSeconds() !== s) return undefined;
  return date.getTime();
}

function parseTimeString(text: string): number | undefined {
  const m = DATE_TIME.exec(text.trim());
  if (m === null) return undefined;
  const num = (k: number): number => (m[k] === undefined ? 0 : Number(m[k]));
  const isoDate = m[1] !== undefined;
  const year = isoDate ? num(1) : num(6);
  const month = isoDate ? num(2) : num(4);
  const day = isoDate ? num(3) : num(5);
  const ms = utcMs(year, month, day, num(7), num(8), num(9));
  if (ms === undefined) return undefined;
  // A string without a zone is UTC (botocore's reading); an offset is converted to UTC.
  let offset = 0;
  if (m[12] !== undefined) {
    const hours = num(13);
    const minutes = num(14);
    if (hours > 23 || minutes > 59) return undefined;
    offset = (m[12] === '-' ? -1 : 1) * (hours * 60 + minutes) * 60000;
  }
  return ms - offset;
}

/**
 * An entry's `Time` as epoch milliseconds within years 0000–9999, else `undefined`. Epoch seconds
 * are converted by `fromSeconds`, as the two callers treat fractions differently.
 */
function instantMs(time: EventTime, fromSeconds: (seconds: number) => number): number | undefined {
  let ms: number | undefined;
  if (time instanceof Date) ms = time.getTime();
  else if (typeof time === 'number') ms = Number.isFinite(time) ? fromSeconds(time) : undefined;
  else if (typeof time === 'string') ms = parseTimeString(time);
  return ms === undefined || Number.isNaN(ms) || ms < MIN_MS || ms > MAX_MS ? undefined : ms;
}

/**
 * Converts an entry's `Time` to epoch milliseconds, truncated to the whole second.
 *
 * @param time - A `Date`, epoch seconds, or a date string (RFC 3339 / ISO 8601, a date alone, a
 *   space instead of `T`, or botocore's month-first `MM-DD-YYYY`).
 * @returns Epoch milliseconds at second precision, or `undefined` when the value is not a valid time
 *   or falls outside years 0000–9999.
 */
export function eventTimeMs(time: EventTime): number | undefined {
  const ms = instantMs(time, (seconds) => seconds * 1000);
  return ms === undefined ? undefined : Math.floor(ms / 1000) * 1000;
}

/**
 * Formats an instant as the envelope's `time`.
 *
 * @param ms - Epoch milliseconds (the sub-second part is dropped).
 * @returns `YYYY-MM-DDThh:mm:ssZ`.
 */
export function formatEventTime(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond) {
    lastTime = `${new Date(second * 1000).toISOString().slice(0, 19)}Z`;
    lastSecond = second;
  }
  return lastTime;
}

// The last second formatted and its text: the entries of one PutEvents, and events close in time,
// share their second, and a Date and its ISO text per entry cost PutEvents about a tenth of its
// time (design note 012, tenth pass).
let lastSecond = Number.NaN;
let lastTime = '';

/**
 * Formats a `Time` as Java's `Instant.toString` would inside AWS's request echo (fraction printed in
 * groups of three digits only when non-zero).
 *
 * @param time - The entry's `Time` as given.
 * @returns `2022-01-01T00:00:00Z`, `2022-01-01T00:00:00.500Z`, or the raw value when it is no time.
 */
export function formatJavaInstant(time: EventTime): string {
  const ms = instantMs(time, (seconds) => Math.round(seconds * 1000));
  if (ms === undefined) return String(time);
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, 19)}Z` : iso;
}
