import type { PostgresMigration } from '@partner-program/event-store';
import { PARTNER_PROJECTION, SET_TABLES, type TableSet, TIER_CHANGES_TABLE } from '../schema/table-sets';

// ── The PostgreSQL read-model schema: the SQLite layout (table-sets.ts), typed for PostgreSQL ──
// - Every text key sorts with COLLATE "C" (byte order, as SQLite's BINARY): the pages and cursors
//   must come out in the same order whatever the cluster's locale.
// - Positions and times are bigint; answers turn them into JSON numbers.
// - Each set's checkpoint row exists from the start and carries `fence`, the token of the last
//   leader that wrote it (see postgres-set-rows.ts).

/** `s`: the quoted schema name. */
export function tierChangesDdl(s: string, table: string): string {
  return `CREATE TABLE ${s}.${table} (
    sequence bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    change_id text COLLATE "C" NOT NULL UNIQUE,
    partner_id text COLLATE "C" NOT NULL, area text COLLATE "C" NOT NULL, from_tier text, to_tier text, badge smallint NOT NULL,
    at text COLLATE "C" NOT NULL, position bigint NOT NULL, ruleset text, causes text NOT NULL);`;
}

/** The set's tables, empty but for its checkpoint row, without the query indexes (every version's columns). */
export function setDdl(s: string, set: TableSet): string {
  return `${setTablesV1Ddl(s, set)}
  ${setColumnsV3Ddl(s, set)}`;
}

/**
 * The tables as version 1 created them, and the forecast's (IF NOT EXISTS: on a new database
 * version 1 makes it, so that the views over every set table can be made; on an old one version 2
 * adds it). Released: never change what it creates.
 */
function setTablesV1Ddl(s: string, set: TableSet): string {
  const t = (name: string) => `${s}.${set}_${name}`;
  return `
  CREATE TABLE ${t('checkpoints')} (name text PRIMARY KEY, position bigint NOT NULL, fence bigint NOT NULL DEFAULT 0);
  INSERT INTO ${t('checkpoints')} (name, position) VALUES ('${PARTNER_PROJECTION}', 0);
  CREATE TABLE ${t('partner_status')} (
    partner_id text COLLATE "C" PRIMARY KEY, status text NOT NULL, position bigint NOT NULL, revision integer NOT NULL,
    evaluated_at bigint NOT NULL, next_change_at bigint);
  CREATE TABLE ${t('partner_area_tiers')} (
    area text COLLATE "C" NOT NULL, partner_id text COLLATE "C" NOT NULL, tier text COLLATE "C", badge smallint NOT NULL, since text,
    credits double precision NOT NULL, PRIMARY KEY (area, partner_id));
  CREATE TABLE ${t('renewal_notices')} (
    notice_id text COLLATE "C" PRIMARY KEY, partner_id text COLLATE "C" NOT NULL, agreement_id text NOT NULL, expires_on text NOT NULL,
    due_on text COLLATE "C" NOT NULL, status text COLLATE "C" NOT NULL, issued_at text, acknowledged_at text, cancelled_at text);
  -- The writer deletes a partner's stale pending notice by partner: needed while a set is filled.
  CREATE INDEX ${set}_notices_by_partner ON ${t('renewal_notices')} (partner_id, status);
  ${forecastDdl(s, set)}
  ${tierRiskDdl(s, set)}`;
}

/** A partner's tier-at-risk notices, replaced at each of its evaluations (the writer deletes by partner). */
function tierRiskDdl(s: string, set: TableSet): string {
  const t = `${s}.${set}_tier_risk_notices`;
  return `CREATE TABLE IF NOT EXISTS ${t} (
    notice_id text COLLATE "C" PRIMARY KEY, partner_id text COLLATE "C" NOT NULL, area text COLLATE "C" NOT NULL, from_tier text NOT NULL,
    to_tier text, at text NOT NULL, drop_on text COLLATE "C" NOT NULL, due_on text COLLATE "C" NOT NULL, causes text NOT NULL,
    prevention text NOT NULL, status text COLLATE "C" NOT NULL, prevented smallint NOT NULL, issued_at text, acknowledged_at text,
    cancelled_at text);
  CREATE INDEX IF NOT EXISTS ${set}_risk_notices_by_partner ON ${t} (partner_id);`;
}

function tierRiskIndexesDdl(s: string, set: TableSet): string {
  const t = `${s}.${set}_tier_risk_notices`;
  return `
  CREATE INDEX IF NOT EXISTS ${set}_risk_notices_by_status ON ${t} (status, due_on, notice_id);
  CREATE INDEX IF NOT EXISTS ${set}_risk_notices_by_due ON ${t} (due_on, notice_id);
  CREATE INDEX IF NOT EXISTS ${set}_risk_notices_prevented ON ${t} (partner_id) WHERE prevented = 1;`;
}

