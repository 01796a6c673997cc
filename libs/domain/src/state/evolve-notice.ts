import type { NoticeEvent } from '../events/notice-events';
import type { NoticeRecord, PartnerFold } from './partner-state';

// ── Renewal notices in the state ───────────────────────────────────────────────────────────────

export function evolveNotice(state: PartnerFold, event: NoticeEvent, at: number): void {
  const notice = noticeAfter(state.notices.get(event.data.noticeId), event, at);
  if (notice) state.notices.set(notice.noticeId, notice);
}

function noticeAfter(existing: NoticeRecord | undefined, event: NoticeEvent, at: number): NoticeRecord | undefined {
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
