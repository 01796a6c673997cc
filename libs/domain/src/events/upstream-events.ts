import type { AreaId, BusinessModel, DueDiligenceOutcome, LifecycleStage, MasterServicesCompetency, SolutionCompetency } from '../vocabulary';
import type { Event } from './event';

// ── Facts published by upstream systems (docs/contract.md §1) ─────────────────────────────────────────
// Stored with the same `type` and the same `data` as received, so a stored event can always be
// compared with a redelivered message.

export type AgreementSigned = Event<'AgreementSigned', { agreementId: string; effectiveFrom: string; expiresOn: string; businessModels: BusinessModel[] }>;
export type AgreementRenewed = Event<'AgreementRenewed', { agreementId: string; expiresOn: string }>;
export type AgreementTerminated = Event<'AgreementTerminated', { agreementId: string; reason: string }>;
export type BusinessModelsChanged = Event<'BusinessModelsChanged', { businessModels: BusinessModel[] }>;
export type TrainingCompleted = Event<'TrainingCompleted', { courseId: string; learnerId: string; expiresOn?: string }>;
export type TrainingRevoked = Event<'TrainingRevoked', { courseId: string; learnerId: string }>;
export type DueDiligenceCompleted = Event<'DueDiligenceCompleted', { outcome: DueDiligenceOutcome }>;
export type ProgrammeFeePaid = Event<'ProgrammeFeePaid', { amount: number; currency: string; periodEnd: string }>;
export type SolutionCompetencyEarned = Event<'SolutionCompetencyEarned', { competency: SolutionCompetency; expiresOn?: string }>;
export type SolutionCompetencyLapsed = Event<'SolutionCompetencyLapsed', { competency: SolutionCompetency }>;
export type MasterServicesCompetencyEarned = Event<'MasterServicesCompetencyEarned', { competency: MasterServicesCompetency; expiresOn?: string }>;
export type MasterServicesCompetencyLapsed = Event<'MasterServicesCompetencyLapsed', { competency: MasterServicesCompetency }>;
export type Accelerator = { code: string; multiplier: number };
export type CreditsBooked = Event<
  'CreditsBooked',
  { dealId: string; area: AreaId; credits: number; accelerator?: Accelerator; lifecycleStage?: LifecycleStage }
>;
export type CreditsReversed = Event<'CreditsReversed', { dealId: string }>;

export type UpstreamEvent =
  | AgreementSigned
  | AgreementRenewed
  | AgreementTerminated
  | BusinessModelsChanged
  | TrainingCompleted
  | TrainingRevoked
  | DueDiligenceCompleted
  | ProgrammeFeePaid
  | SolutionCompetencyEarned
  | SolutionCompetencyLapsed
  | MasterServicesCompetencyEarned
  | MasterServicesCompetencyLapsed
  | CreditsBooked
  | CreditsReversed;

export type UpstreamEventType = UpstreamEvent['type'];

/** The stored type strings of upstream facts. A contract: never rename one (upcast instead). */
export const UPSTREAM_EVENT_TYPES = [
  'AgreementSigned',
  'AgreementRenewed',
  'AgreementTerminated',
  'BusinessModelsChanged',
  'TrainingCompleted',
  'TrainingRevoked',
  'DueDiligenceCompleted',
  'ProgrammeFeePaid',
  'SolutionCompetencyEarned',
  'SolutionCompetencyLapsed',
  'MasterServicesCompetencyEarned',
  'MasterServicesCompetencyLapsed',
  'CreditsBooked',
  'CreditsReversed',
] as const satisfies readonly UpstreamEventType[];
