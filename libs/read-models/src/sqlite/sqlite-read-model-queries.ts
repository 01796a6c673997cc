import type Database from 'better-sqlite3';
import { pause } from '@partner-program/event-store';
import type {
  AreaTierRow,
  BadgeCountRow,
  DayMovesRow,
  ExpiringRow,
  ExpiryDates,
  FirstChangesRow,
  NoticeCountRow,
  StandingRow,
} from '../queries/programme-rows';
import { PROGRAMME_SQL } from '../queries/programme-sql';
import {
  type BadgeRow,
  type CloseFilter,
  type ForecastFilter,
  type NextStepRow,
  type NoticeFilter,
  type NoticeTable,
  ReadModelQueries,
  type StatusRow,
  type TierRow,
} from '../queries/read-model-queries';
import type { ChangeRow, ForecastRow } from '../queries/query-rows';
import { PARTNER_PROJECTION } from '../schema/table-sets';

/** How often a read-your-writes wait re-reads the checkpoint (a projector in another process notifies nothing). */
const POLL_MS = 10;

/** The queries on SQLite: prepared once, synchronous underneath. */
export class SqliteReadModelQueries extends ReadModelQueries {
  private readonly statements;
  private readonly filteredStatements = new Map<string, Database.Statement<unknown[], unknown>>();

  constructor(private readonly db: Database.Database) {
    super();
    const tiers = 'SELECT partner_id, area, tier, badge, credits FROM partner_area_tiers WHERE area = ?';
    this.statements = {
      status: db.prepare<[string], StatusRow>('SELECT status, position FROM partner_status WHERE partner_id = ?'),
      partnersByTier: db.prepare<[string, string | null, string, number], TierRow>(`${tiers} AND tier IS ? AND partner_id > ? ORDER BY partner_id LIMIT ?`),
      partnersInArea: db.prepare<[string, string, number], TierRow>(`${tiers} AND partner_id > ? ORDER BY partner_id LIMIT ?`),
      badgesInArea: db.prepare<[string], BadgeRow>('SELECT partner_id, area, since FROM partner_area_tiers WHERE badge = 1 AND area = ? ORDER BY partner_id'),
      badges: db.prepare<[], BadgeRow>('SELECT partner_id, area, since FROM partner_area_tiers WHERE badge = 1 ORDER BY partner_id, area'),
      changes: db.prepare<[number, number], ChangeRow>('SELECT * FROM tier_changes WHERE sequence > ? ORDER BY sequence LIMIT ?'),
      checkpoint: db.prepare<[string], { position: bigint }>('SELECT position FROM checkpoints WHERE name = ?').safeIntegers(true),
      areaTiers: db.prepare<[], AreaTierRow>(PROGRAMME_SQL.areaTiers('')),
      badgeCounts: db.prepare<[], BadgeCountRow>(PROGRAMME_SQL.badgeCounts('')),
      standing: db.prepare<[], StandingRow>(PROGRAMME_SQL.standing('')),
      expiring: db.prepare<[string, string, string, string], ExpiringRow>(PROGRAMME_SQL.expiring('', ['?', '?', '?', '?'])),
      noticeCounts: db.prepare<[], NoticeCountRow>(PROGRAMME_SQL.noticeCounts('')),
      dayMoves: db.prepare<[string, string, string], DayMovesRow>(PROGRAMME_SQL.dayMoves('', ['?', '?', '?'])),
      firstChanges: db.prepare<[string, string, string], FirstChangesRow>(PROGRAMME_SQL.firstChanges('', ['?', '?', '?'])),
      nextStepsInArea: db.prepare<[number, string, string, string, number], NextStepRow>(PROGRAMME_SQL.nextSteps('', ['?', '?', '?', '?', '?'])),
      nextSteps: db.prepare<[number, string, string, number], NextStepRow>(PROGRAMME_SQL.nextSteps('', ['?', '?', '?', null, '?'])),
    };
  }

  async checkpoint(): Promise<bigint> {
    return this.statements.checkpoint.get(PARTNER_PROJECTION)?.position ?? 0n;
  }

  protected checkpointPassed(_position: bigint, signal: AbortSignal): Promise<void> {
    return pause(POLL_MS, signal);
  }

  protected async statusRow(partnerId: string): Promise<StatusRow | undefined> {
    return this.statements.status.get(partnerId);
  }

