import type { UpstreamEvent } from '../events/upstream-events';

// ── Commands to a partner ──────────────────────────────────────────────────────────────────────

/** Record an upstream fact: the validated message, shaped as the event it would be stored as. */
export type RecordFact = Readonly<{ type: 'RecordFact'; partnerId: string; fact: UpstreamEvent }>;

/** Issue the renewal notice of the current agreement term if it is due at `now` (the scheduler). */
export type IssueDueRenewalNotice = Readonly<{ type: 'IssueDueRenewalNotice'; partnerId: string; now: string }>;

/** The notification service delivered a notice. */
export type AcknowledgeRenewalNotice = Readonly<{
  type: 'AcknowledgeRenewalNotice';
  partnerId: string;
  noticeId: string;
  now: string;
}>;

export type PartnerCommand = RecordFact | IssueDueRenewalNotice | AcknowledgeRenewalNotice;
