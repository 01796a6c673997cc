import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The database of the PostgreSQL suites (`npm run test:postgres` sets it via with-postgres.sh). */
export function testDatabaseUrl(): string {
  const url = process.env['DATABASE_URL'];
  if (!url) throw new Error('DATABASE_URL is not set: run the PostgreSQL suites with npm run test:postgres');
  return url;
}

/** A schema name no other test uses: each store under test gets an empty log of its own. */
export function uniqueSchema(): string {
  return `es_test_${randomBytes(6).toString('hex')}`;
}

/** Runs SQL as an administrator on the test database (triggers, cleanup). */
export async function adminQuery(sql: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    return await client.query(sql, values);
  } finally {
    await client.end();
  }
}

export async function dropSchema(schema: string): Promise<void> {
  await adminQuery(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}
