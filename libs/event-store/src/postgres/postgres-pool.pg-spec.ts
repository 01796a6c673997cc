import { adminQuery, testDatabaseUrl } from '../testing/postgres-test-schema';
import { openPostgresPool } from './postgres-pool';

describe('openPostgresPool', () => {
  // Before tolerateDroppedConnections, the terminated client emitted an `error` event nobody
  // listened to: an uncaught exception, which killed an API replica when PostgreSQL restarted.
  it('survives the server terminating a checked-out connection: its query rejects, the pool serves on', async () => {
    const pool = openPostgresPool({ connectionString: testDatabaseUrl(), max: 2 });
    try {
      const client = await pool.connect();
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await client.query('BEGIN');
      await adminQuery('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
      await new Promise((resolve) => setTimeout(resolve, 200)); // the FATAL notice arrives while the client is idle in our hands
      await expect(client.query('SELECT 1')).rejects.toThrow();
      client.release(true);
      expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await pool.end();
    }
  });
});
