// ── Wire vocabulary (docs/programme-rules.md §8) ─────────────────────────────────────────────────────────
// The ids upstream systems send. Rulesets may only refer to these, so a typo in a ruleset file is
// caught when it is loaded, not when a partner silently never reaches a tier.

export const AREAS = [
  'data-center-virtualization',
  'cloud-management-automation',
  'vmc-on-aws',
  'cloud-provider',
  'modern-applications',
  'network-security',
  'digital-workspace',
] as const;
export type AreaId = (typeof AREAS)[number];

export const TIERS = ['partner', 'advanced', 'principal'] as const;
export type Tier = (typeof TIERS)[number];

export const BUSINESS_MODELS = ['solution-provider', 'cloud-services', 'subscription-software'] as const;
export type BusinessModel = (typeof BUSINESS_MODELS)[number];

export const SOLUTION_COMPETENCIES = [
  'server-virtualization',
  'hci',
  'business-continuity',
  'management-automation',
  'operations-management',
  'vmc-on-aws',
  'cloud-provider',
  'pks',
  'network-virtualization',
  'sd-wan',
  'desktop-virtualization',
  'mobility-management',
] as const;
export type SolutionCompetency = (typeof SOLUTION_COMPETENCIES)[number];

export const MASTER_SERVICES_COMPETENCIES = [
  'data-center-virtualization',
  'cloud-management-automation',
  'vmc-on-aws',
  'cloud-provider',
  'modern-applications',
  'network-virtualization',
  'digital-workspace',
] as const;
export type MasterServicesCompetency = (typeof MASTER_SERVICES_COMPETENCIES)[number];

/** Courses the default ruleset counts; any other course id is recorded and counts for nothing. */
export const KNOWN_COURSES = ['vsp-foundation', 'ethics-compliance', 'vop-cp', 'vop-se'] as const;

export const LIFECYCLE_STAGES = ['land', 'adopt', 'expand', 'renew'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

export const DUE_DILIGENCE_OUTCOMES = ['approved', 'rejected'] as const;
export type DueDiligenceOutcome = (typeof DUE_DILIGENCE_OUTCOMES)[number];

export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

/** Compares tiers by rank; `null` (no tier) ranks below `partner`. */
export function tierRank(tier: Tier | null): number {
  return tier === null ? 0 : TIERS.indexOf(tier) + 1;
}
