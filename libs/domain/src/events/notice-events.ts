import type { Event } from './event';

// ── Facts the backend decides itself: renewal notices (PROGRAM-RULES §1) ──────────────────────

export type RenewalNoticeIssued = Event<'RenewalNoticeIssued', { noticeId: string; agreementId: string; expiresOn: string; dueOn: string }>;
export type NoticeCancellationReason = 'renewed' | 'terminated' | 'superseded';
export type RenewalNoticeCancelled = Event<
  'RenewalNoticeCancelled',
  { noticeId: string; agreementId: string; expiresOn: string; dueOn: string; reason: NoticeCancellationReason }
>;
export type RenewalNoticeAcknowledged = Event<'RenewalNoticeAcknowledged', { noticeId: string }>;

export type NoticeEvent = RenewalNoticeIssued | RenewalNoticeCancelled | RenewalNoticeAcknowledged;

export const NOTICE_EVENT_TYPES = [
  'RenewalNoticeIssued',
  'RenewalNoticeCancelled',
  'RenewalNoticeAcknowledged',
] as const satisfies readonly NoticeEvent['type'][];
