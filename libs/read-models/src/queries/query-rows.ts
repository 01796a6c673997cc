import type { NoticeRow as ProjectedNotice } from '../projection/partner-evaluation';
import type { AreaId, ForecastChange, NoticeStatus, PartnerStatus, Prevention, Tier, TierRiskNoticeStatus, TimelineCause } from '@partner-program/domain';

// ── What the queries return: plain, JSON-ready objects ─────────────────────────────────────────

/** docs/contract.md §2 partner status; `position` is the partner's last applied event (a JSON number). */
export type PartnerStatusView = PartnerStatus & { position: number };

/** A partner's standing in one area (`tier: null`: no tier there). */
export type PartnerTierItem = { partnerId: string; area: AreaId; tier: Tier | null; badge: boolean; credits: number };

/** An active principal badge and the time since which it has held without a break. */
export type BadgeItem = { partnerId: string; area: AreaId; since: string };

/** A renewal notice; `pending` ones are the current term's, not issued yet (superseded ones never stay pending). */
/** A renewal notice row as the API lists it: the projected row plus its partner. */
export type RenewalNoticeItem = ProjectedNotice & { partnerId: string };

/** One entry of the tier-change feed (docs/contract.md §3 `status-changes` plus its feed sequence and why). */
export type TierChangeItem = {
  sequence: number;
  changeId: string;
  partnerId: string;
  area: AreaId;
  from: Tier | null;
  to: Tier | null;
  badge: boolean;
  at: string;
  position: number;
  ruleset: string | null;
  causes: TimelineCause[];
};

/** One page of a list; pass `nextCursor` back for the next one (`null`: last page). */
export type Page<T> = { items: T[]; nextCursor: string | null };

/** A `renewal_notices` row as stored. */
export type NoticeRow = {
  notice_id: string;
  partner_id: string;
  agreement_id: string;
  expires_on: string;
  due_on: string;
  status: string;
  issued_at: string | null;
  acknowledged_at: string | null;
  cancelled_at: string | null;
};

/** A `tier_changes` row as stored. */
export type ChangeRow = {
  sequence: number;
  change_id: string;
  partner_id: string;
  area: string;
  from_tier: string | null;
  to_tier: string | null;
  badge: number;
  at: string;
  position: number;
  ruleset: string | null;
  causes: string;
};

/** A forecast change of one partner, in the programme-wide list. */
export type ForecastItem = ForecastChange & { partnerId: string };

/** A `forecast_changes` row as stored. */
export type ForecastRow = {
  partner_id: string;
  area: string;
  at: string;
  from_tier: string | null;
  to_tier: string | null;
  badge: number;
  direction: string;
  ruleset: string | null;
  causes: string;
  prevention: string;
};

export function forecastItem(row: ForecastRow): ForecastItem {
  return {
    partnerId: row.partner_id,
    ...changeColumns(row),
    direction: row.direction as ForecastChange['direction'],
    prevention: JSON.parse(row.prevention) as ForecastChange['prevention'],
  };
}

type ChangeColumns = Pick<ChangeRow, 'area' | 'from_tier' | 'to_tier' | 'badge' | 'at' | 'ruleset' | 'causes'>;

/** The columns the tier-change feed and the forecast share, as a change has them. */
function changeColumns(row: ChangeColumns) {
  return {
    area: row.area as AreaId,
    from: row.from_tier as Tier | null,
    to: row.to_tier as Tier | null,
    badge: row.badge === 1,
    at: row.at,
    ruleset: row.ruleset,
    causes: JSON.parse(row.causes) as TimelineCause[],
  };
}

export function noticeItem(row: NoticeRow): RenewalNoticeItem {
  return {
    noticeId: row.notice_id,
    partnerId: row.partner_id,
    agreementId: row.agreement_id,
    expiresOn: row.expires_on,
    dueOn: row.due_on,
    status: row.status as NoticeStatus,
    issuedAt: row.issued_at,
    acknowledgedAt: row.acknowledged_at,
    cancelledAt: row.cancelled_at,
  };
}

export function changeItem(row: ChangeRow): TierChangeItem {
  return {
    sequence: row.sequence,
    changeId: row.change_id,
    partnerId: row.partner_id,
    ...changeColumns(row),
    position: row.position,
  };
}

/** A tier-at-risk notice as the API lists it and the topic carries it (`issuedAt` once issued). */
export type TierRiskNoticeItem = {
  noticeId: string;
  partnerId: string;
  area: AreaId;
  from: Tier;
  to: Tier | null;
  dropOn: string;
  dueOn: string;
  causes: TimelineCause[];
  prevention: Prevention[];
  status: TierRiskNoticeStatus;
  issuedAt?: string;
};

/** A `tier_risk_notices` row as stored. */
export type TierRiskRow = {
  notice_id: string;
  partner_id: string;
  area: string;
  from_tier: string;
  to_tier: string | null;
  at: string;
  drop_on: string;
  due_on: string;
  causes: string;
  prevention: string;
  status: string;
  prevented: number;
  issued_at: string | null;
  acknowledged_at: string | null;
  cancelled_at: string | null;
};

export function tierRiskItem(row: TierRiskRow): TierRiskNoticeItem {
  return {
    noticeId: row.notice_id,
    partnerId: row.partner_id,
    area: row.area as AreaId,
    from: row.from_tier as Tier,
    to: row.to_tier as Tier | null,
    dropOn: row.drop_on,
    dueOn: row.due_on,
    causes: JSON.parse(row.causes) as TimelineCause[],
    prevention: JSON.parse(row.prevention) as Prevention[],
    status: row.status as TierRiskNoticeStatus,
    ...(row.issued_at === null ? {} : { issuedAt: row.issued_at }),
  };
}
