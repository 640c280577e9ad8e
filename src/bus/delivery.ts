/**
 * Delivery of matched events to targets (docs/putevents.md): for each target of each matched rule,
 * the input it receives (src/targets/), then, off the PutEvents call, the receivers: the local
 * function routed to the target's ARN (`EventBridgeOptions.targetHandlers`) and every
 * `onDelivery` handler. A receiver that throws (or rejects) is tried again per the target's
 * `RetryPolicy` (AWS defaults: 185 retries, 24 hours), with short delays by default; when the
 * attempts or the event's age run out, the delivery becomes a dead letter. Nothing here ever
 * throws into PutEvents or blocks it: as on AWS, PutEvents has accepted the event already.
 */

import { TargetInputError, targetInput } from '../targets/index.js';
import type { TargetInputSpec } from '../targets/index.js';
import type { DeadLetter, Delivery, DeliveryHandler, EventBridgeOptions, Target, TargetDelivery } from './types.js';

/** AWS's default `MaximumRetryAttempts`. */
export const DEFAULT_MAX_RETRY_ATTEMPTS = 185;
/** AWS's default `MaximumEventAgeInSeconds` (24 hours). */
export const DEFAULT_MAX_EVENT_AGE_SECONDS = 86_400;
/** Delay before each retry unless configured, in ms: short, so tests see outcomes in seconds. */
export const DEFAULT_RETRY_DELAY_MS = 1000;
/** Most dead letters kept; older ones are dropped first. */
export const MAX_DEAD_LETTERS = 10_000;
/**
 * Most deliveries in progress at once (retries waiting included). Past it, a new delivery becomes a
 * dead letter at once, so a burst of events to a failing receiver cannot grow memory without bound.
 */
export const MAX_PENDING_DELIVERIES = 10_000;

/**
 * Thrown by a receiver for a failure that retrying cannot fix (e.g. an HTTP 4xx): the delivery
 * becomes a dead letter at once.
 */
export class PermanentDeliveryError extends Error {
  override readonly name = 'PermanentDeliveryError';
}

/** What the event path knows about one matched event. */
export interface MatchedEvent {
  readonly eventId: string;
  readonly busName: string;
  readonly envelope: string;
  readonly traceHeader: string | undefined;
}

/** A matched rule and its targets. */
export interface MatchedRuleTargets {
  readonly name: string;
  readonly arn: string;
  readonly targets: ReadonlyMap<string, Target>;
}

/** The delivery state of one EventBridge instance. */
export class DeliveryHub {
  private readonly handlers = new Set<DeliveryHandler>();
  private readonly routes: ReadonlyMap<string, DeliveryHandler>;
  private readonly retryDelay: (retry: number) => number;
  private readonly setTimer: (callback: () => void, ms: number) => void;
  private readonly now: () => Date;
  private readonly letters: DeadLetter[] = [];
  private pending = 0;
  private idleWaiters: Array<() => void> = [];

  /**
   * @param options - The instance's options (`targetHandlers`, `retryDelayMs`, `setTimer`).
   * @param now - The instance's clock, for event ages.
   */
  constructor(options: EventBridgeOptions, now: () => Date) {
    this.routes = new Map(Object.entries(options.targetHandlers ?? {}));
    const delay = options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;
    this.retryDelay = typeof delay === 'function' ? delay : (): number => delay;
    this.setTimer =
      options.setTimer ??
      ((callback, ms): void => {
        // Unref'd: a retry waiting for its turn never keeps a process (or a test run) alive.
        setTimeout(callback, ms).unref();
      });
    this.now = now;
  }

  /**
   * Adds a handler called for every delivery.
   *
   * @param handler - Sync or async; throwing or rejecting fails the attempt.
   * @returns A function that removes the handler.
   */
  subscribe(handler: DeliveryHandler): () => void {
    this.handlers.add(handler);
    return () => {
      this.handlers.delete(handler);
    };
  }

  /** Dead letters so far, oldest first. */
  deadLetters(): DeadLetter[] {
    return this.letters.map((letter) => ({ ...letter }));
  }

  /** Forgets the dead letters. */
  clearDeadLetters(): void {
    this.letters.length = 0;
  }

