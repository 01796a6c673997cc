import { AREAS, type AreaId, DAY_MS, TIERS, type Tier, addDays, startOfDate } from '@partner-program/domain';
import { NOTICE_STATUSES } from './query-params';

// ── The programme-wide counts (summary, tier history, close to the next tier): the rows the
// databases aggregate and the answers built from them ──────────────────────────────────────

/** Partners per tier of one area (`none`: no tier). */
export type TierCounts = Record<Tier | 'none', number>;

export type AreaCounts = TierCounts & { badges: number };

/** What the read models count over the whole programme (the API adds rejections and projection lag). */
export type ProgrammeCounts = {
  /** The read models' checkpoint when the counts were read (they show at least this). */
  position: number;
  partners: number;
  areas: Record<AreaId, AreaCounts>;
  goodStanding: { yes: number; no: number; byUnmetRequirement: Record<string, number> };
  /** Running agreements ending from today to today + N days (cumulative: in60Days includes in30Days). */
  agreementsExpiring: { in30Days: number; in60Days: number; in90Days: number };
  notices: Record<(typeof NOTICE_STATUSES)[number], number>;
};

export type TierHistoryPoint = { date: string } & TierCounts;

export type TierHistory = { area: AreaId; interval: 'day' | 'week'; from: string; to: string; points: TierHistoryPoint[] };

/** A partner close to its next tier in one area: one thing missing, or credits within the asked share of the threshold. */
export type CloseToNextTierItem = {
  partnerId: string;
  area: AreaId;
  tier: Tier | null;
  nextTier: Tier;
  missing: string[];
  credits: number;
  /** Credits still to earn for `nextTier` (0: they suffice, something else is missing). */
  creditsNeeded: number;
};

/** Partners per area and tier (rows of a GROUP BY area, tier). */
export type AreaTierRow = { area: string; tier: string | null; partners: number };

export type BadgeCountRow = { area: string; badges: number };

/** Partners per standing and set of unmet requirements (rows of a GROUP BY; `unmet_requirements` is a JSON array). */
export type StandingRow = { good_standing: number; unmet_requirements: string; partners: number };

export type ExpiringRow = { in30: number; in60: number; in90: number };

export type NoticeCountRow = { status: string; notices: number };

/** The dates that bound the expiry counts: today, and today + 30, 60 and 90 days. */
export type ExpiryDates = Readonly<{ today: string; in30: string; in60: string; in90: string }>;

export function expiryDates(today: string): ExpiryDates {
  return { today, in30: addDays(today, 30), in60: addDays(today, 60), in90: addDays(today, 90) };
}

/**
 * Tier changes of one area per day, `day` '' for every day before the history's first date:
 * `moves` come from the feed (from → to), `first` counts partners whose first change in the area
 * falls on that day (from then on they are counted, with a tier or with none).
 */
export type DayMovesRow = { day: string; from_tier: string | null; to_tier: string | null; moves: number };
export type FirstChangesRow = { day: string; partners: number };

const emptyTiers = (): TierCounts => ({ partner: 0, advanced: 0, principal: 0, none: 0 });

export function programmeCounts(
  position: bigint,
  rows: { tiers: AreaTierRow[]; badges: BadgeCountRow[]; standing: StandingRow[]; expiring: ExpiringRow | undefined; notices: NoticeCountRow[] },
): ProgrammeCounts {
  const areas = Object.fromEntries(AREAS.map((area) => [area, { ...emptyTiers(), badges: 0 }])) as Record<AreaId, AreaCounts>;
  for (const row of rows.tiers) {
    const counts = areas[row.area as AreaId];
    if (!counts) continue;
    counts[(row.tier ?? 'none') as Tier | 'none'] += Number(row.partners);
  }
  for (const row of rows.badges) if (areas[row.area as AreaId]) areas[row.area as AreaId].badges += Number(row.badges);
  const goodStanding = { yes: 0, no: 0, byUnmetRequirement: {} as Record<string, number> };
  for (const row of rows.standing) {
    const count = Number(row.partners);
    if (row.good_standing === 1) goodStanding.yes += count;
    else goodStanding.no += count;
    for (const id of JSON.parse(row.unmet_requirements) as string[]) goodStanding.byUnmetRequirement[id] = (goodStanding.byUnmetRequirement[id] ?? 0) + count;
  }
  const notices = Object.fromEntries(NOTICE_STATUSES.map((status) => [status, 0])) as ProgrammeCounts['notices'];
  for (const row of rows.notices) if (row.status in notices) notices[row.status as keyof typeof notices] += Number(row.notices);
  const expiring = rows.expiring;
  return {
    position: Number(position),
    // Every partner has one standing row: no count of its own.
    partners: goodStanding.yes + goodStanding.no,
    areas,
    goodStanding,
    agreementsExpiring: { in30Days: Number(expiring?.in30 ?? 0), in60Days: Number(expiring?.in60 ?? 0), in90Days: Number(expiring?.in90 ?? 0) },
    notices,
  };
}

/** How many points from `from` to `to` (`from` ≤ `to`), one every `step` days: counted, so a bound is checked before any is made. */
export function pointCount(from: string, to: string, step: number): number {
  return Math.floor((startOfDate(to) - startOfDate(from)) / DAY_MS / step) + 1;
}

/** The point dates: `from`, then every `step` days, `count` of them. */
export function pointDates(from: string, count: number, step: number): string[] {
  return Array.from({ length: count }, (_, i) => addDays(from, i * step));
}

/** The last instant of a date as the feed writes times (ISO, milliseconds, Z): `at <=` it is "by the end of that day". */
export function endOfDayTime(date: string): string {
  return `${date}T23:59:59.999Z`;
}

/**
 * Counts per tier at the end of each point date, from the day rows: each move takes a partner
 * out of its old tier and into its new one; `none` is every partner counted so far without a tier.
 */
export function historyPoints(dates: readonly string[], moves: readonly DayMovesRow[], firsts: readonly FirstChangesRow[]): TierHistoryPoint[] {
  const tiers = emptyTiers();
  let counted = 0;
  const byDay = [...moves].sort((a, b) => a.day.localeCompare(b.day));
  const firstByDay = [...firsts].sort((a, b) => a.day.localeCompare(b.day));
  let m = 0;
  let f = 0;
  return dates.map((date) => {
    for (; m < byDay.length && byDay[m]!.day <= date; m += 1) {
      const row = byDay[m]!;
      if (row.to_tier !== null) tiers[row.to_tier as Tier] += Number(row.moves);
      if (row.from_tier !== null) tiers[row.from_tier as Tier] -= Number(row.moves);
    }
    for (; f < firstByDay.length && firstByDay[f]!.day <= date; f += 1) counted += Number(firstByDay[f]!.partners);
    const withTier = TIERS.reduce((sum, tier) => sum + tiers[tier], 0);
    return { date, partner: tiers.partner, advanced: tiers.advanced, principal: tiers.principal, none: counted - withTier };
  });
}
