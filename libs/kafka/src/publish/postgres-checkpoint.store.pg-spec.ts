import { FencedOutError, openPostgresPool } from '@partner-program/event-store';
import { adminQuery, dropSchema, testDatabaseUrl, uniqueSchema } from '@partner-program/event-store/testing';
import type { Pool } from 'pg';
import { PostgresCheckpointStore } from './postgres-checkpoint.store';

describe('PostgresCheckpointStore', () => {
  let pool: Pool;
  let schema: string;
  const store = (name: string, fence?: () => bigint | undefined) => new PostgresCheckpointStore({ pool, schema, name, ...(fence ? { fence } : {}) });
  beforeEach(() => {
    pool = openPostgresPool({ connectionString: testDatabaseUrl(), max: 2 });
    schema = uniqueSchema();
  });
  afterEach(async () => {
    await pool.end();
    await dropSchema(schema);
  });

  it('has no checkpoint before the first save, then the last one saved, per publisher, across instances', async () => {
    expect(await store('renewal-notices').load()).toBeUndefined();
    await store('renewal-notices').save('41');
    await store('renewal-notices').save('1234567890123456789');
    await store('status-changes').save('7');
    expect(await store('renewal-notices').load()).toBe('1234567890123456789');
    expect(await store('status-changes').load()).toBe('7');
  });

  it('creates its schema on first use, also when several start at once', async () => {
    await Promise.all(['a', 'b', 'c'].map((name) => store(name).save('1')));
    const { rows } = await adminQuery(`SELECT count(*)::int AS n FROM "${schema}".checkpoints`);
    expect(rows[0].n).toBe(3);
  });

  it('is fenced: a newer token moves the checkpoint, an older one is refused and changes nothing', async () => {
    await store('renewal-notices', () => 2n).save('10');
    await store('renewal-notices', () => 3n).save('20');
    await store('renewal-notices', () => 3n).save('30');
    const stale = store('renewal-notices', () => 2n).save('40');
    await expect(stale).rejects.toBeInstanceOf(FencedOutError);
    await expect(stale).rejects.toThrow(/checkpoint renewal-notices: write refused/);
    await expect(store('renewal-notices', () => undefined).save('50')).rejects.toBeInstanceOf(FencedOutError);
    expect(await store('renewal-notices').load()).toBe('30');
  });
});