/** Version 4 on the set that is active: the tier-at-risk notices, the view, and every partner due. */
function addTierRiskDdl(s: string, set: TableSet): string {
  return `${tierRiskDdl(s, set)}${tierRiskIndexesDdl(s, set)}
    CREATE OR REPLACE VIEW ${s}.tier_risk_notices AS SELECT * FROM ${s}.${set}_tier_risk_notices;
    UPDATE ${s}.${set}_partner_status SET next_change_at = 0;`;
}

/**
 * A partner's future changes, replaced whole at each of its evaluations (deleted by partner, so
 * that index is the writer's). No unique key: the delete and the insert of one page are two
 * parts of one statement, and the delete sees only the rows from before it.
 */
function forecastDdl(s: string, set: TableSet): string {
  const t = `${s}.${set}_forecast_changes`;
  return `CREATE TABLE IF NOT EXISTS ${t} (
    partner_id text COLLATE "C" NOT NULL, area text COLLATE "C" NOT NULL, at text COLLATE "C" NOT NULL, from_tier text, to_tier text,
    badge smallint NOT NULL, direction text COLLATE "C" NOT NULL, ruleset text, causes text NOT NULL, prevention text NOT NULL);
  CREATE INDEX IF NOT EXISTS ${set}_forecast_by_partner ON ${t} (partner_id);`;
}

function forecastIndexesDdl(s: string, set: TableSet): string {
  const t = `${s}.${set}_forecast_changes`;
  return `
  CREATE INDEX IF NOT EXISTS ${set}_forecast_by_time ON ${t} (at, partner_id, area);
  CREATE INDEX IF NOT EXISTS ${set}_forecast_by_area ON ${t} (area, at, partner_id);`;
}

/** `ddl` run on whichever table set is active when the migration runs (a rebuild recreates the other whole). */
function onActiveSet(s: string, ddl: (set: TableSet) => string): string {
  return `
      DO $$ BEGIN
        IF (SELECT value FROM ${s}.read_model_meta WHERE key = 'active_set') = 'b' THEN ${ddl('b')}
        ELSE ${ddl('a')}
        END IF;
      END $$;`;
}

/** Version 2 on the set that is active: its forecast table, the view, and every partner due (the projector's refresh fills it). */
function addForecastDdl(s: string, set: TableSet): string {
  return `${forecastDdl(s, set)}${forecastIndexesDdl(s, set)}
    CREATE OR REPLACE VIEW ${s}.forecast_changes AS SELECT * FROM ${s}.${set}_forecast_changes;
    UPDATE ${s}.${set}_partner_status SET next_change_at = 0;`;
}

/**
 * Version 3: what the programme summary and the close-to-next-tier list count, as columns (the
 * status document is JSON text no index reaches); appended in this order on every path, so both
 * sets and the views keep the same columns.
 */
function setColumnsV3Ddl(s: string, set: TableSet): string {
  const t = (name: string) => `${s}.${set}_${name}`;
  return `
  ALTER TABLE IF EXISTS ${t('partner_status')} ADD COLUMN IF NOT EXISTS good_standing smallint NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS unmet_requirements text NOT NULL DEFAULT '[]', ADD COLUMN IF NOT EXISTS agreement_expires_on text COLLATE "C";
  ALTER TABLE IF EXISTS ${t('partner_area_tiers')} ADD COLUMN IF NOT EXISTS next_tier text, ADD COLUMN IF NOT EXISTS missing text NOT NULL DEFAULT '[]',
    ADD COLUMN IF NOT EXISTS missing_count integer NOT NULL DEFAULT 0, ADD COLUMN IF NOT EXISTS credits_needed double precision;`;
}

/** Indexes only queries use, created once a rebuilt set is filled (as on SQLite). */
export function queryIndexesDdl(s: string, set: TableSet): string {
  const v3 = V3_INDEXES.map(({ name, table, on }) => `CREATE INDEX IF NOT EXISTS ${set}_${name} ON ${s}.${set}_${table} ${on};`);
  return `${queryIndexesV1Ddl(s, set)}
  ${v3.join('\n  ')}`;
}

/** The version-3 columns' indexes (set prefix added where they are made). */
const V3_INDEXES = [
  { name: 'partner_status_standing', table: 'partner_status', on: '(good_standing, unmet_requirements)' },
  { name: 'partner_status_expiring', table: 'partner_status', on: '(agreement_expires_on) WHERE agreement_expires_on IS NOT NULL' },
] as const;

