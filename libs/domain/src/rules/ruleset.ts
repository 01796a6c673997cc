import type { AreaId, BusinessModel, MasterServicesCompetency, SolutionCompetency } from '../vocabulary';

// ── Rulesets: the programme's rules as versioned data (docs/programme-rules.md §2–§7) ───────────────────
// Plain JSON-compatible data, so a new version with new thresholds is a file, not a code change.

export type AreaRules = Readonly<{
  /** The strategic IT priority the area belongs to (Figure 3). */
  priority: string;
  /** The MSC a principal needs. */
  msc: MasterServicesCompetency;
  /** Principal: every one of these solution competencies (may be empty: "NA"). */
  principalCompetencies: readonly SolutionCompetency[];
  /** Partner and advanced: any one of these solution competencies. */
  partnerCompetencies: readonly SolutionCompetency[];
}>;

/** A requirement every partner (or every partner declaring `forBusinessModel`) must meet. */
export type RequirementRule = Readonly<
  | { id: string; kind: 'agreement' }
  | { id: string; kind: 'training'; courseId: string; learners: number; forBusinessModel?: BusinessModel }
  | { id: string; kind: 'due-diligence' }
  | { id: string; kind: 'programme-fee' }
>;

/** The programme's own lead time (§1: "no later than 60 days before the agreement ends"); a ruleset file may leave it out. */
export const RENEWAL_NOTICE_DEFAULT_DAYS = 60;

export type Ruleset = Readonly<{
  id: string;
  /** `YYYY-MM-DD`; the ruleset is in force from 00:00Z that day until the next ruleset's. */
  effectiveFrom: string;
  /** Credits count while `bookedAt ≤ T < bookedAt + creditWindowDays`. */
  creditWindowDays: number;
  /** A term's renewal notice is due this many days before it ends (§1), for terms set while this ruleset is in force. */
  renewalNoticeDays: number;
  /** Credits needed per tier (whole or two-decimal credits). */
  thresholds: Readonly<{ advanced: number; principal: number }>;
  areas: Readonly<Record<AreaId, AreaRules>>;
  /** Base requirements (§2) then operational ones (§3); a disabled requirement is left out. */
  requirements: readonly RequirementRule[];
}>;
