/**
 * `/_clock`: the server's clock. `GET` answers `{"Time": "<ISO 8601>", "Manual": bool}`. With a
 * manual clock (`serve --clock manual`), `POST` with `{"AdvanceSeconds": N}` (N ≥ 0) or
 * `{"Time": "<ISO 8601>"}` moves it, fires every schedule due on the way in time order, and answers
 * 200 `{"Time", "Fired": [...]}` (each firing: Rule, RuleArn, Time, EventId, Event). Moving back
 * with `Time` fires nothing. A real-time server answers POST with 409.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock, ManualClock } from '../bus/clock.js';
import { readBodyOr, sendPlainJson } from './http-io.js';

/** Largest `/_clock` body read, in bytes. */
const MAX_CLOCK_BODY = 4096;

/**
 * Answers one request to `/_clock`.
 *
 * @param req - The request.
 * @param res - The response.
 * @param clock - The bridge's clock.
 * @param manual - The same clock when it is manual (movable), else undefined.
 * @param bodyTimeoutMs - Time allowed for the body.
 */
export async function handleClock(
  req: IncomingMessage,
  res: ServerResponse,
  clock: Clock,
  manual: ManualClock | undefined,
  bodyTimeoutMs: number,
): Promise<void> {
  if (req.method === 'GET') {
    req.resume();
    sendPlainJson(res, 200, JSON.stringify({ Time: clock.now().toISOString(), Manual: manual !== undefined }));
    return;
  }
  if (req.method !== 'POST') {
    req.resume();
    sendPlainJson(res, 405, JSON.stringify({ message: 'Use GET or POST on /_clock.' }));
    return;
  }
  const body = await readBodyOr(req, res, MAX_CLOCK_BODY, bodyTimeoutMs, (error) =>
    sendPlainJson(res, error.statusCode, JSON.stringify({ message: error.message })),
  );
  if (body === undefined) return;
  if (manual === undefined) {
    sendPlainJson(res, 409, JSON.stringify({ message: 'The clock is real time; start the server with --clock manual to move it.' }));
    return;
  }
  const move = readMove(body.toString('utf8'));
  if (typeof move === 'string') {
    sendPlainJson(res, 400, JSON.stringify({ message: move }));
    return;
  }
  const fired = 'advanceMs' in move ? manual.advance(move.advanceMs) : manual.setTime(move.time);
  sendPlainJson(res, 200, JSON.stringify({ Time: manual.now().toISOString(), Fired: fired }));
}

/** The move a body asks for, or why it cannot be read. */
function readMove(text: string): { advanceMs: number } | { time: Date } | string {
  const usage = 'Send {"AdvanceSeconds": N} with N >= 0, or {"Time": "<ISO 8601>"}.';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return `The body is not JSON. ${usage}`;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return usage;
  const record = value as Record<string, unknown>;
  const hasAdvance = Object.hasOwn(record, 'AdvanceSeconds');
  const hasTime = Object.hasOwn(record, 'Time');
  if (hasAdvance === hasTime) return usage;
  if (hasAdvance) {
    const seconds = record['AdvanceSeconds'];
    // Bounded at 1,000 years, so the instant stays a valid Date.
    if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0 || seconds > 31_557_600_000) return usage;
    return { advanceMs: Math.round(seconds * 1000) };
  }
  const time = record['Time'];
  const ms = typeof time === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(time) ? Date.parse(time) : Number.NaN;
  if (Number.isNaN(ms)) return usage;
  return { time: new Date(ms) };
}
