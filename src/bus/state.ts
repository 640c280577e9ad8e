/**
 * The state one {@link EventBridge} holds, shared by the resource modules (`buses.ts`, `rules.ts`,
 * `targets.ts`, ...) and the event path (`event-path.ts`): the account and region, the clock and id
 * generator, the limits, and the buses with their rules. Also the names every module needs: ARNs,
 * and finding a bus by name or ARN.
 *
 * Invariant: each bus's `matcher` holds exactly its enabled rules that have an EventPattern
 * ({@link syncMatcher} is the one place that keeps it so).
 *
 * A resource adds its store here, as a member of {@link BridgeState} (schedules, archives, replays,
 * connections) or of {@link BusRecord} (tags, policy, settings), and its operations in a module of its own.
 */

import { randomUUID } from 'node:crypto';
import { Matcher } from '../match/matcher.js';
import type { ParsedPattern } from '../pattern/ast.js';
import type { ParsePatternOptions } from '../pattern/parse.js';
import { systemClock } from './clock.js';
import type { Clock } from './clock.js';
import { DeliveryHub } from './delivery.js';
import { NamedRecords } from './named-records.js';
import type { ArchiveStore, BusPolicy, BusSettings, ConnectionStores, ProducedEventListener, ReplayStore } from './records.js';
import type { DroppedReason, EventBridgeOptions, RuleState, Tag, Target } from './types.js';
import { notFoundError } from './validation.js';

/** The bus that always exists, and that a request without `EventBusName` means. */
export const DEFAULT_BUS = 'default';
const DEFAULT_ACCOUNT = '123456789012';
const DEFAULT_REGION = 'us-east-1';
/** AWS's PutEvents payload limit since 2026-01-29 (1 MiB). */
const DEFAULT_MAX_REQUEST_SIZE = 1024 * 1024;
const BUS_ARN = /^arn:aws[\w-]*:events:([a-z]+-[a-z]+-[\w-]+):([0-9]{12}):event-bus\/(.+)$/;

/** One rule, as stored. */
export interface RuleRecord {
  readonly name: string;
  readonly arn: string;
  readonly busName: string;
  eventPattern: string | undefined;
  parsed: ParsedPattern | undefined;
  scheduleExpression: string | undefined;
  state: RuleState;
  description: string | undefined;
  roleArn: string | undefined;
  tags: readonly Tag[] | undefined;
  /** Targets by Id, in insertion order. */
  readonly targets: Map<string, Target>;
}

/** One event bus, as stored. */
export interface BusRecord {
  readonly name: string;
  readonly arn: string;
  description: string | undefined;
  readonly creationTime: Date;
  lastModifiedTime: Date;
  /** Tags (tags.ts). */
  tags: readonly Tag[] | undefined;
  /** The resource policy PutPermission builds (permissions.ts), shown as `Policy`. */
  policy: BusPolicy | undefined;
  /** KMS key, dead-letter and log settings, kept as given (bus-update.ts). */
  settings: BusSettings;
  readonly rules: NamedRecords<RuleRecord>;
  /** Holds exactly the enabled rules that have a pattern. */
  readonly matcher: Matcher;
}

/** Everything one EventBridge instance holds. */
export interface BridgeState {
  readonly account: string;
  readonly region: string;
  readonly now: () => Date;
  readonly newId: () => string;
  /** Largest total entry size PutEvents accepts (AWS's formula, bytes); a request reaching it fails. */
  readonly maxRequestSize: number;
  /** How PutRule and TestEventPattern read patterns (the configured length limit, if any). */
  readonly patternOptions: ParsePatternOptions;
  readonly buses: NamedRecords<BusRecord>;
  /** Delivery handlers, retries in progress and dead letters (delivery.ts). */
  readonly delivery: DeliveryHub;
  /** The clock behind `now` (clock.ts). */
  readonly clock: Clock;
  /** Fires scheduled rules (schedules.ts). */
  readonly scheduler: RuleScheduler;
  /** Archives by name (archives.ts). */
  readonly archives: ArchiveStore;
  /** Replays by name (replays.ts). */
  readonly replays: ReplayStore;
  /** Connections and API destinations (connections.ts). */
  readonly connections: ConnectionStores;
}

/** What the instance needs of its scheduler (`schedules.ts` implements it; built by the front). */
export interface RuleScheduler {
  /** Told of every event a schedule or a replay produces. */
  readonly listeners: Set<ProducedEventListener>;
  /** Starts firing the instance's scheduled rules. */
  attach(state: BridgeState): void;
  /**
   * A rule was created or replaced (PutRule). Enabling, disabling and deleting need no call: the
   * scheduler keys its entries weakly by record and skips disabled rules when it fires.
   */
  ruleChanged(rule: RuleRecord): void;
  /** Stops firing (and any timer). */
  close(): void;
}

/** Where an event goes: a bus of this instance, or nowhere (with the reason). */
export type Destination = { readonly bus: BusRecord } | { readonly name: string; readonly dropped: DroppedReason };

/**
 * A new instance's state, holding the `default` bus.
 *
 * @param options - The constructor's options; see {@link EventBridgeOptions} for the defaults.
 * @param makeScheduler - Builds the scheduler on the instance's clock (passed in, so this module
 *   imports no resource module).
 * @returns The state.
 */
