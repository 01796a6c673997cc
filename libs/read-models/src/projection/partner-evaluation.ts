import {
  AREAS,
  DAY_MS,
  FORECAST_MAX_DAYS,
  type ForecastChange,
  type NoticeStatus,
  type PartnerState,
  type PartnerStatus,
  type RulesetCatalog,
  type TierChange,
  type TierRiskNoticeStatus,
  collectMoments,
  evaluateStatus,
  forecast,
  fromHundredths,
  noticeStatusAt,
  rulesetAt,
  tierRiskNoticesOf,
  tierRiskStatusAt,
  tierTimeline,
  toHundredths,
  toIsoTime,
} from '@partner-program/domain';

// ── One partner evaluated at `now`: every row the read models hold for it ────────────────────
// Pure: the writer stores the result, so the same evaluation serves catch-up, refresh and rebuild.

/**
 * One area of the partner. `nextTier`, `missing`: the status's `next`; `creditsNeeded`: credits
 * still to earn for the next tier (0 when they suffice), null without a next tier or a ruleset.
 */
export type AreaRow = Readonly<{
  area: string;
  tier: string | null;
  badge: boolean;
  since: string | null;
  credits: number;
  nextTier: string | null;
  missing: readonly string[];
  creditsNeeded: number | null;
}>;

export type NoticeRow = Readonly<{
  noticeId: string;
  agreementId: string;
  expiresOn: string;
  dueOn: string;
  status: NoticeStatus;
  issuedAt: string | null;
  acknowledgedAt: string | null;
  cancelledAt: string | null;
}>;

export type TierRiskNoticeRow = Readonly<{
  noticeId: string;
  area: string;
  from: string;
  to: string | null;
  /** ISO time of the drop. */
  at: string;
  dropOn: string;
  dueOn: string;
  causes: readonly unknown[];
  prevention: readonly unknown[];
  status: TierRiskNoticeStatus;
  /** Issued, not cancelled, its drop ahead but no longer in the forecast: the scheduler cancels it. */
  prevented: boolean;
  issuedAt: string | null;
  acknowledgedAt: string | null;
  cancelledAt: string | null;
}>;

export type PartnerEvaluation = Readonly<{
  partnerId: string;
  status: PartnerStatus;
  /** Global position and stream revision of the partner's last applied event. */
  position: bigint;
  revision: number;
  evaluatedAt: number;
  /** The status's requirement ids not met, for counts by requirement. */
  unmetRequirements: string[];
  /** The agreement's end while it is active or not yet effective (agreements expiring soon), else null. */
  agreementExpiresOn: string | null;
  /**
   * First time after `evaluatedAt` at which the evaluation can change with no new event, or when
   * the stored forecast must be extended (see FORECAST_STORED_DAYS), whichever comes first.
   */
  nextChangeAt: number;
  areas: AreaRow[];
  /** Notices the partner has (issued, acknowledged, cancelled) plus the current term's if pending. */
  notices: NoticeRow[];
  /** The one notice that may stay `pending`; any other pending row of the partner is stale. */
  pendingNoticeId: string | null;
  changes: TierChange[];
  /** Every change from `evaluatedAt` to {@link FORECAST_STORED_DAYS} later if no new fact arrives. */
  forecast: readonly ForecastChange[];
  /** The partner's tier-at-risk notices: recorded ones, and those its forecast calls for (pending); replaced whole. */
  riskNotices: TierRiskNoticeRow[];
}>;

/**
 * The programme-wide forecast is stored for twice the longest horizon a reader may ask for, and
 * a partner is re-evaluated at the latest one horizon after its last evaluation: so at any time
 * its stored forecast reaches at least one whole horizon ahead, whatever was asked.
 */
export const FORECAST_STORED_DAYS = 2 * FORECAST_MAX_DAYS;
const FORECAST_REFRESH_MS = FORECAST_MAX_DAYS * DAY_MS;

export type EvaluationInput = Readonly<{
  state: PartnerState;
  catalog: RulesetCatalog;
  partnerId: string;
  now: number;
  position: bigint;
  /** Tier changes are taken after this time; `undefined` for the whole history. */
  changesAfter: number | undefined;
  /** Days before a forecast drop its tier-at-risk notice is due. */
  tierRiskNoticeDays: number;
}>;

