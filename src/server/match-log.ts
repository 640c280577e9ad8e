/**
 * The matches log: a bounded ring of what PutEvents matched, so a long-running emulator's memory
 * stays flat. Every record gets a sequence number (1, 2, 3, ...) that never repeats, so readers can
 * ask for "everything after N" and learn how many records the ring already dropped. Followers
 * (server-sent events, `onMatch`) are told synchronously as records arrive.
 */

import type { MatchedRule } from '../bus/types.js';

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
  /** The envelope exactly as AWS delivers it to targets (compact JSON text). */
  readonly Event: string;
}

/** A record before the log numbers it. */
export type NewMatchRecord = Omit<MatchRecord, 'Seq'>;

/** What {@link MatchLog.since} returns. */
export interface MatchPage {
  readonly records: readonly MatchRecord[];
  /** How many records after the requested position the ring had already overwritten. */
  readonly dropped: number;
  /** The `Seq` to pass as `after` next time. */
  readonly lastSeq: number;
}

/** Listener for new records; see {@link MatchLog.subscribe}. */
export type MatchListener = (record: MatchRecord) => void;

/**
 * Bounded log of match records. Appending is O(1); memory is O(capacity). Not thread-shared: Node
 * runs it on one event loop, so appends from concurrent requests are naturally ordered.
 */
export class MatchLog {
  /** Most records kept. */
  readonly capacity: number;
  readonly #ring: (MatchRecord | undefined)[];
  #lastSeq = 0;
  /** Records with `Seq <= #cleared` were removed by {@link clear}. */
  #cleared = 0;
  readonly #listeners = new Set<MatchListener>();

  /**
   * @param capacity - Most records kept; older ones are overwritten. A positive integer.
   * @throws RangeError when `capacity` is not a positive integer.
   */
  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`match log capacity must be a positive integer, got ${capacity}`);
    }
    this.capacity = capacity;
    this.#ring = new Array<MatchRecord | undefined>(capacity);
  }

  /** `Seq` of the newest record, 0 when none was ever added. */
  get lastSeq(): number {
    return this.#lastSeq;
  }

  /** How many records the ring holds now. */
  get size(): number {
    return Math.min(this.#lastSeq, this.capacity);
  }

  /**
   * Adds a record, overwriting the oldest when full, and tells every listener. A throwing listener
   * is ignored: one bad follower must not break PutEvents.
   *
   * @param record - The record without its `Seq`.
   * @returns The stored record.
   */
  append(record: NewMatchRecord): MatchRecord {
    const stored: MatchRecord = { Seq: ++this.#lastSeq, ...record };
    this.#ring[(stored.Seq - 1) % this.capacity] = stored;
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
   * Records after a position, oldest first.
   *
   * @param after - Return records with `Seq > after` (0 for everything still held).
   * @param limit - Most records to return; the rest can be fetched with the returned `lastSeq`.
   * @returns The records, how many wanted ones were already overwritten, and where to continue.
   */
  since(after = 0, limit = Number.POSITIVE_INFINITY): MatchPage {
    const ringOldest = Math.max(1, this.#lastSeq - this.capacity + 1);
    const wantedFrom = Math.max(after + 1, this.#cleared + 1);
    const from = Math.max(wantedFrom, ringOldest);
    // Only overwritten records count as dropped; cleared ones were removed on purpose.
    const dropped = Math.max(0, ringOldest - wantedFrom);
    const records: MatchRecord[] = [];
    for (let seq = from; seq <= this.#lastSeq && records.length < limit; seq++) {
      records.push(this.#ring[(seq - 1) % this.capacity] as MatchRecord);
    }
    const lastSeq = records.length > 0 ? (records[records.length - 1] as MatchRecord).Seq : Math.max(after, from - 1);
    return { records, dropped, lastSeq };
  }

  /** Forgets every record; sequence numbers keep counting so readers never see one reused. */
  clear(): void {
    this.#ring.fill(undefined);
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
}
