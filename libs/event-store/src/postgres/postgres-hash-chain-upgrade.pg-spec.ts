import pg from 'pg';
import { GENESIS_HASH, eventHash } from '../hash-chain/event-hash';
import { collect, numbered } from '../testing/contract/contract-fixture';
import { adminQuery, testDatabaseUrl } from '../testing/postgres-test-schema';
import { storesPerTest } from '../testing/postgres-test-stores';
import { upgradePostgresHashChain } from './postgres-hash-chain-upgrade';
import { openPostgresPool } from './postgres-pool';
import { migratePostgresSchema, POSTGRES_MIGRATIONS } from './postgres-schema';

describe('PostgreSQL hash chain upgrade', () => {
  const stores = storesPerTest();
  const rows = async () => (await adminQuery(`SELECT * FROM "${stores.schema()}".events ORDER BY position`)).rows as Array<Record<string, unknown>>;

  /** A schema as the code before the chain left it (v1), events interleaved over two streams. */
  async function writeStoreOfPreviousVersion(): Promise<void> {
    const client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    try {
      await migratePostgresSchema(client, stores.schema(), POSTGRES_MIGRATIONS.slice(0, 1));
      const s = client.escapeIdentifier(stores.schema());
      const revisions: Record<string, number> = { 'partner-a': 0, 'partner-b': 0 };
      for (let position = 1; position <= 7; position++) {
        const stream = position % 3 === 0 ? 'partner-b' : 'partner-a';
        const metadata = { messageId: `m-${position}`, source: 'legacy', occurredAt: '2020-01-01T00:00:00.000Z' };
        await client.query(`INSERT INTO ${s}.events VALUES ($1, $2, $3, 'Legacy', $4, $5, 1, $6, $7)`, [
          position,
          stream,
          revisions[stream]!++,
          JSON.stringify({ n: position }),
          JSON.stringify(metadata),
          `m-${position}`,
          `2020-01-0${position}T00:00:00.000Z`,
        ]);
      }
      await client.query(`UPDATE ${s}.log_head SET position = 7`);
    } finally {
      await client.end();
    }
  }

  it('hashes a store written by the previous version on open, in batches, changing nothing but the new column; a second open leaves it alone', async () => {
    await writeStoreOfPreviousVersion();
    const before = await rows();
    const log: string[] = [];
    const store = await stores.open({ log: (m) => log.push(m) });
    for (const [streamId, length] of [['partner-a', 5] as const, ['partner-b', 2] as const]) {
      let previous = GENESIS_HASH;
      const events = await collect(store.readStream(streamId));
      expect(events).toHaveLength(length);
      for (const event of events) {
        expect(event.hash).toBe(eventHash(previous, event));
        previous = event.hash!;
      }
    }
    await store.append('partner-b', numbered(1), { expectedRevision: 1 });
    const [, , appended] = await collect(store.readStream('partner-b'));
    const [, second] = await collect(store.readStream('partner-b'));
    expect(appended!.hash).toBe(eventHash(second!.hash!, appended!));
    expect((await rows()).slice(0, 7).map(({ hash: _hash, ...rest }) => rest)).toEqual(before);
    expect(log[0]).toBe('hash chain upgrade: 7 events stored before the chain get their hash');

    // The same hashes when the pass goes in batches of 2, each stream chained across batches.
    const upgraded = await rows();
    await adminQuery(`UPDATE "${stores.schema()}".events SET hash = NULL`);
    const pool = openPostgresPool({ connectionString: testDatabaseUrl(), max: 1 });
    try {
      expect(await upgradePostgresHashChain(pool, `"${stores.schema()}"`, () => {}, 2)).toBe(8);
    } finally {
      await pool.end();
    }
    expect(await rows()).toEqual(upgraded);
    const again: string[] = [];
    await stores.open({ log: (m) => again.push(m) });
    expect(again).toEqual([]);
    expect(await rows()).toEqual(upgraded);
  });
});
