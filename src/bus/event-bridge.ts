/**
 * The in-process EventBridge: event buses, rules, targets, PutEvents and TestEventPattern with AWS's
 * request and response shapes, error codes and messages (PUTEVENTS.md). Each bus owns one compiled
 * `Matcher` holding exactly its enabled rules that have an EventPattern, so PutEvents costs one
 * automaton walk per entry whatever the number of rules. All state is in memory; nothing is
 * delivered to targets (they are stored and listed).
 */

import { randomUUID } from 'node:crypto';
import { EventBridgeError } from '../errors.js';
import { InvalidEventError } from '../event/errors.js';
import { flattenEventObject } from '../event/flatten.js';
import { parseEventText } from '../event/parse-event.js';
import type { EventObject } from '../event/parse-event.js';
import { Matcher } from '../match/matcher.js';
import { matchesPattern } from '../match/reference.js';
import type { ParsedPattern } from '../pattern/ast.js';
import { parsePattern } from '../pattern/parse.js';
import type { ParsePatternOptions } from '../pattern/parse.js';
import { checkEntry, entrySize, isFailure, javaEntryString, readEntry } from './entry.js';
import type { EntryInput } from './entry.js';
import { isValidScheduleExpression } from './schedule.js';
import { formatEventTime } from './time.js';
import type {
  CreateEventBusRequest,
  CreateEventBusResponse,
  DeleteEventBusRequest,
  DeleteRuleRequest,
  DescribeEventBusRequest,
  DescribeEventBusResponse,
  DescribeRuleResponse,
  DroppedReason,
  EventBridgeOptions,
  EventBus,
  ListEventBusesRequest,
  ListEventBusesResponse,
  ListRulesRequest,
  ListRulesResponse,
  ListTargetsByRuleRequest,
  ListTargetsByRuleResponse,
  MatchedRule,
  PutEventsContext,
  PutEventsMatch,
  PutEventsRequest,
  PutEventsResponse,
  PutEventsResultEntry,
  PutRuleRequest,
  PutRuleResponse,
  PutTargetsRequest,
  RemoveTargetsRequest,
  Rule,
  RuleRef,
  RuleState,
  Tag,
  Target,
  TargetsResponse,
  TestEventPatternRequest,
  TestEventPatternResponse,
} from './types.js';
import {
  BUS_NAME_OR_ARN_PATTERN,
  BUS_NAME_PATTERN,
  Constraints,
  NAME_PATTERN,
  member,
  objectMember,
  optionalInteger,
  optionalString,
  requestObject,
  serializationError,
} from './validation.js';

