/**
 * Part of the {@link EventBridge} front: events in and out: PutEvents and TestEventPattern, deliveries to targets, schedules and the events they and replays produce. Each method documents one
 * operation and hands the call, with the instance's state, to its module; no logic here. The
 * front is a chain of such classes, one file per group of resources, so that no file grows with
 * every new operation (docs/design/009-bus-layout.md).
 */

import type { Clock } from '../clock.js';
import { putEvents } from '../put-events.js';
import type { ProducedEventListener } from '../schedules.js';
import { testEventPattern } from '../test-event-pattern.js';
import type {
  PutEventsContext, PutEventsRequest, PutEventsResponse, TestEventPatternRequest, TestEventPatternResponse,
  DeadLetter, DeliveryHandler,
} from '../types.js';
import { CoreFront } from './core.js';

/** Events in and out: PutEvents and TestEventPattern, deliveries to targets, schedules and the events they and replays produce (see {@link EventBridge}). */
export class EventsFront extends CoreFront {
  // Events (put-events.ts, event-path.ts, test-event-pattern.ts) ---------------------------------

  /**
   * PutEvents: validates the request, then each entry; every accepted entry gets an EventId and an
   * envelope, and is matched against the enabled rules of its bus. Results are in request order,
   * one per entry. An entry for a bus that does not exist is accepted and dropped, as AWS does; its
   * `Matches` item says so in `Dropped`.
   *
   * @param input - `{ Entries }`: 1 to 10 `PutEventsRequestEntry` objects (`Time` may be a Date,
   *   epoch seconds or a date string).
   * @param context - `{ traceHeader? }`: the HTTP `X-Amzn-Trace-Id`, copied into every match item.
   * @returns `{ FailedEntryCount, Entries, Matches }`.
   * @throws {@link EventBridgeError} `ValidationException` for 0 or more than 10 entries (AWS's
   *   message, echoing the entries up to a bounded length) or a request whose total size reaches the
   *   limit (`Total size of the entries in the request is over the limit.`); `SerializationException`
   *   for wrong types.
   */
  putEvents(input: PutEventsRequest, context: PutEventsContext = {}): PutEventsResponse {
    // Typed for callers; checked at run time all the same, for input decoded from the wire or JSON.
    return putEvents(this.state, input, context);
  }

  /**
   * TestEventPattern: validates the pattern as PutRule does, checks that the event is a JSON object
   * with the envelope fields AWS requires (`id, account, source, time, region, detail-type`), and
   * evaluates the pattern. `{ EventPattern, Event }` (both JSON text) → `{ Result }`.
   *
   * @throws {@link InvalidEventPatternError} for a pattern AWS rejects.
   * @throws {@link EventBridgeError} `ValidationException` `Parameter Event is not valid.` for an
   *   event that is not a JSON object or lacks a required field.
   */
  testEventPattern(input: TestEventPatternRequest): TestEventPatternResponse {
    return testEventPattern(this.state, input);
  }

  // Delivery (delivery.ts) -------------------------------------------------------------------------

  /**
   * Calls `handler` for every delivery: once per target of each rule an event matches, with the
   * exact input the target receives (`Input`, `InputPath` or `InputTransformer` applied). Runs
   * after `putEvents` returns, never inside it. A handler that throws or rejects fails the attempt;
   * the attempt is retried per the target's `RetryPolicy` (delays: the `retryDelayMs` option), then
   * recorded as a dead letter (see {@link EventBridge.deadLetters}).
   *
   * @example
   * ```ts
   * const eb = new EventBridge();
   * eb.onDelivery((d) => console.log(d.TargetArn, d.Input));
   * ```
   *
   * @param handler - Sync or async function of a {@link Delivery}.
   * @returns A function that removes the handler.
   */
  onDelivery(handler: DeliveryHandler): () => void {
    return this.state.delivery.subscribe(handler);
  }

  /**
   * Deliveries given up: retries or the event's age ran out (`RetryPolicy`), a receiver threw a
   * `PermanentDeliveryError`, or the target's input could not be built. Oldest first, at most 10,000.
   *
   * @returns Copies of the dead letters.
   */
  deadLetters(): DeadLetter[] {
    return this.state.delivery.deadLetters();
  }

  /** Forgets the dead letters. */
  clearDeadLetters(): void {
    this.state.delivery.clearDeadLetters();
  }

  /**
   * Waits until no delivery is in progress, retries waiting for their turn included. Useful in tests:
   * `eb.putEvents(...); await eb.deliveriesSettled();`.
   *
   * @returns A promise that resolves once every started delivery has succeeded or become a dead letter.
   */
  deliveriesSettled(): Promise<void> {
    return this.state.delivery.settled();
  }

  // Schedules (schedules.ts, clock.ts) and the events they and replays produce ---------------------

  /**
   * Calls `listener` for every event a schedule firing or a replay sends (PutEvents' events are in
   * its result instead), with the same shape as a `Matches` item of PutEvents. The HTTP server
   * logs these in `/_matches`.
   *
   * @param listener - Called with the match and its origin (`schedule` and the rule name, or
   *   `replay` and the replay name); what it throws is ignored.
   * @returns A function that removes the listener.
   */
  onEvent(listener: ProducedEventListener): () => void {
    this.state.scheduler.listeners.add(listener);
    return () => {
      this.state.scheduler.listeners.delete(listener);
    };
  }

  /**
   * Stops firing schedules: clears the real-time timer, or leaves the manual clock. Deliveries in
   * progress go on (see {@link EventBridge.deliveriesSettled}).
   */
  close(): void {
    this.state.scheduler.close();
  }

  /**
   * @returns The instance's clock: the `clock` option (e.g. a `ManualClock`), else real time.
   */
  getClock(): Clock {
    return this.state.clock;
  }
}
