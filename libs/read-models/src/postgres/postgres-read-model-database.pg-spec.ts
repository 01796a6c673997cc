import pg from 'pg';
import { AREAS, PARTNER_CONNECT_FY21, catalogWith } from '@partner-program/domain';
import { adminQuery } from '@partner-program/event-store/testing';
import { ReadModelDatabase } from '../read-model-database';
import type { ReadModelQueries } from '../queries/read-model-queries';
import { history } from '../testing/behaviour/rebuild.behaviour';
import { booked, competency, vmcPartner } from '../testing/facts';
import { type ReadModelFixture, readModelFixture } from '../testing/read-model-fixture';
import { snapshot } from '../testing/snapshot';
import { TestPostgresReadModels } from './postgres-test-read-models';

// What only PostgreSQL has: a schema shared by processes, NOTIFY wake-ups, and the same answers as SQLite.

describe('PostgresReadModelDatabase', () => {
  let f: ReadModelFixture<TestPostgresReadModels>;
  beforeEach(async () => {
    f = readModelFixture({ now: '2021-06-01T00:00:00Z', database: await TestPostgresReadModels.open() });
  });
  afterEach(() => f.close());

  it('migrates once when several processes open the schema at the same time, and refuses a newer schema', async () => {
    const replicas = await Promise.all([1, 2, 3].map(() => f.database.replica()));
    await Promise.all(replicas.map((replica) => replica.close()));
    const migrations = await f.database.pool.query(`SELECT version FROM "${f.database.schema}".schema_migrations`);
    expect(migrations.rows).toEqual([{ version: 1 }, { version: 2 }, { version: 3 }, { version: 4 }]);
    await adminQuery(`INSERT INTO "${f.database.schema}".schema_migrations (version, description) VALUES (5, 'from newer code')`);
    await expect(f.database.replica()).rejects.toThrow(/newer than this code/);
  });

  it('adds the forecast to a version 1 schema in its active set and makes every partner due, so the next refresh fills it', async () => {
    const s = `"${f.database.schema}"`;
    await adminQuery(`DROP VIEW ${s}.forecast_changes; DROP TABLE ${s}.a_forecast_changes; DROP VIEW ${s}.tier_risk_notices;
      DROP TABLE ${s}.a_tier_risk_notices; DELETE FROM ${s}.schema_migrations WHERE version >= 2;
      INSERT INTO ${s}.a_partner_status (partner_id, status, position, revision, evaluated_at, next_change_at) VALUES ('P-1', '{}', 1, 0, 5, NULL)`);
    await (await f.database.replica()).close();
    expect((await f.database.pool.query(`SELECT count(*)::int AS rows FROM ${s}.forecast_changes`)).rows).toEqual([{ rows: 0 }]);
    expect((await f.database.pool.query(`SELECT next_change_at <= evaluated_at AS due FROM ${s}.partner_status`)).rows).toEqual([{ due: true }]);
  });

  it('upgrades a version-2 schema: the programme columns are added, the views show them, every partner is re-evaluated at the next refresh', async () => {
    await f.record('P-1', ...vmcPartner('2021-01-01', '2021-06-20'));
    await f.projector.catchUp();
    const counts = await f.queries.programmeCounts({ today: '2021-06-01' });
    expect(counts.goodStanding.yes).toBe(1);
    const s = `"${f.database.schema}"`;
    await adminQuery(`DROP VIEW ${s}.partner_status, ${s}.partner_area_tiers;
      ALTER TABLE ${s}.a_partner_status DROP COLUMN good_standing, DROP COLUMN unmet_requirements, DROP COLUMN agreement_expires_on;
      ALTER TABLE ${s}.a_partner_area_tiers DROP COLUMN next_tier, DROP COLUMN missing, DROP COLUMN missing_count, DROP COLUMN credits_needed;
      CREATE VIEW ${s}.partner_status AS SELECT * FROM ${s}.a_partner_status;
      CREATE VIEW ${s}.partner_area_tiers AS SELECT * FROM ${s}.a_partner_area_tiers;
      DROP INDEX ${s}.tier_changes_by_area_at, ${s}.tier_changes_by_area_partner;
      DELETE FROM ${s}.schema_migrations WHERE version >= 3;`);
    const replica = await f.database.replica();
    try {
      const after = readModelFixture({ now: '2021-06-01T00:00:00Z', store: f.store, database: replica.db });
      // The columns exist, empty until the partner is evaluated again.
      expect((await after.queries.programmeCounts({ today: '2021-06-01' })).goodStanding.yes).toBe(0);
      expect(await after.projector.refreshDue()).toBe(1);
      expect(await after.queries.programmeCounts({ today: '2021-06-01' })).toEqual(counts);
    } finally {
      await replica.close();
    }
  });

  it('adds the tier-at-risk notices to a version 3 schema in its active set and makes every partner due', async () => {
    const s = `"${f.database.schema}"`;
    await adminQuery(`DROP VIEW ${s}.tier_risk_notices; DROP TABLE ${s}.a_tier_risk_notices; DELETE FROM ${s}.schema_migrations WHERE version = 4;
      INSERT INTO ${s}.a_partner_status (partner_id, status, position, revision, evaluated_at, next_change_at) VALUES ('P-1', '{}', 1, 0, 5, NULL)`);
    await (await f.database.replica()).close();
    expect((await f.database.pool.query(`SELECT count(*)::int AS rows FROM ${s}.tier_risk_notices`)).rows).toEqual([{ rows: 0 }]);
    expect((await f.database.pool.query(`SELECT next_change_at::int AS due FROM ${s}.partner_status`)).rows).toEqual([{ due: 0 }]);
  });

  it('wakes a read-your-writes wait in another process by NOTIFY (no poll would come in time)', async () => {
    await f.record('P-1', ...vmcPartner('2021-01-01'));
    const head = (await f.store.readAll({ fromPosition: 0n })).nextPosition;
    const replica = await f.database.replica({ pollIntervalMs: 60_000 });
    try {
      const waiting = replica.db.queries().checkpointReached(head, { timeoutMs: 20_000 });
      await new Promise((resolve) => setTimeout(resolve, 50));
      await f.projector.catchUp();
      const started = Date.now();
      expect(await waiting).toBe(true);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await replica.close();
    }
  });

  it('answers a wait false when the checkpoint is not reached in time or the wait is aborted', async () => {
    expect(await f.queries.checkpointReached(1n, { timeoutMs: 100 })).toBe(false);
    expect(await f.queries.checkpointReached(1n, { timeoutMs: 10_000, signal: AbortSignal.abort() })).toBe(false);
    expect(await f.queries.checkpointReached(0n, { timeoutMs: 0 })).toBe(true);
  });

  it('lets another process read through a rebuild: each answer is the old complete model or the new one', async () => {
    await history(f);
    await f.projector.catchUp();
    const answer = async (queries: ReadModelQueries) => ({
      status: await queries.partnerStatusJson('P-1'),
      tiers: await queries.partners({ area: 'vmc-on-aws', limit: 100 }),
    });
    const old = await answer(f.queries);
    // A ruleset from 2021-03-01 with advanced at 100,000 changes P-1's answers.
    const fy21b = { ...PARTNER_CONNECT_FY21, id: 'fy21b', effectiveFrom: '2021-03-01', thresholds: { advanced: 100_000, principal: 2_000_000 } };
    const projector = f.projectorWith({ catalog: catalogWith([JSON.parse(JSON.stringify(fy21b))]), pageSize: 1 });
    const replica = await f.database.replica();
    try {
      const seen: Array<Awaited<ReturnType<typeof answer>>> = [];
      let rebuilt = false;
      const reading = (async () => {
        while (!rebuilt) seen.push(await answer(replica.db.queries()));
      })();
      await projector.rebuild();
      rebuilt = true;
      await reading;
      const fresh = await answer(replica.db.queries());
      expect(fresh.status).not.toEqual(old.status);
      expect(fresh.tiers).not.toEqual(old.tiers);
      expect(seen.length).toBeGreaterThan(1);
      for (const { status, tiers } of seen) {
        expect([old.status, fresh.status]).toContainEqual(status);
        expect([old.tiers, fresh.tiers]).toContainEqual(tiers);
      }
      expect(seen[0]).toEqual(old);
    } finally {
      await replica.close();
    }
  });

  it('commits a page of 200 partners in a handful of round trips, not one per row', async () => {
    for (let i = 0; i < 200; i += 1) await f.record(`P-${i}`, ...vmcPartner('2021-01-01'), booked('2021-02-01', `D-${i}`, 'vmc-on-aws', i * 1_000));
    const events = (await f.store.readAll({ fromPosition: 0n, maxCount: 10_000 })).events.length;
    const projector = f.projectorWith({ pageSize: events });
    expect(await projector.checkpoint()).toBe(0n);
    const queries = jest.spyOn(pg.Client.prototype, 'query');
    try {
      await projector.catchUp();
      // The page's stored partners, then BEGIN, the checkpoint row, every row in one statement, COMMIT.
      expect(queries).toHaveBeenCalledTimes(5);
    } finally {
      queries.mockRestore();
    }
    expect((await f.queries.partners({ area: 'vmc-on-aws', limit: 1000 })).items).toHaveLength(200);
  });

  it('keeps positions beyond 2^53 exact in the checkpoint', async () => {
    await f.database.pool.query(`UPDATE "${f.database.schema}".a_checkpoints SET position = 9007199254740993`);
    expect(await f.queries.checkpoint()).toBe(9_007_199_254_740_993n);
  });
});

