import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { AppendNotifier } from '../append-notifier';
import { validateAppend } from '../append-validation';
import { systemClock, type Clock } from '../clock';
import type { NewEvent, StoredEvent } from '../event-envelope';
import { EventStoreClosedError } from '../event-store.errors';
import type {
  AppendOptions, AppendResult, EventStore, LogHeads, ReadAllOptions, ReadAllPage, ReadHeadsOptions, ReadStreamOptions,
} from '../event-store.port';
import type { StreamRevision } from '../expected-revision';
import { UpcasterRegistry } from '../upcaster-registry';
import type { WakesOnAppend } from '../wakes-on-append';
import { SqliteGroupCommit } from './sqlite-group-commit';
import { encodeAppend } from '../encoded-event';
import { decodeRow, prepareStatements, type SqliteStatements } from './sqlite-rows';
import type { SqliteEventStoreMetrics, SqliteEventStoreOptions } from './sqlite-event-store.options';
import { migrateSqliteSchema } from './sqlite-schema';
import { type SqliteDurability, openSqlite, sqliteDurability } from './open-sqlite';

/** SQLite adapter of the {@link EventStore} port: WAL, `synchronous=FULL`, group commit, gap-free positions. */
export class SqliteEventStore implements EventStore, WakesOnAppend {
  private readonly statements: SqliteStatements;
  private readonly writer: SqliteGroupCommit;
  private readonly notifier: AppendNotifier;
  private readonly clock: Clock;
  private readonly upcasters: UpcasterRegistry;
  private readonly pageSize: number;
  private appends = 0;

  private constructor(private readonly db: Database.Database, options: SqliteEventStoreOptions) {
    this.clock = options.clock ?? systemClock;
    this.upcasters = options.upcasters ?? new UpcasterRegistry();
    this.pageSize = options.pageSize ?? 256;
    this.notifier = new AppendNotifier();
    this.statements = prepareStatements(db);
    this.writer = new SqliteGroupCommit(db, this.statements, (last) => this.notifier.published(last));
    this.notifier.published(this.statements.maxPosition.get()?.p ?? 0n);
  }

  /** Opens (creating and migrating as needed) the store. */
  static open(options: SqliteEventStoreOptions): SqliteEventStore {
    const file = options.location === ':memory:' ? ':memory:' : join(options.location, options.fileName ?? 'event-store.sqlite');
    // FULL: a commit returns only after the WAL is fsynced, so an acknowledged append survives a crash.
    return openSqlite(file, 'FULL', (db) => {
      migrateSqliteSchema(db);
      return new SqliteEventStore(db, options);
    });
  }

  /** Snapshot of the counters. */
  get metrics(): SqliteEventStoreMetrics {
    return { appends: this.appends, transactions: this.writer.transactions };
  }

  /** Durability settings in effect on the store's own connection. */
  durability(): SqliteDurability {
    return sqliteDurability(this.db);
  }

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
      const rows = this.statements.readStream.all(streamId, revision, limit);
      for (const row of rows) yield decodeRow(row, this.upcasters);
      if (rows.length < limit) return;
      remaining -= rows.length;
      revision += rows.length;
    }
  }

  async streamRevision(streamId: string): Promise<StreamRevision> {
    this.assertOpen();
    return this.statements.streamRevision.get(streamId)?.r ?? 'no_stream';
  }

  /** Positions are gap-free here, so `head - checkpoint` is exactly the events after a checkpoint. */
  async headPosition(): Promise<bigint> {
    this.assertOpen();
    return this.statements.maxPosition.get()?.p ?? 0n;
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllPage> {
    this.assertOpen();
    const from = options.fromPosition ?? 0n;
    const maxCount = options.maxCount ?? 500;
    // One extra row tells us exactly whether this page reaches the end.
    const rows = this.statements.readAll.all(from, maxCount + 1);
    const events = rows.slice(0, maxCount).map((row) => decodeRow(row, this.upcasters));
    return { events, nextPosition: events.at(-1)?.position ?? from, isEnd: rows.length <= maxCount };
  }

  async readHeads(options: ReadHeadsOptions = {}): Promise<LogHeads> {
    this.assertOpen();
    const prefix = options.streamPrefix ?? '';
    // Positions are assigned in commit order, so an append committed after the first read only
    // adds positions beyond `position`: the filter gives exactly the log as it was then.
    const position = this.statements.maxPosition.get()?.p ?? 0n;
    const streams = this.statements.streamHeads
      .all(position)
      .filter((row) => row.stream_id.startsWith(prefix))
      .map((row) => ({ streamId: row.stream_id, revision: Number(row.revision), position: row.position }));
    return { position, streams: streams.sort((a, b) => (a.position < b.position ? -1 : 1)) };
  }

  /** Woken by this process's commits; appends through another connection show after `maxMs`. */
  waitForAppendAfter(position: bigint, maxMs: number, signal: AbortSignal): Promise<void> {
    // close() wakes every waiter; the reader's next read then finds the store closed.
    return this.notifier.waitForAppendAfter(position, maxMs, signal);
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    this.writer.flush();
    this.notifier.wakeAll();
    this.db.close();
  }

  private assertOpen(): void {
    if (!this.db.open) throw new EventStoreClosedError();
  }
}
