import type pg from 'pg';
import type { AppendNotifier } from '@partner-program/event-store';
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
  type CheckpointWait,
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

/** Wakes read-your-writes waiters: NOTIFYs of page commits, and a poll when none comes. */
export interface CheckpointNotifications {
  /** Listens (once per process) if it does not yet; never rejects (polling covers a failed LISTEN). */
  listen(): Promise<void>;
  readonly notifier: AppendNotifier;
  /** The longest a wait goes without a notification before re-reading the checkpoint. */
  readonly pollMs: number;
}

/** The queries on PostgreSQL, through the views of the active set, on the caller's pool. */
export class PostgresReadModelQueries extends ReadModelQueries {
  private readonly sql;

  /** `schema`: quoted. */
  constructor(
    private readonly pool: pg.Pool,
    private readonly schema: string,
    private readonly notifications: CheckpointNotifications,
  ) {
    super();
    const s = schema;
    const tiers = `SELECT partner_id, area, tier, badge, credits FROM ${s}.partner_area_tiers WHERE area = $1`;
    this.sql = {
      status: `SELECT status, position FROM ${s}.partner_status WHERE partner_id = $1`,
      partnersOfTier: `${tiers} AND tier = $2 AND partner_id > $3 ORDER BY partner_id LIMIT $4`,
      partnersWithoutTier: `${tiers} AND tier IS NULL AND partner_id > $2 ORDER BY partner_id LIMIT $3`,
      partnersInArea: `${tiers} AND partner_id > $2 ORDER BY partner_id LIMIT $3`,
      badgesInArea: `SELECT partner_id, area, since FROM ${s}.partner_area_tiers WHERE badge = 1 AND area = $1 ORDER BY partner_id`,
      badges: `SELECT partner_id, area, since FROM ${s}.partner_area_tiers WHERE badge = 1 ORDER BY partner_id, area`,
      changes: `SELECT * FROM ${s}.tier_changes WHERE sequence > $1 ORDER BY sequence LIMIT $2`,
      checkpoint: `SELECT position FROM ${s}.checkpoints WHERE name = $1`,
      areaTiers: PROGRAMME_SQL.areaTiers(`${s}.`),
      badgeCounts: PROGRAMME_SQL.badgeCounts(`${s}.`),
      standing: PROGRAMME_SQL.standing(`${s}.`),
      expiring: PROGRAMME_SQL.expiring(`${s}.`, ['$1', '$2', '$3', '$4']),
      noticeCounts: PROGRAMME_SQL.noticeCounts(`${s}.`),
      dayMoves: PROGRAMME_SQL.dayMoves(`${s}.`, ['$1', '$2', '$3']),
      firstChanges: PROGRAMME_SQL.firstChanges(`${s}.`, ['$1', '$2', '$3']),
      nextStepsInArea: PROGRAMME_SQL.nextSteps(`${s}.`, ['$1', '$2', '$3', '$4', '$5']),
      nextSteps: PROGRAMME_SQL.nextSteps(`${s}.`, ['$1', '$2', '$3', null, '$4']),
    };
  }

  async checkpoint(): Promise<bigint> {
    const { rows } = await this.pool.query<{ position: bigint | string }>(this.sql.checkpoint, [PARTNER_PROJECTION]);
    return rows[0] ? BigInt(rows[0].position) : 0n;
  }

  override async checkpointReached(position: bigint, options: CheckpointWait): Promise<boolean> {
    // Listening before the first read of the checkpoint: a commit in between is then remembered
    // by the notifier instead of being missed until the next poll.
    await this.notifications.listen();
    return super.checkpointReached(position, options);
  }

  protected checkpointPassed(position: bigint, signal: AbortSignal): Promise<void> {
    return this.notifications.notifier.waitForAppendAfter(position, this.notifications.pollMs, signal);
  }

  protected async statusRow(partnerId: string): Promise<StatusRow | undefined> {
    return (await this.pool.query<StatusRow>(this.sql.status, [partnerId])).rows[0];
  }

  protected async tierRows(area: string, tier: { is: string | null } | undefined, after: string, limit: number): Promise<TierRow[]> {
    const query =
      tier === undefined
        ? this.pool.query<TierRow>(this.sql.partnersInArea, [area, after, limit])
        : tier.is === null
          ? this.pool.query<TierRow>(this.sql.partnersWithoutTier, [area, after, limit])
          : this.pool.query<TierRow>(this.sql.partnersOfTier, [area, tier.is, after, limit]);
    return (await query).rows;
  }

