import type pg from 'pg';

/**
 * Runs `work` in one transaction on one pooled connection: COMMIT if it resolves, ROLLBACK if it
 * throws. A connection whose ROLLBACK fails is broken and is dropped from the pool, not reused.
 */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    client.release(broken);
  }
}
