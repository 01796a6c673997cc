import type { PartnerEvent } from '../events/partner-event';
import type { RejectionCode } from '../events/rejection-codes';

export { REJECTION_CODES, type RejectionCode } from '../events/rejection-codes';

// ── What the decider answers ───────────────────────────────────────────────────────────────────

export type Decision =
  /** New events to append (none: nothing to do, e.g. a notice not yet due or already acknowledged). */
  | Readonly<{ kind: 'accepted'; events: PartnerEvent[] }>
  /** Already recorded: `messageId` names the message whose event holds the fact, at `revision`. */
  | Readonly<{ kind: 'duplicate'; messageId: string; revision: number }>
  /**
   * Refused. `events` records the refusal in the stream (a fact's first refusal: `MessageRejected`),
   * or is empty (a command that is no message, or a message refused before: then `revision` is
   * where its refusal is recorded).
   */
  | Readonly<{ kind: 'rejected'; code: RejectionCode; reason: string; events: PartnerEvent[]; revision?: number }>;

export const accepted = (...events: PartnerEvent[]): Decision => ({ kind: 'accepted', events });
export const rejected = (code: RejectionCode, reason: string): Decision => ({ kind: 'rejected', code, reason, events: [] });
export const duplicate = (messageId: string, revision: number): Decision => ({ kind: 'duplicate', messageId, revision });
