// ── Why the domain refuses a well-formed command ──────────────────────────────────────────────

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
