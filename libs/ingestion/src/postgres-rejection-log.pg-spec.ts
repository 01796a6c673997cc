import { openPostgresPool } from '@partner-program/event-store';
import { dropSchema, testDatabaseUrl, uniqueSchema } from '@partner-program/event-store/testing';
import { PostgresRejectionLog } from './postgres-rejection-log';
import { describeRejectionLogContract } from './testing/rejection-log.contract';

describeRejectionLogContract('PostgresRejectionLog', async () => {
  const schema = uniqueSchema();
  const pool = openPostgresPool({ connectionString: testDatabaseUrl(), max: 4 });
  return {
    open: () => PostgresRejectionLog.open({ pool, schema }),
    dispose: async () => {
      await pool.end();
      await dropSchema(schema);
    },
  };
});

describe('PostgresRejectionLog on a shared pool', () => {
  it('two logs in one database keep to their own schemas, and closing one leaves the pool open', async () => {
    const pool = openPostgresPool({ connectionString: testDatabaseUrl(), max: 2 });
    const [a, b] = [uniqueSchema(), uniqueSchema()];
    try {
      const first = await PostgresRejectionLog.open({ pool, schema: a });
      const second = await PostgresRejectionLog.open({ pool, schema: b });
      await first.recordRefusals([], 4n);
      await first.close();
      expect(await second.checkpoint()).toBe(0n);
      expect(await (await PostgresRejectionLog.open({ pool, schema: a })).checkpoint()).toBe(4n);
    } finally {
      await pool.end();
      await Promise.all([dropSchema(a), dropSchema(b)]);
    }
  });

  it('bounds a group: 1,200 records arriving together take three statements, every one kept', async () => {
    const pool = openPostgresPool({ connectionString: testDatabaseUrl(), max: 2 });
    const schema = uniqueSchema();
    try {
      const log = await PostgresRejectionLog.open({ pool, schema });
      const entry = (i: number) => ({
        outcome: 'invalid' as const,
        code: 'invalid',
        reason: 'r',
        payload: `{"n":${i}}`,
        origin: { transport: 'http' as const },
        receivedAt: '2026-11-28T00:00:00.000Z',
      });
      await Promise.all(Array.from({ length: 1_200 }, (_, i) => log.record(entry(i))));
      expect(log.commits).toBe(3);
      expect(await log.list({ limit: 5_000 })).toHaveLength(1_200);
    } finally {
      await pool.end();
      await dropSchema(schema);
    }
  });
});
