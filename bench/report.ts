// Turns benchmark results into a console table, target verdicts and a hand-written SVG chart
// (events/s against rule count, both axes log scale, one line per scenario plus a dashed JSON.parse
// line per event shape). Pure functions of the result records: no I/O, no timing.

/** A benchmark.js measurement. */
export interface Measurement {
  /** Operations (events) per second. */
  readonly hz: number;
  /** Relative margin of error, in percent. */
  readonly rme: number;
  /** Number of samples taken. */
  readonly samples: number;
}

/** Results for one scenario at one rule count. */
export interface CountResult {
  readonly rules: number;
  /** Wall time of the addRule loop. */
  readonly buildSeconds: number;
  readonly addsPerSecond: number;
  /** Heap growth after a full GC, divided by the rule count; null without --expose-gc. */
  readonly heapBytesPerRule: number | null;
  /** Heap left after deleting every rule again (after a full GC), relative to before the build; null without --expose-gc. */
  readonly heapLeftAfterDeleteBytes?: number | null;
  /** Total matches over the event pool, from the oracle (and asserted against the Matcher). */
  readonly expectedMatches: number;
  /** How many (rule, event) pairs the oracle was checked on against testEventPattern. */
  readonly oracleChecks: number;
  readonly match: Measurement;
  /** JSON.parse hz of the same events, timed right after `match` (older results: absent). */
  readonly parseHz?: number;
  /**
   * The matcher's rate over JSON.parse's on the same events, in paired passes (the two alternate,
   * a pass of each per round, the median of the rounds' ratios); older results: absent.
   */
  readonly pairedToJsonParse?: number;
  /**
   * At 10,000 rules: the matcher's rate with `{ trusted: true }` (the bus's way of matching the
   * envelopes it builds) over its strict rate, in paired passes as `pairedToJsonParse`; absent at
   * other counts, in older results, and for builds without the option.
   */
  readonly trustedToStrict?: number;
  /**
   * Match rate over JSON.parse rate: `pairedToJsonParse` when there is one, else `match.hz` divided by
   * `parseHz` (the JSON.parse timed next to it), else by the scenario's JSON.parse hz.
   */
  readonly ratioToJsonParse: number;
  /**
   * At 100,000 rules: a matcher of the scenario's first 100 rules, timed again right after this
   * count's timings, with a JSON.parse of its own right after it (older results: absent), so that
   * 100k ÷ 100 compares two matchers timed together; and `paired`, this count's matcher and that
   * one timed in alternating passes over the same events, the median of the rounds' rate ratios
   * (older results: absent).
   */
  readonly reference?: { readonly rules: number; readonly match: Measurement; readonly parseHz: number; readonly paired?: number };
}

/**
 * A count's match rate over JSON.parse's: the paired timing when the count has one; else its
 * benchmark.js rate over the JSON.parse timed right after it, or over the scenario's mean JSON.parse
 * rate (older results).
 *
 * @param count - The count's figures (without the ratio itself).
 * @param scenarioParseHz - The scenario's mean JSON.parse rate.
 * @returns The ratio.
 */
export function jsonParseRatio(count: Omit<CountResult, 'ratioToJsonParse'>, scenarioParseHz: number): number {
  return count.pairedToJsonParse ?? count.match.hz / (count.parseHz ?? scenarioParseHz);
}

/**
 * The rate at `large` rules over the rate at `small`: the paired timing of the two matchers when
 * `large` has one; else, each relative to the JSON.parse timed next to it, from `large`'s own timing
 * of a `small`-rule matcher, or from the two counts' timings (taken minutes apart).
 *
 * @param small - The smaller count's result.
 * @param large - The larger count's result.
 * @returns The ratio.
 */
export function scaleRatio(small: CountResult, large: CountResult): number {
  const reference = large.reference;
  if (reference !== undefined && reference.rules === small.rules && reference.paired !== undefined) return reference.paired;
  if (reference !== undefined && reference.rules === small.rules && large.parseHz !== undefined) {
    return large.match.hz / large.parseHz / (reference.match.hz / reference.parseHz);
  }
  return large.ratioToJsonParse / small.ratioToJsonParse;
}

