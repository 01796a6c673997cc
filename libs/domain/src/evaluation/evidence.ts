import { toIsoDate } from '../support/time';
import type { AreaId } from '../vocabulary';
import type { AreaStatus, PartnerStatus } from './partner-status';
import type { RequirementResult } from './requirements';

// ── Evidence: the messages behind a status ─────────────────────────────────────────────────────
// For each requirement and area, the facts that make its clauses met (each a messageId and what
// it contributes) and, for a clause not met, what is missing. The domain knows messages, not the
// store: the API layer adds each message's position and recordedAt from the events it folded.

export type EvidenceFact = Readonly<{ messageId: string; why: string }>;

/** `missing` uses the vocabulary of `next.missing` (see missingFor and requirementEvidence). */
export type Evidence = Readonly<{ facts: EvidenceFact[]; missing: string[] }>;

export type EvidencedRequirement = RequirementResult & Readonly<{ evidence: Evidence }>;
export type EvidencedArea = AreaStatus & Readonly<{ evidence: Evidence }>;

/** A status whose every requirement and area carries its evidence (`evidence: true`). */
export type EvidencedStatus = Omit<PartnerStatus, 'requirements' | 'areas'> &
  Readonly<{ requirements: EvidencedRequirement[]; areas: Record<AreaId, EvidencedArea> }>;

/** "until 2027-05-01" for a fact valid until the end of a date (an exclusive end instant), else "". */
export function untilText(end: number | undefined): string {
  return end === undefined ? '' : ` until ${toIsoDate(end - 1)}`;
}
