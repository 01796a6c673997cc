import pg from 'pg';
import type { EventData, EventMetadata, StoredEvent } from '../event-envelope';
import type { UpcasterRegistry } from '../upcaster-registry';

/** A row of `events` as the client returns it: int8 as bigint (see {@link POSTGRES_TYPES}), json parsed. */
export interface EventRow {
  position: bigint;
  stream_id: string;
  revision: number;
  type: string;
  data: EventData;
  metadata: EventMetadata & { recordedAt: string; schemaVersion: number };
  schema_version: number;
  recorded_at: Date;
  /** NULL only between the schema step that added the column and the chain's upgrade. */
  hash: string | null;
}

/**
 * int8 (positions) as exact bigints instead of the client's default strings; set per pool, not
 * on the process-wide `pg.types`, so other users of `pg` in the process are unaffected.
 */
const INT8_OID: number = pg.types.builtins.INT8;
export const POSTGRES_TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID
      ? (value: string) => BigInt(value)
      : (pg.types.getTypeParser(oid, format) as (value: string) => unknown)) as pg.CustomTypesConfig['getTypeParser'],
};

/** The columns of {@link EventRow}, in its order. */
export const COLUMNS = 'position, stream_id, revision, type, data, metadata, schema_version, recorded_at, hash';

/** Every statement the adapter runs, for one (quoted) schema. */
export function postgresSql(s: string) {
  return {
    /** The quoted schema name. */
    schema: s,
    // BEGIN and the lock in one simple query (one round trip). The reads that depend on the lock
    // must be later statements: a statement's snapshot is taken when it starts, before it waits.
    beginAndLockHead: `BEGIN; SELECT position FROM ${s}.log_head FOR UPDATE`,
    head: `SELECT position FROM ${s}.log_head`,
    // The group's streams' revisions and its messageIds' holders, in one round trip.
    // Each stream's last revision and hash (what its next event chains to) is one backward step on the (stream_id, revision) index.
    groupState: `SELECT id AS key, tip.revision, tip.hash, NULL AS holder FROM unnest($1::text[]) AS stream(id)
        LEFT JOIN LATERAL (SELECT revision, hash FROM ${s}.events WHERE stream_id = id ORDER BY revision DESC LIMIT 1) AS tip ON true
      UNION ALL SELECT message_id, NULL, NULL, stream_id FROM ${s}.message_ids WHERE message_id = ANY($2::text[])`,
    // Every write of a group in one statement: the events (arrays in, one row per event out of
    // unnest), the newly claimed messageIds, the head and its NOTIFY (delivered at COMMIT only).
    writeGroup: `WITH written AS (
        INSERT INTO ${s}.events (position, stream_id, revision, type, data, metadata, schema_version, message_id, recorded_at, hash)
        SELECT * FROM unnest($1::bigint[], $2::text[], $3::integer[], $4::text[], $5::json[], $6::json[], $7::integer[], $8::text[], $9::timestamptz[], $10::text[])
      ), claimed AS (
        INSERT INTO ${s}.message_ids (message_id, stream_id) SELECT * FROM unnest($11::text[], $12::text[])
      )
      UPDATE ${s}.log_head SET position = $13::bigint RETURNING pg_notify($14, $13::text)`,
    streamRevision: `SELECT MAX(revision) AS revision FROM ${s}.events WHERE stream_id = $1`,
    readStream: `SELECT ${COLUMNS} FROM ${s}.events WHERE stream_id = $1 AND revision >= $2 ORDER BY revision LIMIT $3`,
    readAll: `SELECT ${COLUMNS} FROM ${s}.events WHERE position > $1 ORDER BY position LIMIT $2`,
    streamHeads: `SELECT stream_id, MAX(revision) AS revision, MAX(position) AS position FROM ${s}.events
      WHERE position <= $1 AND starts_with(stream_id, $2) GROUP BY stream_id ORDER BY position`,
  };
}

/** The statements of one schema. */
export type PostgresSql = ReturnType<typeof postgresSql>;

/** Row → StoredEvent, upcast to the current shape. */
export function decodeRow(row: EventRow, upcasters: UpcasterRegistry): StoredEvent {
  return upcasters.upcast(decodeStoredRow(row));
}

/** Row → StoredEvent as stored (what its hash covers). */
export function decodeStoredRow(row: EventRow): StoredEvent {
  const metadata = row.metadata;
  metadata.recordedAt = row.recorded_at.toISOString();
  metadata.schemaVersion = row.schema_version;
  const event: StoredEvent = { streamId: row.stream_id, revision: row.revision, position: row.position, type: row.type, data: row.data, metadata };
  if (row.hash !== null) event.hash = row.hash;
  return event;
}