const DEFAULT_BUS = 'default';
const DEFAULT_ACCOUNT = '123456789012';
const DEFAULT_REGION = 'us-east-1';
/** AWS's PutEvents payload limit since 2026-01-29 (1 MiB). */
const DEFAULT_MAX_REQUEST_SIZE = 1024 * 1024;
const MAX_ENTRIES = 10;
const MAX_TARGETS_PER_RULE = 5;
const RULE_STATES: readonly RuleState[] = ['ENABLED', 'DISABLED', 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS'];
const EVENT_SOURCE_PATTERN = 'aws\\.partner(/[\\.\\-_A-Za-z0-9]+){2,}';
/** Envelope fields TestEventPattern insists on (SEMANTICS §2.1). */
const REQUIRED_EVENT_FIELDS = ['id', 'account', 'source', 'time', 'region', 'detail-type'] as const;
const BUS_ARN = /^arn:aws[\w-]*:events:([a-z]+-[a-z]+-[\w-]+):([0-9]{12}):event-bus\/(.+)$/;

interface RuleRecord {
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

interface BusRecord {
  readonly name: string;
  readonly arn: string;
  readonly description: string | undefined;
  readonly creationTime: Date;
  readonly rules: Map<string, RuleRecord>;
  /** Holds exactly the enabled rules that have a pattern. */
  readonly matcher: Matcher;
}

/** Where a PutEvents entry goes: a bus of this instance, or nowhere (with the reason). */
type Destination = { readonly bus: BusRecord } | { readonly name: string; readonly dropped: DroppedReason };

function isEnabled(state: RuleState): boolean {
  return state !== 'DISABLED';
}

function notFound(message: string): EventBridgeError {
  return new EventBridgeError('ResourceNotFoundException', message);
}

function validation(message: string): EventBridgeError {
  return new EventBridgeError('ValidationException', message);
}

/** Splits a sorted list into a page. Tokens are opaque to callers (the decimal offset, base64url). */
function paginate<T>(items: readonly T[], nextToken: string | undefined, limit: number | undefined): { page: T[]; next?: string } {
  let start = 0;
  if (nextToken !== undefined) {
    const decoded = Buffer.from(nextToken, 'base64url').toString('utf8');
    if (!/^(0|[1-9][0-9]{0,8})$/.test(decoded)) throw validation('The NextToken provided is not valid.');
    start = Number(decoded);
  }
  const end = limit === undefined ? items.length : Math.min(items.length, start + limit);
  const page = items.slice(start, end);
  return end < items.length ? { page, next: Buffer.from(String(end), 'utf8').toString('base64url') } : { page };
}

function byName<T extends { readonly name: string }>(a: T, b: T): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * Amazon EventBridge in-process: buses, rules, targets and PutEvents with AWS-exact shapes.
 *
 * Methods take and return AWS's PascalCase structures; errors are {@link EventBridgeError}s whose
 * `name` is AWS's error code and `message` AWS's text. A `default` bus always exists. The class is
 * synchronous and not meant to be shared between threads. Inputs are typed for TypeScript callers
 * but checked at run time as AWS checks the wire (values from `JSON.parse` are safe to pass).
 *
 * @example
 * ```ts
 * const eb = new EventBridge();
 * eb.putRule({ Name: 'orders', EventPattern: '{"source":["shop"]}' });
 * const out = eb.putEvents({ Entries: [{ Source: 'shop', DetailType: 'Order', Detail: '{"id":1}' }] });
 * out.Matches[0]?.Rules; // [{ Name: 'orders', Arn: 'arn:aws:events:us-east-1:123456789012:rule/orders' }]
 * ```
 */
export class EventBridge {
  private readonly account: string;
  private readonly region: string;
  private readonly now: () => Date;
  private readonly newId: () => string;
  private readonly maxRequestSize: number;
  /** How PutRule and TestEventPattern read patterns (the configured length limit, if any). */
  private readonly patternOptions: ParsePatternOptions;
  private readonly buses = new Map<string, BusRecord>();

  /**
   * @param options - Account, region, clock, id generator and limits; all optional (see
   *   {@link EventBridgeOptions} for the defaults).
   */
  constructor(options: EventBridgeOptions = {}) {
    this.account = options.account ?? DEFAULT_ACCOUNT;
    this.region = options.region ?? DEFAULT_REGION;
    this.now = options.now ?? ((): Date => new Date());
    this.newId = options.newId ?? randomUUID;
    this.maxRequestSize = options.maxRequestSize ?? DEFAULT_MAX_REQUEST_SIZE;
    this.patternOptions = options.maxEventPatternLength === undefined ? {} : { maxLength: options.maxEventPatternLength };
    this.addBus(DEFAULT_BUS, undefined);
  }

  // ---------------------------------------------------------------------------------------------
  // Event buses

  /**
   * CreateEventBus.
   *
   * @param input - `{ Name, Description?, EventSourceName?, KmsKeyIdentifier?, DeadLetterConfig?, Tags? }`.
   * @returns `{ EventBusArn, Description? }`.
   * @throws {@link EventBridgeError} `ValidationException` for a name outside the model or starting
   *   with `aws.`; `ResourceAlreadyExistsException` (`Event bus <name> already exists.`, also for
   *   `default`); `ResourceNotFoundException` for an `EventSourceName` (no partner sources exist here).
   */
  createEventBus(input: CreateEventBusRequest): CreateEventBusResponse {
    const req = requestObject(input);
    const name = optionalString(member(req, 'Name'), 'Name');
    const description = optionalString(member(req, 'Description'), 'Description');
    const eventSource = optionalString(member(req, 'EventSourceName'), 'EventSourceName');
    const c = new Constraints();
    c.required(name, 'name');
    c.text(name, 'name', 1, 256, BUS_NAME_PATTERN);
    c.text(eventSource, 'eventSourceName', 1, 256, EVENT_SOURCE_PATTERN);
    c.text(description, 'description', 0, 512);
    c.throwIfAny();
    const busName = name as string;
    if (this.buses.has(busName)) throw new EventBridgeError('ResourceAlreadyExistsException', `Event bus ${busName} already exists.`);
    if (eventSource !== undefined) throw notFound(`Event source ${eventSource} does not exist.`);
    if (busName.startsWith('aws.')) throw validation("EventBus name starting with 'aws.' is not valid.");
    if (busName.includes('/')) throw validation("Event bus name must not contain '/'.");
    const bus = this.addBus(busName, description);
    return description === undefined ? { EventBusArn: bus.arn } : { EventBusArn: bus.arn, Description: description };
  }

  /**
   * DeleteEventBus. Deleting a bus that does not exist succeeds, as on AWS; its rules go with it.
   *
   * @param input - `{ Name }`.
   * @returns `{}`.
   * @throws {@link EventBridgeError} `ValidationException` `Cannot delete event bus default.` and for
   *   names outside the model.
   */
  deleteEventBus(input: DeleteEventBusRequest): Record<string, never> {
    const req = requestObject(input);
    const name = optionalString(member(req, 'Name'), 'Name');
    const c = new Constraints();
    c.required(name, 'name');
    c.text(name, 'name', 1, 256, BUS_NAME_PATTERN);
    c.throwIfAny();
    if (name === DEFAULT_BUS) throw validation('Cannot delete event bus default.');
    this.buses.delete(name as string);
    return {};
  }

  /**
   * DescribeEventBus.
   *
   * @param input - `{ Name? }`: a name or ARN; the `default` bus when omitted.
   * @returns `{ Name, Arn, Description?, CreationTime, LastModifiedTime }`.
   * @throws {@link EventBridgeError} `ResourceNotFoundException` `Event bus <name> does not exist.`
   */
  describeEventBus(input: DescribeEventBusRequest = {}): DescribeEventBusResponse {
    const req = requestObject(input);
    const name = optionalString(member(req, 'Name'), 'Name');
    const c = new Constraints();
    c.text(name, 'name', 1, 1600, BUS_NAME_OR_ARN_PATTERN);
    c.throwIfAny();
    return this.busView(this.findBus(name));
  }

  /**
   * ListEventBuses, sorted by name.
   *
   * @param input - `{ NamePrefix?, NextToken?, Limit? }` (Limit 1–100).
   * @returns `{ EventBuses, NextToken? }`.
   * @throws {@link EventBridgeError} `ValidationException` for a bad Limit, prefix or token.
   */
  listEventBuses(input: ListEventBusesRequest = {}): ListEventBusesResponse {
    const req = requestObject(input);
    const prefix = optionalString(member(req, 'NamePrefix'), 'NamePrefix');
    const nextToken = optionalString(member(req, 'NextToken'), 'NextToken');
    const limit = optionalInteger(member(req, 'Limit'), 'Limit');
    const c = new Constraints();
    c.text(prefix, 'namePrefix', 1, 256, BUS_NAME_PATTERN);
    c.text(nextToken, 'nextToken', 1, 2048);
    c.range(limit, 'limit', 1, 100);
    c.throwIfAny();
    const buses = [...this.buses.values()].filter((b) => prefix === undefined || b.name.startsWith(prefix)).sort(byName);
    const { page, next } = paginate(buses, nextToken, limit);
    const out: ListEventBusesResponse = { EventBuses: page.map((b) => this.busView(b)) };
    if (next !== undefined) out.NextToken = next;
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Rules

  /**
   * PutRule: creates a rule or replaces every member of an existing one (its targets are kept).
   *
   * @param input - `{ Name, EventPattern?, ScheduleExpression?, State?, Description?, RoleArn?, Tags?, EventBusName? }`.
   * @returns `{ RuleArn }`: `arn:aws:events:<region>:<account>:rule/<name>` on the default bus,
   *   `rule/<bus>/<name>` on others.
   * @throws {@link InvalidEventPatternError} for a pattern AWS rejects (same texts as TestEventPattern).
   * @throws {@link EventBridgeError} `ValidationException` when both EventPattern and
   *   ScheduleExpression are missing, for a bad ScheduleExpression (`Parameter ScheduleExpression is
   *   not valid.`), a ScheduleExpression on a custom bus, or members outside the model;
   *   `ResourceNotFoundException` for an unknown bus.
   */
  putRule(input: PutRuleRequest): PutRuleResponse {
    const req = requestObject(input);
    const name = optionalString(member(req, 'Name'), 'Name');
    const schedule = optionalString(member(req, 'ScheduleExpression'), 'ScheduleExpression');
    const pattern = optionalString(member(req, 'EventPattern'), 'EventPattern');
    const state = optionalString(member(req, 'State'), 'State');
    const description = optionalString(member(req, 'Description'), 'Description');
    const roleArn = optionalString(member(req, 'RoleArn'), 'RoleArn');
    const busName = optionalString(member(req, 'EventBusName'), 'EventBusName');
    const tags = readTags(member(req, 'Tags'));
    const c = new Constraints();
    c.required(name, 'name');
    c.text(name, 'name', 1, 64, NAME_PATTERN);
    c.text(schedule, 'scheduleExpression', 0, 256);
    c.oneOf(state, 'state', RULE_STATES);
    c.text(description, 'description', 0, 512);
    c.text(roleArn, 'roleArn', 1, 1600);
    c.text(busName, 'eventBusName', 1, 1600, BUS_NAME_OR_ARN_PATTERN);
    c.throwIfAny();
    if (pattern === undefined && schedule === undefined) {
      throw validation('Parameter(s) EventPattern or ScheduleExpression must be specified.');
    }
    const bus = this.findBus(busName);
    if (schedule !== undefined) {
      if (bus.name !== DEFAULT_BUS) throw validation('ScheduleExpression is supported only on the default event bus.');
      if (!isValidScheduleExpression(schedule)) throw validation('Parameter ScheduleExpression is not valid.');
    }
    const parsed = pattern === undefined ? undefined : parsePattern(pattern, this.patternOptions);

    const ruleName = name as string;
    let rule = bus.rules.get(ruleName);
    if (rule === undefined) {
      rule = {
        name: ruleName,
        arn: this.ruleArn(bus.name, ruleName),
        busName: bus.name,
        eventPattern: undefined,
        parsed: undefined,
        scheduleExpression: undefined,
        state: 'ENABLED',
        description: undefined,
        roleArn: undefined,
        tags: undefined,
        targets: new Map(),
      };
      bus.rules.set(ruleName, rule);
    }
    // AWS: members omitted from PutRule are not kept from the previous version.
    rule.eventPattern = pattern;
    rule.parsed = parsed;
    rule.scheduleExpression = schedule;
    rule.state = (state as RuleState | undefined) ?? 'ENABLED';
    rule.description = description;
    rule.roleArn = roleArn;
    if (tags !== undefined) rule.tags = tags;
    this.syncMatcher(bus, rule);
    return { RuleArn: rule.arn };
  }

  /**
   * DeleteRule. Deleting a rule that does not exist succeeds, as AWS documents ("If you call delete
   * rule multiple times for the same rule, all calls will succeed").
   *
   * @param input - `{ Name, EventBusName?, Force? }`.
   * @returns `{}`.
   * @throws {@link EventBridgeError} `ValidationException` `Rule can't be deleted since it has targets.`;
   *   `ResourceNotFoundException` for an unknown bus.
   */
  deleteRule(input: DeleteRuleRequest): Record<string, never> {
    const { bus, name } = this.ruleRef(input);
    const rule = bus.rules.get(name);
    if (rule === undefined) return {};
    if (rule.targets.size > 0) throw validation("Rule can't be deleted since it has targets.");
    bus.rules.delete(name);
    bus.matcher.deleteRule(name);
    return {};
  }

  /**
   * DescribeRule.
   *
   * @param input - `{ Name, EventBusName? }`.
   * @returns `{ Name, Arn, EventPattern?, ScheduleExpression?, State, Description?, RoleArn?, EventBusName, CreatedBy }`.
   * @throws {@link EventBridgeError} `ResourceNotFoundException` `Rule <name> does not exist on EventBus <bus>.`
   */
  describeRule(input: RuleRef): DescribeRuleResponse {
    const rule = this.findRule(input);
    const out: DescribeRuleResponse = { Name: rule.name, Arn: rule.arn } as DescribeRuleResponse;
    if (rule.eventPattern !== undefined) out.EventPattern = rule.eventPattern;
    if (rule.scheduleExpression !== undefined) out.ScheduleExpression = rule.scheduleExpression;
    out.State = rule.state;
    if (rule.description !== undefined) out.Description = rule.description;
    if (rule.roleArn !== undefined) out.RoleArn = rule.roleArn;
    out.EventBusName = rule.busName;
    out.CreatedBy = this.account;
    return out;
  }

  /**
   * ListRules of one bus, sorted by name.
   *
   * @param input - `{ NamePrefix?, EventBusName?, NextToken?, Limit? }`.
   * @returns `{ Rules, NextToken? }`.
   * @throws {@link EventBridgeError} `ResourceNotFoundException` for an unknown bus.
   */
  listRules(input: ListRulesRequest = {}): ListRulesResponse {
    const req = requestObject(input);
    const prefix = optionalString(member(req, 'NamePrefix'), 'NamePrefix');
    const busName = optionalString(member(req, 'EventBusName'), 'EventBusName');
    const nextToken = optionalString(member(req, 'NextToken'), 'NextToken');
    const limit = optionalInteger(member(req, 'Limit'), 'Limit');
    const c = new Constraints();
    c.text(prefix, 'namePrefix', 1, 64, NAME_PATTERN);
    c.text(busName, 'eventBusName', 1, 1600, BUS_NAME_OR_ARN_PATTERN);
    c.text(nextToken, 'nextToken', 1, 2048);
    c.range(limit, 'limit', 1, 100);
    c.throwIfAny();
    const bus = this.findBus(busName);
    const rules = [...bus.rules.values()].filter((r) => prefix === undefined || r.name.startsWith(prefix)).sort(byName);
    const { page, next } = paginate(rules, nextToken, limit);
    const out: ListRulesResponse = { Rules: page.map(ruleView) };
    if (next !== undefined) out.NextToken = next;
    return out;
  }

  /**
   * EnableRule: the rule matches events again.
   *
   * @param input - `{ Name, EventBusName? }`.
   * @returns `{}`.
   * @throws {@link EventBridgeError} `ResourceNotFoundException` for an unknown rule or bus.
   */
  enableRule(input: RuleRef): Record<string, never> {
    return this.setState(input, 'ENABLED');
  }

  /**
   * DisableRule: the rule stays stored but matches nothing.
   *
   * @param input - `{ Name, EventBusName? }`.
   * @returns `{}`.
   * @throws {@link EventBridgeError} `ResourceNotFoundException` for an unknown rule or bus.
   */
  disableRule(input: RuleRef): Record<string, never> {
    return this.setState(input, 'DISABLED');
  }

  // ---------------------------------------------------------------------------------------------
  // Targets

  /**
   * PutTargets: stores targets on a rule (same Id replaces). Targets are never invoked.
   *
   * @param input - `{ Rule, EventBusName?, Targets }` (1–100 targets, each with `Id` and `Arn`).
   * @returns `{ FailedEntryCount: 0, FailedEntries: [] }`.
   * @throws {@link EventBridgeError} `ResourceNotFoundException` for an unknown rule or bus;
   *   `LimitExceededException` beyond 5 targets on a rule; `ValidationException` for members outside the model.
   */
  putTargets(input: PutTargetsRequest): TargetsResponse {
    const req = requestObject(input);
    const raw = member(req, 'Targets');
    const c = new Constraints();
    if (c.required(raw, 'targets') && !Array.isArray(raw)) throw serializationError('Targets', 'a list');
    const targets: Target[] = [];
    const list = (raw ?? []) as readonly unknown[];
    list.forEach((t, i) => {
      const record = objectMember(t, `Targets[${i}]`);
      const id = optionalString(member(record, 'Id'), 'Id');
      const arn = optionalString(member(record, 'Arn'), 'Arn');
      const at = `targets.${i + 1}.member`;
      c.required(id, `${at}.id`);
      c.text(id, `${at}.id`, 1, 64, NAME_PATTERN);
      c.required(arn, `${at}.arn`);
      c.text(arn, `${at}.arn`, 1, 1600);
      targets.push({ ...record, Id: id ?? '', Arn: arn ?? '' });
    });
    if (Array.isArray(raw)) {
      c.count(targets.length, `[${targets.map((t) => `Target(id=${t.Id}, arn=${t.Arn})`).join(', ')}]`, 'targets', 1, 100);
    }
    const { rule } = this.ruleInput(req, 'Rule', c);
    const ids = new Set([...rule.targets.keys(), ...targets.map((t) => t.Id)]);
    if (ids.size > MAX_TARGETS_PER_RULE) {
      throw new EventBridgeError('LimitExceededException', 'The requested resource exceeds the maximum number allowed.');
    }
    for (const t of targets) rule.targets.set(t.Id, t);
    return { FailedEntryCount: 0, FailedEntries: [] };
  }

  /**
   * RemoveTargets. Ids the rule does not have are ignored.
   *
   * @param input - `{ Rule, EventBusName?, Ids, Force? }` (1–100 ids).
   * @returns `{ FailedEntryCount: 0, FailedEntries: [] }`.
   * @throws {@link EventBridgeError} `ResourceNotFoundException` for an unknown rule or bus.
   */
  removeTargets(input: RemoveTargetsRequest): TargetsResponse {
    const req = requestObject(input);
    const raw = member(req, 'Ids');
    const c = new Constraints();
    if (c.required(raw, 'ids') && (!Array.isArray(raw) || !raw.every((id) => typeof id === 'string'))) {
      throw serializationError('Ids', 'a list of strings');
    }
    const ids = (raw ?? []) as readonly string[];
    ids.forEach((id, i) => c.text(id, `ids.${i + 1}.member`, 1, 64, NAME_PATTERN));
    if (Array.isArray(raw)) c.count(ids.length, `[${ids.join(', ')}]`, 'ids', 1, 100);
    const { rule } = this.ruleInput(req, 'Rule', c);
    for (const id of ids) rule.targets.delete(id);
    return { FailedEntryCount: 0, FailedEntries: [] };
  }

  /**
   * ListTargetsByRule, in the order the targets were first put.
   *
   * @param input - `{ Rule, EventBusName?, NextToken?, Limit? }`.
   * @returns `{ Targets, NextToken? }`.
   * @throws {@link EventBridgeError} `ResourceNotFoundException` for an unknown rule or bus.
   */
  listTargetsByRule(input: ListTargetsByRuleRequest): ListTargetsByRuleResponse {
    const req = requestObject(input);
    const nextToken = optionalString(member(req, 'NextToken'), 'NextToken');
    const limit = optionalInteger(member(req, 'Limit'), 'Limit');
    const c = new Constraints();
    c.text(nextToken, 'nextToken', 1, 2048);
    c.range(limit, 'limit', 1, 100);
    const { rule } = this.ruleInput(req, 'Rule', c);
    const { page, next } = paginate([...rule.targets.values()], nextToken, limit);
    const out: ListTargetsByRuleResponse = { Targets: page.map((t) => ({ ...t })) };
    if (next !== undefined) out.NextToken = next;
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Events

  /**
   * PutEvents: validates the request, then each entry; every accepted entry gets an EventId and an
   * envelope, and is matched against the enabled rules of its bus.
   *
   * Results are in request order, one per entry. An entry for a bus that does not exist is accepted
   * and dropped, as AWS does; its `Matches` item says so in `Dropped`.
   *
   * @param input - `{ Entries }`: 1 to 10 `PutEventsRequestEntry` objects (`Time` may be a Date,
   *   epoch seconds or a date string).
   * @param context - `{ traceHeader? }`: the HTTP `X-Amzn-Trace-Id`, copied into every match item.
   * @returns `{ FailedEntryCount, Entries, Matches }`.
   * @throws {@link EventBridgeError} `ValidationException` for 0 or more than 10 entries (AWS's
   *   message, echoing each entry) or a request whose total size reaches the limit (`Total size of
   *   the entries in the request is over the limit.`); `SerializationException` for wrong types.
   */
  putEvents(input: PutEventsRequest, context?: PutEventsContext): PutEventsResponse;
  /**
   * PutEvents on an already-decoded wire request (e.g. from `JSON.parse`), checked at run time.
   *
   * @param input - The request object as received.
   * @param context - `{ traceHeader? }`.
   * @returns `{ FailedEntryCount, Entries, Matches }`.
   */
  putEvents(input: Readonly<Record<string, unknown>>, context?: PutEventsContext): PutEventsResponse;
  putEvents(input: unknown, context: PutEventsContext = {}): PutEventsResponse {
    const req = requestObject(input);
    const raw = member(req, 'Entries');
    const c = new Constraints();
    c.required(raw, 'entries');
    c.throwIfAny();
    if (!Array.isArray(raw)) throw serializationError('Entries', 'a list');
    const entries: EntryInput[] = raw.map((e: unknown, i) => readEntry(e, i));
    c.count(entries.length, `[${entries.map(javaEntryString).join(', ')}]`, 'entries', 1, MAX_ENTRIES);
    c.throwIfAny();
    let total = 0;
    for (const e of entries) total += entrySize(e);
    if (total >= this.maxRequestSize) throw validation('Total size of the entries in the request is over the limit.');

    const requestTime = Math.floor(this.now().getTime() / 1000) * 1000;
    const results: PutEventsResultEntry[] = [];
    const matches: PutEventsMatch[] = [];
    let failed = 0;
    // Hot loop: one strict Detail pass, one envelope string and one automaton walk per entry.
    for (const entry of entries) {
      const checked = checkEntry(entry);
      if (isFailure(checked)) {
        results.push(checked);
        failed++;
        continue;
      }
      const id = this.newId();
      const envelope =
        `{"version":"0","id":${JSON.stringify(id)},"detail-type":${JSON.stringify(checked.detailType)},` +
        `"source":${JSON.stringify(checked.source)},"account":${JSON.stringify(this.account)},` +
        `"time":"${formatEventTime(checked.timeMs ?? requestTime)}","region":${JSON.stringify(this.region)},` +
        `"resources":${JSON.stringify(checked.resources)},"detail":${checked.detail}}`;
      const destination = this.destination(checked.eventBusName);
      let rules: MatchedRule[] = [];
      if ('bus' in destination) {
        const bus = destination.bus;
        let names: string[];
        try {
          names = bus.matcher.match(envelope);
        } catch (error) {
          // The Detail passed the strict reader, so this is not expected; never let it escape.
          if (!(error instanceof EventBridgeError)) throw error;
          results.push({ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' });
          failed++;
          continue;
        }
        rules = names.sort().map((n) => ({ Name: n, Arn: this.ruleArn(bus.name, n) }));
      }
      const match: PutEventsMatch = {
        EventId: id,
        EventBusName: 'bus' in destination ? destination.bus.name : destination.name,
        Rules: rules,
        ...(checked.traceHeader === undefined ? {} : { TraceHeader: checked.traceHeader }),
        ...(context.traceHeader === undefined ? {} : { HttpTraceHeader: context.traceHeader }),
        Event: envelope,
        ...('dropped' in destination ? { Dropped: destination.dropped } : {}),
      };
      results.push({ EventId: id });
      matches.push(match);
    }
    return { FailedEntryCount: failed, Entries: results, Matches: matches };
  }

  /**
   * TestEventPattern: validates the pattern as PutRule does, checks that the event is a JSON object
   * with the envelope fields AWS requires (`id, account, source, time, region, detail-type`), and
   * evaluates the pattern.
   *
   * @param input - `{ EventPattern, Event }`, both JSON text.
   * @returns `{ Result }`.
   * @throws {@link InvalidEventPatternError} for a pattern AWS rejects.
   * @throws {@link EventBridgeError} `ValidationException` `Parameter Event is not valid.` for an
   *   event that is not a JSON object or lacks a required field.
   */
  testEventPattern(input: TestEventPatternRequest): TestEventPatternResponse {
    const req = requestObject(input);
    const pattern = optionalString(member(req, 'EventPattern'), 'EventPattern');
    const event = optionalString(member(req, 'Event'), 'Event');
    const c = new Constraints();
    c.required(pattern, 'eventPattern');
    c.required(event, 'event');
    c.throwIfAny();
    const parsed = parsePattern(pattern as string, this.patternOptions);
    const root = envelopeEvent(event as string);
    if (root === undefined) throw validation('Parameter Event is not valid.');
    return { Result: matchesPattern(parsed, flattenEventObject(root)) };
  }

  // ---------------------------------------------------------------------------------------------
  // Internals

  private addBus(name: string, description: string | undefined): BusRecord {
    const bus: BusRecord = {
      name,
      arn: `arn:aws:events:${this.region}:${this.account}:event-bus/${name}`,
      description,
      creationTime: this.now(),
      rules: new Map(),
      matcher: new Matcher(),
    };
    this.buses.set(name, bus);
    return bus;
  }

  private busView(bus: BusRecord): EventBus {
    const out = { Name: bus.name, Arn: bus.arn } as EventBus;
    if (bus.description !== undefined) out.Description = bus.description;
    out.CreationTime = new Date(bus.creationTime.getTime());
    out.LastModifiedTime = new Date(bus.creationTime.getTime());
    return out;
  }

  private ruleArn(busName: string, ruleName: string): string {
    const path = busName === DEFAULT_BUS ? ruleName : `${busName}/${ruleName}`;
    return `arn:aws:events:${this.region}:${this.account}:rule/${path}`;
  }

  /** The bus a name or ARN denotes (`default` when absent). */
  private findBus(nameOrArn: string | undefined): BusRecord {
    if (nameOrArn === undefined) return this.buses.get(DEFAULT_BUS) as BusRecord;
    let name = nameOrArn;
    const arn = BUS_ARN.exec(nameOrArn);
    if (arn !== null) {
      name = arn[3] ?? '';
      if (arn[1] !== this.region || arn[2] !== this.account) throw notFound(`Event bus ${name} does not exist.`);
    }
    const bus = this.buses.get(name);
    if (bus === undefined) throw notFound(`Event bus ${name} does not exist.`);
    return bus;
  }

  /** Where an accepted entry goes. */
  private destination(nameOrArn: string | undefined): Destination {
    if (nameOrArn === undefined) return { bus: this.buses.get(DEFAULT_BUS) as BusRecord };
    const arn = BUS_ARN.exec(nameOrArn);
    const name = arn === null ? nameOrArn : (arn[3] ?? '');
    if (arn !== null && (arn[1] !== this.region || arn[2] !== this.account)) {
      return {
        name,
        dropped: {
          Reason: 'ForeignBus',
          Message: `Event bus ${nameOrArn} belongs to account ${arn[2] ?? ''} in ${arn[1] ?? ''}; this EventBridge holds account ${this.account} in ${this.region}.`,
        },
      };
    }
    const bus = this.buses.get(name);
    if (bus === undefined) return { name, dropped: { Reason: 'BusNotFound', Message: `Event bus ${name} does not exist.` } };
    return { bus };
  }

  /** Reads `{ <ruleKey>, EventBusName? }`, checks constraints (plus those already collected), finds the rule. */
  private ruleInput(req: Readonly<Record<string, unknown>>, ruleKey: 'Name' | 'Rule', c: Constraints): { bus: BusRecord; rule: RuleRecord } {
    const { bus, name } = this.ruleRefOf(req, ruleKey, c);
    const rule = bus.rules.get(name);
    if (rule === undefined) throw notFound(`Rule ${name} does not exist on EventBus ${bus.name}.`);
    return { bus, rule };
  }

  private ruleRefOf(req: Readonly<Record<string, unknown>>, ruleKey: 'Name' | 'Rule', c: Constraints): { bus: BusRecord; name: string } {
    const name = optionalString(member(req, ruleKey), ruleKey);
    const busName = optionalString(member(req, 'EventBusName'), 'EventBusName');
    const wire = ruleKey === 'Name' ? 'name' : 'rule';
    c.required(name, wire);
    c.text(name, wire, 1, 64, NAME_PATTERN);
    c.text(busName, 'eventBusName', 1, 1600, BUS_NAME_OR_ARN_PATTERN);
    c.throwIfAny();
    return { bus: this.findBus(busName), name: name as string };
  }

  private ruleRef(input: unknown): { bus: BusRecord; name: string } {
    return this.ruleRefOf(requestObject(input), 'Name', new Constraints());
  }

  private findRule(input: unknown): RuleRecord {
    return this.ruleInput(requestObject(input), 'Name', new Constraints()).rule;
  }

  private setState(input: unknown, state: RuleState): Record<string, never> {
    const rule = this.findRule(input);
    const bus = this.buses.get(rule.busName) as BusRecord;
    rule.state = state;
    this.syncMatcher(bus, rule);
    return {};
  }

  /** Keeps the bus's matcher holding exactly its enabled rules with a pattern. */
  private syncMatcher(bus: BusRecord, rule: RuleRecord): void {
    if (rule.parsed !== undefined && isEnabled(rule.state)) bus.matcher.addRule(rule.name, rule.parsed);
    else bus.matcher.deleteRule(rule.name);
  }
}

function ruleView(rule: RuleRecord): Rule {
  const out = { Name: rule.name, Arn: rule.arn } as Rule;
  if (rule.eventPattern !== undefined) out.EventPattern = rule.eventPattern;
  out.State = rule.state;
  if (rule.description !== undefined) out.Description = rule.description;
  if (rule.scheduleExpression !== undefined) out.ScheduleExpression = rule.scheduleExpression;
  if (rule.roleArn !== undefined) out.RoleArn = rule.roleArn;
  out.EventBusName = rule.busName;
  return out;
}

function readTags(value: unknown): Tag[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw serializationError('Tags', 'a list');
  return value.map((t: unknown, i) => {
    const record = objectMember(t, `Tags[${i}]`);
    return {
      Key: optionalString(member(record, 'Key'), 'Key') ?? '',
      Value: optionalString(member(record, 'Value'), 'Value') ?? '',
    };
  });
}

/**
 * Reads TestEventPattern's Event once with the strict event reader (iterative, so deep nesting is
 * fine) and checks that it has every envelope field AWS requires at the top level.
 *
 * @param text - The request's `Event` member, JSON text.
 * @returns The event's top-level object, or `undefined` when it is malformed, not an object, or
 *   lacks a required field (AWS answers all three alike).
 */
function envelopeEvent(text: string): EventObject | undefined {
  let root: EventObject;
  try {
    root = parseEventText(text);
  } catch (error) {
    if (error instanceof InvalidEventError) return undefined;
    throw error;
  }
  const keys = new Set(root.members.map((m) => m[0]));
  return REQUIRED_EVENT_FIELDS.every((f) => keys.has(f)) ? root : undefined;
}
