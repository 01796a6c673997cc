import type { UpstreamEvent } from '../events/upstream-events';
import type { RulesetCatalog } from '../rules/ruleset-catalog';

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

/**
 * Issue the tier-at-risk notices due at `now` and cancel those whose drop a new fact prevented
 * (the scheduler). The forecast needs the rulesets, and the lead time is configuration: both come with the command.
 */
export type ReviewTierRiskNotices = Readonly<{ type: 'ReviewTierRiskNotices'; partnerId: string; now: string; leadDays: number; catalog: RulesetCatalog }>;

/** The notification service delivered a tier-at-risk notice. */
export type AcknowledgeTierRiskNotice = Readonly<{ type: 'AcknowledgeTierRiskNotice'; partnerId: string; noticeId: string; now: string }>;

/**
 * An admin's correction (POST /v1/rejections/{id}/replay): decide a refused fact again, against
 * the state as it is now. Not a redelivery: a `RecordFact` of the same message still gets its
 * recorded refusal. Stored, the fact keeps its own messageId, so the stream's idempotency answers
 * any later replay of it as a duplicate: it is stored once, however often the admin replays.
 */
export type ReplayRefusedFact = Readonly<{ type: 'ReplayRefusedFact'; partnerId: string; fact: UpstreamEvent }>;

export type PartnerCommand =
  RecordFact | ReplayRefusedFact | IssueDueRenewalNotice | AcknowledgeRenewalNotice | ReviewTierRiskNotices | AcknowledgeTierRiskNotice;
