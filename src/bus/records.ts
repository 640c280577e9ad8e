/**
 * The records the bus's newer resources keep (archives, replays, connections and API destinations,
 * bus settings, policies): data shapes only. `state.ts` holds them and the resource modules work
 * on them; keeping the shapes here lets both import them without importing each other.
 */

import type { Matcher } from '../match/matcher.js';
import type { NamedRecords } from './named-records.js';
import type { PutEventsMatch } from './types.js';

/** The archive states AWS names. */
export const ARCHIVE_STATES = ['ENABLED', 'DISABLED', 'CREATING', 'UPDATING', 'CREATE_FAILED', 'UPDATE_FAILED'] as const;

/** An archive's state, as AWS names them (this library's archives are always `ENABLED`). */
export type ArchiveState = (typeof ARCHIVE_STATES)[number];

/** One archived event. */
export interface ArchivedEvent {
  /** The envelope text, as the bus's rules saw it. */
  readonly envelope: string;
  /** The event's `time`, epoch ms. */
  readonly timeMs: number;
  /** When the archive received it, epoch ms (the instance's clock). */
  readonly receivedMs: number;
  readonly bytes: number;
}

/** One archive, as stored. */
export interface ArchiveRecord {
  readonly name: string;
  readonly arn: string;
  /** The ARN of its bus (`EventSourceArn`). */
  readonly busArn: string;
  readonly busName: string;
  description: string | undefined;
  eventPattern: string | undefined;
  /** Holds the archive's pattern as its one rule, when it has one. */
  matcher: Matcher | undefined;
  retentionDays: number;
  readonly creationTime: Date;
  readonly events: ArchivedEvent[];
  sizeBytes: number;
}

/** The archives of one instance, by name. */
export type ArchiveStore = NamedRecords<ArchiveRecord>;

/** The replay states AWS names. */
export const REPLAY_STATES = ['STARTING', 'RUNNING', 'CANCELLING', 'COMPLETED', 'CANCELLED', 'FAILED'] as const;

/** A replay's state, as AWS names them. */
export type ReplayState = (typeof REPLAY_STATES)[number];

/** Where a replay sends its events. */
export interface ReplayDestination {
  /** The ARN of the archive's bus (replays to another bus are refused, as on AWS). */
  Arn: string;
  /** Rule ARNs: only these rules receive the replayed events. */
  FilterArns?: string[] | undefined;
}

/** One replay, as stored. */
export interface ReplayRecord {
  readonly name: string;
  readonly arn: string;
  readonly description: string | undefined;
  readonly archiveArn: string;
  readonly archiveName: string;
  readonly destination: ReplayDestination;
  readonly startMs: number;
  readonly endMs: number;
  state: ReplayState;
  readonly replayStart: Date;
  replayEnd: Date | undefined;
  lastReplayedMs: number | undefined;
  /** Resolves once the replay has finished (completed or cancelled). */
  readonly done: Promise<void>;
}

/** The replays of one instance, by name. */
export type ReplayStore = NamedRecords<ReplayRecord>;

/** A connection, as stored. */
export interface ConnectionRecord {
  readonly name: string;
  readonly arn: string;
  description: string | undefined;
  authorizationType: string;
  authParameters: Record<string, unknown>;
  readonly creationTime: Date;
  lastModifiedTime: Date;
  readonly secretArn: string;
}

/** An API destination, as stored. */
export interface ApiDestinationRecord {
  readonly name: string;
  readonly arn: string;
  description: string | undefined;
  connectionArn: string;
  invocationEndpoint: string;
  httpMethod: string;
  rateLimit: number | undefined;
  readonly creationTime: Date;
  lastModifiedTime: Date;
}

/** Connections and API destinations of one instance. */
export interface ConnectionStores {
  readonly connections: NamedRecords<ConnectionRecord>;
  readonly apiDestinations: NamedRecords<ApiDestinationRecord>;
}

/** Bus settings kept as given and echoed by DescribeEventBus. */
export interface BusSettings {
  KmsKeyIdentifier?: string;
  DeadLetterConfig?: { Arn?: string };
  LogConfig?: { IncludeDetail?: string; Level?: string };
}

/** One policy statement, as AWS writes it. */
export type PolicyStatement = Record<string, unknown>;

/** A bus's policy document. */
export interface BusPolicy {
  Version: string;
  Statement: PolicyStatement[];
}

/** Listener of events a schedule or a replay routes. */
export type ProducedEventListener = (match: PutEventsMatch, origin: { readonly kind: 'schedule' | 'replay'; readonly name: string }) => void;
