import type { PartnerEvent } from '../events/partner-event';

// ── What the decider answers ───────────────────────────────────────────────────────────────────

/** Machine-readable reasons the domain refuses a well-formed command. A contract: never rename. */
export const REJECTION_CODES = [
  'message-id-reused',
  'agreement-already-signed',
  'agreement-not-active',
  'renewal-not-later',
  'invalid-term',
  'deal-not-booked',
  'deal-already-reversed',
  'notice-not-found',
  'notice-cancelled',
  'notice-not-issued',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

export type Decision =
  /** New events to append (none: nothing to do, e.g. a notice not yet due or already acknowledged). */
  | Readonly<{ kind: 'accepted'; events: PartnerEvent[] }>
  /** Already recorded: `messageId` names the message whose event holds the fact, at `revision`. */
  | Readonly<{ kind: 'duplicate'; messageId: string; revision: number }>
  | Readonly<{ kind: 'rejected'; code: RejectionCode; reason: string }>;

export const accepted = (...events: PartnerEvent[]): Decision => ({ kind: 'accepted', events });
export const rejected = (code: RejectionCode, reason: string): Decision => ({ kind: 'rejected', code, reason });
export const duplicate = (messageId: string, revision: number): Decision => ({ kind: 'duplicate', messageId, revision });