/** The per-rule testEventPattern loop, measured on a sample of events. */
export interface LoopResult {
  readonly rules: number;
  /** Whole events run (each against every rule). */
  readonly events: number;
  readonly seconds: number;
  /** events / seconds. */
  readonly hz: number;
}

/** Results for one scenario. */
export interface ScenarioResult {
  readonly name: string;
  readonly shape: 'envelope' | 'citylots';
  readonly family: string;
  readonly description: string;
  readonly simple: boolean;
  /** Distinct event texts in the pool. */
  readonly events: number;
  readonly averageEventBytes: number;
  /** JSON.parse of the same texts: the mean of the runs below (rme is their worst). */
  readonly jsonParse: Measurement;
  /** JSON.parse timed before and after the matcher measurements. */
  readonly jsonParseRuns: readonly Measurement[];
  readonly loop: LoopResult | null;
  /** match hz at the loop's rule count divided by the loop's hz. */
  readonly speedupOverLoop: number | null;
  readonly counts: readonly CountResult[];
  /** The rule count whose build ran over its time budget and was abandoned (larger counts were skipped). */
  readonly abandoned: AbandonedBuild | null;
}

/** A build that ran over its time budget. */
export interface AbandonedBuild {
  /** The rule count that was being built. */
  readonly rules: number;
  /** Rules added when the budget ran out. */
  readonly added: number;
  readonly seconds: number;
}

/**
 * Formats a rate or count compactly, to 3 significant digits: 1234567 → "1.23M".
 *
 * @param value - A non-negative number.
 * @returns The short form.
 */
export function formatCompact(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value >= 1e6) return `${(value / 1e6).toPrecision(3)}M`;
  if (value >= 1e3) return `${(value / 1e3).toPrecision(3)}k`;
  if (value >= 10) return value.toFixed(0);
  return value.toPrecision(3);
}

function formatRules(n: number): string {
  return n >= 1000 ? `${n / 1000}k` : String(n);
}

/**
 * Renders the results as a fixed-width text table, one row per scenario and rule count.
 *
 * @param scenarios - Results in report order.
 * @returns The table, with a header and a trailing newline.
 */
