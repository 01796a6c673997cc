import type { AreaId, BusinessModel, Tier } from '../vocabulary';
import type { AgreementStatus, NoticeStatus } from './agreement-view';
import type { NextStep } from './area-tier';
import type { RequirementResult } from './requirements';

// ── The partner status of docs/contract.md §2 (without `position`, which the read side adds) ─────────

export type AreaStatus = Readonly<{ tier: Tier | null; credits: number; badge: boolean; next: NextStep | null }>;

export type AgreementSummary = Readonly<{
  agreementId: string;
  status: AgreementStatus;
  effectiveFrom: string;
  expiresOn: string;
  renewalNotice: Readonly<{ noticeId: string; dueOn: string; status: NoticeStatus }>;
}>;

export type Entitlements = Readonly<{ dealRegistration: AreaId[]; coSelling: AreaId[]; mscIncentives: AreaId[] }>;

export type PartnerStatus = Readonly<{
  partnerId: string;
  evaluatedAt: string;
  /** The ruleset that produced the answer; null in the legacy programme. */
  ruleset: string | null;
  programme: 'partner-connect' | 'legacy';
  goodStanding: boolean;
  agreement: AgreementSummary | null;
  businessModels: BusinessModel[];
  requirements: RequirementResult[];
  areas: Record<AreaId, AreaStatus>;
  badges: { area: AreaId; since: string }[];
  entitlements: Entitlements;
}>;