/** The query indexes as version 1 created them (released). */
function queryIndexesV1Ddl(s: string, set: TableSet): string {
  const t = (name: string) => `${s}.${set}_${name}`;
  return `
  CREATE INDEX IF NOT EXISTS ${set}_partner_status_due ON ${t('partner_status')} (next_change_at) WHERE next_change_at IS NOT NULL;
  CREATE INDEX IF NOT EXISTS ${set}_area_tiers_by_tier ON ${t('partner_area_tiers')} (area, tier, partner_id);
  CREATE INDEX IF NOT EXISTS ${set}_area_tiers_badges ON ${t('partner_area_tiers')} (area, partner_id) WHERE badge = 1;
  CREATE INDEX IF NOT EXISTS ${set}_notices_by_status ON ${t('renewal_notices')} (status, due_on, notice_id);
  CREATE INDEX IF NOT EXISTS ${set}_notices_by_due ON ${t('renewal_notices')} (due_on, notice_id);${forecastIndexesDdl(s, set)}${tierRiskIndexesDdl(s, set)}`;
}

/** The tier-change feed's indexes for the tier history (per area by time, covering the moves; each partner's first change). */
function feedIndexesDdl(s: string): string {
  return `
  CREATE INDEX IF NOT EXISTS ${TIER_CHANGES_TABLE}_by_area_at ON ${s}.${TIER_CHANGES_TABLE} (area, at, from_tier, to_tier);
  CREATE INDEX IF NOT EXISTS ${TIER_CHANGES_TABLE}_by_area_partner ON ${s}.${TIER_CHANGES_TABLE} (area, partner_id, at);`;
}

/**
 * The upgrade to version 2 on the set the views show (read from the meta row, hence a DO block):
 * its new columns' indexes, the views re-created with the new columns, and every stored partner
 * made due now, so the projector's next refresh re-evaluates each one and fills them.
 */
function upgradeActiveSetToV3Ddl(s: string): string {
  // Only the views whose tables gained columns: a later version's table (tier_risk_notices) has no
  // view yet at this step.
  const views = ['partner_status', 'partner_area_tiers'].map(
    (table) => `EXECUTE format('CREATE OR REPLACE VIEW ${s}.${table} AS SELECT * FROM ${s}.%I', active || '_${table}');`,
  );
  const indexes = V3_INDEXES.map(
    ({ name, table, on }) => `EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON ${s}.%I ${on}', active || '_${name}', active || '_${table}');`,
  );
  return `DO $upgrade$ DECLARE active text; BEGIN
    SELECT value INTO active FROM ${s}.read_model_meta WHERE key = 'active_set';
    ${indexes.join('\n    ')}
    ${views.join('\n    ')}
    EXECUTE format('UPDATE ${s}.%I SET next_change_at = evaluated_at', active || '_partner_status');
  END $upgrade$;`;
}

/** Points the readers' views at `set` (same columns in both sets, so a view is replaced in place). */
export function pointViewsDdl(s: string, set: TableSet): string {
  const views = SET_TABLES.map((table) => `CREATE OR REPLACE VIEW ${s}.${table} AS SELECT * FROM ${s}.${set}_${table};`);
  return `${views.join('\n')}
  UPDATE ${s}.read_model_meta SET value = '${set}' WHERE key = 'active_set';`;
}

export function dropSetDdl(s: string, set: TableSet): string {
  return SET_TABLES.map((table) => `DROP TABLE IF EXISTS ${s}.${set}_${table};`).join('\n');
}

/** The read-model schema, oldest first (run by the event store's migrator, under its advisory lock). Never edit a released step. */
export const READ_MODEL_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 1,
    description: 'read models: table set a behind views, the tier-change feed',
    up: (s) => `
      CREATE TABLE ${s}.read_model_meta (key text PRIMARY KEY, value text NOT NULL);
      INSERT INTO ${s}.read_model_meta (key, value) VALUES ('active_set', 'a');
      ${tierChangesDdl(s, TIER_CHANGES_TABLE)}
      ${setTablesV1Ddl(s, 'a')}
      ${queryIndexesV1Ddl(s, 'a')}
      ${pointViewsDdl(s, 'a')}`,
  },
  {
    version: 2,
    description: 'read models: the forecast of every partner (in the active set; a rebuild recreates the other whole)',
    up: (s) => onActiveSet(s, (set) => addForecastDdl(s, set)),
  },
  {
    version: 3,
    description: 'read models: good standing, unmet requirements, agreement expiry, next tier and what it misses, as columns; feed indexes',
    up: (s) => `
      ${setColumnsV3Ddl(s, 'a')}
      ${setColumnsV3Ddl(s, 'b')}
      ${upgradeActiveSetToV3Ddl(s)}
      ${feedIndexesDdl(s)}`,
  },
  {
    version: 4,
    description: 'read models: the tier-at-risk notices of every partner (in the active set; a rebuild recreates the other whole)',
    up: (s) => onActiveSet(s, (set) => addTierRiskDdl(s, set)),
  },
];
