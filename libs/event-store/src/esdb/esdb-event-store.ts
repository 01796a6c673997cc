import { randomUUID } from 'node:crypto';
import { BACKWARDS, END, EventStoreDBClient, FORWARDS, type RecordedEvent } from '@eventstore/db-client';
import { toJsonText, validateAppend } from '../append-validation';
import { systemClock, type Clock } from '../clock';
import type { NewEvent, StoredEvent } from '../event-envelope';
import { EventStoreClosedError } from '../event-store.errors';
import type { AppendOptions, AppendResult, EventStore, LogHeads, ReadAllOptions, ReadAllPage, ReadHeadsOptions, ReadStreamOptions } from '../event-store.port';
import type { StreamRevision } from '../expected-revision';
import { UpcasterRegistry } from '../upcaster-registry';
import type { EsdbClient } from './esdb-client';
import { parseEsdbConnectionString } from './esdb-config';
import { isStreamNotFound, mapAppendError } from './esdb-errors';
import type { EsdbEventStoreOptions } from './esdb-event-store.options';
import { commitPositionOf, fromEsdbRecordedEvent, toEsdbEventData, toEsdbExpectedRevision } from './esdb-mapping';
import { reserveMessageIds } from './esdb-message-ids';
import { readAllPage, readHeadsByScan } from './esdb-read-all';

/** EventStoreDB / KurrentDB adapter of the {@link EventStore} port (server >= 22.6). */
export class EsdbEventStore implements EventStore {
  private readonly clock: Clock;
  private readonly upcasters: UpcasterRegistry;
  private readonly closing = new AbortController();

  constructor(
    private readonly client: EsdbClient,
    private readonly options: EsdbEventStoreOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.upcasters = options.upcasters ?? new UpcasterRegistry();
  }

  /** Builds the adapter on a real client (connects lazily, on first use). */
  static fromConnectionString(connectionString: string, options: EsdbEventStoreOptions = {}): EsdbEventStore {
    return new EsdbEventStore(EventStoreDBClient.connectionString(parseEsdbConnectionString(connectionString)), options);
  }

  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    this.assertOpen();
    validateAppend(streamId, events, options?.expectedRevision);
    const recordedAt = this.clock().toISOString();
    const data = events.map((event, i) => {
      toJsonText(event.data, `${streamId}[${i}].data`); // same rejection of non-JSON data as every adapter
      const version = event.metadata.schemaVersion ?? this.upcasters.currentVersion(event.type);
      return toEsdbEventData(event, recordedAt, version, randomUUID());
    });
    await reserveMessageIds(
      this.client,
      streamId,
      events.map((event) => event.metadata.messageId),
      recordedAt,
    );
    let next: number;
    try {
      const result = await this.client.appendToStream(streamId, data, { expectedRevision: toEsdbExpectedRevision(options.expectedRevision) });
      next = Number(result.nextExpectedRevision);
    } catch (error) {
      throw mapAppendError(error, streamId, options.expectedRevision);
    }
    // The append reply carries one position; reading the range back gives each event's exact one.
    const positions = await this.readPositions(streamId, next - events.length + 1, events.length);
    return { nextExpectedRevision: next, position: positions[positions.length - 1]!, positions };
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<StoredEvent> {
    let revision = options.fromRevision ?? 0;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    const pageSize = this.options.readPageSize ?? 500;
    while (remaining > 0) {
      this.assertOpen();
      const maxCount = Math.min(pageSize, remaining);
      let count = 0;
      try {
        for await (const resolved of this.client.readStream(streamId, { fromRevision: BigInt(revision), maxCount, direction: FORWARDS })) {
          if (!resolved.event) continue;
          count += 1;
          yield this.decode(resolved.event);
        }
      } catch (error) {
        if (isStreamNotFound(error)) return;
        throw error;
      }
      if (count < maxCount) return;
      remaining -= count;
      revision += count;
    }
  }

  async streamRevision(streamId: string): Promise<StreamRevision> {
    this.assertOpen();
    try {
      for await (const resolved of this.client.readStream(streamId, { fromRevision: END, direction: BACKWARDS, maxCount: 1 })) {
        if (resolved.event) return Number(resolved.event.revision);
      }
    } catch (error) {
      if (!isStreamNotFound(error)) throw error;
    }
    return 'no_stream';
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllPage> {
    this.assertOpen();
    return readAllPage(this.client, options.fromPosition ?? 0n, options.maxCount ?? 500, (event) => this.decode(event));
  }

  async readHeads(options: ReadHeadsOptions = {}): Promise<LogHeads> {
    this.assertOpen();
    return readHeadsByScan((from) => this.readAll({ fromPosition: from, maxCount: 1000 }), options.streamPrefix ?? '');
  }

  async close(): Promise<void> {
    if (this.closing.signal.aborted) return;
    this.closing.abort();
    await this.client.dispose();
  }

  private async readPositions(streamId: string, fromRevision: number, count: number): Promise<bigint[]> {
    const positions: bigint[] = [];
    for await (const resolved of this.client.readStream(streamId, { fromRevision: BigInt(fromRevision), maxCount: count, direction: FORWARDS })) {
      const position = resolved.event ? commitPositionOf(resolved.event) : undefined;
      if (position !== undefined) positions.push(position);
    }
    if (positions.length !== count) {
      throw new Error(`${streamId}: append committed (revisions ${fromRevision}..${fromRevision + count - 1}) but its positions could not be read back`);
    }
    return positions;
  }

  private decode(event: RecordedEvent): StoredEvent {
    return this.upcasters.upcast(fromEsdbRecordedEvent(event));
  }

  private assertOpen(): void {
    if (this.closing.signal.aborted) throw new EventStoreClosedError();
  }
}
