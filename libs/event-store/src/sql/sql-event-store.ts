import { validateAppend } from '../append-validation';
import { systemClock, type Clock } from '../clock';
import { type EncodedEvent, encodeAppend } from '../encoded-event';
import type { NewEvent, StoredEvent } from '../event-envelope';
import type { AppendOptions, AppendResult, ReadAllOptions, ReadAllPage, ReadStreamOptions } from '../event-store.port';
import type { ExpectedRevision } from '../expected-revision';
import { UpcasterRegistry } from '../upcaster-registry';

// ── What the SQL adapters (SQLite, PostgreSQL) share: the append path and the paged reads ─────
// Both keep one row per event and write through a group commit; they differ in their driver, their
// SQL and how a row decodes, which is what a subclass gives.

/** A group commit: appends arriving together share one transaction, each with its own checks. */
export interface GroupCommitWriter {
  enqueue(streamId: string, events: EncodedEvent[], expected: ExpectedRevision): Promise<AppendResult>;
}

export type SqlEventStoreOptions = Readonly<{ clock?: Clock; upcasters?: UpcasterRegistry; pageSize?: number }>;

export abstract class SqlEventStore<Row> {
  protected readonly clock: Clock;
  protected readonly upcasters: UpcasterRegistry;
  /** Rows per read of a stream. */
  protected readonly pageSize: number;
  protected appends = 0;
  protected abstract readonly writer: GroupCommitWriter;

  protected constructor(options: SqlEventStoreOptions) {
    this.clock = options.clock ?? systemClock;
    this.upcasters = options.upcasters ?? new UpcasterRegistry();
    this.pageSize = options.pageSize ?? 256;
  }

  /** Throws `EventStoreClosedError` once closed. */
  protected abstract assertOpen(): void;
  /** At most `limit` events of the stream from `fromRevision` on, in revision order. */
  protected abstract streamRows(streamId: string, fromRevision: number, limit: number): Promise<readonly Row[]> | readonly Row[];
  /** At most `limit` events of the log after `after`, in position order. */
  protected abstract logRows(after: bigint, limit: number): Promise<readonly Row[]> | readonly Row[];
  protected abstract decode(row: Row): StoredEvent;

  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    this.assertOpen();
    validateAppend(streamId, events, options?.expectedRevision);
    const encoded = encodeAppend(streamId, events, this.clock().toISOString(), this.upcasters);
    this.appends += 1;
    return this.writer.enqueue(streamId, encoded, options.expectedRevision);
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<StoredEvent> {
    let revision = options.fromRevision ?? 0;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    while (remaining > 0) {
      this.assertOpen();
      const limit = Math.min(this.pageSize, remaining);
      const rows = await this.streamRows(streamId, revision, limit);
      for (const row of rows) yield this.decode(row);
      if (rows.length < limit) return;
      remaining -= rows.length;
      revision += rows.length;
    }
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllPage> {
    this.assertOpen();
    const from = options.fromPosition ?? 0n;
    const maxCount = options.maxCount ?? 500;
    // One extra row tells us exactly whether this page reaches the end.
    const rows = await this.logRows(from, maxCount + 1);
    const events = rows.slice(0, maxCount).map((row) => this.decode(row));
    return { events, nextPosition: events.at(-1)?.position ?? from, isEnd: rows.length <= maxCount };
  }
}