export function evaluatePartner(input: EvaluationInput): PartnerEvaluation {
  const { state, catalog, partnerId, now } = input;
  const status = evaluateStatus(state, catalog, partnerId, now);
  const since = new Map(status.badges.map((badge) => [badge.area as string, badge.since]));
  const thresholds = rulesetAt(catalog, now)?.thresholds;
  const areas = AREAS.map((area) => {
    const { tier, badge, credits, next } = status.areas[area];
    const needed = next && thresholds ? (next.tier === 'partner' ? 0 : thresholds[next.tier]) : undefined;
    const creditsNeeded = needed === undefined ? null : fromHundredths(Math.max(0, toHundredths(needed) - toHundredths(credits)));
    return { area, tier, badge, since: since.get(area) ?? null, credits, nextTier: next?.tier ?? null, missing: next?.missing ?? [], creditsNeeded };
  });
  const pending = pendingNotice(status);
  const running = status.agreement?.status === 'active' || status.agreement?.status === 'not-yet-effective';
  const future = forecast(state, catalog, partnerId, now, now + FORECAST_STORED_DAYS * DAY_MS).changes;
  return {
    partnerId,
    status,
    position: input.position,
    revision: state.version - 1,
    evaluatedAt: now,
    unmetRequirements: status.requirements.filter((requirement) => !requirement.met).map((requirement) => requirement.id),
    agreementExpiresOn: running ? status.agreement.expiresOn : null,
    nextChangeAt: Math.min(nextChangeAfter(state, catalog, now) ?? Number.POSITIVE_INFINITY, now + FORECAST_REFRESH_MS),
    areas,
    notices: [...(pending ? [pending] : []), ...recordedNotices(state, now)],
    pendingNoticeId: pending?.noticeId ?? null,
    changes: tierTimeline(state, catalog, { from: input.changesAfter, to: now }),
    forecast: future,
    riskNotices: riskNoticeRows(state, tierRiskNoticesOf(partnerId, future, input.tierRiskNoticeDays), now),
  };
}

/**
 * Recorded notices as they stand at `now`, then the forecast's notices not recorded yet (pending:
 * the scheduler issues them on `dueOn`). A recorded open notice whose drop is ahead but no longer
 * forecast is `prevented`: the scheduler records its cancellation through the domain.
 */
function riskNoticeRows(state: PartnerState, forecastNotices: ReturnType<typeof tierRiskNoticesOf>, now: number): TierRiskNoticeRow[] {
  const iso = (time: number | undefined) => (time === undefined || time > now ? null : toIsoTime(time));
  const forecastIds = new Set(forecastNotices.map((notice) => notice.noticeId));
  const recorded = [...state.riskNotices.values()].map((notice) => {
    const status = tierRiskStatusAt(notice, now);
    const { noticeId, area, from, to, dropOn, dueOn, causes, prevention } = notice;
    const prevented = status !== 'cancelled' && notice.at > now && !forecastIds.has(noticeId);
    const times = { issuedAt: iso(notice.issuedAt), acknowledgedAt: iso(notice.acknowledgedAt), cancelledAt: iso(notice.cancelledAt) };
    return { noticeId, area, from, to, at: toIsoTime(notice.at), dropOn, dueOn, causes, prevention, status, prevented, ...times };
  });
  const pending = forecastNotices
    .filter((notice) => !state.riskNotices.has(notice.noticeId))
    .map((notice) => ({ ...notice, status: 'pending' as const, prevented: false, issuedAt: null, acknowledgedAt: null, cancelledAt: null }));
  return [...recorded, ...pending];
}

/** The earliest moment after `now` (an event dated later, a deal leaving the window, an expiry, a ruleset). */
export function nextChangeAfter(state: PartnerState, catalog: RulesetCatalog, now: number): number | null {
  const windows = new Set(catalog.rulesets.map((ruleset) => ruleset.creditWindowDays));
  return collectMoments(state, catalog, windows, { after: now })[0]?.at ?? null;
}

/** The current term's notice while it can still be issued: not recorded yet, term not over. */
function pendingNotice(status: PartnerStatus): NoticeRow | undefined {
  const agreement = status.agreement;
  if (!agreement || agreement.renewalNotice.status !== 'pending') return undefined;
  if (agreement.status !== 'active' && agreement.status !== 'not-yet-effective') return undefined;
  const { noticeId, dueOn } = agreement.renewalNotice;
  const { agreementId, expiresOn } = agreement;
  return { noticeId, agreementId, expiresOn, dueOn, status: 'pending', issuedAt: null, acknowledgedAt: null, cancelledAt: null };
}

function recordedNotices(state: PartnerState, now: number): NoticeRow[] {
  const iso = (time: number | undefined) => (time === undefined || time > now ? null : toIsoTime(time));
  return [...state.notices.values()].map((notice) => ({
    noticeId: notice.noticeId,
    agreementId: notice.agreementId,
    expiresOn: notice.expiresOn,
    dueOn: notice.dueOn,
    status: noticeStatusAt(notice, now),
    issuedAt: iso(notice.issuedAt),
    acknowledgedAt: iso(notice.acknowledgedAt),
    cancelledAt: iso(notice.cancelledAt),
  }));
}
