import type Database from 'better-sqlite3';
import type { AreaId, Tier } from '@partner-program/domain';
import type { ReadModelDatabase } from '../read-model-database';
import { PARTNER_PROJECTION } from '../schema/read-model-schema';
import {
  checkArea, checkDate, checkLimit, checkNoticeStatus, checkTier, decodeCursor, encodeCursor,
} from './query-params';
import {
  type BadgeItem, type ChangeRow, type NoticeRow, type Page, type PartnerStatusView, type PartnerTierItem,
  type RenewalNoticeItem, type TierChangeItem, changeItem, noticeItem,
} from './query-rows';

type TierRow = { partner_id: string; area: string; tier: string | null; badge: number; credits: number };

/**
 * Synchronous reads of the read models, through the views of the active table set (a rebuild
 * swaps them atomically). Every answer is a plain JSON-ready object; positions are JSON numbers
 * (SQLite positions stay far below 2^53). Invalid parameters throw `InvalidQueryError`.
 */
export class ReadModelQueries {
  private readonly db: Database.Database;
  private readonly statements;
  private readonly noticeStatements = new Map<string, Database.Statement<unknown[], NoticeRow>>();

  constructor(database: ReadModelDatabase) {
    this.db = database.db;
    const tiers = 'SELECT partner_id, area, tier, badge, credits FROM partner_area_tiers WHERE area = ?';
    this.statements = {
      status: this.db.prepare<[string], { status: string; position: number }>('SELECT status, position FROM partner_status WHERE partner_id = ?'),
      partnersByTier: this.db.prepare<[string, string | null, string, number], TierRow>(`${tiers} AND tier IS ? AND partner_id > ? ORDER BY partner_id LIMIT ?`),
      partnersInArea: this.db.prepare<[string, string, number], TierRow>(`${tiers} AND partner_id > ? ORDER BY partner_id LIMIT ?`),
      badgesInArea: this.db.prepare<[string], TierRow & { since: string }>('SELECT partner_id, area, since FROM partner_area_tiers WHERE badge = 1 AND area = ? ORDER BY partner_id'),
      badges: this.db.prepare<[], TierRow & { since: string }>('SELECT partner_id, area, since FROM partner_area_tiers WHERE badge = 1 ORDER BY partner_id, area'),
      notice: this.db.prepare<[string], NoticeRow>('SELECT * FROM renewal_notices WHERE notice_id = ?'),
      changes: this.db.prepare<[number, number], ChangeRow>('SELECT * FROM tier_changes WHERE sequence > ? ORDER BY sequence LIMIT ?'),
      checkpoint: this.db.prepare<[string], { position: bigint }>('SELECT position FROM checkpoints WHERE name = ?').safeIntegers(true),
    };
  }

  /** The partner's current status (CONTRACT §2) with `position`, or `undefined` for a partner with no events. */
  partnerStatus(partnerId: string): PartnerStatusView | undefined {
    const json = this.partnerStatusJson(partnerId);
    return json === undefined ? undefined : (JSON.parse(json) as PartnerStatusView);
  }

  /**
   * The same view as JSON text, for serving as is: the stored document is already JSON, and
   * parsing it only to serialise it again was a good part of a status request's cost.
   */
  partnerStatusJson(partnerId: string): string | undefined {
    const row = this.statements.status.get(partnerId);
    // The stored status is a JSON object; `position` is added as its last member.
    return row && `${row.status.slice(0, -1)},"position":${row.position}}`;
  }

  /** Partners of an area, optionally of one tier (`'none'`: no tier), by partnerId, paged. */
  partners(query: { area: string; tier?: string; cursor?: string; limit: number }): Page<PartnerTierItem> {
    const area = checkArea(query.area);
    const limit = checkLimit(query.limit);
    const [after] = query.cursor === undefined ? [''] : decodeCursor(query.cursor, 1);
    const rows = query.tier === undefined
      ? this.statements.partnersInArea.all(area, after!, limit + 1)
      : this.statements.partnersByTier.all(area, checkTier(query.tier), after!, limit + 1);
    const items = rows.slice(0, limit).map((row) => ({
      partnerId: row.partner_id, area: row.area as AreaId, tier: row.tier as Tier | null, badge: row.badge === 1, credits: row.credits,
    }));
    return { items, nextCursor: rows.length > limit ? encodeCursor([items.at(-1)!.partnerId]) : null };
  }

  /** The directory of active badges, by partnerId (then area). */
  badges(query: { area?: string } = {}): BadgeItem[] {
    const rows = query.area === undefined ? this.statements.badges.all() : this.statements.badgesInArea.all(checkArea(query.area));
    return rows.map((row) => ({ partnerId: row.partner_id, area: row.area as AreaId, since: row.since }));
  }

  /** Renewal notices by due date (then id), optionally of one status and due strictly before a date, paged. */
  renewalNotices(query: { status?: string; dueBefore?: string; cursor?: string; limit: number }): Page<RenewalNoticeItem> {
    const limit = checkLimit(query.limit);
    const filters: string[] = [];
    const params: unknown[] = [];
    if (query.status !== undefined) {
      filters.push('status = ?');
      params.push(checkNoticeStatus(query.status));
    }
    if (query.dueBefore !== undefined) {
      filters.push('due_on < ?');
      params.push(checkDate('dueBefore', query.dueBefore));
    }
    const [dueOn, noticeId] = query.cursor === undefined ? ['', ''] : decodeCursor(query.cursor, 2);
    const rows = this.noticeStatement(filters).all(...params, dueOn, noticeId, limit + 1);
    const items = rows.slice(0, limit).map(noticeItem);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > limit && last ? encodeCursor([last.dueOn, last.noticeId]) : null };
  }

  /** One notice, e.g. to find the partner that acknowledges it. */
  noticeById(noticeId: string): RenewalNoticeItem | undefined {
    const row = this.statements.notice.get(noticeId);
    return row && noticeItem(row);
  }

  /** Pending notices due on or before `today`: what the scheduler asks the domain to issue. */
  dueNotices(today: string, limit: number): RenewalNoticeItem[] {
    const rows = this.noticeStatement(['status = ?', 'due_on <= ?']).all('pending', checkDate('today', today), '', '', checkLimit(limit));
    return rows.map(noticeItem);
  }

  /** The tier-change feed after `afterSequence` (0 for the start), in feed order. */
  tierChanges(query: { afterSequence: number; limit: number }): TierChangeItem[] {
    return this.statements.changes.all(query.afterSequence, checkLimit(query.limit)).map(changeItem);
  }

  /** Last position whose effects the read models show (`0n` before any), for read-your-writes. */
  checkpoint(): bigint {
    return this.statements.checkpoint.get(PARTNER_PROJECTION)?.position ?? 0n;
  }

  private noticeStatement(filters: readonly string[]): Database.Statement<unknown[], NoticeRow> {
    const key = filters.join(' AND ');
    let statement = this.noticeStatements.get(key);
    if (!statement) {
      const where = [...filters, '(due_on, notice_id) > (?, ?)'].join(' AND ');
      statement = this.db.prepare<unknown[], NoticeRow>(`SELECT * FROM renewal_notices WHERE ${where} ORDER BY due_on, notice_id LIMIT ?`);
      this.noticeStatements.set(key, statement);
    }
    return statement;
  }
}
