import { type AreaId, type Tier, toIsoTime } from '@partner-program/domain';
import {
  type AreaTierRow,
  type BadgeCountRow,
  type CloseToNextTierItem,
  type DayMovesRow,
  type ExpiringRow,
  type ExpiryDates,
  type FirstChangesRow,
  type NoticeCountRow,
  type ProgrammeCounts,
  type StandingRow,
  type TierHistory,
  endOfDayTime,
  expiryDates,
  historyPoints,
  pointCount,
  pointDates,
  programmeCounts,
} from './programme-rows';
import {
  InvalidQueryError,
  MAX_HISTORY_POINTS,
  checkArea,
  checkDate,
  checkDirection,
  checkInterval,
  checkLimit,
  checkNoticeStatus,
  checkShare,
  checkTier,
  decodeCursor,
  encodeCursor,
} from './query-params';
import {
  type BadgeItem,
  type ChangeRow,
  type ForecastItem,
  type ForecastRow,
  type NoticeRow,
  type Page,
  type PartnerStatusView,
  type PartnerTierItem,
  type RenewalNoticeItem,
  type TierChangeItem,
  type TierRiskNoticeItem,
  type TierRiskRow,
  changeItem,
  forecastItem,
  noticeItem,
  tierRiskItem,
} from './query-rows';

/** A row of `partner_area_tiers` as the queries read it (`badge`: 0 or 1). */
export type TierRow = { partner_id: string; area: string; tier: string | null; badge: number; credits: number };

/** A badge directory row. */
export type BadgeRow = { partner_id: string; area: string; since: string };

/** The stored status document and the partner's last position (printed into the answer as is). */
export type StatusRow = { status: string; position: bigint | number | string };

/**
 * Which notices to list: all the filters given hold; `after` is the `(due_on, notice_id)` to start
 * after. `prevented` (tier-at-risk notices only): issued ones whose drop is no longer forecast.
 */
export type NoticeFilter = Readonly<{ status?: string; dueOnOrBefore?: string; prevented?: true; after: readonly [string, string] }>;

/** The two notice tables: same keys and order, so one filter serves both. */
export type NoticeTable = 'renewal_notices' | 'tier_risk_notices';

/**
 * Which forecast changes to list: `after < at ≤ until` (ISO times, which sort as text), all the
 * filters given hold; `start` is the `(at, partner_id, area)` to start after.
 */
export type ForecastFilter = Readonly<{ after: string; until: string; area?: string; direction?: string; start: readonly [string, string, string] }>;

/** A `partner_area_tiers` row with its next step (`missing`: a JSON array). */
export type NextStepRow = TierRow & { next_tier: string; missing: string; credits_needed: number };

/** Which areas' rows to list close to their next tier: `share` of the threshold, after `(area, partner_id)`. */
export type CloseFilter = Readonly<{ area: string | undefined; share: number; after: readonly [string, string] }>;

/** A page of notices: of one status, due on or before `dueBefore` (docs/contract.md: inclusive), after a cursor (all optional). */
export type NoticeListQuery = Readonly<{ status?: string; dueBefore?: string; cursor?: string; limit: number }>;

function dueFilter(today: string): NoticeFilter {
  return { status: 'pending', dueOnOrBefore: checkDate('today', today), after: ['', ''] };
}

/** Options of {@link ReadModelQueries.checkpointReached}. */
export type CheckpointWait = Readonly<{ timeoutMs: number; signal?: AbortSignal }>;

/**
 * Reads of the read models, through the views of the active table set (a rebuild swaps them
 * atomically). Every answer is a plain JSON-ready object; positions are JSON numbers. Invalid
 * parameters reject with `InvalidQueryError`. The checks, cursors and answer shapes live here;
 * each database only fetches rows (SQLite: prepared statements; PostgreSQL: a pool), so both
 * give the same answers.
 */
export abstract class ReadModelQueries {
  /** The partner's current status (docs/contract.md §2) with `position`, or `undefined` for a partner with no events. */
  async partnerStatus(partnerId: string): Promise<PartnerStatusView | undefined> {
    const json = await this.partnerStatusJson(partnerId);
    return json === undefined ? undefined : (JSON.parse(json) as PartnerStatusView);
  }

