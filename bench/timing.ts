// Small helpers the bench's timings share: the CPU clock, the JSON.parse baseline, the median, and
// whether the build under test can be timed in trusted mode.

/**
 * This process's CPU time in microseconds, user and system (so garbage-collector threads count):
 * other processes on a shared machine disturb it far less than wall-clock time.
 */
export function cpuMicros(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

/**
 * The `JSON.parse` baseline for one event text, as the timed loops call it.
 *
 * @param text - A JSON text.
 * @returns A number for the loop's sink (so the call cannot be dropped).
 */
export function parseLine(text: string): number {
  return JSON.parse(text) === null ? 1 : 0;
}

/**
 * The median of some numbers (the mean of the two middle ones for an even count).
 *
 * @param values - The numbers (not modified).
 * @returns Their median; `NaN` for none.
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Whether the benched build's `Matcher.match` takes options (`{ trusted: true }`): builds from
 * before the option, timed for comparison, do not.
 *
 * @param match - `Matcher.prototype.match` of the loaded package.
 */
export function hasTrustedOption(match: (...args: never[]) => unknown): boolean {
  return match.length >= 2;
}
