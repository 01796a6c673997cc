import { type NoticeEvent, type RenewalNoticeEvent, TIER_RISK_EVENT_TYPES, type TierRiskNoticeEvent } from '../events/notice-events';
import { toMillis } from '../support/time';
import type { NoticeRecord, PartnerFold, TierRiskNoticeRecord } from './partner-state';

// ── Renewal notices in the state ───────────────────────────────────────────────────────────────

export function evolveNotice(state: PartnerFold, event: NoticeEvent, at: number): void {
  if (isTierRiskEvent(event)) return evolveTierRiskNotice(state, event, at);
  const notice = noticeAfter(state.notices.get(event.data.noticeId), event, at);
  if (notice) state.notices.set(notice.noticeId, notice);
}

function noticeAfter(existing: NoticeRecord | undefined, event: RenewalNoticeEvent, at: number): NoticeRecord | undefined {
  switch (event.type) {
    case 'RenewalNoticeIssued': {
      const { noticeId, agreementId, expiresOn, dueOn } = event.data;
      return { noticeId, agreementId, expiresOn, dueOn, ...existing, issuedAt: existing?.issuedAt ?? at };
    }
    case 'RenewalNoticeCancelled': {
      const { noticeId, agreementId, expiresOn, dueOn } = event.data;
      const base = existing ?? { noticeId, agreementId, expiresOn, dueOn };
      return { ...base, cancelledAt: base.cancelledAt ?? at };
    }
    case 'RenewalNoticeAcknowledged':
      return existing && { ...existing, acknowledgedAt: existing.acknowledgedAt ?? at };
    default: {
      const unknownType: never = event;
      void unknownType;
      return existing;
    }
  }
}

function isTierRiskEvent(event: NoticeEvent): event is TierRiskNoticeEvent {
  return (TIER_RISK_EVENT_TYPES as readonly string[]).includes(event.type);
}

// ── Tier-at-risk notices in the state ──────────────────────────────────────────────────────────

function evolveTierRiskNotice(state: PartnerFold, event: TierRiskNoticeEvent, at: number): void {
  const existing = state.riskNotices.get(event.data.noticeId);
  const notice = riskNoticeAfter(existing, event, at);
  if (notice) state.riskNotices.set(notice.noticeId, notice);
}

function riskNoticeAfter(existing: TierRiskNoticeRecord | undefined, event: TierRiskNoticeEvent, at: number): TierRiskNoticeRecord | undefined {
  switch (event.type) {
    case 'TierRiskNoticeIssued': {
      const { noticeId, area, from, to, dropOn, dueOn, causes, prevention } = event.data;
      return existing ?? { noticeId, area, from, to, at: toMillis(event.data.at), dropOn, dueOn, causes, prevention, issuedAt: at };
    }
    case 'TierRiskNoticeCancelled':
      return existing && { ...existing, cancelledAt: existing.cancelledAt ?? at };
    case 'TierRiskNoticeAcknowledged':
      return existing && { ...existing, acknowledgedAt: existing.acknowledgedAt ?? at };
    default: {
      const unknownType: never = event;
      void unknownType;
      return existing;
    }
  }
}
