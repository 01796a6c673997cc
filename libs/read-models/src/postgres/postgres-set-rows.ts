import type pg from 'pg';
import { FencedOutError } from '@partner-program/event-store';
import type { PartnerEvaluation } from '../projection/partner-evaluation';
import { tierChangeId } from '../projection/tier-change-id';
import { CHANGE_COLUMNS, PARTNER_PROJECTION, type TableSet } from '../schema/table-sets';
import type { SetRows, StoredPartner } from '../storage/read-model-storage';
import { TIER_RISK_COLUMNS, tierRiskValues } from '../storage/tier-risk-columns';
import { inTransaction } from './postgres-transaction';

// ── PostgreSQL: one page of evaluations and its checkpoint in one transaction, four round trips ─
// BEGIN; the checkpoint row (fence check, new position, NOTIFY); every row of every evaluation in
// ONE statement (arrays in, unnest() out, one data-modifying CTE per table); COMMIT. A 500-partner
// page costs the same few round trips as a one-partner page.

/**
 * The checkpoint row first, for two reasons. Fencing: a token older than the stored one matches
 * no row, and the page is rolled back untouched. Feed order: the row lock it takes serialises
 * every writer of the feed (pages, swaps, a stale leader's last page) until COMMIT, so `sequence`
 * values are handed out in commit order and a reader paging by `afterSequence` never skips one
 * that commits late. The NOTIFY is delivered at COMMIT only: it wakes read-your-writes waiters.
 */
function claimCheckpointSql(s: string, set: TableSet): string {
  return `UPDATE ${s}.${set}_checkpoints SET position = COALESCE($2::bigint, position), fence = COALESCE($3::bigint, fence)
    WHERE name = $1 AND ($3::bigint IS NULL OR fence <= $3::bigint)
    RETURNING pg_notify($4, position::text)`;
}

/**
 * Every row of a page. A pending notice that is no longer the partner's current one is deleted,
 * unless the page rewrites it (issued, cancelled…): two CTEs of one statement must not touch the
 * same row. A partner's tier-at-risk notices likewise: the ones it no longer has are deleted, the rest upserted. A partner's forecast is replaced whole (the delete sees only the rows from before). Tier changes keep the page's order (their `sequence`), and the ones already in the
 * feed are skipped before they draw a sequence value, so a replayed page leaves no gap.
 */
