import type { Event } from './event';
import type { RejectionCode } from './rejection-codes';
import type { UpstreamEvent } from './upstream-events';

// ── A refused message, kept in the partner's stream ───────────────────────────────────────────
// Whether a message is refused depends on the state it meets: a reversal that arrives before its
// deal's booking is refused, the same reversal after it is not. Decided again on redelivery (a
// crash, a lane retry, a client retry), it would meet a state that already holds the partner's
// later messages and could be accepted. So a refusal is stored in the same append as the
// partner's accepted events: the stream's own idempotency then answers a redelivery with the
// original outcome on every store, the operator's rejection log is projected from it (it can never
// contradict the store), and an auditor sees the refusal in the partner's history.

/** The refused message as it was validated: its `type` and `data` (the rest is the event's meta). */
export type RefusedMessage = Readonly<{ type: UpstreamEvent['type']; data: UpstreamEvent['data'] }>;

export type MessageRejected = Event<'MessageRejected', { code: RejectionCode; reason: string; message: RefusedMessage }>;
