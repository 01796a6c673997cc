import { randomUUID } from 'node:crypto';
import { BACKWARDS, END, EventStoreDBClient, FORWARDS, NO_STREAM, WrongExpectedVersionError, type RecordedEvent } from '@eventstore/db-client';
import { toJsonText, validateAppend } from '../append-validation';
import { systemClock, type Clock } from '../clock';
import type { NewEvent, StoredEvent } from '../event-envelope';
import { EventStoreClosedError, WrongExpectedRevisionError } from '../event-store.errors';
import { GENESIS_HASH, eventHash } from '../hash-chain/event-hash';
import type { AppendOptions, AppendResult, EventStore, LogHeads, ReadAllOptions, ReadAllPage, ReadHeadsOptions, ReadStreamOptions } from '../event-store.port';
import { firstRevisionAfter, isRevisionConflict, type StreamRevision } from '../expected-revision';
import { UpcasterRegistry } from '../upcaster-registry';
import type { EsdbClient } from './esdb-client';
import { parseEsdbConnectionString } from './esdb-config';
import { isStreamNotFound, mapAppendError } from './esdb-errors';
import type { EsdbEventStoreOptions } from './esdb-event-store.options';
import { commitPositionOf, fromEsdbRecordedEvent, toEsdbEventData, withHash } from './esdb-mapping';
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
    const encoded = events.map((event, i) => {
      toJsonText(event.data, `${streamId}[${i}].data`); // same rejection of non-JSON data as every adapter
      return { event, version: event.metadata.schemaVersion ?? this.upcasters.currentVersion(event.type) };
    });
    await reserveMessageIds(
      this.client,
      streamId,
      events.map((event) => event.metadata.messageId),
      recordedAt,
    );
    // The chain needs the tip the events follow: ESDB has no transaction to read it in, so the
    // append names the tip's revision and the server's concurrency check makes the pair atomic.
    // A caller that did not ask for a revision ('any', 'stream_exists') just tries again on a race.
    for (;;) {
      const tip = await this.readTip(streamId);
      const actual = tip?.revision ?? 'no_stream';
      if (isRevisionConflict(options.expectedRevision, actual)) throw new WrongExpectedRevisionError(streamId, options.expectedRevision, actual);
      let previousHash = tip?.hash ?? GENESIS_HASH;
      const data = encoded.map(({ event, version }, i) => {
        const esdbEvent = toEsdbEventData(event, recordedAt, version, randomUUID());
        const content = JSON.parse(JSON.stringify({ data: esdbEvent.data, metadata: esdbEvent.metadata })) as { data: object; metadata: object };
        previousHash = eventHash(previousHash, { streamId, revision: firstRevisionAfter(actual) + i, type: event.type, ...content });
        return withHash(esdbEvent, previousHash);
      });
      let next: number;
      try {
        const result = await this.client.appendToStream(streamId, data, { expectedRevision: tip === undefined ? NO_STREAM : BigInt(tip.revision) });
        next = Number(result.nextExpectedRevision);
      } catch (error) {
        if (error instanceof WrongExpectedVersionError && typeof options.expectedRevision !== 'number') continue;
        throw mapAppendError(error, streamId, options.expectedRevision);
      }
      // The append reply carries one position; reading the range back gives each event's exact one.
      const positions = await this.readPositions(streamId, next - events.length + 1, events.length);
      return { nextExpectedRevision: next, position: positions[positions.length - 1]!, positions };
    }
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
    return (await this.readTip(streamId))?.revision ?? 'no_stream';
  }

  /** The stream's last event: its revision and hash (absent on an event from before the chain). */
  private async readTip(streamId: string): Promise<{ revision: number; hash: string | undefined } | undefined> {
    try {
      for await (const resolved of this.client.readStream(streamId, { fromRevision: END, direction: BACKWARDS, maxCount: 1 })) {
        if (resolved.event) return { revision: Number(resolved.event.revision), hash: fromEsdbRecordedEvent(resolved.event).hash };
      }
    } catch (error) {
      if (!isStreamNotFound(error)) throw error;
    }
    return undefined;
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
