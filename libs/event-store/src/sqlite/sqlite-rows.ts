import type Database from 'better-sqlite3';
import { toJsonText } from '../append-validation';
import type { EventMetadata, NewEvent, StoredEvent } from '../event-envelope';
import type { UpcasterRegistry } from '../upcaster-registry';

/** A row of the `events` table as better-sqlite3 returns it (`position` read as BigInt). */
export interface EventRow {
  position: bigint;
  stream_id: string;
  revision: bigint;
  type: string;
  data: string;
  metadata: string;
  schema_version: bigint;
  recorded_at: string;
}

/** A fully encoded event ready for INSERT (encoded before queuing so bad input fails alone). */
export interface EncodedEvent {
  type: string;
  data: string;
  metadata: string;
  schemaVersion: number;
  messageId: string;
  recordedAt: string;
}

const COLUMNS = 'position, stream_id, revision, type, data, metadata, schema_version, recorded_at';

/** Every statement the adapter runs, prepared once. Positions are read as BigInt (exact). */
export function prepareStatements(db: Database.Database) {
  const rows = (sql: string) => db.prepare<unknown[], EventRow>(sql).safeIntegers(true);
  return {
    insert: db.prepare(
      `INSERT INTO events (position, stream_id, revision, type, data, metadata, schema_version, message_id, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    maxPosition: db.prepare<[], { p: bigint | null }>('SELECT MAX(position) AS p FROM events').safeIntegers(true),
    streamRevision: db.prepare<[string], { r: number | null }>('SELECT MAX(revision) AS r FROM events WHERE stream_id = ?'),
    readStream: rows(`SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`),
    readAll: rows(`SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`),
    byMessageId: rows(`SELECT ${COLUMNS} FROM events WHERE message_id = ? ORDER BY position`),
  };
}

/** The prepared statements of one database. */
export type SqliteStatements = ReturnType<typeof prepareStatements>;

/** Row → StoredEvent, upcast to the current shape. */
export function decodeRow(row: EventRow, upcasters: UpcasterRegistry): StoredEvent {
  // safeIntegers makes every integer column a BigInt; revision and schema_version are small.
  const metadata = JSON.parse(row.metadata) as EventMetadata;
  return upcasters.upcast({
    streamId: row.stream_id,
    revision: Number(row.revision),
    position: row.position,
    type: row.type,
    data: JSON.parse(row.data) as Record<string, unknown>,
    metadata: { ...metadata, recordedAt: row.recorded_at, schemaVersion: Number(row.schema_version) },
  });
}

/** NewEvent → INSERT values. Done at append time so unserialisable input fails alone. */
export function encodeEvent(event: NewEvent, recordedAt: string, schemaVersion: number, where: string): EncodedEvent {
  // schemaVersion lives in its own column; the metadata JSON keeps the caller's fields only.
  const { schemaVersion: _column, ...metadata } = event.metadata;
  return {
    type: event.type,
    data: toJsonText(event.data, `${where}.data`),
    metadata: toJsonText(metadata, `${where}.metadata`),
    schemaVersion,
    messageId: event.metadata.messageId,
    recordedAt,
  };
}