  protected async tierRows(area: string, tier: { is: string | null } | undefined, after: string, limit: number): Promise<TierRow[]> {
    return tier === undefined ? this.statements.partnersInArea.all(area, after, limit) : this.statements.partnersByTier.all(area, tier.is, after, limit);
  }

  protected async badgeRows(area: string | undefined): Promise<BadgeRow[]> {
    return area === undefined ? this.statements.badges.all() : this.statements.badgesInArea.all(area);
  }

  protected async noticeRows<Row>(filter: NoticeFilter, limit: number, table: NoticeTable): Promise<Row[]> {
    const { filters, params } = given([
      ['status = ?', filter.status],
      ['due_on <= ?', filter.dueOnOrBefore],
    ]);
    if (filter.prevented) filters.push('prevented = 1');
    return this.noticeStatement<Row>(filters, table).all(...params, ...filter.after, limit);
  }

  protected async forecastRows(filter: ForecastFilter, limit: number): Promise<ForecastRow[]> {
    const { filters, params } = given([
      ['at > ?', filter.after],
      ['at <= ?', filter.until],
      ['area = ?', filter.area],
      ['direction = ?', filter.direction],
    ]);
    const where = [...filters, '(at, partner_id, area) > (?, ?, ?)'].join(' AND ');
    return this.statement<ForecastRow>(`SELECT * FROM forecast_changes WHERE ${where} ORDER BY at, partner_id, area LIMIT ?`).all(
      ...params,
      ...filter.start,
      limit,
    );
  }

  protected async noticeRow<Row>(noticeId: string, table: NoticeTable): Promise<Row | undefined> {
    return this.statement<Row>(`SELECT * FROM ${table} WHERE notice_id = ?`).get(noticeId);
  }

  protected async changeRows(afterSequence: number, limit: number): Promise<ChangeRow[]> {
    return this.statements.changes.all(afterSequence, limit);
  }

  protected async areaTierRows(): Promise<AreaTierRow[]> {
    return this.statements.areaTiers.all();
  }

  protected async badgeCountRows(): Promise<BadgeCountRow[]> {
    return this.statements.badgeCounts.all();
  }

  protected async standingRows(): Promise<StandingRow[]> {
    return this.statements.standing.all();
  }

  protected async expiringRow(dates: ExpiryDates): Promise<ExpiringRow | undefined> {
    return this.statements.expiring.get(dates.in30, dates.in60, dates.today, dates.in90);
  }

  protected async noticeCountRows(): Promise<NoticeCountRow[]> {
    return this.statements.noticeCounts.all();
  }

  protected async dayMovesRows(area: string, from: string, end: string): Promise<DayMovesRow[]> {
    return this.statements.dayMoves.all(from, area, end);
  }

  protected async firstChangesRows(area: string, from: string, end: string): Promise<FirstChangesRow[]> {
    return this.statements.firstChanges.all(from, area, end);
  }

  protected async nextStepRows(filter: CloseFilter, limit: number): Promise<NextStepRow[]> {
    const [afterArea, afterPartner] = filter.after;
    return filter.area === undefined
      ? this.statements.nextSteps.all(filter.share, afterArea, afterPartner, limit)
      : this.statements.nextStepsInArea.all(filter.share, afterArea, afterPartner, filter.area, limit);
  }

  private noticeStatement<Row>(filters: readonly string[], table: NoticeTable): Database.Statement<unknown[], Row> {
    const where = [...filters, '(due_on, notice_id) > (?, ?)'].join(' AND ');
    return this.statement<Row>(`SELECT * FROM ${table} WHERE ${where} ORDER BY due_on, notice_id LIMIT ?`);
  }

  /** A filtered list's statement, prepared once per combination of filters. */
  private statement<Row>(sql: string): Database.Statement<unknown[], Row> {
    let statement = this.filteredStatements.get(sql);
    if (!statement) {
      statement = this.db.prepare<unknown[], unknown>(sql);
      this.filteredStatements.set(sql, statement);
    }
    return statement as Database.Statement<unknown[], Row>;
  }
}

/** The conditions whose value is given, and their values in the same order. */
function given(conditions: readonly (readonly [sql: string, value: string | undefined])[]): { filters: string[]; params: string[] } {
  const present = conditions.filter((condition): condition is readonly [string, string] => condition[1] !== undefined);
  return { filters: present.map(([sql]) => sql), params: present.map(([, value]) => value) };
}
