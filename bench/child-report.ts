// Shared by the scenarios that `npm run bench` runs in a child process of their own (CityLots,
// adversarial arrays): load the built package, run, and hand the report to the parent over IPC, or
// print it when the script runs alone.

import type { BenchedApi } from './scenario-worker.js';

/**
 * Runs a scenario against the built package and reports its outcome.
 *
 * @param run - Produces the report (progress lines go to `log`).
 * @param format - The report as the table printed when run alone.
 */
export async function reportFromChild<T>(run: (api: BenchedApi, log: (line: string) => void) => T, format: (report: T) => string): Promise<void> {
  const api = (await import('eventbridge-matcher' as string)) as BenchedApi;
  try {
    const report = run(api, (line) => console.log(line));
    if (process.send !== undefined) process.send({ ok: true, report });
    else console.log(`\n${format(report)}`);
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    if (process.send !== undefined) process.send({ ok: false, error });
    else console.error(error);
    process.exitCode = 1;
  }
}
