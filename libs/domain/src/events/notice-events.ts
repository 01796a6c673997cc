import type { Prevention } from '../forecast/prevention-item';
import type { AreaId, Tier } from '../vocabulary';
import type { Event } from './event';

// ── Facts the backend decides itself: renewal notices (docs/programme-rules.md §1) ──────────────────────

export type RenewalNoticeIssued = Event<'RenewalNoticeIssued', { noticeId: string; agreementId: string; expiresOn: string; dueOn: string }>;
export type NoticeCancellationReason = 'renewed' | 'terminated' | 'superseded';
export type RenewalNoticeCancelled = Event<
  'RenewalNoticeCancelled',
  { noticeId: string; agreementId: string; expiresOn: string; dueOn: string; reason: NoticeCancellationReason }
>;
export type RenewalNoticeAcknowledged = Event<'RenewalNoticeAcknowledged', { noticeId: string }>;

export type RenewalNoticeEvent = RenewalNoticeIssued | RenewalNoticeCancelled | RenewalNoticeAcknowledged;

// ── Tier-at-risk notices: one per cause of a forecast drop, due days before it (issue 15) ─────

/**
 * A timeline cause as stored (see TimelineCause: it names event types, so it cannot be imported
 * by the event catalogue without a cycle); every TimelineCause is one.
 */
export type StoredCause = Readonly<{ kind: string } & Record<string, string>>;

/** `at` is the drop's exact time (a drop later the same day is still ahead); `causes` holds the one cause. */
export type TierRiskNoticeIssued = Event<
  'TierRiskNoticeIssued',
  {
    noticeId: string;
    area: AreaId;
    from: Tier;
    to: Tier | null;
    at: string;
    dropOn: string;
    dueOn: string;
    causes: readonly StoredCause[];
    prevention: readonly Prevention[];
  }
>;
/** A new fact took the drop out of the forecast: it will not happen as the notice said. */
export type TierRiskNoticeCancelled = Event<'TierRiskNoticeCancelled', { noticeId: string; reason: 'prevented' }>;
export type TierRiskNoticeAcknowledged = Event<'TierRiskNoticeAcknowledged', { noticeId: string }>;

export type TierRiskNoticeEvent = TierRiskNoticeIssued | TierRiskNoticeCancelled | TierRiskNoticeAcknowledged;

export type NoticeEvent = RenewalNoticeEvent | TierRiskNoticeEvent;

export const NOTICE_EVENT_TYPES = [
  'RenewalNoticeIssued',
  'RenewalNoticeCancelled',
  'RenewalNoticeAcknowledged',
  'TierRiskNoticeIssued',
  'TierRiskNoticeCancelled',
  'TierRiskNoticeAcknowledged',
] as const satisfies readonly NoticeEvent['type'][];

export const TIER_RISK_EVENT_TYPES = [
  'TierRiskNoticeIssued',
  'TierRiskNoticeCancelled',
  'TierRiskNoticeAcknowledged',
] as const satisfies readonly TierRiskNoticeEvent['type'][];
