import { BACKEND_SOURCE } from '../events/event';
import type { TierRiskNoticeCancelled, TierRiskNoticeIssued } from '../events/notice-events';
import { forecast } from '../forecast/forecast';
import { type TierRiskNotice, tierRiskNoticesOf } from '../forecast/tier-risk';
import type { PartnerState } from '../state/partner-state';
import { addDays, startOfDate, toIsoDate, toIsoTime, toMillis } from '../support/time';
import type { AcknowledgeTierRiskNotice, ReviewTierRiskNotices } from './commands';
import { type Decision, accepted, rejected } from './decision';

// ── Tier-at-risk notices: issued when due, cancelled when a new fact prevents the drop ───────

export function decideTierRiskReview(command: ReviewTierRiskNotices, state: PartnerState): Decision {
  const now = toMillis(command.now);
  const today = toIsoDate(now);
  // Open notices whose drop is still ahead: a drop that happened is no longer in the forecast, yet was not prevented.
  const open = [...state.riskNotices.values()].filter((notice) => notice.cancelledAt === undefined && notice.at > now);
  const dueHorizon = startOfDate(addDays(today, command.leadDays + 1)) - 1;
  const until = Math.max(dueHorizon, ...open.map((notice) => notice.at));
  const expected = tierRiskNoticesOf(command.partnerId, forecast(state, command.catalog, command.partnerId, now, until).changes, command.leadDays);
  const stillAhead = new Set(expected.map((notice) => notice.noticeId));
  const occurredAt = toIsoTime(now);
  const cancelled = open.filter((notice) => !stillAhead.has(notice.noticeId)).map((notice) => cancellation(notice.noticeId, occurredAt));
  const issued = expected.filter((notice) => notice.dueOn <= today && !state.riskNotices.has(notice.noticeId)).map((notice) => issuing(notice, occurredAt));
  return accepted(...cancelled, ...issued);
}

export function decideTierRiskAcknowledgement(command: AcknowledgeTierRiskNotice, state: PartnerState): Decision {
  const notice = state.riskNotices.get(command.noticeId);
  if (!notice) return rejected('notice-not-found', `partner ${command.partnerId} has no issued tier-at-risk notice ${command.noticeId}`);
  if (notice.cancelledAt !== undefined) return rejected('notice-cancelled', `notice ${command.noticeId} was cancelled`);
  if (notice.acknowledgedAt !== undefined) return accepted();
  return accepted({
    type: 'TierRiskNoticeAcknowledged',
    data: { noticeId: notice.noticeId },
    meta: { messageId: `tier-risk-acknowledged:${notice.noticeId}`, occurredAt: toIsoTime(toMillis(command.now)), source: BACKEND_SOURCE },
  });
}

function issuing(notice: TierRiskNotice, occurredAt: string): TierRiskNoticeIssued {
  return { type: 'TierRiskNoticeIssued', data: notice, meta: { messageId: `tier-risk-issued:${notice.noticeId}`, occurredAt, source: BACKEND_SOURCE } };
}

function cancellation(noticeId: string, occurredAt: string): TierRiskNoticeCancelled {
  return {
    type: 'TierRiskNoticeCancelled',
    data: { noticeId, reason: 'prevented' },
    meta: { messageId: `tier-risk-cancelled:${noticeId}`, occurredAt, source: BACKEND_SOURCE },
  };
}
