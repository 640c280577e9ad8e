/** `serve --clock manual`: POST /_clock moves the server's clock and fires due schedules (issue 14). */

import { expect, test } from 'vitest';
import { CliUsageError } from '../../src/cli/io.js';
import { runServe } from '../../src/cli/serve.js';
import { memoryIo } from '../cli/helpers.js';
import { callOperation, rawRequest, withServe } from './helpers.js';

test('serve --clock manual: the clock stands still until POST /_clock, which fires every due schedule in order', async () => {
  const code = await withServe(['--port', '0', '--clock', 'manual'], async ({ url }) => {
    const start = (JSON.parse((await rawRequest(url, { method: 'GET', path: '/_clock' })).body) as { Time: string; Manual: boolean });
    expect(start.Manual).toBe(true);
    expect(Math.abs(Date.parse(start.Time) - Date.now())).toBeLessThan(60_000);
    expect((await callOperation(url, 'PutRule', { Name: 'five', ScheduleExpression: 'rate(5 minutes)' })).status).toBe(200);
    expect((await callOperation(url, 'PutRule', { Name: 'one', ScheduleExpression: 'rate(1 minute)' })).status).toBe(200);
    // Real time has passed (the calls, and a pause long enough for a millisecond clock to tick);
    // the manual clock has not.
    await new Promise((resolve) => setTimeout(resolve, 25));
    const still = JSON.parse((await rawRequest(url, { method: 'GET', path: '/_clock' })).body) as { Time: string };
    expect(still.Time).toBe(start.Time);
    const moved = await rawRequest(url, { path: '/_clock', body: JSON.stringify({ AdvanceSeconds: 300 }) });
    expect(moved.status).toBe(200);
    const answer = JSON.parse(moved.body) as { Time: string; Fired: Array<{ Rule: string; Time: string }> };
    expect(Date.parse(answer.Time) - Date.parse(start.Time)).toBe(300_000);
    expect(answer.Fired.map((f) => f.Rule)).toEqual(['one', 'one', 'one', 'one', 'five', 'one']);
    const times = answer.Fired.map((f) => Date.parse(f.Time));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });
  expect(code).toBe(0);
});

test('serve --clock takes real or manual only', async () => {
  await expect(runServe(['--port', '0', '--clock', 'fast'], memoryIo())).rejects.toBeInstanceOf(CliUsageError);
});
