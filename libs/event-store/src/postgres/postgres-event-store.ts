import type pg from 'pg';
import { AppendNotifier } from '../append-notifier';
import type { StoredEvent } from '../event-envelope';
import { EventStoreClosedError } from '../event-store.errors';
import type { EventStore, LogHeads, ReadHeadsOptions } from '../event-store.port';
import type { StreamRevision } from '../expected-revision';
import { SqlEventStore } from '../sql/sql-event-store';
import type { WakesOnAppend } from '../wakes-on-append';
import { PostgresAppendListener } from './postgres-append-listener';
import type { PostgresEventStoreMetrics, PostgresEventStoreOptions } from './postgres-event-store.options';
import { PostgresGroupCommit } from './postgres-group-commit';
import { openPostgresPool } from './postgres-pool';
import { decodeRow, postgresSql, type EventRow, type PostgresSql } from './postgres-rows';
import { upgradePostgresHashChain } from './postgres-hash-chain-upgrade';
import { migratePostgresSchema } from './postgres-schema';

/**
 * PostgreSQL adapter of the {@link EventStore} port: group commit, gap-free positions in commit
 * order (a counter row, see postgres-group-commit.ts), messageIds unique across streams, live
 * readers at the end of the log woken by LISTEN/NOTIFY, with their own bound as the fallback.
 */
export class PostgresEventStore extends SqlEventStore<EventRow> implements EventStore, WakesOnAppend {
  protected readonly writer: PostgresGroupCommit;
  private readonly notifier: AppendNotifier;
  private readonly closing = new AbortController();

  private constructor(
    private readonly pool: pg.Pool,
    /** Whether `close()` ends the pool (not when it is shared). */
    private readonly ownsPool: boolean,
    private readonly sql: PostgresSql,
    private readonly listener: PostgresAppendListener,
    notifier: AppendNotifier,
    channel: string,
    options: PostgresEventStoreOptions,
  ) {
    super(options);
    this.notifier = notifier;
    this.writer = new PostgresGroupCommit(pool, sql, channel, (last) => this.notifier.published(last), options.chainHash);
  }

  /** Connects, creates and migrates the schema as needed, and starts listening for appends. */
  static async open(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const schema = options.schema ?? 'event_store';
    const ownsPool = options.pool === undefined;
    const pool = options.pool ?? openPostgresPool({ connectionString: options.connectionString, max: options.poolSize ?? 8 });
    const notifier = new AppendNotifier();
    // NOTIFY channels are identifiers (at most 63 bytes): one per schema, so stores in other schemas stay quiet.
    const channel = `${schema}.appended`.slice(0, 63);
    const listener = new PostgresAppendListener(
      options.connectionString,
      channel,
      (p) => notifier.published(p),
      () => notifier.wakeAll(),
      options.listenerRetryMs ?? 1000,
    );
    try {
      const client = await pool.connect();
      let sql: PostgresSql;
      try {
        await migratePostgresSchema(client, schema);
        sql = postgresSql(client.escapeIdentifier(schema));
        notifier.published((await client.query<{ position: bigint }>(sql.head)).rows[0]!.position);
      } finally {
        client.release();
      }
      // After the release: the upgrade takes a connection of its own, and the pool may have only one.
      await upgradePostgresHashChain(pool, sql.schema, options.log ?? (() => {}));
      await listener.start();
      return new PostgresEventStore(pool, ownsPool, sql, listener, notifier, channel, options);
    } catch (error) {
      await listener.close();
      if (ownsPool) await pool.end();
      throw error;
    }
  }

  /** Snapshot of the counters. */
  get metrics(): PostgresEventStoreMetrics {
    return { appends: this.appends, transactions: this.writer.transactions };
  }

  async streamRevision(streamId: string): Promise<StreamRevision> {
    this.assertOpen();
    const { rows } = await this.pool.query<{ revision: number | null }>(this.sql.streamRevision, [streamId]);
    return rows[0]?.revision ?? 'no_stream';
  }

  /** Positions are gap-free here, so `head - checkpoint` is exactly the events after a checkpoint. */
  async headPosition(): Promise<bigint> {
    this.assertOpen();
    return (await this.pool.query<{ position: bigint }>(this.sql.head)).rows[0]!.position;
  }

  async readHeads(options: ReadHeadsOptions = {}): Promise<LogHeads> {
    this.assertOpen();
    // Positions become visible in commit order (the counter row), so whatever commits after the
    // head is read lies beyond it: the filter gives exactly the log as it was then.
    const position = await this.headPosition();
    const { rows } = await this.pool.query<{ stream_id: string; revision: number; position: bigint }>(this.sql.streamHeads, [
      position.toString(),
      options.streamPrefix ?? '',
    ]);
    return { position, streams: rows.map((row) => ({ streamId: row.stream_id, revision: row.revision, position: row.position })) };
  }

  /** Woken by every process's commits (LISTEN/NOTIFY); `maxMs` bounds a wait whose notification was lost. */
  waitForAppendAfter(position: bigint, maxMs: number, signal: AbortSignal): Promise<void> {
    // close() wakes every waiter; the reader's next read then finds the store closed.
    return this.notifier.waitForAppendAfter(position, maxMs, signal);
  }

  async close(): Promise<void> {
    if (this.closing.signal.aborted) return;
    this.closing.abort();
    await this.writer.flush();
    this.notifier.wakeAll();
    await this.listener.close();
    if (this.ownsPool) await this.pool.end();
  }

  protected assertOpen(): void {
    if (this.closing.signal.aborted) throw new EventStoreClosedError();
  }

  protected async streamRows(streamId: string, fromRevision: number, limit: number): Promise<readonly EventRow[]> {
    return (await this.pool.query<EventRow>(this.sql.readStream, [streamId, fromRevision, limit])).rows;
  }

  protected async logRows(after: bigint, limit: number): Promise<readonly EventRow[]> {
    return (await this.pool.query<EventRow>(this.sql.readAll, [after.toString(), limit])).rows;
  }

  protected decode(row: EventRow): StoredEvent {
    return decodeRow(row, this.upcasters);
  }
}
