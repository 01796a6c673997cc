import type Database from 'better-sqlite3';
import type { ForecastChange, TierChange } from '@partner-program/domain';
import type { PartnerEvaluation } from '../projection/partner-evaluation';
import { tierChangeId } from '../projection/tier-change-id';
import { PARTNER_PROJECTION, type TableSet } from '../schema/table-sets';
import type { SetRows, StoredPartner } from '../storage/read-model-storage';
import { TIER_RISK_COLUMNS, tierRiskValues } from '../storage/tier-risk-columns';

// ── SQLite: writes evaluations into one table set (statements prepared once, reused for every page) ─
// Synchronous underneath (better-sqlite3); a page and its checkpoint are one transaction. No
// fencing: one process writes a SQLite file.

export class SqliteSetRows implements SetRows {
  private readonly statements;

  /** `changesTable`: the live feed, or a scratch table that a rebuild merges into it at the swap. */
  constructor(
    readonly db: Database.Database,
    readonly set: TableSet,
    changesTable: string,
  ) {
    const t = (name: string) => `${set}_${name}`;
    this.statements = {
      status: db.prepare(
        `INSERT INTO ${t('partner_status')}
           (partner_id, status, position, revision, evaluated_at, next_change_at, good_standing, unmet_requirements, agreement_expires_on)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (partner_id) DO UPDATE SET status = excluded.status, position = excluded.position,
         revision = excluded.revision, evaluated_at = excluded.evaluated_at, next_change_at = excluded.next_change_at,
         good_standing = excluded.good_standing, unmet_requirements = excluded.unmet_requirements, agreement_expires_on = excluded.agreement_expires_on`,
      ),
      // Most evaluations leave most areas as they were: an unchanged row is left alone (a key
      // lookup) instead of being replaced (a delete and an insert in the table and both indexes).
      area: db.prepare(
        `INSERT INTO ${t('partner_area_tiers')} (area, partner_id, tier, badge, since, credits, next_tier, missing, missing_count, credits_needed)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (area, partner_id) DO UPDATE SET tier = excluded.tier, badge = excluded.badge, since = excluded.since, credits = excluded.credits,
           next_tier = excluded.next_tier, missing = excluded.missing, missing_count = excluded.missing_count, credits_needed = excluded.credits_needed
         WHERE tier IS NOT excluded.tier OR badge IS NOT excluded.badge OR since IS NOT excluded.since OR credits IS NOT excluded.credits
           OR next_tier IS NOT excluded.next_tier OR missing IS NOT excluded.missing OR credits_needed IS NOT excluded.credits_needed`,
      ),
      dropStalePending: db.prepare(`DELETE FROM ${t('renewal_notices')} WHERE partner_id = ? AND status = 'pending' AND notice_id <> ?`),
      notice: db.prepare(
        `INSERT INTO ${t('renewal_notices')} (notice_id, partner_id, agreement_id, expires_on, due_on, status, issued_at, acknowledged_at, cancelled_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (notice_id) DO UPDATE SET status = excluded.status,
         issued_at = excluded.issued_at, acknowledged_at = excluded.acknowledged_at, cancelled_at = excluded.cancelled_at
         WHERE status IS NOT excluded.status OR issued_at IS NOT excluded.issued_at
           OR acknowledged_at IS NOT excluded.acknowledged_at OR cancelled_at IS NOT excluded.cancelled_at`,
      ),
      change: db.prepare(
        `INSERT OR IGNORE INTO ${changesTable} (change_id, partner_id, area, from_tier, to_tier, badge, at, position, ruleset, causes)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      dropForecast: db.prepare(`DELETE FROM ${t('forecast_changes')} WHERE partner_id = ?`),
      forecast: db.prepare(
        `INSERT INTO ${t('forecast_changes')} (partner_id, area, at, from_tier, to_tier, badge, direction, ruleset, causes, prevention)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      dropRiskNotices: db.prepare(`DELETE FROM ${t('tier_risk_notices')} WHERE partner_id = ?`),
      riskNotice: db.prepare(`INSERT INTO ${t('tier_risk_notices')} (${TIER_RISK_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      setCheckpoint: db.prepare(`INSERT INTO ${t('checkpoints')} (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position`),
      checkpoint: db.prepare<[string], { position: bigint }>(`SELECT position FROM ${t('checkpoints')} WHERE name = ?`).safeIntegers(true),
      stored: db
        .prepare<[string], { position: bigint; revision: bigint; evaluated_at: bigint }>(
          `SELECT position, revision, evaluated_at FROM ${t('partner_status')} WHERE partner_id = ?`,
        )
        .safeIntegers(true),
      due: db.prepare<[number, number], { partner_id: string }>(
        `SELECT partner_id FROM ${t('partner_status')} WHERE next_change_at <= ? ORDER BY next_change_at, partner_id LIMIT ?`,
      ),
    };
  }

  async commit(evaluations: readonly PartnerEvaluation[], checkpoint: bigint | undefined): Promise<void> {
    this.db.transaction(() => {
      for (const evaluation of evaluations) this.write(evaluation);
      if (checkpoint !== undefined) this.statements.setCheckpoint.run(PARTNER_PROJECTION, checkpoint);
    })();
  }

  async checkpoint(): Promise<bigint> {
    return this.statements.checkpoint.get(PARTNER_PROJECTION)?.position ?? 0n;
  }

  async storedOf(partnerIds: readonly string[]): Promise<Map<string, StoredPartner>> {
    const stored = new Map<string, StoredPartner>();
    for (const partnerId of partnerIds) {
      const row = this.statements.stored.get(partnerId);
      if (row) stored.set(partnerId, { position: row.position, revision: Number(row.revision), evaluatedAt: Number(row.evaluated_at) });
    }
    return stored;
  }

  async dueAt(now: number, limit: number): Promise<string[]> {
    return this.statements.due.all(now, limit).map((row) => row.partner_id);
  }

  /** Stores every row of one evaluation. */
  private write(evaluation: PartnerEvaluation): void {
    const { partnerId, status, position, revision, evaluatedAt, nextChangeAt } = evaluation;
    const s = this.statements;
    const { unmetRequirements, agreementExpiresOn } = evaluation;
    s.status.run(
      partnerId,
      JSON.stringify(status),
      position,
      revision,
      evaluatedAt,
      nextChangeAt,
      status.goodStanding ? 1 : 0,
      JSON.stringify(unmetRequirements),
      agreementExpiresOn,
    );
    for (const row of evaluation.areas) {
      const missing = JSON.stringify(row.missing);
      s.area.run(row.area, partnerId, row.tier, row.badge ? 1 : 0, row.since, row.credits, row.nextTier, missing, row.missing.length, row.creditsNeeded);
    }
    s.dropStalePending.run(partnerId, evaluation.pendingNoticeId ?? '');
    for (const n of evaluation.notices) {
      s.notice.run(n.noticeId, partnerId, n.agreementId, n.expiresOn, n.dueOn, n.status, n.issuedAt, n.acknowledgedAt, n.cancelledAt);
    }
    for (const change of evaluation.changes) this.writeChange(partnerId, change, position);
    // The forecast is replaced whole: a new fact may have removed or moved any future change.
    s.dropForecast.run(partnerId);
    for (const change of evaluation.forecast) this.writeForecast(partnerId, change);
    s.dropRiskNotices.run(partnerId);
    for (const notice of evaluation.riskNotices) s.riskNotice.run(...tierRiskValues(partnerId, notice));
  }

  private writeForecast(partnerId: string, c: ForecastChange): void {
    const [causes, prevention] = [JSON.stringify(c.causes), JSON.stringify(c.prevention)];
    this.statements.forecast.run(partnerId, c.area, c.at, c.from, c.to, c.badge ? 1 : 0, c.direction, c.ruleset, causes, prevention);
  }

  private writeChange(partnerId: string, change: TierChange, position: bigint): void {
    const id = tierChangeId(partnerId, change);
    const causes = JSON.stringify(change.causes);
    this.statements.change.run(id, partnerId, change.area, change.from, change.to, change.badge ? 1 : 0, change.at, position, change.ruleset, causes);
  }
}
