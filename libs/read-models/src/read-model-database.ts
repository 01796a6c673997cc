import { join } from 'node:path';
import { type SqliteDurability, openSqlite, sqliteDurability } from '@partner-program/event-store';
import type Database from 'better-sqlite3';
import type { ReadModelQueries } from './queries/read-model-queries';
import { migrateReadModelSchema } from './schema/read-model-schema';
import { SqliteReadModelQueries } from './sqlite/sqlite-read-model-queries';
import { SqliteReadModelStorage } from './sqlite/sqlite-read-model-storage';
import type { ReadModelBackend, ReadModelStorage } from './storage/read-model-storage';

/** Options of {@link ReadModelDatabase.open}. */
export interface ReadModelDatabaseOptions {
  /** Directory holding the file (created if missing; e.g. DATA_DIR), or `':memory:'`. */
  location: string;
  /** File name inside `location`. Default `read-models.sqlite` (apart from the event store file). */
  fileName?: string;
}

/**
 * The SQLite database of the read models: WAL, `synchronous=NORMAL`, schema created or migrated on
 * open. One instance is shared by the projector (writer) and the queries (readers); with
 * `':memory:'` it must be, since every connection would see its own empty database.
 */
export class ReadModelDatabase implements ReadModelBackend {
  readonly storage: ReadModelStorage;
  private shared: ReadModelQueries | undefined;

  private constructor(readonly db: Database.Database) {
    this.storage = new SqliteReadModelStorage(db);
  }

  static open(options: ReadModelDatabaseOptions): ReadModelDatabase {
    const file = options.location === ':memory:' ? ':memory:' : join(options.location, options.fileName ?? 'read-models.sqlite');
    // NORMAL, not FULL: a process crash still loses nothing, and an OS crash can only lose the last
    // pages *with* their checkpoint (same transaction), which the projector then replays from the
    // event store. The store is the durable record; an fsync per projected page would only slow
    // ingestion down.
    return openSqlite(file, 'NORMAL', (db) => {
      migrateReadModelSchema(db);
      return new ReadModelDatabase(db);
    });
  }

  queries(): ReadModelQueries {
    this.shared ??= new SqliteReadModelQueries(this.db);
    return this.shared;
  }

  /** Whether the connection is open. */
  get open(): boolean {
    return this.db.open;
  }

  /** Durability settings in effect, for readiness checks and tests. */
  durability(): SqliteDurability {
    return sqliteDurability(this.db);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