  /** Resolves once no delivery is in progress (retries waiting included). */
  settled(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Works out what each target of the matched rules receives and starts the deliveries. Never
   * throws; the receivers run after the caller returns.
   *
   * @param event - The matched event.
   * @param rules - The matched rules, sorted by name.
   * @returns One item per target of each rule (a target whose input cannot be built gets none and
   *   becomes a dead letter).
   */
  deliver(event: MatchedEvent, rules: readonly MatchedRuleTargets[]): TargetDelivery[] {
    const out: TargetDelivery[] = [];
    if (rules.length === 0) return out;
    const ingestedMs = this.now().getTime();
    const ingestionTime = new Date(ingestedMs);
    const trace = event.traceHeader === undefined ? {} : { TraceHeader: event.traceHeader };
    for (const rule of rules) {
      for (const target of rule.targets.values()) {
        const base = { Rule: rule.name, TargetId: target.Id, TargetArn: target.Arn };
        let input: string;
        try {
          input = shapesInput(target)
            ? targetInput(target as TargetInputSpec, event.envelope, {
                ruleName: rule.name,
                ruleArn: rule.arn,
                ingestionTime,
              })
            : event.envelope; // the envelope is already the compact text AWS delivers
        } catch (error) {
          this.addDeadLetter(event, rule, target, undefined, 0, describe(error));
          continue;
        }
        const delivery: TargetDelivery = { ...base, Input: input, ...trace };
        out.push(delivery);
        const receivers = this.receiversFor(target.Arn);
        if (receivers.length === 0) continue;
        if (this.pending >= MAX_PENDING_DELIVERIES) {
          this.addDeadLetter(event, rule, target, input, 0, `Too many deliveries in progress (${MAX_PENDING_DELIVERIES}).`);
          continue;
        }
        this.track(() => this.attempts(event, rule, target, delivery, receivers, ingestedMs));
      }
    }
    return out;
  }

  private receiversFor(arn: string): DeliveryHandler[] {
    const routed = this.routes.get(arn);
    return routed === undefined ? [...this.handlers] : [routed, ...this.handlers];
  }

  /** Runs `work` (a delivery's attempts) after the caller returns, counted in `pending` until it ends. */
  private track(work: () => Promise<void>): void {
    this.pending++;
    void Promise.resolve()
      .then(work)
      .catch(() => undefined)
      .finally(() => {
        this.pending--;
        if (this.pending === 0) {
          const waiters = this.idleWaiters;
          this.idleWaiters = [];
          for (const resolve of waiters) resolve();
        }
      });
  }

  private async attempts(
    event: MatchedEvent,
    rule: MatchedRuleTargets,
    target: Target,
    delivery: TargetDelivery,
    receivers: DeliveryHandler[],
    ingestedMs: number,
  ): Promise<void> {
    const { maxRetries, maxAgeMs } = retryPolicy(target);
    let waiting = receivers;
    for (let attempt = 1; ; attempt++) {
      const handed: Delivery = {
        ...delivery,
        EventId: event.eventId,
        EventBusName: event.busName,
        RuleArn: rule.arn,
        Event: event.envelope,
        Attempt: attempt,
      };
      const failed: DeliveryHandler[] = [];
      let lastError: unknown;
      for (const receiver of waiting) {
        try {
          await receiver({ ...handed });
        } catch (error) {
          failed.push(receiver);
          lastError = error;
        }
      }
      if (failed.length === 0) return;
      waiting = failed;
      if (lastError instanceof PermanentDeliveryError || attempt - 1 >= maxRetries) {
        this.addDeadLetter(event, rule, target, delivery.Input, attempt, describe(lastError));
        return;
      }
      await new Promise<void>((resolve) => this.setTimer(resolve, Math.max(0, this.retryDelay(attempt))));
      if (this.now().getTime() - ingestedMs > maxAgeMs) {
        this.addDeadLetter(event, rule, target, delivery.Input, attempt, `${describe(lastError)} (event older than MaximumEventAgeInSeconds)`);
        return;
      }
    }
  }

  private addDeadLetter(
    event: MatchedEvent,
    rule: MatchedRuleTargets,
    target: Target,
    input: string | undefined,
    attempts: number,
    lastError: string,
  ): void {
    const dlq = target.DeadLetterConfig;
    const letter: DeadLetter = {
      EventId: event.eventId,
      EventBusName: event.busName,
      Rule: rule.name,
      RuleArn: rule.arn,
      TargetId: target.Id,
      TargetArn: target.Arn,
      ...(input === undefined ? {} : { Input: input }),
      Attempts: attempts,
      LastError: lastError,
      FailedAt: this.now().toISOString(),
      ...(typeof dlq?.Arn === 'string' ? { DeadLetterArn: dlq.Arn } : {}),
    };
    this.letters.push(letter);
    if (this.letters.length > MAX_DEAD_LETTERS) this.letters.splice(0, this.letters.length - MAX_DEAD_LETTERS);
  }
}

/** Whether the target has an `Input`, `InputPath` or `InputTransformer` (else it receives the envelope). */
function shapesInput(target: Target): boolean {
  const has = (key: 'Input' | 'InputPath' | 'InputTransformer'): boolean => target[key] !== undefined && target[key] !== null;
  return has('Input') || has('InputPath') || has('InputTransformer');
}

/** The target's retry limits, AWS's defaults where it sets none. */
function retryPolicy(target: Target): { maxRetries: number; maxAgeMs: number } {
  const policy = target.RetryPolicy;
  const retries = policy?.MaximumRetryAttempts;
  const age = policy?.MaximumEventAgeInSeconds;
  return {
    maxRetries: typeof retries === 'number' ? retries : DEFAULT_MAX_RETRY_ATTEMPTS,
    maxAgeMs: (typeof age === 'number' ? age : DEFAULT_MAX_EVENT_AGE_SECONDS) * 1000,
  };
}

function describe(error: unknown): string {
  if (error instanceof TargetInputError) return `TargetInputError: ${error.message}`;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
