import type Database from 'better-sqlite3';

/** One forward-only schema step. Versions start at 1 and are contiguous. */
export interface SqliteMigration {
  version: number;
  description: string;
  up: (db: Database.Database) => void;
}

/**
 * The event-store schema, oldest first. Never edit a released step: append a new one.
 * `position` is the rowid alias and is assigned by the store (max + 1 in the write transaction),
 * which keeps it gap-free even when a savepoint rolls back.
 */
export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    description: 'events table with per-stream revision uniqueness',
    up: (db) =>
      db.exec(`
        CREATE TABLE events (
          position       INTEGER PRIMARY KEY,
          stream_id      TEXT    NOT NULL,
          revision       INTEGER NOT NULL,
          type           TEXT    NOT NULL,
          data           TEXT    NOT NULL,
          metadata       TEXT    NOT NULL,
          schema_version INTEGER NOT NULL,
          message_id     TEXT    NOT NULL,
          recorded_at    TEXT    NOT NULL
        );
        CREATE UNIQUE INDEX events_stream_revision ON events (stream_id, revision);
      `),
  },
  {
    version: 2,
    description: 'index on message_id for cross-stream duplicate detection',
    up: (db) => db.exec('CREATE INDEX events_message_id ON events (message_id);'),
  },
  {
    version: 3,
    description: 'message_streams: each messageId belongs to one stream, checked in the append',
    // A UNIQUE index on events.message_id would refuse a message with several events and could
    // not be created on a database that already holds one messageId in two streams (the race this
    // fixes). A table keyed by messageId holds its stream instead; an older database keeps the
    // first stream that used an id (INSERT OR IGNORE in position order), so it opens as before.
    up: (db) =>
      db.exec(`
        CREATE TABLE message_streams (message_id TEXT PRIMARY KEY, stream_id TEXT NOT NULL) WITHOUT ROWID;
        INSERT OR IGNORE INTO message_streams (message_id, stream_id) SELECT message_id, stream_id FROM events ORDER BY position;
      `),
  },
  {
    version: 4,
    description: 'events.hash: the per-stream hash chain (filled for older events by the chain upgrade on open)',
    // Nullable: older rows get their hash from upgradeSqliteHashChain, in batches, after this step.
    up: (db) => db.exec('ALTER TABLE events ADD COLUMN hash TEXT;'),
  },
];

/** Latest schema version this code knows. */
export const SQLITE_SCHEMA_VERSION = SQLITE_MIGRATIONS.length;

/**
 * Brings the database to the latest version, each step in its own transaction and recorded in
 * `schema_migrations` (and mirrored in `PRAGMA user_version` for quick inspection). Refuses a
 * database written by newer code rather than guess at its layout.
 */
export function migrateSqliteSchema(db: Database.Database, migrations: readonly SqliteMigration[] = SQLITE_MIGRATIONS): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  const current = row.v ?? 0;
  const latest = migrations.length;
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration #${i} has version ${m.version}, expected ${i + 1}`);
  });
  if (current > latest) throw new Error(`event store schema v${current} is newer than this code (v${latest})`);
  const record = db.prepare('INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)');
  for (const migration of migrations.slice(current)) {
    db.transaction(() => {
      migration.up(db);
      record.run(migration.version, migration.description, new Date().toISOString());
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return latest;
}