describe('PostgreSQL and SQLite read models', () => {
  // Two databases, a rebuild of each and every query: more than jest's default 5 s on a loaded machine.
  it('give identical answers for the same log, live and after a rebuild', async () => {
    const f = readModelFixture({ pageSize: 7, now: '2021-06-01T00:00:00Z', database: await TestPostgresReadModels.open() });
    const sqlite = ReadModelDatabase.open({ location: ':memory:' });
    try {
      await history(f);
      await f.issueDue('P-3');
      for (let i = 10; i < 40; i += 1) {
        await f.record(`P-${i}`, ...vmcPartner('2021-01-01', `2021-0${7 + (i % 3)}-1${i % 10}`), booked('2021-02-01', `D-${i}`, 'vmc-on-aws', i * 5_000));
        if (i % 4 === 0) await f.record(`P-${i}`, competency('2021-03-01', 'hci'));
      }
      const sqliteProjector = f.projectorWith({ db: sqlite });
      await Promise.all([f.projector.catchUp(), sqliteProjector.catchUp()]);
      const partnerIds = ['P-1', 'P-2', 'P-3', 'P-4', ...Array.from({ length: 30 }, (_, i) => `P-${i + 10}`), 'P-none'];
      expect(await answers(f.queries, partnerIds)).toEqual(await answers(sqlite.queries(), partnerIds));
      f.setNow('2021-09-01T00:00:00Z');
      await Promise.all([f.projector.refreshDue(), sqliteProjector.refreshDue()]);
      await Promise.all([f.projector.rebuild(), sqliteProjector.rebuild()]);
      expect(await answers(f.queries, partnerIds)).toEqual(await answers(sqlite.queries(), partnerIds));
    } finally {
      sqlite.close();
      await f.close();
    }
  }, 20_000);
});

