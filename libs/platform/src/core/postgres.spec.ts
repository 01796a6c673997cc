import type { Pool } from 'pg';
import { validateEnvironment } from '../config/app-config';
import { openSharedPool, postgresAnswers, postgresSchemas } from './postgres';

const poolAnswering = (query: () => Promise<unknown>) => ({ query }) as unknown as Pool;

describe('PostgreSQL wiring', () => {
  it('answers true when SELECT 1 returns, false when it hangs past the timeout, and throws what the query threw', async () => {
    await expect(postgresAnswers(poolAnswering(async () => ({ rows: [{ '?column?': 1 }] })))).resolves.toBe(true);
    const started = performance.now();
    await expect(
      postgresAnswers(
        poolAnswering(() => new Promise(() => undefined)),
        50,
      ),
    ).resolves.toBe(false);
    expect(performance.now() - started).toBeLessThan(1_000);
    await expect(postgresAnswers(poolAnswering(async () => Promise.reject(new Error('connection refused'))))).rejects.toThrow('connection refused');
  });

  it('opens a pool only with EVENT_STORE=postgres, and names every schema after DATABASE_SCHEMA_PREFIX', async () => {
    await expect(openSharedPool(validateEnvironment({}))).resolves.toBeUndefined();
    const config = validateEnvironment({ EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', DATABASE_SCHEMA_PREFIX: 'blue_' });
    expect(postgresSchemas(config)).toEqual({
      eventStore: 'blue_event_store',
      readModels: 'blue_read_models',
      rejectionLog: 'blue_rejection_log',
      publishers: 'blue_publishers',
      coordination: 'blue_coordination',
    });
  });

  it('stops the start when the database cannot be reached, naming DATABASE_URL and where it points, never the password', async () => {
    const config = validateEnvironment({ EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://app:s3cret-pass@127.0.0.1:1/partners' });
    const opening = openSharedPool(config);
    await expect(opening).rejects.toThrow(/^DATABASE_URL: cannot connect to PostgreSQL at 127\.0\.0\.1:1\/partners: .*ECONNREFUSED/);
    await expect(opening).rejects.not.toThrow(/s3cret-pass/);
  });
});
