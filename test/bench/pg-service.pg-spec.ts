import { adminQuery, testDatabaseUrl } from '@partner-program/event-store/testing';
import { readYourWrites, startPgService } from '../../bench/sections/pg-service';
import { programme } from '../../scripts/programme-generator';
import { ADMIN_KEY } from '../crash/api-process';

// The bench's all-PostgreSQL service (built apps: `npm run build` first): its figures mean
// something only if a write on one replica is what the other one reads, and a run on the shared
// database leaves none of its schemas behind.

const schemasOf = async (prefix: string) =>
  (await adminQuery('SELECT nspname AS name FROM pg_namespace WHERE starts_with(nspname, $1) ORDER BY 1', [prefix])).rows.map(
    (row: { name: string }) => row.name,
  );

describe("the bench's all-PostgreSQL service", () => {
  it('reads on replica B what was posted on replica A, and drops every schema of its prefix when disposed', async () => {
    const service = await startPgService(testDatabaseUrl());
    try {
      expect(await schemasOf(service.prefix)).toEqual(
        expect.arrayContaining(['event_store', 'read_models', 'coordination'].map((name) => `${service.prefix}${name}`)),
      );
      const messages = [...programme({ partners: 2, dealsPerPartner: 1, prefix: 'RYWTEST' })].slice(0, 5);
      const visible = await readYourWrites(service, messages);
      expect(visible.p50).toBeGreaterThan(0);
      expect(visible.p99).toBeGreaterThanOrEqual(visible.p50);
      expect(await service.caughtUp()).toBeGreaterThanOrEqual(0);
      const partnerId = messages[0]!.partnerId;
      const status = await fetch(`${service.replicas[1]}/v1/partners/${partnerId}`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
      expect(status.status).toBe(200);
      expect(((await status.json()) as { partnerId: string }).partnerId).toBe(partnerId);
    } finally {
      await service.dispose();
    }
    expect(await schemasOf(service.prefix)).toEqual([]);
  }, 90_000);
});