  /**
   * The same view as JSON text, for serving as is: the stored document is already JSON, and
   * parsing it only to serialise it again was a good part of a status request's cost.
   */
  async partnerStatusJson(partnerId: string): Promise<string | undefined> {
    const row = await this.statusRow(partnerId);
    // The stored status is a JSON object; `position` is added as its last member.
    return row && `${row.status.slice(0, -1)},"position":${row.position}}`;
  }

  /** Partners of an area, optionally of one tier (`'none'`: no tier), by partnerId, paged. */
  async partners(query: { area: string; tier?: string; cursor?: string; limit: number }): Promise<Page<PartnerTierItem>> {
    const area = checkArea(query.area);
    const limit = checkLimit(query.limit);
    const [after] = query.cursor === undefined ? [''] : decodeCursor(query.cursor, 1);
    const tier = query.tier === undefined ? undefined : { is: checkTier(query.tier) };
    const rows = await this.tierRows(area, tier, after!, limit + 1);
    const items = rows.slice(0, limit).map((row) => ({
      partnerId: row.partner_id,
      area: row.area as AreaId,
      tier: row.tier as Tier | null,
      badge: row.badge === 1,
      credits: row.credits,
    }));
    return { items, nextCursor: rows.length > limit ? encodeCursor([items.at(-1)!.partnerId]) : null };
  }

  /** The directory of active badges, by partnerId (then area). */
  async badges(query: { area?: string } = {}): Promise<BadgeItem[]> {
    const rows = await this.badgeRows(query.area === undefined ? undefined : checkArea(query.area));
    return rows.map((row) => ({ partnerId: row.partner_id, area: row.area as AreaId, since: row.since }));
  }

  /** Renewal notices by due date (then id), optionally of one status and due strictly before a date, paged. */
  async renewalNotices(query: NoticeListQuery): Promise<Page<RenewalNoticeItem>> {
    return this.noticePage(query, (filter, limit) => this.noticeRows<NoticeRow>(filter, limit, 'renewal_notices'), noticeItem);
  }

  /** Tier-at-risk notices by due date (then id), filtered and paged as renewal notices are. */
  async tierRiskNotices(query: NoticeListQuery): Promise<Page<TierRiskNoticeItem>> {
    return this.noticePage(query, (filter, limit) => this.noticeRows<TierRiskRow>(filter, limit, 'tier_risk_notices'), tierRiskItem);
  }

