/**
 * The matches log: a ring of what PutEvents matched, bounded both by a record count and by bytes,
 * so a long-running emulator's memory stays flat whatever the size of the events. Every record gets
 * a sequence number (1, 2, 3, ...) that never repeats, so readers can ask for "everything after N"
 * and learn how many records the log already dropped. The newest records are always the ones kept.
 * Listeners (server-sent-event followers, `onMatch`) are told synchronously as records arrive.
 */

import type { MatchedRule, TargetDelivery } from '../bus/types.js';

/** A rule an event matched, as PutEvents reports it (the bus layer's type, re-exported here). */
export type { MatchedRule };

/**
 * One matched event in the log: the bus, the rules it matched there, and the event itself. Members
 * use AWS's PascalCase, like the in-process class's `PutEventsResponse.Matches` items they copy.
 */
export interface MatchRecord {
  /** Position in the log, from 1, increasing by one per record. */
  readonly Seq: number;
  /** When the server recorded the match (ISO-8601). */
  readonly ReceivedAt: string;
  /** `x-amzn-RequestId` of the PutEvents call. */
  readonly RequestId: string;
  /** The entry's `EventId`, equal to the envelope's `id`. */
  readonly EventId: string;
  readonly EventBusName: string;
  /** The rules that matched, sorted by name; never empty. */
  readonly Rules: readonly MatchedRule[];
  /** The entry's `TraceHeader` member, if it had one. */
  readonly TraceHeader?: string;
  /** The `X-Amzn-Trace-Id` HTTP header of the PutEvents call, if it had one. */
  readonly HttpTraceHeader?: string;
  /** The envelope (compact JSON text): what a target without Input, InputPath or InputTransformer receives. */
  readonly Event: string;
  /** What each target of the matched rules receives, exactly (absent when no matched rule has a target). */
  readonly Deliveries?: readonly TargetDelivery[];
}

/** A record before the log numbers it. */
export type NewMatchRecord = Omit<MatchRecord, 'Seq'>;

/** What {@link MatchLog.since} returns. */
export interface MatchPage {
  readonly records: readonly MatchRecord[];
  /** How many records after the requested position the log had already dropped to stay in bounds. */
  readonly dropped: number;
  /** The `Seq` to pass as `after` next time; never more than the log's real last `Seq`. */
  readonly lastSeq: number;
}

/** Where reading after a position starts; see {@link MatchLog.locate}. */
export interface MatchPosition {
  /** `Seq` of the first record to read (the log's `lastSeq + 1` when there is none yet). */
  readonly from: number;
  /** How many wanted records were dropped to keep the log within its bounds (cleared ones are not counted). */
  readonly dropped: number;
}

/** Listener for new records; see {@link MatchLog.subscribe}. */
export type MatchListener = (record: MatchRecord) => void;

/** Default byte bound of a {@link MatchLog}: 64 MiB of record text. */
export const DEFAULT_MATCH_LOG_BYTES = 64 * 1024 * 1024;

/** Bytes counted per record on top of its strings (the JSON member names and punctuation). */
const RECORD_OVERHEAD_BYTES = 160;

/**
 * The size a record is charged in the log: the UTF-8 bytes of its strings plus a fixed overhead,
 * close to the length of its JSON text on `GET /_matches`.
 *
 * @param record - A record.
 * @returns Its size in bytes.
 */
export function matchRecordBytes(record: NewMatchRecord): number {
  let bytes = RECORD_OVERHEAD_BYTES + Buffer.byteLength(record.Event);
  bytes += record.ReceivedAt.length + record.RequestId.length + record.EventId.length + record.EventBusName.length;
  if (record.TraceHeader !== undefined) bytes += Buffer.byteLength(record.TraceHeader);
  if (record.HttpTraceHeader !== undefined) bytes += Buffer.byteLength(record.HttpTraceHeader);
  for (const rule of record.Rules) bytes += 24 + rule.Name.length + rule.Arn.length;
  for (const d of record.Deliveries ?? []) {
    bytes += 64 + Buffer.byteLength(d.Input) + d.Rule.length + d.TargetId.length + d.TargetArn.length + (d.TraceHeader?.length ?? 0);
  }
  return bytes;
}

/**
 * Bounded log of match records, oldest first. Appending is amortised O(1) and allocates nothing in
 * advance, so a huge count bound costs nothing until records arrive; clearing drops the held
 * records at once. Not thread-shared: Node runs it on one event loop, so appends from concurrent
 * requests are naturally ordered.
 */
export class MatchLog {
  /** Most records kept. */
  readonly capacity: number;
  /** Most bytes kept (as counted by {@link matchRecordBytes}); the newest record is kept even when larger. */
  readonly maxBytes: number;
  /** Held records are `#records[#head..]`, with consecutive `Seq`s. */
  #records: MatchRecord[] = [];
  /** Size of each held record, aligned with `#records`. */
  #sizes: number[] = [];
  #head = 0;
  #heldBytes = 0;
  #appendedBytes = 0;
  #lastSeq = 0;
  /** Records with `Seq <= #cleared` were removed by {@link clear}. */
  #cleared = 0;
  readonly #listeners = new Set<MatchListener>();