function writeRowsSql(s: string, set: TableSet, changes: string): string {
  const t = (name: string) => `${s}.${set}_${name}`;
  return `WITH status AS (
      INSERT INTO ${t('partner_status')}
        (partner_id, status, position, revision, evaluated_at, next_change_at, good_standing, unmet_requirements, agreement_expires_on)
      SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::integer[], $5::bigint[], $6::bigint[], $60::smallint[], $61::text[], $62::text[])
      ON CONFLICT (partner_id) DO UPDATE SET status = excluded.status, position = excluded.position, revision = excluded.revision,
        evaluated_at = excluded.evaluated_at, next_change_at = excluded.next_change_at, good_standing = excluded.good_standing,
        unmet_requirements = excluded.unmet_requirements, agreement_expires_on = excluded.agreement_expires_on
    ), areas AS (
      INSERT INTO ${t('partner_area_tiers')} AS old (area, partner_id, tier, badge, since, credits, next_tier, missing, missing_count, credits_needed)
      SELECT * FROM unnest($7::text[], $8::text[], $9::text[], $10::smallint[], $11::text[], $12::float8[], $63::text[], $64::text[], $65::integer[], $66::float8[])
      ON CONFLICT (area, partner_id) DO UPDATE SET tier = excluded.tier, badge = excluded.badge, since = excluded.since, credits = excluded.credits,
        next_tier = excluded.next_tier, missing = excluded.missing, missing_count = excluded.missing_count, credits_needed = excluded.credits_needed
      WHERE (old.tier, old.badge, old.since, old.credits, old.next_tier, old.missing, old.credits_needed)
        IS DISTINCT FROM (excluded.tier, excluded.badge, excluded.since, excluded.credits, excluded.next_tier, excluded.missing, excluded.credits_needed)
    ), stale AS (
      DELETE FROM ${t('renewal_notices')} AS n USING unnest($13::text[], $14::text[]) AS k(partner_id, keep)
      WHERE n.partner_id = k.partner_id AND n.status = 'pending' AND n.notice_id <> k.keep AND n.notice_id <> ALL($15::text[])
    ), notices AS (
      INSERT INTO ${t('renewal_notices')} AS old (notice_id, partner_id, agreement_id, expires_on, due_on, status, issued_at, acknowledged_at, cancelled_at)
      SELECT * FROM unnest($15::text[], $16::text[], $17::text[], $18::text[], $19::text[], $20::text[], $21::text[], $22::text[], $23::text[])
      ON CONFLICT (notice_id) DO UPDATE SET status = excluded.status, issued_at = excluded.issued_at,
        acknowledged_at = excluded.acknowledged_at, cancelled_at = excluded.cancelled_at
      WHERE (old.status, old.issued_at, old.acknowledged_at, old.cancelled_at)
        IS DISTINCT FROM (excluded.status, excluded.issued_at, excluded.acknowledged_at, excluded.cancelled_at)
    ), stale_forecast AS (
      DELETE FROM ${t('forecast_changes')} WHERE partner_id = ANY($34::text[])
    ), forecast AS (
      INSERT INTO ${t('forecast_changes')} (partner_id, area, at, from_tier, to_tier, badge, direction, ruleset, causes, prevention)
      SELECT * FROM unnest($35::text[], $36::text[], $37::text[], $38::text[], $39::text[], $40::smallint[], $41::text[], $42::text[], $43::text[], $44::text[])
    ), stale_risk AS (
      DELETE FROM ${t('tier_risk_notices')} WHERE partner_id = ANY($34::text[]) AND notice_id <> ALL($45::text[])
    ), risk AS (
      INSERT INTO ${t('tier_risk_notices')} (${TIER_RISK_COLUMNS})
      SELECT * FROM unnest($45::text[], $46::text[], $47::text[], $48::text[], $49::text[], $50::text[], $51::text[], $52::text[], $53::text[],
        $54::text[], $55::text[], $56::smallint[], $57::text[], $58::text[], $59::text[])
      ON CONFLICT (notice_id) DO UPDATE SET (area, from_tier, to_tier, at, drop_on, due_on, causes, prevention, status, prevented, issued_at,
        acknowledged_at, cancelled_at) = (excluded.area, excluded.from_tier, excluded.to_tier, excluded.at, excluded.drop_on, excluded.due_on,
        excluded.causes, excluded.prevention, excluded.status, excluded.prevented, excluded.issued_at, excluded.acknowledged_at, excluded.cancelled_at)
    )
    INSERT INTO ${s}.${changes} (${CHANGE_COLUMNS})
    SELECT ${CHANGE_COLUMNS} FROM unnest($24::text[], $25::text[], $26::text[], $27::text[], $28::text[], $29::smallint[], $30::text[],
      $31::bigint[], $32::text[], $33::text[]) WITH ORDINALITY AS c(${CHANGE_COLUMNS}, page_order)
    WHERE NOT EXISTS (SELECT 1 FROM ${s}.${changes} AS x WHERE x.change_id = c.change_id)
    ORDER BY page_order
    ON CONFLICT (change_id) DO NOTHING`;
}

