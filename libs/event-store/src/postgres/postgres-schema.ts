import type { ClientBase } from 'pg';

/** One forward-only schema step. Versions start at 1 and are contiguous. `up` gets the quoted schema name. */
export interface PostgresMigration {
  version: number;
  description: string;
  up: (schema: string) => string;
}

/**
 * The event-store schema, oldest first. Never edit a released step: append a new one.
 *
 * - `events.position` is assigned by the store from `log_head` (see postgres-group-commit.ts for
 *   why a counter row and not a sequence): gap-free 1, 2, 3, … in commit order.
 * - `message_ids` keys each messageId to the one stream that holds it (primary key = the unique
 *   index that makes cross-stream reuse impossible, whatever the application checked before).
 * - `data` and `metadata` are `json` (kept verbatim, queryable), not `jsonb`, which would refuse
 *   `\u0000` in a string and reorder keys.
 */
export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 1,
    description: 'events, the log head counter row, message ids',
    up: (s) => `
      CREATE TABLE ${s}.events (
        position       bigint      PRIMARY KEY,
        stream_id      text        NOT NULL,
        revision       integer     NOT NULL,
        type           text        NOT NULL,
        data           json        NOT NULL,
        metadata       json        NOT NULL,
        schema_version integer     NOT NULL,
        message_id     text        NOT NULL,
        recorded_at    timestamptz NOT NULL,
        CONSTRAINT events_stream_revision UNIQUE (stream_id, revision)
      );
      CREATE TABLE ${s}.log_head (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        position  bigint  NOT NULL
      );
      INSERT INTO ${s}.log_head (position) VALUES (0);
      CREATE TABLE ${s}.message_ids (
        message_id text PRIMARY KEY,
        stream_id  text NOT NULL
      );`,
  },
  {
    version: 2,
    description: 'events.hash: the per-stream hash chain (filled for older events by the chain upgrade on open)',
    // Nullable: older rows get their hash from upgradePostgresHashChain, in batches, after this step.
    up: (s) => `ALTER TABLE ${s}.events ADD COLUMN hash text;`,
  },
];

/** Latest schema version this code knows. */
export const POSTGRES_SCHEMA_VERSION = POSTGRES_MIGRATIONS.length;

/**
 * Brings `schema` to the latest of `migrations` (by default the event store's; the rejection log
 * and the publisher checkpoints pass their own) in one transaction (PostgreSQL DDL is transactional),
 * recorded in `schema_migrations`. An advisory lock keyed by the schema name lets several
 * processes start at once: one migrates, the others then find it done. Refuses a schema written
 * by newer code rather than guess at its layout.
 */
export async function migratePostgresSchema(
  client: ClientBase,
  schema: string,
  migrations: readonly PostgresMigration[] = POSTGRES_MIGRATIONS,
): Promise<number> {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration #${i} has version ${m.version}, expected ${i + 1}`);
  });
  const s = client.escapeIdentifier(schema);
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`event-store-migrations:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${s}.schema_migrations (
      version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ v: number | null }>(`SELECT MAX(version) AS v FROM ${s}.schema_migrations`);
    const current = rows[0]?.v ?? 0;
    if (current > migrations.length) throw new Error(`schema ${schema} is at v${current}, newer than this code (v${migrations.length})`);
    for (const migration of migrations.slice(current)) {
      await client.query(migration.up(s));
      await client.query(`INSERT INTO ${s}.schema_migrations (version, description) VALUES ($1, $2)`, [migration.version, migration.description]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
  return migrations.length;
}
