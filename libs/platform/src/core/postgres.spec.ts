import type { Pool } from 'pg';
import { validateEnvironment } from '../config/app-config';
import { openSharedPool, postgresAnswers, postgresSchemas } from './postgres';

const poolAnswering = (query: () => Promise<unknown>) => ({ query }) as unknown as Pool;

describe('PostgreSQL wiring', () => {
  it('answers true when SELECT 1 returns, false when it hangs past the timeout, and throws what the query threw', async () => {
    await expect(postgresAnswers(poolAnswering(async () => ({ rows: [{ '?column?': 1 }] })))).resolves.toBe(true);
    const started = performance.now();
    await expect(postgresAnswers(poolAnswering(() => new Promise(() => undefined)), 50)).resolves.toBe(false);
    expect(performance.now() - started).toBeLessThan(1_000);
    await expect(postgresAnswers(poolAnswering(async () => Promise.reject(new Error('connection refused'))))).rejects.toThrow('connection refused');
  });

  it('opens a pool only with EVENT_STORE=postgres, and names every schema after DATABASE_SCHEMA_PREFIX', async () => {
    expect(openSharedPool(validateEnvironment({}))).toBeUndefined();
    const config = validateEnvironment({ EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', DATABASE_POOL_SIZE: '3', DATABASE_SCHEMA_PREFIX: 'blue_' });
    const pool = openSharedPool(config)!;
    expect(pool.options.max).toBe(3);
    await pool.end();
    expect(postgresSchemas(config)).toEqual({ eventStore: 'blue_event_store', rejectionLog: 'blue_rejection_log', publishers: 'blue_publishers' });
  });
});
