import type { AreaId, Tier } from '@partner-program/domain';

// ── The JSON the dashboard reads (docs/contract.md; the OpenAPI document at /docs-json) ────────

export type EvidenceFact = {
  messageId: string;
  position: number;
  type: string;
  occurredAt: string | null;
  recordedAt: string;
  source: string | null;
  why: string;
};
export type Evidence = { facts: EvidenceFact[]; missing: string[] };

export type AreaStatus = {
  tier: Tier | null;
  credits: number;
  badge: boolean;
  next: { tier: Tier; missing: string[] } | null;
  evidence?: Evidence;
};

export type PartnerStatus = {
  partnerId: string;
  evaluatedAt: string;
  ruleset: string | null;
  programme: string;
  goodStanding: boolean;
  agreement: {
    agreementId: string;
    status: string;
    effectiveFrom: string;
    expiresOn: string;
    renewalNotice?: { noticeId: string; dueOn: string; status: string };
  } | null;
  businessModels: string[];
  requirements: { id: string; met: boolean; detail: string; evidence?: Evidence }[];
  areas: Record<AreaId, AreaStatus>;
  badges: { area: AreaId; since: string }[];
  entitlements: { dealRegistration: AreaId[]; coSelling: AreaId[]; mscIncentives: AreaId[] };
  position?: number;
};

export type TimelineCause = { kind: string; [detail: string]: unknown };
export type Timeline = { partnerId: string; changes: { at: string; area: AreaId; from: Tier | null; to: Tier | null; causes: TimelineCause[] }[] };

export type HistoryPage = {
  partnerId: string;
  items: {
    position: number;
    revision: number;
    type: string;
    occurredAt: string | null;
    recordedAt: string;
    source: string | null;
    messageId: string | null;
    data: unknown;
  }[];
  nextFrom: number | null;
};

export type Prevention = { action: string; text: string; [detail: string]: unknown };
export type ForecastChange = {
  at: string;
  area: AreaId;
  from: Tier | null;
  to: Tier | null;
  badge?: boolean | null;
  direction: string;
  causes: TimelineCause[];
  prevention: Prevention | Prevention[] | null;
};
export type PartnerForecast = { partnerId: string; from: string; until: string; changes: ForecastChange[] };
export type ProgrammeForecast = { items: (ForecastChange & { partnerId: string })[]; nextCursor: string | null };

export type TierCounts = { principal: number; advanced: number; partner: number; none: number };
export type ProgrammeSummary = {
  evaluatedAt: string;
  partners: number;
  areas: Record<AreaId, TierCounts & { badges: number }>;
  goodStanding: { yes: number; no: number; byUnmetRequirement: Record<string, number> };
  agreementsExpiring: { in30Days: number; in60Days: number; in90Days: number };
  notices: Record<'pending' | 'issued' | 'acknowledged' | 'cancelled', number>;
  rejections?: { from: string; to: string; total: number; bySourceAndCode: { source: string | null; code: string; count: number }[] } | null;
  projection: { position: number; headPosition: number; lagEvents: number; lagSeconds: number };
};
export type TierHistory = { area: AreaId; interval: 'day' | 'week'; from: string; to: string; points: (TierCounts & { date: string })[] };
export type CloseToNextTier = {
  items: { partnerId: string; area: AreaId; tier: Tier | null; nextTier: Tier; missing: string[]; credits: number; creditsNeeded: number }[];
  nextCursor: string | null;
};

export type PartnersPage = { items: { partnerId: string; area: AreaId; tier: Tier | null; badge: boolean; credits: number }[]; nextCursor: string | null };
export type Badges = { badges: { partnerId: string; area: AreaId; since: string }[] };
export type Notice = {
  noticeId: string;
  partnerId: string;
  dueOn: string;
  status: string;
  agreementId?: string;
  expiresOn?: string;
  area?: AreaId;
  dropOn?: string;
};
export type NoticesPage = { items: Notice[]; nextCursor: string | null };
export type RejectionsPage = {
  items: { id: number; outcome: string; code: string; reason: string; messageId?: string; partnerId?: string; type?: string; receivedAt: string }[];
};
