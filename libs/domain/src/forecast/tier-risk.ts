import type { StoredCause, TierRiskNoticeIssued } from '../events/notice-events';
import type { TierRiskNoticeRecord } from '../state/partner-state';
import { fingerprint } from '../support/fingerprint';
import { addDays, toIsoDate, toMillis } from '../support/time';
import type { AreaId } from '../vocabulary';
import type { ForecastChange } from './forecast';

// ── Tier-at-risk notices: what the forecast's drops say the partner must be told ─────────────
// One notice per cause of a drop, due a configured number of days before the drop's date. The
// id is stable (partner, area, drop date, cause), so the scheduler, a replay and a consumer all
// name the same notice, and a drop moved to another day by a new fact is a new notice.

/** Days before a drop its notice is due when `TIER_RISK_NOTICE_DAYS` is not set. */
export const TIER_RISK_NOTICE_DEFAULT_DAYS = 30;

export type TierRiskNoticeStatus = 'pending' | 'issued' | 'acknowledged' | 'cancelled';

/** A notice the forecast calls for, issued or not: what its `TierRiskNoticeIssued` says. */
export type TierRiskNotice = TierRiskNoticeIssued['data'];

export function tierRiskNoticeId(partnerId: string, area: AreaId, dropOn: string, cause: StoredCause): string {
  return `tr-${fingerprint([partnerId, area, dropOn, cause])}`;
}

/** The notices of the forecast's drops (rises need none), one per cause, due `leadDays` before. */
export function tierRiskNoticesOf(partnerId: string, changes: readonly ForecastChange[], leadDays: number): TierRiskNotice[] {
  return changes.flatMap((change) => {
    if (change.direction !== 'drop' || change.from === null) return [];
    const dropOn = toIsoDate(toMillis(change.at));
    const dueOn = addDays(dropOn, -leadDays);
    const { area, from, to, at, prevention } = change;
    return change.causes.map((cause) => ({
      noticeId: tierRiskNoticeId(partnerId, area, dropOn, cause),
      area,
      from,
      to,
      at,
      dropOn,
      dueOn,
      causes: [cause],
      prevention,
    }));
  });
}

export function tierRiskStatusAt(notice: TierRiskNoticeRecord, time: number): TierRiskNoticeStatus {
  if (notice.cancelledAt !== undefined && notice.cancelledAt <= time) return 'cancelled';
  if (notice.acknowledgedAt !== undefined && notice.acknowledgedAt <= time) return 'acknowledged';
  return notice.issuedAt <= time ? 'issued' : 'pending';
}
