import type Database from 'better-sqlite3';
import type { EventMetadata, StoredEvent } from '../event-envelope';
import type { UpcasterRegistry } from '../upcaster-registry';

/**
 * A row of the `events` table as better-sqlite3 returns it in raw mode: an array in `COLUMNS`
 * order, integers as BigInt. Arrays instead of objects make reading a row about twice as cheap
 * (no per-row object with eight named properties to build).
 */
export type EventRow = [
  position: bigint,
  streamId: string,
  revision: bigint,
  type: string,
  data: string,
  metadata: string,
  schemaVersion: bigint,
  recordedAt: string,
  /** NULL only between the schema step that added the column and the chain's upgrade (hash-chain-upgrade.ts). */
  hash: string | null,
];

/** The columns of {@link EventRow}, in its order. */
export const COLUMNS = 'position, stream_id, revision, type, data, metadata, schema_version, recorded_at, hash';

/** Every statement the adapter runs, prepared once. Positions are read as BigInt (exact). */
export function prepareStatements(db: Database.Database) {
  const rows = (sql: string) => db.prepare<unknown[], EventRow>(sql).raw(true).safeIntegers(true);
  return {
    insert: db.prepare(
      `INSERT INTO events (position, stream_id, revision, type, data, metadata, schema_version, message_id, recorded_at, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    messageStream: db.prepare<[string], { stream_id: string }>('SELECT stream_id FROM message_streams WHERE message_id = ?'),
    claimMessage: db.prepare<[string, string]>('INSERT OR IGNORE INTO message_streams (message_id, stream_id) VALUES (?, ?)'),
    maxPosition: db.prepare<[], { p: bigint | null }>('SELECT MAX(position) AS p FROM events').safeIntegers(true),
    streamRevision: db.prepare<[string], { r: number | null }>('SELECT MAX(revision) AS r FROM events WHERE stream_id = ?'),
    // The stream's last event, for the revision check and the chain: one backward step on the index.
    streamTip: db.prepare<[string], { revision: number; hash: string | null }>(
      'SELECT revision, hash FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
    ),
    readStream: rows(`SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`),
    readAll: rows(`SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`),
    // Covering scan of the (stream_id, revision) index, whose entries carry the position (rowid).
    streamHeads: db
      .prepare<[bigint], { stream_id: string; revision: bigint; position: bigint }>(
        'SELECT stream_id, MAX(revision) AS revision, MAX(position) AS position FROM events WHERE position <= ? GROUP BY stream_id',
      )
      .safeIntegers(true),
  };
}

/** The prepared statements of one database. */
export type SqliteStatements = ReturnType<typeof prepareStatements>;

/** Row → StoredEvent, upcast to the current shape. */
export function decodeRow(row: EventRow, upcasters: UpcasterRegistry): StoredEvent {
  return upcasters.upcast(decodeStoredRow(row));
}

/** Row → StoredEvent as stored (what its hash covers). */
export function decodeStoredRow(row: EventRow): StoredEvent {
  const [position, streamId, revision, type, data, metadata, schemaVersion, recordedAt, hash] = row;
  // safeIntegers makes every integer column a BigInt; revision and schema_version are small.
  const decoded = JSON.parse(metadata) as EventMetadata & { recordedAt: string; schemaVersion: number };
  // Set on the freshly parsed object: a spread into a new one would copy every field again.
  decoded.recordedAt = recordedAt;
  decoded.schemaVersion = Number(schemaVersion);
  const event: StoredEvent = { streamId, revision: Number(revision), position, type, data: JSON.parse(data) as Record<string, unknown>, metadata: decoded };
  if (hash !== null) event.hash = hash;
  return event;
}

/** Global position of a row, without decoding it. */
export function positionOfRow(row: EventRow): bigint {
  return row[0];
}

/** Stream of a row, without decoding it. */
export function streamIdOfRow(row: EventRow): string {
  return row[1];
}
