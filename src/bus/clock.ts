/**
 * Clocks for {@link EventBridge}: the time events and resources are stamped with, and the time
 * schedules fire at. Real time by default; a {@link ManualClock} lets a test move time by hand, and
 * every instance built on it fires its due schedules, in order, as the clock moves.
 */

/** What a schedule firing produced (returned by {@link ManualClock.advance} and `setTime`). */
export interface ScheduledFiring {
  /** The rule's name. */
  readonly Rule: string;
  readonly RuleArn: string;
  /** The scheduled instant (ISO 8601), also the event's `time`. */
  readonly Time: string;
  /** The event's id. */
  readonly EventId: string;
  /** The Scheduled Event envelope, as the rule's targets receive it before any input shaping. */
  readonly Event: string;
}

/** Called by a driving clock after it moved; returns what fired because of the move. */
export type ClockListener = (from: Date, to: Date) => ScheduledFiring[];

/**
 * A source of time. `now` is all an instance needs; a clock that also has `subscribe` drives
 * schedules itself (the instance then starts no timers and fires only when the clock moves).
 */
export interface Clock {
  /** The current instant. */
  now(): Date;
  /**
   * Registers an instance to be told of every move, so it fires its due schedules.
   *
   * @returns A function that unregisters it.
   */
  subscribe?(listener: ClockListener): () => void;
}

/** Real time: `new Date()`. Instances on it fire schedules from unref'd timers. */
export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that only moves when told to. It starts at the real time (or the given instant).
 *
 * @example
 * ```ts
 * const clock = new ManualClock(new Date('2026-01-05T00:00:00Z'));
 * const eb = new EventBridge({ clock });
 * eb.putRule({ Name: 'tick', ScheduleExpression: 'rate(1 minute)' });
 * clock.advance(5 * 60_000).length; // 5
 * ```
 */
export class ManualClock implements Clock {
  private ms: number;
  private readonly listeners = new Set<ClockListener>();

  /**
   * @param start - The first instant; the real time when omitted.
   * @throws RangeError for an invalid date.
   */
  constructor(start: Date = new Date()) {
    this.ms = checkedTime(start);
  }

  /** @returns The clock's current instant. */
  now(): Date {
    return new Date(this.ms);
  }

  /**
   * Registers a listener told of every move (instances do this themselves).
   *
   * @param listener - Called with the old and new instants after each move.
   * @returns A function that unregisters it.
   */
  subscribe(listener: ClockListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Moves the clock forward and fires every schedule due in between, in time order.
   *
   * @param ms - Milliseconds to move forward (0 or more).
   * @returns What fired, in time order then rule name.
   * @throws RangeError for a negative or non-finite amount.
   */
  advance(ms: number): ScheduledFiring[] {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance takes a finite, non-negative number of ms, not ${ms}.`);
    return this.setTime(new Date(this.ms + ms));
  }

  /**
   * Sets the clock to any instant. Moving forward fires every schedule due up to and including
   * that instant; moving back fires nothing.
   *
   * @param time - The new instant.
   * @returns What fired, in time order then rule name.
   * @throws RangeError for an invalid date.
   */
  setTime(time: Date): ScheduledFiring[] {
    const to = checkedTime(time);
    const from = this.ms;
    this.ms = to;
    if (to <= from) return [];
    const fired: ScheduledFiring[] = [];
    for (const listener of [...this.listeners]) fired.push(...listener(new Date(from), new Date(to)));
    return fired.sort((a, b) => (a.Time < b.Time ? -1 : a.Time > b.Time ? 1 : a.Rule < b.Rule ? -1 : a.Rule > b.Rule ? 1 : 0));
  }
}

function checkedTime(time: Date): number {
  const ms = time instanceof Date ? time.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new RangeError('The clock needs a valid Date.');
  return ms;
}
