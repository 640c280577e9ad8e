/**
 * Scheduled rules that fire: every enabled rule with a ScheduleExpression sends AWS's Scheduled
 * Event (`source` `aws.events`, `detail-type` `Scheduled Event`, `resources` [the rule's ARN],
 * `detail` `{}`, `time` the scheduled instant) to its own targets, through the one event path
 * (`routeEvent` with the rule as its only destination: a scheduled event is not matched against the
 * bus's other rules, and not archived).
 *
 * When: a `rate` fires every period counted from the moment the rule got its schedule (AWS: the
 * schedule "starts when you create the scheduled event rule"); a `cron` at the start of each
 * matching minute, UTC. A disabled rule does not fire, and does not catch up when enabled again.
 *
 * Who moves time: a clock with `subscribe` (a {@link ManualClock}) tells the instance of each move
 * and the due firings run then, in time order; otherwise one unref'd timer waits for the next due
 * firing, re-armed whenever a rule changes, and stopped by `close`.
 */

import type { Clock, ScheduledFiring } from './clock.js';
import { publishProduced, routeEvent } from './event-path.js';
import { compileSchedule, nextFireMs } from './schedule.js';
import type { CompiledSchedule } from './schedule.js';
import { DEFAULT_BUS } from './state.js';
import type { BridgeState, RuleRecord, RuleScheduler } from './state.js';
import type { ProducedEventListener } from './records.js';
export type { ProducedEventListener } from './records.js';
import { formatEventTime } from './time.js';

/** Most firings one move of the clock sends; the rest of that move is skipped (see `Scheduler.skipped`). */
export const MAX_FIRINGS_PER_MOVE = 50_000;
/** setTimeout's longest delay. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** What the scheduler knows of one scheduled rule. */
interface Entry {
  readonly expression: string;
  readonly schedule: CompiledSchedule;
  /** When the rule got this expression (rate schedules count from it). */
  readonly anchorMs: number;
  /** The next instant the rule is due, or undefined once a cron never fires again. */
  nextMs: number | undefined;
}


/** The schedules of one instance. */
export class Scheduler implements RuleScheduler {
  private readonly entries = new WeakMap<RuleRecord, Entry>();
  private readonly clock: Clock;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private unsubscribe: (() => void) | undefined;
  private closed = false;
  private state: BridgeState | undefined;
  /** Listeners of every event a schedule or replay routes (the HTTP server logs them). */
  readonly listeners = new Set<ProducedEventListener>();
  /** Rules whose firings were cut short because one move was due more than {@link MAX_FIRINGS_PER_MOVE}. */
  skipped = 0;

  /** @param clock - The instance's clock. */
  constructor(clock: Clock) {
    this.clock = clock;
  }

  /**
   * Starts driving schedules for an instance: subscribes to a driving clock, or arms real timers.
   *
   * @param state - The instance.
   */
  attach(state: BridgeState): void {
    this.state = state;
    if (this.clock.subscribe !== undefined) {
      this.unsubscribe = this.clock.subscribe((_from, to) => this.runDue(to.getTime()));
    }
  }

  /**
   * Notes a rule after PutRule: a new or changed expression starts counting now; a rule without one
   * is forgotten. A rule that had no schedule and still has none changes nothing (loading many
   * pattern rules does not re-arm the timer once each).
   *
   * @param rule - The rule as now stored.
   */
  ruleChanged(rule: RuleRecord): void {
    const expression = rule.scheduleExpression;
    const known = this.entries.get(rule);
    if (expression === undefined) {
      if (known === undefined) return;
      this.entries.delete(rule);
    } else if (known?.expression !== expression) {
      const schedule = compileSchedule(expression);
      if (schedule !== undefined) {
        const nowMs = this.clock.now().getTime();
        this.entries.set(rule, { expression, schedule, anchorMs: nowMs, nextMs: nextFireMs(schedule, nowMs, nowMs) });
      }
    }
    this.arm();
  }

  /**
   * Fires every firing due at or before `toMs`, in time order then rule name.
   *
   * @param toMs - Epoch ms the clock reached.
   * @returns What fired.
   */
  runDue(toMs: number): ScheduledFiring[] {
    const state = this.state;
    if (state === undefined || this.closed) return [];
    const due: Array<{ rule: RuleRecord; atMs: number }> = [];
    for (const rule of scheduledRules(state)) {
      const entry = this.entries.get(rule);
      if (entry === undefined) continue;
      const enabled = rule.state !== 'DISABLED';
      while (entry.nextMs !== undefined && entry.nextMs <= toMs) {
        if (enabled && due.length >= MAX_FIRINGS_PER_MOVE) {
          // Past the bound: the rest of this move is skipped, not walked.
          this.skipped += 1;
          entry.nextMs = nextFireMs(entry.schedule, toMs, entry.anchorMs);
          break;
        }
        if (enabled) due.push({ rule, atMs: entry.nextMs });
        entry.nextMs = nextFireMs(entry.schedule, entry.nextMs, entry.anchorMs);
        // A disabled rule skips straight past the move.
        if (!enabled && entry.nextMs !== undefined && entry.nextMs <= toMs) {
          entry.nextMs = nextFireMs(entry.schedule, toMs, entry.anchorMs);
        }
      }
    }
    due.sort((a, b) => a.atMs - b.atMs || (a.rule.name < b.rule.name ? -1 : a.rule.name > b.rule.name ? 1 : 0));
    return due.map(({ rule, atMs }) => this.fire(state, rule, atMs));
  }

  /** Stops the timer and the clock subscription; nothing fires afterwards. */
  close(): void {
    this.closed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.unsubscribe?.();
  }

  private fire(state: BridgeState, rule: RuleRecord, atMs: number): ScheduledFiring {
    const routed = routeEvent(
      state,
      rule.busName,
      { source: 'aws.events', detailType: 'Scheduled Event', detail: '{}', resources: [rule.arn], timeMs: atMs },
      { onlyRule: rule },
    );
    if ('ErrorCode' in routed) throw new Error('A scheduled event cannot be malformed.');
    publishProduced(this.listeners, routed, { kind: 'schedule', name: rule.name });
    return { Rule: rule.name, RuleArn: rule.arn, Time: formatEventTime(atMs), EventId: routed.id, Event: routed.envelope };
  }

  /** With real time: one timer for the earliest due firing. */
  private arm(): void {
    if (this.clock.subscribe !== undefined || this.closed || this.state === undefined) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    let earliest: number | undefined;
    for (const rule of scheduledRules(this.state)) {
      const next = this.entries.get(rule)?.nextMs;
      if (next !== undefined && (earliest === undefined || next < earliest)) earliest = next;
    }
    if (earliest === undefined) return;
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, earliest - this.clock.now().getTime()));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.runDue(this.clock.now().getTime());
      this.arm();
    }, delay);
    this.timer.unref();
  }
}

/** Rules that have a schedule (only the default bus can hold them: PutRule refuses others). */
function* scheduledRules(state: BridgeState): Generator<RuleRecord> {
  const bus = state.buses.get(DEFAULT_BUS);
  if (bus === undefined) return;
  for (const rule of bus.rules.values()) if (rule.scheduleExpression !== undefined) yield rule;
}
