import { EventStoreClosedError, WrongExpectedRevisionError } from '../event-store.errors';
import { knowsHeadPosition } from '../head-position';
import { collect, numbered, testEvent } from '../testing/contract/contract-fixture';
import { adminQuery, testDatabaseUrl } from '../testing/postgres-test-schema';
import { PostgresEventStore } from './postgres-event-store';
import { storesPerTest } from '../testing/postgres-test-stores';
import { openPostgresPool } from './postgres-pool';
import { POSTGRES_SCHEMA_VERSION } from './postgres-schema';

describe('PostgresEventStore beyond the contract', () => {
  const { open, schema } = storesPerTest();

  describe('on a pool shared with the process', () => {
    it('reads and writes through it, and leaves it open on close for its owner to end', async () => {
      const pool = openPostgresPool({ connectionString: testDatabaseUrl(), max: 2 });
      try {
        const store = await open({ pool });
        await store.append('partner-shared', numbered(2), { expectedRevision: 'no_stream' });
        await store.close();
        expect(pool.ending).toBe(false);
        const { rows } = await pool.query(`SELECT count(*)::int AS n FROM "${schema()}".events`);
        expect(rows[0].n).toBe(2);
      } finally {
        await pool.end();
      }
    });
  });

  describe('group commit', () => {
    it('writes 64 concurrent appends in far fewer transactions than appends, positions 1…n', async () => {
      const store = await open();
      const results = await Promise.all(
        Array.from({ length: 64 }, (_, i) => store.append(`partner-${i}`, numbered(1 + (i % 3)), { expectedRevision: 'no_stream' })),
      );
      expect(store.metrics.transactions).toBeLessThanOrEqual(2);
      expect(store.metrics.appends).toBe(64);
      const positions = results.flatMap((r) => r.positions);
      expect(positions).toEqual(positions.map((_, i) => BigInt(i + 1)));
    });

    it('a conflicting append in a group rejects only itself', async () => {
      const store = await open();
      await store.append('partner-a', numbered(1), { expectedRevision: 'no_stream' });
      const before = store.metrics.transactions;
      const outcomes = await Promise.allSettled([
        store.append('partner-a', numbered(2, 1), { expectedRevision: 0 }),
        store.append('partner-a', numbered(2, 9), { expectedRevision: 0 }), // loses: the first moved the stream to 2
        store.append('partner-b', numbered(1), { expectedRevision: 'no_stream' }),
        store.append('partner-a', numbered(1, 3), { expectedRevision: 2 }),
      ]);
      expect(store.metrics.transactions - before).toBe(1);
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      const rejected = (outcomes[1] as PromiseRejectedResult).reason as WrongExpectedRevisionError;
      expect(rejected).toBeInstanceOf(WrongExpectedRevisionError);
      expect(rejected.actual).toBe(2);
      expect((await collect(store.readStream('partner-a'))).map((e) => e.data['n'])).toEqual([0, 1, 2, 3]);
    });

    it('a statement failure caused by one append fails only that append; the others commit gap-free', async () => {
      const store = await open();
      await adminQuery(`CREATE FUNCTION "${schema()}".poison() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.type = 'Poison' THEN RAISE EXCEPTION 'poisoned event'; END IF; RETURN NEW; END $$`);
      await adminQuery(`CREATE TRIGGER poison BEFORE INSERT ON "${schema()}".events FOR EACH ROW EXECUTE FUNCTION "${schema()}".poison()`);
      const outcomes = await Promise.allSettled([
        store.append('partner-a', numbered(2), { expectedRevision: 'no_stream' }),
        store.append('partner-b', [...numbered(2), testEvent('Poison')], { expectedRevision: 'no_stream' }),
        store.append('partner-c', numbered(2), { expectedRevision: 'no_stream' }),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(String((outcomes[1] as PromiseRejectedResult).reason)).toMatch(/poisoned event/);
      expect(await store.streamRevision('partner-b')).toBe('no_stream');
      const all = await store.readAll({ fromPosition: 0n, maxCount: 10 });
      expect(all.events.map((e) => [e.streamId, e.position])).toEqual([
        ['partner-a', 1n],
        ['partner-a', 2n],
        ['partner-c', 3n],
        ['partner-c', 4n],
      ]);
    });
  });

  it('headPosition is 0 on an empty store, then the last appended position across streams', async () => {
    const store = await open();
    expect(knowsHeadPosition(store)).toBe(true);
    expect(await store.headPosition()).toBe(0n);
    await store.append('partner-a', numbered(2), { expectedRevision: 'no_stream' });
    await store.append('partner-b', numbered(1), { expectedRevision: 'no_stream' });
    expect(await store.headPosition()).toBe(3n);
  });

  it('keeps data verbatim: a \\u0000 in a string (jsonb would refuse it) and key order', async () => {
    const store = await open();
    const data = { z: 1, a: 'nul \u0000 inside', nested: { b: [1, 'two'], a: null } };
    await store.append('partner-a', [testEvent('T', data)], { expectedRevision: 'no_stream' });
    const [read] = await collect(store.readStream('partner-a'));
    expect(JSON.stringify(read?.data)).toBe(JSON.stringify(data));
  });

  it('LISTEN/NOTIFY wakes a reader of another store (another process) at once: its bound is an hour away', async () => {
    const reader = await open();
    const writer = await open();
    const waiting = reader.waitForAppendAfter(0n, 3_600_000, new AbortController().signal);
    await writer.append('partner-a', numbered(1), { expectedRevision: 'no_stream' });
    await waiting;
    expect((await reader.readAll()).events.map((e) => e.streamId)).toEqual(['partner-a']);
  });

  it('keeps events across close and reopen; close commits pending appends, then refuses new work', async () => {
    const first = await open();
    const pending = first.append('partner-a', numbered(2), { expectedRevision: 'no_stream' });
    await first.close();
    await expect(pending).resolves.toMatchObject({ nextExpectedRevision: 1 });
    await expect(first.append('partner-a', numbered(1), { expectedRevision: 'any' })).rejects.toBeInstanceOf(EventStoreClosedError);
    const second = await open();
    expect((await second.append('partner-a', numbered(1, 2), { expectedRevision: 1 })).positions).toEqual([3n]);
  });

  it('migrates once even when several stores open at the same time, and refuses a schema from newer code', async () => {
    await Promise.all([open(), open(), open()]);
    const { rows } = await adminQuery(`SELECT version FROM "${schema()}".schema_migrations ORDER BY version`);
    expect(rows.map((r: { version: number }) => r.version)).toEqual(Array.from({ length: POSTGRES_SCHEMA_VERSION }, (_, i) => i + 1));
    await adminQuery(`INSERT INTO "${schema()}".schema_migrations (version, description) VALUES ($1, 'from the future')`, [POSTGRES_SCHEMA_VERSION + 1]);
    await expect(PostgresEventStore.open({ connectionString: testDatabaseUrl(), schema: schema() })).rejects.toThrow(/newer than this code/);
  });
});
