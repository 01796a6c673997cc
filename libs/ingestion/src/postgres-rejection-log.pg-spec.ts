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
});
