import pg from 'pg';
import { dropSchema, testDatabaseUrl, uniqueSchema } from '@partner-program/event-store/testing';
import type { ReadModelQueries } from '../queries/read-model-queries';
import type { TestReadModels } from '../testing/read-model-fixture';
import { PostgresReadModelDatabase, type PostgresReadModelOptions } from './postgres-read-model-database';

/** A PostgreSQL read-model database in a schema of its own, on a pool of its own; `close` drops the schema. */
export class TestPostgresReadModels implements TestReadModels {
  private constructor(
    readonly db: PostgresReadModelDatabase,
    readonly pool: pg.Pool,
    readonly schema: string,
  ) {}

  static async open(options: Partial<PostgresReadModelOptions> = {}): Promise<TestPostgresReadModels> {
    const schema = options.schema ?? uniqueSchema().replace(/^es_/, 'rm_');
    const pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 4 });
    const db = await PostgresReadModelDatabase.open({ connectionString: testDatabaseUrl(), ...options, pool, schema });
    return new TestPostgresReadModels(db, pool, schema);
  }

  /** Another process's view of the same schema (its own pool and LISTEN connection); closing it keeps the schema. */
  async replica(options: Partial<PostgresReadModelOptions> = {}): Promise<{ db: PostgresReadModelDatabase; close: () => Promise<void> }> {
    const pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
    const db = await PostgresReadModelDatabase.open({ connectionString: testDatabaseUrl(), ...options, pool, schema: this.schema }).catch(
      async (error: unknown) => {
        await pool.end();
        throw error;
      },
    );
    return { db, close: async () => (await db.close(), await pool.end()) };
  }

  get storage() {
    return this.db.storage;
  }

  queries(): ReadModelQueries {
    return this.db.queries();
  }

  /** Rows of a table of the schema, `undefined` when it does not exist. */
  async rowsIn(table: string): Promise<number | undefined> {
    const exists = await this.pool.query('SELECT 1 FROM pg_tables WHERE schemaname = $1 AND tablename = $2', [this.schema, table]);
    if (exists.rowCount === 0) return undefined;
    return Number((await this.pool.query<{ n: string }>(`SELECT count(*) AS n FROM "${this.schema}".${table}`)).rows[0]!.n);
  }

  async close(): Promise<void> {
    await this.db.close();
    await this.pool.end();
    await dropSchema(this.schema);
  }
}
