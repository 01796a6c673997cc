import type { NewEvent, StoredEvent } from './event-envelope';
import type { ExpectedRevision, StreamRevision } from './expected-revision';

/** Options of {@link EventStore.append}. */
export interface AppendOptions {
  /** Concurrency check; a mismatch throws `WrongExpectedRevisionError` and writes nothing. */
  expectedRevision: ExpectedRevision;
}

/** Outcome of a successful append. */
export interface AppendResult {
  /** Revision of the last appended event: pass it as `expectedRevision` next time. */
  nextExpectedRevision: number;
  /** Global position of the last appended event. */
  position: bigint;
  /** Global position of each appended event, in order. */
  positions: bigint[];
}

/** Options of {@link EventStore.readStream}. */
export interface ReadStreamOptions {
  /** First revision to return (inclusive). Default 0. */
  fromRevision?: number;
  /** Maximum number of events to return. Default: all. */
  maxCount?: number;
}

/** Options of {@link EventStore.readAll}. */
export interface ReadAllOptions {
  /** Exclusive lower bound: only events after it. `0n` (default) reads from the start. */
  fromPosition?: bigint;
  /** Page size. Default 500. */
  maxCount?: number;
}

/** One page of the global log. */
export interface ReadAllPage {
  /** Events in position order. */
  events: StoredEvent[];
  /** Position to pass as `fromPosition` for the next page (the last event's, or the input). */
  nextPosition: bigint;
  /** True when no event existed after `nextPosition` at the time of the read. */
  isEnd: boolean;
}

/** Options of {@link EventStore.readHeads}. */
export interface ReadHeadsOptions {
  /** Only streams whose id starts with this. Default `''`: every stream. */
  streamPrefix?: string;
}

/** A stream's last event as of some position of the log. */
export interface StreamHead {
  streamId: string;
  revision: number;
  position: bigint;
}

/** Where the log ends and where each stream ends, read together. */
export interface LogHeads {
  /** The log's last position at the time of the read (`0n` for an empty log). */
  position: bigint;
  /** Each matching stream's last event at or before `position`, ordered by that event's position. */
  streams: StreamHead[];
}

/**
 * The system of record: append-only streams of events plus a global, totally ordered log.
 *
 * Every adapter implements the same semantics, checked by the shared contract suite
 * (`testing/event-store.contract.ts`). Reads of every kind apply the configured upcasters.
 */
export interface EventStore {
  /**
   * Appends `events` (at least one) to `streamId` atomically: all or none become visible.
   * @throws WrongExpectedRevisionError on a concurrency conflict (nothing written).
   * @throws InvalidAppendError on malformed input.
   */
  append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult>;

  /** Events of one stream in revision order; empty for an unknown stream. Reads lazily, in pages. */
  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<StoredEvent>;

  /** Revision of the stream's last event, or `'no_stream'`. */
  streamRevision(streamId: string): Promise<StreamRevision>;

  /** One page of the global log after `fromPosition`. */
  readAll(options?: ReadAllOptions): Promise<ReadAllPage>;

  /**
   * Every stream's last event up to the log's current end, without the events' payloads: lets a
   * consumer (a projection rebuild) go stream by stream instead of holding the whole log's folds.
   */
  readHeads(options?: ReadHeadsOptions): Promise<LogHeads>;

  /** Flushes pending appends, wakes readers waiting for appends and releases resources. */
  close(): Promise<void>;
}
