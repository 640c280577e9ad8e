/**
 * Event buses: CreateEventBus, DeleteEventBus, DescribeEventBus, ListEventBuses.
 * A bus owns its rules; deleting it deletes them.
 */

import { EventBridgeError } from '../errors.js';
import { pageBounds, readPage } from './pages.js';
import { readBusSettings } from './bus-update.js';
import { DEFAULT_BUS, addBus, findBus } from './state.js';
import type { BridgeState, BusRecord } from './state.js';
import { mergeTags, readTags } from './tags.js';
import type {
  CreateEventBusRequest,
  CreateEventBusResponse,
  DeleteEventBusRequest,
  DescribeEventBusRequest,
  DescribeEventBusResponse,
  EventBus,
  ListEventBusesRequest,
  ListEventBusesResponse,
} from './types.js';
import {
  BUS_NAME_OR_ARN_PATTERN,
  BUS_NAME_PATTERN,
  Constraints,
  member,
  notFoundError,
  optionalString,
  requestObject,
  validationError,
} from './validation.js';

const EVENT_SOURCE_PATTERN = 'aws\\.partner(/[\\.\\-_A-Za-z0-9]+){2,}';

/** CreateEventBus; see {@link EventBridge.createEventBus}. */
export function createEventBus(state: BridgeState, input: CreateEventBusRequest): CreateEventBusResponse {
  const req = requestObject(input);
  const name = optionalString(member(req, 'Name'), 'Name');
  const description = optionalString(member(req, 'Description'), 'Description');
  const eventSource = optionalString(member(req, 'EventSourceName'), 'EventSourceName');
  const tags = readTags(member(req, 'Tags'));
  const settings = readBusSettings(req);
  const c = new Constraints();
  c.required(name, 'name');
  c.text(name, 'name', 1, 256, BUS_NAME_PATTERN);
  c.text(eventSource, 'eventSourceName', 1, 256, EVENT_SOURCE_PATTERN);
  c.text(description, 'description', 0, 512);
  c.throwIfAny();
  const busName = name as string;
  if (state.buses.has(busName)) throw new EventBridgeError('ResourceAlreadyExistsException', `Event bus ${busName} already exists.`);
  if (eventSource !== undefined) throw notFoundError(`Event source ${eventSource} does not exist.`);
  if (busName.startsWith('aws.')) throw validationError("EventBus name starting with 'aws.' is not valid.");
  if (busName.includes('/')) throw validationError("Event bus name must not contain '/'.");
  const checkedTags = tags === undefined ? undefined : mergeTags([], tags);
  const bus = addBus(state, busName, description);
  bus.tags = checkedTags;
  bus.settings = settings;
  return description === undefined ? { EventBusArn: bus.arn } : { EventBusArn: bus.arn, Description: description };
}

/** DeleteEventBus; see {@link EventBridge.deleteEventBus}. */
export function deleteEventBus(state: BridgeState, input: DeleteEventBusRequest): Record<string, never> {
  const req = requestObject(input);
  const name = optionalString(member(req, 'Name'), 'Name');
  const c = new Constraints();
  c.required(name, 'name');
  c.text(name, 'name', 1, 256, BUS_NAME_PATTERN);
  c.throwIfAny();
  if (name === DEFAULT_BUS) throw validationError('Cannot delete event bus default.');
  state.buses.delete(name as string);
  return {};
}

/** DescribeEventBus; see {@link EventBridge.describeEventBus}. */
export function describeEventBus(state: BridgeState, input: DescribeEventBusRequest): DescribeEventBusResponse {
  const req = requestObject(input);
  const name = optionalString(member(req, 'Name'), 'Name');
  const c = new Constraints();
  c.text(name, 'name', 1, 1600, BUS_NAME_OR_ARN_PATTERN);
  c.throwIfAny();
  const bus = findBus(state, name);
  return { ...busView(bus), ...bus.settings };
}

/** ListEventBuses; see {@link EventBridge.listEventBuses}. */
export function listEventBuses(state: BridgeState, input: ListEventBusesRequest): ListEventBusesResponse {
  const req = requestObject(input);
  const prefix = optionalString(member(req, 'NamePrefix'), 'NamePrefix');
  const c = new Constraints();
  c.text(prefix, 'namePrefix', 1, 256, BUS_NAME_PATTERN);
  const { nextToken, limit } = readPage(req, c);
  c.throwIfAny();
  const buses = state.buses.withPrefix(prefix);
  const { start, end, next } = pageBounds(buses.count, nextToken, limit);
  const out: ListEventBusesResponse = { EventBuses: buses.slice(start, end).map(busView) };
  if (next !== undefined) out.NextToken = next;
  return out;
}

function busView(bus: BusRecord): EventBus {
  const out = { Name: bus.name, Arn: bus.arn } as EventBus;
  if (bus.description !== undefined) out.Description = bus.description;
  if (bus.policy !== undefined) out.Policy = JSON.stringify(bus.policy);
  out.CreationTime = new Date(bus.creationTime.getTime());
  out.LastModifiedTime = new Date(bus.lastModifiedTime.getTime());
  return out;
}
