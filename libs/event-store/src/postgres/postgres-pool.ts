import pg from 'pg';
import { POSTGRES_TYPES } from './postgres-rows';
import { type PostgresMigration, migratePostgresSchema } from './postgres-schema';

/** Options of {@link openPostgresPool}. */
export type PostgresPoolOptions = Readonly<{ connectionString: string; max: number }>;

/**
 * The one way to open a pool for the project's PostgreSQL components: int8 read as bigint
 * ({@link POSTGRES_TYPES}), and connections the server drops do not crash the process.
 */
export function openPostgresPool({ connectionString, max }: PostgresPoolOptions): pg.Pool {
  return tolerateDroppedConnections(new pg.Pool({ connectionString, max, types: POSTGRES_TYPES }));
}

/**
 * A connection the server drops (a restart, a failover, `pg_terminate_backend`) must not crash the
 * process. pg emits `error` on the pool for an idle connection, but on the client itself for one
 * checked out (e.g. between the statements of a group commit), where no listener is attached by
 * pg: unhandled, that event killed an API replica when the database restarted (the fleet fault
 * test). The query in flight rejects anyway and the pool discards the broken client on release.
 */
export function tolerateDroppedConnections(pool: pg.Pool): pg.Pool {
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
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
