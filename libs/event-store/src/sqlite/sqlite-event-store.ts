import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { AppendNotifier } from '../append-notifier';
import type { StoredEvent } from '../event-envelope';
import { EventStoreClosedError } from '../event-store.errors';
import type { EventStore, LogHeads, ReadHeadsOptions } from '../event-store.port';
import type { StreamRevision } from '../expected-revision';
import { SqlEventStore } from '../sql/sql-event-store';
import type { WakesOnAppend } from '../wakes-on-append';
import { SqliteGroupCommit } from './sqlite-group-commit';
import { decodeRow, prepareStatements, type EventRow, type SqliteStatements } from './sqlite-rows';
import type { SqliteEventStoreMetrics, SqliteEventStoreOptions } from './sqlite-event-store.options';
import { upgradeSqliteHashChain } from './sqlite-hash-chain-upgrade';
import { migrateSqliteSchema } from './sqlite-schema';
import { type SqliteDurability, openSqlite, sqliteDurability } from './open-sqlite';

/** SQLite adapter of the {@link EventStore} port: WAL, `synchronous=FULL`, group commit, gap-free positions. */
export class SqliteEventStore extends SqlEventStore<EventRow> implements EventStore, WakesOnAppend {
  private readonly statements: SqliteStatements;
  protected readonly writer: SqliteGroupCommit;
  private readonly notifier: AppendNotifier;

  private constructor(
    private readonly db: Database.Database,
    options: SqliteEventStoreOptions,
  ) {
    super(options);
    this.notifier = new AppendNotifier();
    this.statements = prepareStatements(db);
    this.writer = new SqliteGroupCommit(db, this.statements, (last) => this.notifier.published(last), options.chainHash);
    this.notifier.published(this.statements.maxPosition.get()?.p ?? 0n);
  }

  /** Opens (creating and migrating as needed) the store. */
  static open(options: SqliteEventStoreOptions): SqliteEventStore {
    const file = options.location === ':memory:' ? ':memory:' : join(options.location, options.fileName ?? 'event-store.sqlite');
    // FULL: a commit returns only after the WAL is fsynced, so an acknowledged append survives a crash.
    return openSqlite(file, 'FULL', (db) => {
      migrateSqliteSchema(db);
      upgradeSqliteHashChain(db, options.log ?? (() => {}));
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

  async streamRevision(streamId: string): Promise<StreamRevision> {
    this.assertOpen();
    return this.statements.streamRevision.get(streamId)?.r ?? 'no_stream';
  }

  /** Positions are gap-free here, so `head - checkpoint` is exactly the events after a checkpoint. */
  async headPosition(): Promise<bigint> {
    this.assertOpen();
    return this.statements.maxPosition.get()?.p ?? 0n;
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

  protected assertOpen(): void {
    if (!this.db.open) throw new EventStoreClosedError();
  }

  protected streamRows(streamId: string, fromRevision: number, limit: number): readonly EventRow[] {
    return this.statements.readStream.all(streamId, fromRevision, limit);
  }

  protected logRows(after: bigint, limit: number): readonly EventRow[] {
    return this.statements.readAll.all(after, limit);
  }

  protected decode(row: EventRow): StoredEvent {
    return decodeRow(row, this.upcasters);
  }
}
