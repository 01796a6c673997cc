import pg from 'pg';
import { POSTGRES_TYPES } from './postgres-rows';
import { type PostgresMigration, migratePostgresSchema } from './postgres-schema';

/** Options of {@link openPostgresPool}. */
export type PostgresPoolOptions = Readonly<{ connectionString: string; max: number }>;

/**
 * The one way to open a pool for the project's PostgreSQL components: int8 read as bigint
 * ({@link POSTGRES_TYPES}), and an idle connection that the server drops does not crash the
 * process (pg emits `error` on the pool; the next query reconnects).
 */
export function openPostgresPool({ connectionString, max }: PostgresPoolOptions): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, types: POSTGRES_TYPES });
  pool.on('error', () => undefined);
  return pool;
}

/**
 * Migrates `schema` with `migrations` on a connection of `pool` (see {@link migratePostgresSchema});
 * returns the schema's quoted name for the component's statements.
 */
export async function migrateOnPool(pool: pg.Pool, schema: string, migrations: readonly PostgresMigration[]): Promise<string> {
  const client = await pool.connect();
  try {
    await migratePostgresSchema(client, schema, migrations);
    return client.escapeIdentifier(schema);
  } finally {
    client.release();
  }
}
