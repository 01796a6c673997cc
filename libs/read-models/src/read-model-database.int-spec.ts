import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@partner-program/event-store';
import { ReadModelDatabase } from './read-model-database';
import { READ_MODEL_SCHEMA_VERSION } from './schema/read-model-schema';
import { vmcPartner } from './testing/facts';
import { readModelFixture } from './testing/read-model-fixture';

// The database file: durable settings, schema created once, kept across reopening.

describe('ReadModelDatabase', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'read-models-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('opens a file in WAL mode with synchronous=NORMAL (rebuildable from the store) and an empty model', async () => {
    const database = ReadModelDatabase.open({ location: join(dir, 'nested') });
    expect(database.durability()).toEqual({ journalMode: 'wal', synchronous: 1 });
    expect(await database.queries().checkpoint()).toBe(0n);
    database.close();
    expect(database.open).toBe(false);
  });

  it('keeps rows and checkpoint across reopening and migrates only once', async () => {
    const first = ReadModelDatabase.open({ location: dir, fileName: 'rm.sqlite' });
    first.db.prepare("INSERT INTO a_checkpoints (name, position) VALUES ('partner', 9007199254740993)").run();
    first.close();
    const again = ReadModelDatabase.open({ location: dir, fileName: 'rm.sqlite' });
    // Exact beyond 2^53: positions are read as bigint.
    expect(await again.queries().checkpoint()).toBe(9_007_199_254_740_993n);
    again.close();
  });

  it('adds the forecast to a version 1 database and makes every partner due, so the next refresh fills it', async () => {
    const v1 = ReadModelDatabase.open({ location: dir });
    v1.db.exec(`DROP VIEW forecast_changes; DROP TABLE a_forecast_changes; DROP VIEW tier_risk_notices; DROP TABLE a_tier_risk_notices;
      UPDATE read_model_meta SET value = '1' WHERE key = 'schema_version'`);
    v1.db
      .prepare("INSERT INTO a_partner_status (partner_id, status, position, revision, evaluated_at, next_change_at) VALUES ('P-1', '{}', 1, 0, 5, NULL)")
      .run();
    v1.close();
    const v2 = ReadModelDatabase.open({ location: dir });
    expect(v2.db.prepare('SELECT count(*) AS rows FROM forecast_changes').get()).toEqual({ rows: 0 });
    expect(v2.db.prepare('SELECT next_change_at <= evaluated_at AS due FROM partner_status').all()).toEqual([{ due: 1 }]);
    expect(v2.db.prepare("SELECT value FROM read_model_meta WHERE key = 'schema_version'").get()).toEqual({ value: String(READ_MODEL_SCHEMA_VERSION) });
    v2.close();
  });

  it('adds the tier-at-risk notices to a version 3 database and makes every partner due', async () => {
    const v2 = ReadModelDatabase.open({ location: dir });
    v2.db.exec(`DROP VIEW tier_risk_notices; DROP TABLE a_tier_risk_notices; UPDATE read_model_meta SET value = '3' WHERE key = 'schema_version'`);
    v2.db
      .prepare("INSERT INTO a_partner_status (partner_id, status, position, revision, evaluated_at, next_change_at) VALUES ('P-1', '{}', 1, 0, 5, NULL)")
      .run();
    v2.close();
    const v3 = ReadModelDatabase.open({ location: dir });
    expect(v3.db.prepare('SELECT count(*) AS rows FROM tier_risk_notices').get()).toEqual({ rows: 0 });
    expect(v3.db.prepare('SELECT next_change_at FROM partner_status').all()).toEqual([{ next_change_at: 0 }]);
    expect(v3.db.prepare("SELECT value FROM read_model_meta WHERE key = 'schema_version'").get()).toEqual({ value: '4' });
    v3.close();
  });

  it('refuses a database written by a newer schema version', async () => {
    const database = ReadModelDatabase.open({ location: dir });
    database.db.prepare("UPDATE read_model_meta SET value = ? WHERE key = 'schema_version'").run(String(READ_MODEL_SCHEMA_VERSION + 1));
    database.close();
    expect(() => ReadModelDatabase.open({ location: dir })).toThrow(/newer than this code/);
  });

  it('upgrades a version-2 file: the programme columns are added and every partner is re-evaluated at the next refresh', async () => {
    const store = SqliteEventStore.open({ location: ':memory:' });
    const location = join(dir, 'v1');
    const before = readModelFixture({ store, database: ReadModelDatabase.open({ location }) });
    await before.record('P-1', ...vmcPartner('2021-01-01', '2021-06-20'));
    await before.projector.catchUp();
    const counts = await before.queries.programmeCounts({ today: '2021-06-01' });
    expect(counts.goodStanding.yes).toBe(1);
    asVersion2(before.database);
    before.database.close();

    const after = readModelFixture({ store, database: ReadModelDatabase.open({ location }) });
    try {
      // The columns exist, empty until the partner is evaluated again.
      expect((await after.queries.programmeCounts({ today: '2021-06-01' })).goodStanding.yes).toBe(0);
      expect(await after.projector.refreshDue()).toBe(1);
      expect(await after.queries.programmeCounts({ today: '2021-06-01' })).toEqual(counts);
    } finally {
      await after.close();
    }
  });
});

/** Takes a file back to the version-2 layout (no programme columns, their indexes or the feed's, no tier-at-risk notices). */
function asVersion2(database: ReadModelDatabase): void {
  const { db } = database;
  db.exec('DROP VIEW tier_risk_notices; DROP TABLE a_tier_risk_notices');
  for (const index of ['a_partner_status_standing', 'a_partner_status_expiring', 'tier_changes_by_area_at', 'tier_changes_by_area_partner']) {
    db.exec(`DROP INDEX ${index}`);
  }
  for (const column of ['good_standing', 'unmet_requirements', 'agreement_expires_on']) db.exec(`ALTER TABLE a_partner_status DROP COLUMN ${column}`);
  for (const column of ['next_tier', 'missing', 'missing_count', 'credits_needed']) db.exec(`ALTER TABLE a_partner_area_tiers DROP COLUMN ${column}`);
  db.prepare("UPDATE read_model_meta SET value = '2' WHERE key = 'schema_version'").run();
}
