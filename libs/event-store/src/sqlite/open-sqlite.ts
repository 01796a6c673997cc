import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

// ── The one way this project opens a SQLite file: the event store, the read models, the rejection log ──

/**
 * How far a commit waits for the disk. Every file runs in WAL mode (readers go on while a write
 * commits); the level is each file's own choice, and its reason sits where the file is opened.
 * `FULL`: a commit returns after the WAL is fsynced, so an acknowledged write survives an OS crash.
 * `NORMAL`: a process crash loses nothing, an OS crash may lose the last commits.
 */
export type SqliteSynchronous = 'FULL' | 'NORMAL';

/** Durability settings in effect on a connection, for readiness checks and tests. */
export type SqliteDurability = { journalMode: string; synchronous: number };

/**
 * Opens `file` (creating its directory), or an in-memory database for `':memory:'`, in WAL mode
 * at the given `synchronous` level, and hands it to `prepare` (schema, statements); the connection
 * is closed again if `prepare` throws, so a failed open leaves no handle behind.
 */
export function openSqlite<T>(file: string, synchronous: SqliteSynchronous, prepare: (db: Database.Database) => T): T {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${synchronous}`);
    // Another connection (a second process, a backup) may hold the write lock for a moment.
    db.pragma('busy_timeout = 5000');
    return prepare(db);
  } catch (error) {
    db.close();
    throw error;
  }
}

export function sqliteDurability(db: Database.Database): SqliteDurability {
  return { journalMode: String(db.pragma('journal_mode', { simple: true })), synchronous: Number(db.pragma('synchronous', { simple: true })) };
}
