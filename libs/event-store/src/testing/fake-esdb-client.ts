import { Readable } from 'node:stream';
import {
  ANY,
  NO_STREAM,
  START,
  END,
  BACKWARDS,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamRecordedEvent,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type AppendResult,
  type CurrentRevision,
  type EventData,
  type ReadAllOptions,
  type ReadStreamOptions,
} from '@eventstore/db-client';
import type { EsdbClient } from '../esdb/esdb-client';

/** Knobs that make the fake as awkward as a real server. */
export interface FakeEsdbOptions {
  /** Interleave a `$stats-…` system event after every n-th append. Default 3. */
  systemEventEvery?: number;
}

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * In-memory stand-in for EventStoreDB, faithful where the adapter could go wrong: sparse commit
 * positions (not 1, 2, 3), inclusive `$all` reads, system events in `$all`, typed
 * WrongExpectedVersion / StreamNotFound errors, reads delivered as Node Readables.
 */
export class FakeEsdbClient implements EsdbClient {
  private readonly log: AllStreamRecordedEvent[] = [];
  private readonly streams = new Map<string, AllStreamRecordedEvent[]>();
  private nextPosition = 4096n;
  private appends = 0;

  constructor(private readonly options: FakeEsdbOptions = {}) {}

  async appendToStream(streamName: string, events: EventData[], options: { expectedRevision?: AppendExpectedRevision } = {}): Promise<AppendResult> {
    await Promise.resolve(); // a network hop: concurrent appends interleave
    const current = this.current(streamName);
    const expected = options.expectedRevision ?? ANY;
    if (conflicts(expected, current)) throw new WrongExpectedVersionError(undefined, { streamName, expected, current });
    for (const event of events) this.record(streamName, event.type, copy(event.data), copy(event.metadata), event.id);
    this.appends += 1;
    if (this.appends % (this.options.systemEventEvery ?? 3) === 0) this.record('$stats-127.0.0.1:2113', '$statsCollected', {}, {}, 'stats');
    const last = this.streams.get(streamName)!.at(-1)!;
    return { success: true, nextExpectedRevision: last.revision, position: last.position };
  }

  readStream(streamName: string, options: ReadStreamOptions = {}): Readable {
    const stream = this.streams.get(streamName);
    if (!stream)
      return new Readable({
        objectMode: true,
        read() {
          this.destroy(new StreamNotFoundError(undefined, streamName));
        },
      });
    const backwards = options.direction === BACKWARDS;
    const from = options.fromRevision ?? (backwards ? END : START);
    const ordered = backwards ? [...stream].reverse() : stream;
    const selected = ordered.filter((e) => from === START || from === END || (backwards ? e.revision <= from : e.revision >= from));
    return Readable.from(selected.slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER)).map((event) => ({ event })));
  }

  readAll(options: ReadAllOptions = {}): Readable {
    const from = options.fromPosition;
    const start = from === undefined || from === START ? 0n : from === END ? 2n ** 64n : from.commit;
    // Inclusive, like the server: an event at exactly `from` is returned.
    const selected = this.log.filter((e) => e.position.commit >= start).slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER));
    return Readable.from(selected.map((event): AllStreamResolvedEvent => ({ event, commitPosition: event.position.commit })));
  }

  async dispose(): Promise<void> {}

  private current(streamName: string): CurrentRevision {
    const stream = this.streams.get(streamName);
    return stream?.length ? stream.at(-1)!.revision : NO_STREAM;
  }

  private record(streamId: string, type: string, data: unknown, metadata: unknown, id: string): void {
    const stream = this.streams.get(streamId) ?? [];
    // Sparse positions: a record's size moves the next one along, as in the real transaction log.
    const position = { commit: this.nextPosition, prepare: this.nextPosition };
    this.nextPosition += 100n + BigInt(JSON.stringify(data).length);
    const event = { streamId, id, revision: BigInt(stream.length), type, data, metadata, isJson: true, created: new Date(), position };
    stream.push(event as AllStreamRecordedEvent);
    this.streams.set(streamId, stream);
    this.log.push(event as AllStreamRecordedEvent);
  }
}

function conflicts(expected: AppendExpectedRevision, current: CurrentRevision): boolean {
  if (expected === ANY) return false;
  if (expected === NO_STREAM) return current !== NO_STREAM;
  if (expected === STREAM_EXISTS) return current === NO_STREAM;
  return current !== expected;
}
