import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { AppendNotifier } from '../append-notifier';
import { catchUpSubscription } from '../catch-up-subscription';
import type { StoredEvent } from '../event-envelope';
import { EventStoreClosedError } from '../event-store.errors';
import type {
  EventStore, LogHeads, ReadHeadsOptions, SubscribeToAllOptions,
} from '../event-store.port';
import type { StreamRevision } from '../expected-revision';
import { SqliteGroupCommit } from './sqlite-group-commit';
import { SqlEventStore } from '../sql/sql-event-store';
import { decodeRow, positionOfRow, prepareStatements, streamIdOfRow, type EventRow, type SqliteStatements } from './sqlite-rows';
import type { SqliteEventStoreMetrics, SqliteEventStoreOptions } from './sqlite-event-store.options';
import { migrateSqliteSchema } from './sqlite-schema';

/** SQLite adapter of the {@link EventStore} port: WAL, `synchronous=FULL`, group commit, gap-free positions. */
export class SqliteEventStore extends SqlEventStore<EventRow> implements EventStore {
  private readonly statements: SqliteStatements;
  protected readonly writer: SqliteGroupCommit;
  private readonly notifier: AppendNotifier;
  private readonly closing = new AbortController();
  private subscriptionRowsFetched = 0;

  private constructor(private readonly db: Database.Database, options: SqliteEventStoreOptions) {
    super(options);
    this.notifier = new AppendNotifier(options.pollIntervalMs ?? 1000);
    this.statements = prepareStatements(db);
    this.writer = new SqliteGroupCommit(db, this.statements, (last) => this.notifier.published(last));
    this.notifier.published(this.statements.maxPosition.get()?.p ?? 0n);
  }

  /** Opens (creating and migrating as needed) the store. */
  static open(options: SqliteEventStoreOptions): SqliteEventStore {
    const inMemory = options.location === ':memory:';
    if (!inMemory) mkdirSync(options.location, { recursive: true });
    const db = new Database(inMemory ? ':memory:' : join(options.location, options.fileName ?? 'event-store.sqlite'));
    try {
      // WAL + FULL: a commit returns only after the WAL is fsynced, so an acknowledged append survives a crash.
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('busy_timeout = 5000');
      migrateSqliteSchema(db);
      return new SqliteEventStore(db, options);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** Snapshot of the counters. */
  get metrics(): SqliteEventStoreMetrics {
    return { appends: this.appends, transactions: this.writer.transactions, subscriptionRowsFetched: this.subscriptionRowsFetched };
  }

  /** Durability settings in effect on the store's own connection. */
  durability(): { journalMode: string; synchronous: number } {
    return { journalMode: String(this.db.pragma('journal_mode', { simple: true })), synchronous: Number(this.db.pragma('synchronous', { simple: true })) };
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

  subscribeToAll(options: SubscribeToAllOptions): AsyncIterable<StoredEvent> {
    this.assertOpen();
    const signals = [this.closing.signal, ...(options.signal ? [options.signal] : [])];
    return catchUpSubscription<EventRow, StoredEvent>(
      {
        readPage: (after, max) => this.statements.readAll.all(after, max),
        positionOf: positionOfRow,
        streamIdOf: streamIdOfRow,
        decode: (row) => decodeRow(row, this.upcasters),
        waitForAppendAfter: (after, signal) => this.notifier.waitForAppendAfter(after, signal),
      },
      {
        fromPosition: options.fromPosition,
        streamPrefix: options.streamPrefix ?? '',
        pageSize: this.pageSize,
        signal: AbortSignal.any(signals),
        onPageRead: (rows) => (this.subscriptionRowsFetched += rows),
      },
    );
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    this.writer.flush();
    this.closing.abort();
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
