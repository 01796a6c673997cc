import type Database from 'better-sqlite3';
import { type TableSet, SET_TABLES, TIER_CHANGES_TABLE } from './table-sets';

// ── The SQLite read-model schema (the table sets and views are described in table-sets.ts) ────

/** Schema version written by this code; a newer database is refused. */
export const READ_MODEL_SCHEMA_VERSION = 4;

/** Published tier changes: one append-only feed, never part of a set (a rebuild only adds to it). */
export function tierChangesDdl(table: string): string {
  return `CREATE TABLE IF NOT EXISTS ${table} (
    sequence INTEGER PRIMARY KEY,
    change_id TEXT NOT NULL UNIQUE,
    partner_id TEXT NOT NULL, area TEXT NOT NULL, from_tier TEXT, to_tier TEXT, badge INTEGER NOT NULL,
    at TEXT NOT NULL, position INTEGER NOT NULL, ruleset TEXT, causes TEXT NOT NULL)`;
}

// Version 3: what the programme summary and the close-to-next-tier list count, as columns (the
// status document is JSON text no index reaches). Appended in this order by the upgrade too, so
// both sets and the views always have the same columns.
const STATUS_COLUMNS_V3 = ['good_standing INTEGER NOT NULL DEFAULT 0', "unmet_requirements TEXT NOT NULL DEFAULT '[]'", 'agreement_expires_on TEXT'];
const AREA_COLUMNS_V3 = ['next_tier TEXT', "missing TEXT NOT NULL DEFAULT '[]'", 'missing_count INTEGER NOT NULL DEFAULT 0', 'credits_needed REAL'];

/** The tier-change feed's indexes for the tier history (per area by time, covering the moves; each partner's first change). */
function feedIndexesDdl(): string {
  return `
  CREATE INDEX IF NOT EXISTS ${TIER_CHANGES_TABLE}_by_area_at ON ${TIER_CHANGES_TABLE} (area, at, from_tier, to_tier);
  CREATE INDEX IF NOT EXISTS ${TIER_CHANGES_TABLE}_by_area_partner ON ${TIER_CHANGES_TABLE} (area, partner_id, at);`;
}

function setDdl(set: TableSet): string {
  const t = (name: string) => `${set}_${name}`;
  return `
  CREATE TABLE ${t('checkpoints')} (name TEXT PRIMARY KEY, position INTEGER NOT NULL);
  CREATE TABLE ${t('partner_status')} (
    partner_id TEXT PRIMARY KEY, status TEXT NOT NULL, position INTEGER NOT NULL, revision INTEGER NOT NULL,
    evaluated_at INTEGER NOT NULL, next_change_at INTEGER, ${STATUS_COLUMNS_V3.join(', ')});
  CREATE TABLE ${t('partner_area_tiers')} (
    area TEXT NOT NULL, partner_id TEXT NOT NULL, tier TEXT, badge INTEGER NOT NULL, since TEXT, credits REAL NOT NULL,
    ${AREA_COLUMNS_V3.join(', ')}, PRIMARY KEY (area, partner_id)) WITHOUT ROWID;
  CREATE TABLE ${t('renewal_notices')} (
    notice_id TEXT PRIMARY KEY, partner_id TEXT NOT NULL, agreement_id TEXT NOT NULL, expires_on TEXT NOT NULL,
    due_on TEXT NOT NULL, status TEXT NOT NULL, issued_at TEXT, acknowledged_at TEXT, cancelled_at TEXT);
  -- The writer deletes a partner's stale pending notice by partner: needed while a set is filled.
  CREATE INDEX ${t('notices_by_partner')} ON ${t('renewal_notices')} (partner_id, status);
  ${forecastDdl(set)}
  ${tierRiskDdl(set)}`;
}