export function formatTable(scenarios: readonly ScenarioResult[]): string {
  const header = ['scenario', 'rules', 'build s', 'adds/s', 'heap B/rule', 'left after delete', 'matches', 'events/s', '±%', 'x JSON.parse', 'trusted/strict', 'x rule loop'];
  const rows: string[][] = [];
  for (const s of scenarios) {
    for (const c of s.counts) {
      rows.push([
        s.name,
        formatRules(c.rules),
        c.buildSeconds.toFixed(3),
        formatCompact(c.addsPerSecond),
        c.heapBytesPerRule === null ? 'n/a' : c.rules < 100 ? '' : c.heapBytesPerRule.toFixed(0),
        c.heapLeftAfterDeleteBytes == null || c.rules < 100 ? '' : formatBytes(c.heapLeftAfterDeleteBytes),
        String(c.expectedMatches),
        formatCompact(c.match.hz),
        c.match.rme.toFixed(1),
        c.ratioToJsonParse.toFixed(2),
        c.trustedToStrict === undefined ? '' : c.trustedToStrict.toFixed(2),
        s.loop !== null && s.loop.rules === c.rules && s.speedupOverLoop !== null ? `${formatCompact(s.speedupOverLoop)}x` : '',
      ]);
    }
    if (s.abandoned !== null) {
      const a = s.abandoned;
      rows.push([s.name, formatRules(a.rules), `>${a.seconds.toFixed(0)}`, formatCompact(a.added / a.seconds), '', '', '', '', '', '', '',
        `build abandoned: ${a.added} added in ${a.seconds.toFixed(1)} s`]);
    }
    rows.push([
      `  JSON.parse (${s.averageEventBytes} B)`, '', '', '', '', '', '', formatCompact(s.jsonParse.hz), s.jsonParse.rme.toFixed(1), '1.00', '',
      s.loop === null ? '' : `loop ${formatCompact(s.loop.hz)} ev/s`,
    ]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
}

/** A signed byte count in KiB or MiB, for heap differences. */
function formatBytes(bytes: number): string {
  const abs = Math.abs(bytes);
  const text = abs >= 1 << 20 ? `${(abs / (1 << 20)).toFixed(1)} MiB` : `${(abs / 1024).toFixed(0)} KiB`;
  return bytes < 0 ? `-${text}` : text;
}

/**
 * Renders the results as a Markdown table (for the results section of docs/guide/benchmarking.md).
 *
 * @param scenarios - Results in report order.
 * @returns The Markdown table.
 */
export function formatMarkdownTable(scenarios: readonly ScenarioResult[]): string {
  const lines = [
    '| scenario | event size | JSON.parse ev/s | 1 rule | 100 rules | 10k rules | 100k rules | 10k ÷ JSON.parse | trusted ÷ strict (10k) | 100k ÷ 100 | vs per-rule loop (10k) | 100k build s | heap B/rule (100k) | heap left after deleting the 100k |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const s of scenarios) {
    const at = (n: number): CountResult | undefined => s.counts.find((c) => c.rules === n);
    const rate = (n: number): string => {
      const c = at(n);
      if (c !== undefined) return formatCompact(c.match.hz);
      return s.abandoned !== null && s.abandoned.rules <= n ? 'build > budget' : '–';
    };
    const c10k = at(10_000);
    const c100 = at(100);
    const c100k = at(100_000);
    lines.push(`| ${s.name} | ${s.averageEventBytes} B | ${formatCompact(s.jsonParse.hz)} | ${rate(1)} | ${rate(100)} | ${rate(10_000)} | ${rate(100_000)} | ` +
      `${c10k === undefined ? '–' : c10k.ratioToJsonParse.toFixed(2)} | ` +
      `${c10k?.trustedToStrict === undefined ? '–' : c10k.trustedToStrict.toFixed(2)} | ` +
      `${c100 === undefined || c100k === undefined ? '–' : scaleRatio(c100, c100k).toFixed(2)} | ` +
      `${s.speedupOverLoop === null ? '–' : `${formatCompact(s.speedupOverLoop)}x`} | ` +
      `${c100k !== undefined ? c100k.buildSeconds.toFixed(2) : s.abandoned?.rules === 100_000 ? `> ${s.abandoned.seconds.toFixed(0)} (${s.abandoned.added} added)` : '–'} | ` +
      `${c100k?.heapBytesPerRule == null ? '–' : c100k.heapBytesPerRule.toFixed(0)} | ` +
      `${c100k?.heapLeftAfterDeleteBytes == null ? '–' : formatBytes(c100k.heapLeftAfterDeleteBytes)} |`);
  }
  return lines.join('\n') + '\n';
}

/** One issue-3 target judged on one scenario. */
export interface TargetVerdict {
  /** What issue 3 asks for. */
  readonly target: string;
  /** Which scenario. */
  readonly scenario: string;
  /** Null when the run could not measure it. */
  readonly met: boolean | null;
  /** The figures behind the verdict. */
  readonly detail: string;
}

/**
 * Judges the issue-3 targets against the results. Targets are reported, never asserted.
 *
 * @param scenarios - Results.
 * @returns One verdict per target and scenario it applies to.
 */
export function judgeTargets(scenarios: readonly ScenarioResult[]): TargetVerdict[] {
  const verdicts: TargetVerdict[] = [];
  const at = (s: ScenarioResult, n: number): CountResult | undefined => s.counts.find((c) => c.rules === n);
  for (const s of scenarios) {
    const c10k = at(s, 10_000);
    if ((s.family === 'exact' || s.family === 'prefix') && c10k !== undefined) {
      const need = s.shape === 'citylots' ? 2 : 1;
      verdicts.push({
        target: `10k ${s.family} rules >= ${need}x JSON.parse`,
        scenario: s.name,
        met: c10k.ratioToJsonParse >= need,
        detail: `${formatCompact(c10k.match.hz)} ev/s vs JSON.parse ${formatCompact(c10k.parseHz ?? s.jsonParse.hz)} ev/s; ` +
          `${c10k.pairedToJsonParse !== undefined ? 'paired passes over the same events, median of the rounds' : 'the two rates'} = ${c10k.ratioToJsonParse.toFixed(2)}x`,
      });
    }
  }
  for (const s of scenarios) {
    const c100 = at(s, 100);
    const c100k = at(s, 100_000);
    if (c100 === undefined || c100k === undefined) continue;
    // Paired passes of the two matchers when the result has them; else each rate relative to the
    // JSON.parse timed next to it, so drift of the machine's speed between the two measurements does
    // not count, the 100-rule rate timed again right after the 100k one when there is one.
    const ratio = scaleRatio(c100, c100k);
    const small = c100k.reference?.match.hz ?? c100.match.hz;
    const how =
      c100k.reference?.paired !== undefined
        ? 'paired passes of the two matchers over the same events, median of the rounds'
        : 'each relative to JSON.parse timed next to it';
    verdicts.push({
      target: '100k rules >= 0.7x the rate at 100 rules',
      scenario: s.name,
      met: ratio >= 0.7,
      detail: `${formatCompact(c100k.match.hz)} vs ${formatCompact(small)} ev/s${c100k.reference !== undefined ? ' (100 rules timed right after)' : ''}; ${how} = ${ratio.toFixed(2)}x`,
    });
  }
  for (const s of scenarios) {
    if (s.speedupOverLoop === null || s.loop === null) continue;
    verdicts.push({
      target: '>= 1000x the per-rule testEventPattern loop at 10k rules',
      scenario: s.name,
      met: s.speedupOverLoop >= 1000,
      detail: `${formatCompact(s.speedupOverLoop)}x (loop: ${s.loop.events} events x ${s.loop.rules} rules in ${s.loop.seconds.toFixed(2)} s)`,
    });
  }
  for (const s of scenarios) {
    const c100k = at(s, 100_000);
    const abandoned = s.abandoned;
    if (c100k === undefined && abandoned !== null && abandoned.rules <= 100_000) {
      verdicts.push({
        target: '100k rules added in < 5 s',
        scenario: s.name,
        met: false,
        detail: `build of ${abandoned.rules} rules abandoned after ${abandoned.seconds.toFixed(1)} s with ${abandoned.added} added ` +
          `(${formatCompact(abandoned.added / abandoned.seconds)} adds/s); matching at 100k not measured`,
      });
    }
    if (c100k === undefined) continue;
    verdicts.push({
      target: '100k rules added in < 5 s',
      scenario: s.name,
      met: c100k.buildSeconds < 5,
      detail: `${c100k.buildSeconds.toFixed(2)} s (${formatCompact(c100k.addsPerSecond)} adds/s)`,
    });
    if (s.simple) {
      verdicts.push({
        target: '< 1 KB heap per simple rule (100k rules)',
        scenario: s.name,
        met: c100k.heapBytesPerRule === null ? null : c100k.heapBytesPerRule < 1024,
        detail: c100k.heapBytesPerRule === null ? 'not measured (run with --expose-gc)' : `${c100k.heapBytesPerRule.toFixed(0)} B/rule`,
      });
    }
  }
  return verdicts;
}

/**
 * Renders verdicts as text lines: "[met] target (scenario): detail".
 *
 * @param verdicts - From judgeTargets.
 * @returns One line per verdict.
 */
export function formatVerdicts(verdicts: readonly TargetVerdict[]): string {
  return verdicts.map((v) => `[${v.met === null ? '??' : v.met ? 'met' : 'MISSED'}] ${v.target} (${v.scenario}): ${v.detail}`).join('\n') + '\n';
}

const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#393b79', '#7f7f7f', '#aec7e8', '#98df8a'];

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function tickLabel(value: number): string {
  if (value >= 1e6) return `${value / 1e6}M`;
  if (value >= 1e3) return `${value / 1e3}k`;
  return String(value);
}

/**
 * Draws events/s against rule count (log-log), one polyline per scenario and a dashed horizontal
 * JSON.parse line per event shape (the mean over that shape's scenarios). Hand-written SVG 1.1.
 *
 * @param scenarios - Results; scenarios with no counts are skipped.
 * @param subtitle - Second title line (machine, Node version, date).
 * @returns The SVG document.
 */
export function renderChart(scenarios: readonly ScenarioResult[], subtitle: string): string {
  const width = 1000;
  const height = 560;
  const plot = { left: 80, top: 60, right: 720, bottom: 500 };
  const drawn = scenarios.filter((s) => s.counts.length > 0);
  const ruleValues = drawn.flatMap((s) => s.counts.map((c) => c.rules));
  const parseByShape = new Map<string, number[]>();
  for (const s of drawn) parseByShape.set(s.shape, [...(parseByShape.get(s.shape) ?? []), s.jsonParse.hz]);
  const rates = [...drawn.flatMap((s) => s.counts.map((c) => c.match.hz)), ...drawn.map((s) => s.jsonParse.hz)].filter((r) => r > 0);
  const xMin = 0;
  const xMax = Math.max(1, Math.ceil(Math.log10(Math.max(10, ...ruleValues))));
  const yMin = Math.floor(Math.log10(Math.min(...rates, 1e4)));
  const yMax = Math.ceil(Math.log10(Math.max(...rates, 1e5)));
  const x = (rules: number): number => plot.left + ((Math.log10(rules) - xMin) / (xMax - xMin)) * (plot.right - plot.left);
  const y = (rate: number): number => plot.bottom - ((Math.log10(rate) - yMin) / (yMax - yMin)) * (plot.bottom - plot.top);
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${plot.left}" y="24" font-size="16" font-weight="bold">eventbridge-matcher: events/s by rule count (log-log)</text>`,
    `<text x="${plot.left}" y="44" fill="#555">${escapeXml(subtitle)}</text>`,
  ];
  // Grid and ticks.
  for (let d = xMin; d <= xMax; d++) {
    const px = x(10 ** d).toFixed(1);
    out.push(`<line x1="${px}" y1="${plot.top}" x2="${px}" y2="${plot.bottom}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${px}" y="${plot.bottom + 18}" text-anchor="middle">${tickLabel(10 ** d)}</text>`);
  }
  for (let d = yMin; d <= yMax; d++) {
    const py = y(10 ** d).toFixed(1);
    out.push(`<line x1="${plot.left}" y1="${py}" x2="${plot.right}" y2="${py}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${plot.left - 8}" y="${(Number(py) + 4).toFixed(1)}" text-anchor="end">${tickLabel(10 ** d)}</text>`);
  }
  out.push(`<rect x="${plot.left}" y="${plot.top}" width="${plot.right - plot.left}" height="${plot.bottom - plot.top}" fill="none" stroke="#333"/>`);
  out.push(`<text x="${(plot.left + plot.right) / 2}" y="${plot.bottom + 40}" text-anchor="middle">rules in the matcher</text>`);
  out.push(`<text x="20" y="${(plot.top + plot.bottom) / 2}" text-anchor="middle" transform="rotate(-90 20 ${(plot.top + plot.bottom) / 2})">events per second</text>`);
  // JSON.parse baselines.
  const legend = [];
  let shapeIndex = 0;
  for (const [shape, values] of parseByShape) {
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const py = y(mean).toFixed(1);
    const dash = shapeIndex === 0 ? '8 4' : '2 4';
    out.push(`<line x1="${plot.left}" y1="${py}" x2="${plot.right}" y2="${py}" stroke="#444" stroke-width="2" stroke-dasharray="${dash}"/>`);
    legend.push({ label: `JSON.parse, ${shape} (${formatCompact(mean)}/s)`, color: '#444', dash });
    shapeIndex++;
  }
  // One line per scenario.
  drawn.forEach((s, i) => {
    const color = PALETTE[i % PALETTE.length] ?? '#000';
    const points = s.counts.map((c) => `${x(c.rules).toFixed(1)},${y(c.match.hz).toFixed(1)}`);
    const dash = s.shape === 'citylots' ? ' stroke-dasharray="6 3"' : '';
    out.push(`<polyline points="${points.join(' ')}" fill="none" stroke="${color}" stroke-width="2"${dash}/>`);
    for (const c of s.counts) out.push(`<circle cx="${x(c.rules).toFixed(1)}" cy="${y(c.match.hz).toFixed(1)}" r="3" fill="${color}"/>`);
    legend.push({ label: s.name, color, dash: s.shape === 'citylots' ? '6 3' : '' });
  });
  legend.forEach((entry, i) => {
    const ly = plot.top + 10 + i * 20;
    const dash = entry.dash === '' ? '' : ` stroke-dasharray="${entry.dash}"`;
    out.push(`<line x1="${plot.right + 16}" y1="${ly}" x2="${plot.right + 44}" y2="${ly}" stroke="${entry.color}" stroke-width="2"${dash}/>`);
    out.push(`<text x="${plot.right + 50}" y="${ly + 4}">${escapeXml(entry.label)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