/** Every answer, as the API would serve it: the status JSON text, the whole feed with its sequences, every filter. */
async function answers(queries: ReadModelQueries, partnerIds: string[]) {
  const json = await Promise.all(partnerIds.map((id) => queries.partnerStatusJson(id)));
  const byTier = [];
  for (const area of AREAS) for (const tier of ['partner', 'advanced', 'principal', 'none']) byTier.push(await queries.partners({ area, tier, limit: 5 }));
  const badgesByArea = await Promise.all(AREAS.map((area) => queries.badges({ area })));
  return {
    json,
    byTier,
    badgesByArea,
    snapshot: await snapshot(queries, partnerIds),
    feed: await queries.tierChanges({ afterSequence: 0, limit: 1000 }),
    due: await queries.dueNotices('2021-12-31', 1000),
    pendingBefore: await queries.renewalNotices({ status: 'pending', dueBefore: '2021-06-01', limit: 3 }),
    forecast: await queries.forecast({ after: Date.parse('2021-06-01T00:00:00Z'), until: Date.parse('2023-06-01T00:00:00Z'), limit: 1000 }),
    forecastDrops: await queries.forecast({ after: 0, until: Date.parse('2022-06-01T00:00:00Z'), area: 'vmc-on-aws', direction: 'drop', limit: 7 }),
  };
}
