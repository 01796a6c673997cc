import type pg from 'pg';
import { AppendNotifier, PostgresAppendListener, migratePostgresSchema } from '@partner-program/event-store';
import type { ReadModelQueries } from '../queries/read-model-queries';
import type { ReadModelBackend, ReadModelStorage } from '../storage/read-model-storage';
import { READ_MODEL_MIGRATIONS } from './postgres-read-model-schema';
import { type CheckpointNotifications, PostgresReadModelQueries } from './postgres-read-model-queries';
import { PostgresReadModelStorage } from './postgres-read-model-storage';

/** Options of {@link PostgresReadModelDatabase.open}. */
export interface PostgresReadModelOptions {
  /** The process's pool (shared with the event store and others; the caller ends it). */
  pool: pg.Pool;
  /** For the one LISTEN connection of the process (a pooled connection cannot hold LISTEN). */
  connectionString: string;
  /** Default `read_models`. */
  schema?: string;
  /** How often a read-your-writes wait re-reads the checkpoint when no NOTIFY comes. Default 250 ms. */
  pollIntervalMs?: number;
}

/**
 * The read models in PostgreSQL: one schema, created or migrated on open under an advisory lock
 * (a schema written by newer code is refused). Several API processes read it while one elected
 * projector writes it; page commits NOTIFY `<schema>.read_models` with their checkpoint, which
 * wakes read-your-writes waiters in every process (one LISTEN connection per process, opened on
 * the first wait).
 */
export class PostgresReadModelDatabase implements ReadModelBackend, CheckpointNotifications {
  readonly storage: ReadModelStorage;
  readonly notifier: AppendNotifier;
  readonly pollMs: number;
  private readonly shared: ReadModelQueries;
  private readonly listener: PostgresAppendListener;
  private listening: Promise<void> | undefined;

  private constructor(options: PostgresReadModelOptions, quoted: string, channel: string) {
    this.pollMs = options.pollIntervalMs ?? 250;
    this.notifier = new AppendNotifier();
    this.listener = new PostgresAppendListener(
      options.connectionString,
      channel,
      (p) => this.notifier.published(p),
      () => this.notifier.wakeAll(),
      this.pollMs,
    );
    this.storage = new PostgresReadModelStorage(options.pool, quoted, channel);
    this.shared = new PostgresReadModelQueries(options.pool, quoted, this);
  }

  static async open(options: PostgresReadModelOptions): Promise<PostgresReadModelDatabase> {
    const schema = options.schema ?? 'read_models';
    const client = await options.pool.connect();
    try {
      await migratePostgresSchema(client, schema, READ_MODEL_MIGRATIONS);
      // NOTIFY channels are identifiers (at most 63 bytes): one per schema.
      return new PostgresReadModelDatabase(options, client.escapeIdentifier(schema), `${schema}.read_models`.slice(0, 63));
    } finally {
      client.release();
    }
  }

  queries(): ReadModelQueries {
    return this.shared;
  }

  listen(): Promise<void> {
    // A failed LISTEN leaves the waits polling; the next wait tries again.
    this.listening ??= this.listener.start().catch(() => void (this.listening = undefined));
    return this.listening;
  }

  /** Stops listening; the pool is the caller's. */
  async close(): Promise<void> {
    await this.listener.close();
  }
}