  protected async badgeRows(area: string | undefined): Promise<BadgeRow[]> {
    const query = area === undefined ? this.pool.query<BadgeRow>(this.sql.badges) : this.pool.query<BadgeRow>(this.sql.badgesInArea, [area]);
    return (await query).rows;
  }

  protected async noticeRows<Row>(filter: NoticeFilter, limit: number, table: NoticeTable): Promise<Row[]> {
    const filters: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: string) => {
      params.push(value);
      filters.push(`${sql} $${params.length}`);
    };
    if (filter.status !== undefined) add('status =', filter.status);
    if (filter.dueOnOrBefore !== undefined) add('due_on <=', filter.dueOnOrBefore);
    if (filter.prevented) filters.push('prevented = 1');
    params.push(...filter.after, limit);
    const n = params.length;
    const where = [...filters, `(due_on, notice_id) > ($${n - 2}, $${n - 1})`].join(' AND ');
    const sql = `SELECT * FROM ${this.schema}.${table} WHERE ${where} ORDER BY due_on, notice_id LIMIT $${n}`;
    return (await this.pool.query<Row & pg.QueryResultRow>(sql, params)).rows;
  }

  protected async forecastRows(filter: ForecastFilter, limit: number): Promise<ForecastRow[]> {
    const params: unknown[] = [filter.after, filter.until];
    const filters = ['at > $1', 'at <= $2'];
    const add = (sql: string, value: string | undefined) => {
      if (value === undefined) return;
      params.push(value);
      filters.push(`${sql} $${params.length}`);
    };
    add('area =', filter.area);
    add('direction =', filter.direction);
    params.push(...filter.start, limit);
    const n = params.length;
    const where = [...filters, `(at, partner_id, area) > ($${n - 3}, $${n - 2}, $${n - 1})`].join(' AND ');
    const sql = `SELECT * FROM ${this.schema}.forecast_changes WHERE ${where} ORDER BY at, partner_id, area LIMIT $${n}`;
    return (await this.pool.query<ForecastRow>(sql, params)).rows;
  }

  protected async noticeRow<Row>(noticeId: string, table: NoticeTable): Promise<Row | undefined> {
    return (await this.pool.query<Row & pg.QueryResultRow>(`SELECT * FROM ${this.schema}.${table} WHERE notice_id = $1`, [noticeId])).rows[0];
  }

  protected async changeRows(afterSequence: number, limit: number): Promise<ChangeRow[]> {
    type Stored = Omit<ChangeRow, 'sequence' | 'position'> & { sequence: bigint | string; position: bigint | string };
    const { rows } = await this.pool.query<Stored>(this.sql.changes, [afterSequence, limit]);
    // bigint in PostgreSQL, JSON numbers in the answers (as SQLite gives them).
    return rows.map((row) => ({ ...row, sequence: Number(row.sequence), position: Number(row.position) }));
  }

  protected async areaTierRows(): Promise<AreaTierRow[]> {
    return (await this.pool.query<AreaTierRow>(this.sql.areaTiers)).rows;
  }

  protected async badgeCountRows(): Promise<BadgeCountRow[]> {
    return (await this.pool.query<BadgeCountRow>(this.sql.badgeCounts)).rows;
  }

  protected async standingRows(): Promise<StandingRow[]> {
    return (await this.pool.query<StandingRow>(this.sql.standing)).rows;
  }

  protected async expiringRow(dates: ExpiryDates): Promise<ExpiringRow | undefined> {
    return (await this.pool.query<ExpiringRow>(this.sql.expiring, [dates.in30, dates.in60, dates.today, dates.in90])).rows[0];
  }

  protected async noticeCountRows(): Promise<NoticeCountRow[]> {
    return (await this.pool.query<NoticeCountRow>(this.sql.noticeCounts)).rows;
  }

  protected async dayMovesRows(area: string, from: string, end: string): Promise<DayMovesRow[]> {
    return (await this.pool.query<DayMovesRow>(this.sql.dayMoves, [from, area, end])).rows;
  }

  protected async firstChangesRows(area: string, from: string, end: string): Promise<FirstChangesRow[]> {
    return (await this.pool.query<FirstChangesRow>(this.sql.firstChanges, [from, area, end])).rows;
  }

  protected async nextStepRows(filter: CloseFilter, limit: number): Promise<NextStepRow[]> {
    const [afterArea, afterPartner] = filter.after;
    const query =
      filter.area === undefined
        ? this.pool.query<NextStepRow>(this.sql.nextSteps, [filter.share, afterArea, afterPartner, limit])
        : this.pool.query<NextStepRow>(this.sql.nextStepsInArea, [filter.share, afterArea, afterPartner, filter.area, limit]);
    return (await query).rows;
  }
}