export function createBridgeState(options: EventBridgeOptions, makeScheduler: (clock: Clock) => RuleScheduler): BridgeState {
  // A clock given drives both stamps and schedules; `now` alone only stamps (schedules use real timers).
  const clock: Clock = options.clock ?? (options.now === undefined ? systemClock : { now: options.now });
  const now = (): Date => clock.now();
  const state: BridgeState = {
    account: options.account ?? DEFAULT_ACCOUNT,
    region: options.region ?? DEFAULT_REGION,
    now,
    newId: options.newId ?? randomUUID,
    maxRequestSize: options.maxRequestSize ?? DEFAULT_MAX_REQUEST_SIZE,
    patternOptions: options.maxEventPatternLength === undefined ? {} : { maxLength: options.maxEventPatternLength },
    buses: new NamedRecords(),
    delivery: new DeliveryHub(options, now),
    clock,
    scheduler: makeScheduler(clock),
    archives: new NamedRecords(),
    replays: new NamedRecords(),
    connections: { connections: new NamedRecords(), apiDestinations: new NamedRecords() },
  };
  addBus(state, DEFAULT_BUS, undefined);
  state.scheduler.attach(state);
  return state;
}

/**
 * Creates and stores an empty bus.
 *
 * @param state - The instance.
 * @param name - The bus name (already validated and free).
 * @param description - Its description, if any.
 * @returns The bus.
 */
export function addBus(state: BridgeState, name: string, description: string | undefined): BusRecord {
  const creationTime = state.now();
  const bus: BusRecord = {
    name,
    arn: eventsArn(state, `event-bus/${name}`),
    description,
    creationTime,
    lastModifiedTime: creationTime,
    tags: undefined,
    policy: undefined,
    settings: {},
    rules: new NamedRecords(),
    matcher: new Matcher(),
  };
  state.buses.set(bus);
  return bus;
}

/**
 * A rule's ARN: `rule/<name>` on the default bus, `rule/<bus>/<name>` on others.
 *
 * @param state - The instance.
 * @param busName - The rule's bus.
 * @param ruleName - The rule's name.
 * @returns The ARN.
 */
export function ruleArn(state: BridgeState, busName: string, ruleName: string): string {
  const path = busName === DEFAULT_BUS ? ruleName : `${busName}/${ruleName}`;
  return eventsArn(state, `rule/${path}`);
}

/**
 * The ARN of an EventBridge resource of this instance (its region and account).
 *
 * @param state - The instance.
 * @param resource - The resource part: `event-bus/orders`, `archive/nightly`, `connection/<name>/<id>`.
 * @returns `arn:aws:events:<region>:<account>:<resource>`.
 */
export function eventsArn(state: BridgeState, resource: string): string {
  return `arn:aws:events:${state.region}:${state.account}:${resource}`;
}

/**
 * A rule of a bus.
 *
 * @param bus - The bus.
 * @param ruleName - The rule's name.
 * @returns The rule.
 * @throws {@link EventBridgeError} `ResourceNotFoundException` `Rule <name> does not exist on EventBus <bus>.`
 */
export function ruleOn(bus: BusRecord, ruleName: string): RuleRecord {
  const rule = bus.rules.get(ruleName);
  if (rule === undefined) throw notFoundError(ruleNotFound(ruleName, bus.name));
  return rule;
}

/** The text of AWS's ResourceNotFoundException for a rule. */
export function ruleNotFound(ruleName: string, busName: string): string {
  return `Rule ${ruleName} does not exist on EventBus ${busName}.`;
}

/**
 * The bus a request names (`default` when absent).
 *
 * @param state - The instance.
 * @param nameOrArn - A bus name or ARN.
 * @returns The bus.
 * @throws {@link EventBridgeError} `ResourceNotFoundException` `Event bus <name> does not exist.`,
 *   also for an ARN of another account or region.
 */
export function findBus(state: BridgeState, nameOrArn: string | undefined): BusRecord {
  if (nameOrArn === undefined) return defaultBus(state);
  let name = nameOrArn;
  const arn = BUS_ARN.exec(nameOrArn);
  if (arn !== null) {
    name = arn[3] ?? '';
    if (arn[1] !== state.region || arn[2] !== state.account) throw notFoundError(`Event bus ${name} does not exist.`);
  }
  const bus = state.buses.get(name);
  if (bus === undefined) throw notFoundError(`Event bus ${name} does not exist.`);
  return bus;
}

/**
 * Where an accepted event goes. Unlike {@link findBus}, an unknown or foreign bus is not an error:
 * AWS accepts such an entry and drops it.
 *
 * @param state - The instance.
 * @param nameOrArn - The entry's `EventBusName`, if any.
 * @returns The bus, or the name and why the event is dropped.
 */
export function destination(state: BridgeState, nameOrArn: string | undefined): Destination {
  if (nameOrArn === undefined) return { bus: defaultBus(state) };
  const arn = BUS_ARN.exec(nameOrArn);
  const name = arn === null ? nameOrArn : (arn[3] ?? '');
  if (arn !== null && (arn[1] !== state.region || arn[2] !== state.account)) {
    return {
      name,
      dropped: {
        Reason: 'ForeignBus',
        Message: `Event bus ${nameOrArn} belongs to account ${arn[2] ?? ''} in ${arn[1] ?? ''}; this EventBridge holds account ${state.account} in ${state.region}.`,
      },
    };
  }
  const bus = state.buses.get(name);
  if (bus === undefined) return { name, dropped: { Reason: 'BusNotFound', Message: `Event bus ${name} does not exist.` } };
  return { bus };
}

/**
 * Keeps the bus's matcher holding exactly its enabled rules with a pattern; call after every
 * change of a rule's pattern or state.
 *
 * @param bus - The rule's bus.
 * @param rule - The rule, as now stored.
 */
export function syncMatcher(bus: BusRecord, rule: RuleRecord): void {
  if (rule.parsed !== undefined && rule.state !== 'DISABLED') bus.matcher.addRule(rule.name, rule.parsed);
  else bus.matcher.deleteRule(rule.name);
}

function defaultBus(state: BridgeState): BusRecord {
  return state.buses.get(DEFAULT_BUS) as BusRecord;
}