/** A partner's future changes, replaced whole at each of its evaluations (keyed by partner first for that). */
function forecastDdl(set: TableSet): string {
  return `CREATE TABLE ${set}_forecast_changes (
    partner_id TEXT NOT NULL, area TEXT NOT NULL, at TEXT NOT NULL, from_tier TEXT, to_tier TEXT, badge INTEGER NOT NULL,
    direction TEXT NOT NULL, ruleset TEXT, causes TEXT NOT NULL, prevention TEXT NOT NULL,
    PRIMARY KEY (partner_id, at, area)) WITHOUT ROWID;`;
}

/** A partner's tier-at-risk notices, replaced whole at each of its evaluations (deleted by partner). */
function tierRiskDdl(set: TableSet): string {
  return `CREATE TABLE ${set}_tier_risk_notices (
    notice_id TEXT PRIMARY KEY, partner_id TEXT NOT NULL, area TEXT NOT NULL, from_tier TEXT NOT NULL, to_tier TEXT, at TEXT NOT NULL,
    drop_on TEXT NOT NULL, due_on TEXT NOT NULL, causes TEXT NOT NULL, prevention TEXT NOT NULL, status TEXT NOT NULL,
    prevented INTEGER NOT NULL, issued_at TEXT, acknowledged_at TEXT, cancelled_at TEXT);
  CREATE INDEX ${set}_risk_notices_by_partner ON ${set}_tier_risk_notices (partner_id);`;
}

/**
 * Indexes only queries use. A rebuild creates them once its set is filled: sorting every row
 * once is cheaper than keeping seven indexes ordered through hundreds of thousands of inserts.
 */
function queryIndexesDdl(set: TableSet): string {
  const t = (name: string) => `${set}_${name}`;
  return `
  CREATE INDEX IF NOT EXISTS ${t('partner_status_due')} ON ${t('partner_status')} (next_change_at) WHERE next_change_at IS NOT NULL;
  CREATE INDEX IF NOT EXISTS ${t('area_tiers_by_tier')} ON ${t('partner_area_tiers')} (area, tier, partner_id);
  CREATE INDEX IF NOT EXISTS ${t('area_tiers_badges')} ON ${t('partner_area_tiers')} (area, partner_id) WHERE badge = 1;
  CREATE INDEX IF NOT EXISTS ${t('notices_by_status')} ON ${t('renewal_notices')} (status, due_on, notice_id);
  CREATE INDEX IF NOT EXISTS ${t('notices_by_due')} ON ${t('renewal_notices')} (due_on, notice_id);
  CREATE INDEX IF NOT EXISTS ${t('forecast_by_time')} ON ${t('forecast_changes')} (at, partner_id, area);
  CREATE INDEX IF NOT EXISTS ${t('forecast_by_area')} ON ${t('forecast_changes')} (area, at, partner_id);
  CREATE INDEX IF NOT EXISTS ${t('partner_status_standing')} ON ${t('partner_status')} (good_standing, unmet_requirements);
  CREATE INDEX IF NOT EXISTS ${t('partner_status_expiring')} ON ${t('partner_status')} (agreement_expires_on) WHERE agreement_expires_on IS NOT NULL;
  CREATE INDEX IF NOT EXISTS ${t('risk_notices_by_status')} ON ${t('tier_risk_notices')} (status, due_on, notice_id);
  CREATE INDEX IF NOT EXISTS ${t('risk_notices_by_due')} ON ${t('tier_risk_notices')} (due_on, notice_id);
  CREATE INDEX IF NOT EXISTS ${t('risk_notices_prevented')} ON ${t('tier_risk_notices')} (partner_id) WHERE prevented = 1;`;
}

/** Creates the set's query indexes (a no-op where they exist). */
export function indexSet(db: Database.Database, set: TableSet): void {
  db.exec(queryIndexesDdl(set));
}