/** The statement parameters of a page: one array per column, rows in page order. */
function pageParams(evaluations: readonly PartnerEvaluation[]): unknown[] {
  const columns = (count: number) => Array.from({ length: count }, (): unknown[] => []);
  const status = columns(6);
  const areas = columns(6);
  const stale = columns(2);
  const notices = columns(9);
  const changes = columns(10);
  const forecastOf = columns(1);
  const forecast = columns(10);
  const risk = columns(15);
  // The programme's columns come last ($60 on), so the earlier parameters kept their numbers.
  const standing = columns(3);
  const nextSteps = columns(4);
  const push = (target: unknown[][], ...values: unknown[]) => values.forEach((value, i) => target[i]!.push(value));
  for (const e of evaluations) {
    const position = e.position.toString();
    push(status, e.partnerId, JSON.stringify(e.status), position, e.revision, e.evaluatedAt, e.nextChangeAt);
    push(standing, e.status.goodStanding ? 1 : 0, JSON.stringify(e.unmetRequirements), e.agreementExpiresOn);
    for (const a of e.areas) {
      push(areas, a.area, e.partnerId, a.tier, a.badge ? 1 : 0, a.since, a.credits);
      push(nextSteps, a.nextTier, JSON.stringify(a.missing), a.missing.length, a.creditsNeeded);
    }
    push(stale, e.partnerId, e.pendingNoticeId ?? '');
    for (const n of e.notices) {
      push(notices, n.noticeId, e.partnerId, n.agreementId, n.expiresOn, n.dueOn, n.status, n.issuedAt, n.acknowledgedAt, n.cancelledAt);
    }
    for (const c of e.changes) {
      const id = tierChangeId(e.partnerId, c);
      push(changes, id, e.partnerId, c.area, c.from, c.to, c.badge ? 1 : 0, c.at, position, c.ruleset, JSON.stringify(c.causes));
    }
    push(forecastOf, e.partnerId);
    for (const c of e.forecast) {
      push(forecast, e.partnerId, c.area, c.at, c.from, c.to, c.badge ? 1 : 0, c.direction, c.ruleset, JSON.stringify(c.causes), JSON.stringify(c.prevention));
    }
    for (const n of e.riskNotices) push(risk, ...tierRiskValues(e.partnerId, n));
  }
  return [...status, ...areas, ...stale, ...notices, ...changes, ...forecastOf, ...forecast, ...risk, ...standing, ...nextSteps];
}

export type PostgresSetRowsOptions = Readonly<{ pool: pg.Pool; schema: string; set: TableSet; changesTable: string; channel: string }>;

export class PostgresSetRows implements SetRows {
  readonly set: TableSet;
  private readonly sql;

  constructor(private readonly options: PostgresSetRowsOptions) {
    const { schema: s, set, changesTable } = options;
    this.set = set;
    this.sql = {
      claimCheckpoint: claimCheckpointSql(s, set),
      writeRows: writeRowsSql(s, set, changesTable),
      checkpoint: `SELECT position FROM ${s}.${set}_checkpoints WHERE name = $1`,
      stored: `SELECT partner_id, position, revision, evaluated_at FROM ${s}.${set}_partner_status WHERE partner_id = ANY($1::text[])`,
      due: `SELECT partner_id FROM ${s}.${set}_partner_status WHERE next_change_at <= $1 ORDER BY next_change_at, partner_id LIMIT $2`,
    };
  }

  async commit(evaluations: readonly PartnerEvaluation[], checkpoint: bigint | undefined, fence: bigint | undefined): Promise<void> {
    await inTransaction(this.options.pool, async (client) => {
      const claimed = await client.query(this.sql.claimCheckpoint, [
        PARTNER_PROJECTION,
        checkpoint?.toString() ?? null,
        fence?.toString() ?? null,
        this.options.channel,
      ]);
      if (claimed.rowCount === 0) throw new FencedOutError(`checkpoint ${PARTNER_PROJECTION}`, fence);
      if (evaluations.length > 0) await client.query(this.sql.writeRows, pageParams(evaluations));
    });
  }

  async checkpoint(): Promise<bigint> {
    const { rows } = await this.options.pool.query<{ position: bigint | string }>(this.sql.checkpoint, [PARTNER_PROJECTION]);
    return rows[0] ? BigInt(rows[0].position) : 0n;
  }

  async storedOf(partnerIds: readonly string[]): Promise<Map<string, StoredPartner>> {
    type Row = { partner_id: string; position: bigint | string; revision: number; evaluated_at: bigint | string };
    const { rows } = await this.options.pool.query<Row>(this.sql.stored, [partnerIds]);
    return new Map(rows.map((row) => [row.partner_id, { position: BigInt(row.position), revision: row.revision, evaluatedAt: Number(row.evaluated_at) }]));
  }

  async dueAt(now: number, limit: number): Promise<string[]> {
    const { rows } = await this.options.pool.query<{ partner_id: string }>(this.sql.due, [now, limit]);
    return rows.map((row) => row.partner_id);
  }
}
