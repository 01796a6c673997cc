import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PostgresEventStore, type PostgresEventStoreOptions } from '@partner-program/event-store';
import type { Envelope } from '../../scripts/programme-generator';
import { ceilingRows } from './ceiling';
import type { BenchStore } from './store-appends';

/** A schema name of its own for one measurement, so runs on a shared database never meet. */
export const freshSchema = () => `bench_${randomBytes(5).toString('hex')}`;

async function inSchema(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export const createSchema = (url: string, schema: string) => inSchema(url, `CREATE SCHEMA "${schema}"`);
export const dropSchema = (url: string, schema: string) => inSchema(url, `DROP SCHEMA IF EXISTS "${schema}" CASCADE`);

/** A fresh PostgresEventStore in a schema of its own on `url`, dropped afterwards. */
export function postgresBenchStore(url: string, options: Partial<PostgresEventStoreOptions> = {}): () => Promise<BenchStore> {
  return async () => {
    const schema = freshSchema();
    const store = await PostgresEventStore.open({ ...options, connectionString: url, schema });
    return {
      store,
      transactions: () => store.metrics.transactions,
      dispose: async () => {
        await store.close();
        await dropSchema(url, schema);
      },
    };
  };
}

/**
 * The PostgreSQL ceiling: bare `pg` inserts of the same serialized events into a table of the
 * same shape (bigserial position, unique stream revision), 100 rows per transaction in one
 * multi-row INSERT, default durability (synchronous_commit on). No store on this database
 * writes faster; the PostgreSQL store's figures are also given as a ratio to this.
 */
export async function measurePostgresCeiling(url: string, messages: readonly Envelope[]): Promise<number> {
  const schema = freshSchema();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA "${schema}"; CREATE TABLE "${schema}".events (position bigserial PRIMARY KEY, stream_id text NOT NULL,
      revision integer NOT NULL, type text NOT NULL, data json NOT NULL, metadata json NOT NULL, UNIQUE (stream_id, revision))`);
    const rows = ceilingRows(messages);
    const insert = `INSERT INTO "${schema}".events (stream_id, revision, type, data, metadata)
      SELECT * FROM unnest($1::text[], $2::integer[], $3::text[], $4::json[], $5::json[])`;
    const started = performance.now();
    for (let i = 0; i < rows.length; i += 100) {
      const batch = rows.slice(i, i + 100);
      await client.query('BEGIN');
      await client.query(
        insert,
        [0, 1, 2, 3, 4].map((column) => batch.map((row) => row[column])),
      );
      await client.query('COMMIT');
    }
    return rows.length / ((performance.now() - started) / 1000);
  } finally {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  }
}