/** Creates or upgrades the schema; a no-op on an up-to-date database. */
export function migrateReadModelSchema(db: Database.Database): void {
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS read_model_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    const version = Number(metaValue(db, 'schema_version') ?? 0);
    if (version > READ_MODEL_SCHEMA_VERSION) {
      throw new Error(`read-model schema version ${version} is newer than this code (${READ_MODEL_SCHEMA_VERSION})`);
    }
    if (version === READ_MODEL_SCHEMA_VERSION) return;
    if (version === 0) {
      db.exec(tierChangesDdl(TIER_CHANGES_TABLE));
      db.exec(setDdl('a'));
      indexSet(db, 'a');
      pointViewsAt(db, 'a');
    } else {
      const active = activeSet(db);
      // Tables first, then columns, then the query indexes and views, which cover them all.
      if (version < 2) addForecast(db, active);
      if (version < 4) addTierRisk(db, active);
      if (version < 3) addProgrammeColumns(db);
      indexSet(db, active);
      pointViewsAt(db, active);
    }
    db.exec(feedIndexesDdl());
    setMeta(db, 'schema_version', String(READ_MODEL_SCHEMA_VERSION));
  })();
}

/**
 * Version 1 → 2: the forecast table in the active set (a rebuild recreates the other set whole).
 * Every partner is made due, so the projector's next refresh fills it without a rebuild.
 */
function addForecast(db: Database.Database, set: TableSet): void {
  db.exec(forecastDdl(set));
  db.exec(`UPDATE ${set}_partner_status SET next_change_at = 0`);
}

/** Version 3 → 4: the tier-at-risk notices in the active set, every partner due (as for the forecast). */
function addTierRisk(db: Database.Database, set: TableSet): void {
  db.exec(tierRiskDdl(set));
  db.exec(`UPDATE ${set}_partner_status SET next_change_at = 0`);
}

/**
 * Version 2 → 3: adds the programme columns to the sets that exist and makes every stored partner
 * due now: the projector's next refresh re-evaluates each one and fills them (no rebuild needed).
 */
function addProgrammeColumns(db: Database.Database): void {
  // SQLite has no ADD COLUMN IF NOT EXISTS: a column already there (a file taken back by hand) is left.
  const addColumns = (table: string, columns: readonly string[]) => {
    const present = new Set(
      db
        .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`)
        .all()
        .map((row) => row.name),
    );
    for (const column of columns) if (!present.has(column.split(' ')[0]!)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column}`);
  };
  const existing = new Set(
    db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((row) => row.name),
  );
  for (const set of ['a', 'b'] as const) {
    if (!existing.has(`${set}_partner_status`)) continue;
    addColumns(`${set}_partner_status`, STATUS_COLUMNS_V3);
    addColumns(`${set}_partner_area_tiers`, AREA_COLUMNS_V3);
    db.exec(`UPDATE ${set}_partner_status SET next_change_at = evaluated_at`);
  }
}

/** The set the views point at. */
export function activeSet(db: Database.Database): TableSet {
  return metaValue(db, 'active_set') === 'b' ? 'b' : 'a';
}

/** Drops and recreates the set's tables, empty and without query indexes (the inactive set only): see `indexSet`. */
export function recreateSet(db: Database.Database, set: TableSet): void {
  if (set === activeSet(db)) throw new Error(`table set ${set} is the active one`);
  db.transaction(() => {
    dropSet(db, set);
    db.exec(setDdl(set));
  })();
}

/** Drops the set's tables (their indexes go with them). */
export function dropSet(db: Database.Database, set: TableSet): void {
  for (const table of SET_TABLES) db.exec(`DROP TABLE IF EXISTS ${set}_${table}`);
}

/** Re-points the views at `set`; call inside the swap transaction. */
export function pointViewsAt(db: Database.Database, set: TableSet): void {
  for (const table of SET_TABLES) {
    db.exec(`DROP VIEW IF EXISTS ${table}`);
    db.exec(`CREATE VIEW ${table} AS SELECT * FROM ${set}_${table}`);
  }
  setMeta(db, 'active_set', set);
}

function metaValue(db: Database.Database, key: string): string | undefined {
  const row = db.prepare<[string], { value: string }>('SELECT value FROM read_model_meta WHERE key = ?').get(key);
  return row?.value;
}

function setMeta(db: Database.Database, key: string, value: string): void {
  db.prepare('INSERT INTO read_model_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}