  /**
   * @param capacity - Most records kept; the oldest are dropped first. A positive integer.
   * @param maxBytes - Most bytes kept; the oldest records are dropped first. A positive integer;
   *   default {@link DEFAULT_MATCH_LOG_BYTES}.
   * @throws RangeError when `capacity` or `maxBytes` is not a positive integer.
   */
  constructor(capacity: number, maxBytes: number = DEFAULT_MATCH_LOG_BYTES) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) {
      throw new RangeError(`match log capacity must be a positive integer, got ${capacity}`);
    }
    if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) {
      throw new RangeError(`match log byte bound must be a positive integer, got ${maxBytes}`);
    }
    this.capacity = capacity;
    this.maxBytes = maxBytes;
  }

  /** `Seq` of the newest record, 0 when none was ever added. */
  get lastSeq(): number {
    return this.#lastSeq;
  }

  /** How many records the log holds now. */
  get size(): number {
    return this.#records.length - this.#head;
  }

  /** Bytes the held records are charged (see {@link matchRecordBytes}). */
  get bytes(): number {
    return this.#heldBytes;
  }

  /** Bytes of every record ever appended; followers use it to measure how far behind they are. */
  get appendedBytes(): number {
    return this.#appendedBytes;
  }

  /** `Seq` of the oldest held record; `lastSeq + 1` when the log is empty. */
  get oldestSeq(): number {
    return this.#lastSeq - this.size + 1;
  }

  /**
   * Adds a record, dropping the oldest ones while either bound is exceeded (never the new one), and
   * tells every listener. A throwing listener is ignored: one bad follower must not break PutEvents.
   *
   * @param record - The record without its `Seq`.
   * @returns The stored record.
   */
  append(record: NewMatchRecord): MatchRecord {
    const stored: MatchRecord = { Seq: ++this.#lastSeq, ...record };
    const size = matchRecordBytes(record);
    this.#records.push(stored);
    this.#sizes.push(size);
    this.#heldBytes += size;
    this.#appendedBytes += size;
    while (this.size > 1 && (this.size > this.capacity || this.#heldBytes > this.maxBytes)) this.#dropOldest();
    for (const listener of this.#listeners) {
      try {
        listener(stored);
      } catch {
        // A follower's failure is its own business.
      }
    }
    return stored;
  }

  /**
   * The held record with this `Seq`.
   *
   * @param seq - A sequence number.
   * @returns The record, or `undefined` when it was dropped, cleared or not yet appended.
   */
  at(seq: number): MatchRecord | undefined {
    const oldest = this.oldestSeq;
    if (!Number.isInteger(seq) || seq < oldest || seq > this.#lastSeq) return undefined;
    return this.#records[this.#head + (seq - oldest)];
  }

  /**
   * Where reading records after a position starts, and how many of the wanted ones are gone.
   *
   * @param after - A position: records with `Seq > after` are wanted.
   * @returns The first `Seq` to read and the count of wanted records dropped to stay in bounds.
   */
  locate(after: number): MatchPosition {
    const wantedFrom = Math.min(Math.max(after + 1, this.#cleared + 1), this.#lastSeq + 1);
    const from = Math.max(wantedFrom, this.oldestSeq);
    // Only records dropped to stay in bounds count; cleared ones were removed on purpose.
    return { from, dropped: from - wantedFrom };
  }

  /**
   * Records after a position, oldest first.
   *
   * @param after - Return records with `Seq > after` (0 for everything still held).
   * @param limit - Most records to return; the rest can be fetched with the returned `lastSeq`.
   * @returns The records, how many wanted ones were already dropped, and where to continue.
   */
  since(after = 0, limit = Number.POSITIVE_INFINITY): MatchPage {
    const { from, dropped } = this.locate(after);
    const records: MatchRecord[] = [];
    for (let seq = from; seq <= this.#lastSeq && records.length < limit; seq++) {
      records.push(this.at(seq) as MatchRecord);
    }
    const last = records[records.length - 1];
    const lastSeq = last !== undefined ? last.Seq : Math.min(Math.max(after, from - 1), this.#lastSeq);
    return { records, dropped, lastSeq };
  }

  /**
   * Forgets every record, at a cost proportional to what was held (nothing is preallocated).
   * Sequence numbers keep counting so readers never see one reused.
   */
  clear(): void {
    this.#records = [];
    this.#sizes = [];
    this.#head = 0;
    this.#heldBytes = 0;
    this.#cleared = this.#lastSeq;
  }

  /**
   * Calls `listener` with every record appended from now on.
   *
   * @param listener - Called synchronously inside {@link append}.
   * @returns A function that unsubscribes.
   */
  subscribe(listener: MatchListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #dropOldest(): void {
    this.#heldBytes -= this.#sizes[this.#head] as number;
    this.#records[this.#head] = undefined as unknown as MatchRecord;
    this.#head++;
    // Compact once the dead prefix is the larger half, keeping appends amortised O(1).
    if (this.#head >= 1024 && this.#head * 2 >= this.#records.length) {
      this.#records = this.#records.slice(this.#head);
      this.#sizes = this.#sizes.slice(this.#head);
      this.#head = 0;
    }
  }
}