  private async noticePage<Row, Item extends { dueOn: string; noticeId: string }>(
    query: NoticeListQuery,
    rowsOf: (filter: NoticeFilter, limit: number) => Promise<Row[]>,
    itemOf: (row: Row) => Item,
  ): Promise<Page<Item>> {
    const limit = checkLimit(query.limit);
    const filter = {
      ...(query.status === undefined ? {} : { status: checkNoticeStatus(query.status) }),
      ...(query.dueBefore === undefined ? {} : { dueOnOrBefore: checkDate('dueBefore', query.dueBefore) }),
    };
    const [dueOn, noticeId] = query.cursor === undefined ? ['', ''] : decodeCursor(query.cursor, 2);
    const rows = await rowsOf({ ...filter, after: [dueOn!, noticeId!] }, limit + 1);
    const items = rows.slice(0, limit).map(itemOf);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > limit && last ? encodeCursor([last.dueOn, last.noticeId]) : null };
  }

  /**
   * Every partner's forecast changes with `after < at ≤ until` (epoch ms), by time (then partner,
   * area), optionally of one area and direction, paged. Changes stored at a partner's last
   * evaluation still hold until a new fact re-evaluates it; the ones already past are left out here.
   */
  async forecast(query: { after: number; until: number; area?: string; direction?: string; cursor?: string; limit: number }): Promise<Page<ForecastItem>> {
    const limit = checkLimit(query.limit);
    const [at, partnerId, area] = query.cursor === undefined ? ['', '', ''] : decodeCursor(query.cursor, 3);
    const filter = {
      after: toIsoTime(query.after),
      until: toIsoTime(query.until),
      ...(query.area === undefined ? {} : { area: checkArea(query.area) }),
      ...(query.direction === undefined ? {} : { direction: checkDirection(query.direction) }),
      start: [at!, partnerId!, area!] as const,
    };
    const rows = await this.forecastRows(filter, limit + 1);
    const items = rows.slice(0, limit).map(forecastItem);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > limit && last ? encodeCursor([last.at, last.partnerId, last.area]) : null };
  }

  /** One notice, e.g. to find the partner that acknowledges it. */
  async noticeById(noticeId: string): Promise<RenewalNoticeItem | undefined> {
    const row = await this.noticeRow<NoticeRow>(noticeId, 'renewal_notices');
    return row && noticeItem(row);
  }

  /** One tier-at-risk notice, e.g. to find the partner that acknowledges it. */
  async tierRiskNoticeById(noticeId: string): Promise<TierRiskNoticeItem | undefined> {
    const row = await this.noticeRow<TierRiskRow>(noticeId, 'tier_risk_notices');
    return row && tierRiskItem(row);
  }

  /** Pending notices due on or before `today`: what the scheduler asks the domain to issue. */
  async dueNotices(today: string, limit: number): Promise<RenewalNoticeItem[]> {
    return (await this.noticeRows<NoticeRow>(dueFilter(today), checkLimit(limit), 'renewal_notices')).map(noticeItem);
  }

  /**
   * Tier-at-risk notices the scheduler must take to the domain: pending ones due on or before
   * `today` (to issue) and issued ones whose drop a new fact prevented (to cancel).
   */
  async tierRiskNoticesToReview(today: string, limit: number): Promise<TierRiskNoticeItem[]> {
    const [due, prevented] = await Promise.all([
      this.noticeRows<TierRiskRow>(dueFilter(today), checkLimit(limit), 'tier_risk_notices'),
      this.noticeRows<TierRiskRow>({ prevented: true, after: ['', ''] }, checkLimit(limit), 'tier_risk_notices'),
    ]);
    return [...due, ...prevented].map(tierRiskItem);
  }

  /** The tier-change feed after `afterSequence` (0 for the start), in feed order. */
  async tierChanges(query: { afterSequence: number; limit: number }): Promise<TierChangeItem[]> {
    return (await this.changeRows(query.afterSequence, checkLimit(query.limit))).map(changeItem);
  }

  /**
   * Programme-wide counts by SQL aggregates over indexed columns: partners per area and tier,
   * badges, standing by unmet requirement, running agreements expiring within 30/60/90 days of
   * `today`, notices by status.
   */
  async programmeCounts(query: { today: string }): Promise<ProgrammeCounts> {
    const dates = expiryDates(checkDate('today', query.today));
    // Read first: the counts then show at least this position.
    const position = await this.checkpoint();
    const [tiers, badges, standing, expiring, notices] = await Promise.all([
      this.areaTierRows(),
      this.badgeCountRows(),
      this.standingRows(),
      this.expiringRow(dates),
      this.noticeCountRows(),
    ]);
    return programmeCounts(position, { tiers, badges, standing, expiring, notices });
  }

  /**
   * Partners per tier of an area at the end of `from` and of every day (or 7th day) after it up
   * to `to`, from the tier-change feed (by business time): at most {@link MAX_HISTORY_POINTS}.
   * `none` counts partners that had a change in the area before and hold no tier there.
   */
  async tierHistory(query: { area: string; from: string; to: string; interval: string }): Promise<TierHistory> {
    const area = checkArea(query.area);
    const from = checkDate('from', query.from);
    const to = checkDate('to', query.to);
    const interval = checkInterval(query.interval);
    if (to < from) throw new InvalidQueryError('to must not be before from');
    const step = interval === 'day' ? 1 : 7;
    const count = pointCount(from, to, step);
    if (count > MAX_HISTORY_POINTS) {
      throw new InvalidQueryError(`from ${from} to ${to} by ${interval} makes ${count} points; at most ${MAX_HISTORY_POINTS}: shorten the period or use week`);
    }
    const dates = pointDates(from, count, step);
    const end = endOfDayTime(dates.at(-1)!);
    const [moves, firsts] = await Promise.all([this.dayMovesRows(area, from, end), this.firstChangesRows(area, from, end)]);
    return { area: area as AreaId, interval, from, to, points: historyPoints(dates, moves, firsts) };
  }

  /**
   * Partners whose next tier in an area misses one thing only, or whose credits are within
   * `share` of its credit threshold; by area, then partnerId, paged.
   */
  async closeToNextTier(query: { area?: string; share: number; cursor?: string; limit: number }): Promise<Page<CloseToNextTierItem>> {
    const area = query.area === undefined ? undefined : checkArea(query.area);
    const share = checkShare(query.share);
    const limit = checkLimit(query.limit);
    const [afterArea, afterPartner] = query.cursor === undefined ? ['', ''] : decodeCursor(query.cursor, 2);
    const rows = await this.nextStepRows({ area, share, after: [afterArea!, afterPartner!] }, limit + 1);
    const items = rows.slice(0, limit).map((row) => ({
      partnerId: row.partner_id,
      area: row.area as AreaId,
      tier: row.tier as Tier | null,
      nextTier: row.next_tier as Tier,
      missing: JSON.parse(row.missing) as string[],
      credits: row.credits,
      creditsNeeded: row.credits_needed,
    }));
    const last = items.at(-1);
    return { items, nextCursor: rows.length > limit && last ? encodeCursor([last.area, last.partnerId]) : null };
  }

  /** Last position whose effects the read models show (`0n` before any), for read-your-writes. */
  abstract checkpoint(): Promise<bigint>;

  /**
   * Resolves `true` once the read models show `position` (whichever process projected it), or
   * `false` when `timeoutMs` passes or `signal` aborts first.
   */
  async checkpointReached(position: bigint, options: CheckpointWait): Promise<boolean> {
    const deadline = Date.now() + options.timeoutMs;
    for (;;) {
      const current = await this.checkpoint();
      if (current >= position) return true;
      const left = deadline - Date.now();
      if (left <= 0 || options.signal?.aborted) return false;
      const signal = AbortSignal.any([AbortSignal.timeout(left), ...(options.signal ? [options.signal] : [])]);
      await this.checkpointPassed(current, signal);
    }
  }

  /** Resolves when the checkpoint may have moved past `position` (a notification or a poll interval), or on abort. */
  protected abstract checkpointPassed(position: bigint, signal: AbortSignal): Promise<void>;

  protected abstract statusRow(partnerId: string): Promise<StatusRow | undefined>;
  /** `tier`: absent for every tier, `{ is: null }` for no tier. Ordered by partner_id, after `after`. */
  protected abstract tierRows(area: string, tier: { is: string | null } | undefined, after: string, limit: number): Promise<TierRow[]>;
  /** Ordered by partner_id, then area. */
  protected abstract badgeRows(area: string | undefined): Promise<BadgeRow[]>;
  /** Ordered by due_on, notice_id. */
  protected abstract noticeRows<Row>(filter: NoticeFilter, limit: number, table: NoticeTable): Promise<Row[]>;
  protected abstract noticeRow<Row>(noticeId: string, table: NoticeTable): Promise<Row | undefined>;
  /** Ordered by at, partner_id, area. */
  protected abstract forecastRows(filter: ForecastFilter, limit: number): Promise<ForecastRow[]>;
  /** Ordered by sequence; `sequence` and `position` as numbers. */
  protected abstract changeRows(afterSequence: number, limit: number): Promise<ChangeRow[]>;
  /** GROUP BY area, tier over partner_area_tiers. */
  protected abstract areaTierRows(): Promise<AreaTierRow[]>;
  /** Active badges GROUP BY area. */
  protected abstract badgeCountRows(): Promise<BadgeCountRow[]>;
  /** GROUP BY good_standing, unmet_requirements over partner_status. */
  protected abstract standingRows(): Promise<StandingRow[]>;
  /** Running agreements ending on `today` … `today + N` days; undefined when none. */
  protected abstract expiringRow(dates: ExpiryDates): Promise<ExpiringRow | undefined>;
  protected abstract noticeCountRows(): Promise<NoticeCountRow[]>;
  /** The feed's changes of `area` up to `end` (a time, inclusive), per day from `from` on (`day` '' before it), from and to tier. */
  protected abstract dayMovesRows(area: string, from: string, end: string): Promise<DayMovesRow[]>;
  /** Partners by the day of their first change in `area`, up to `end` (inclusive; `day` '' before `from`). */
  protected abstract firstChangesRows(area: string, from: string, end: string): Promise<FirstChangesRow[]>;
  /** Rows with a next tier that pass the filter, ordered by area, partner_id. */
  protected abstract nextStepRows(filter: CloseFilter, limit: number): Promise<NextStepRow[]>;
}
