import { type RulesetCatalog, rulesetAt } from '../rules/ruleset-catalog';
import type { Ruleset } from '../rules/ruleset';
import type { PartnerState } from '../state/partner-state';
import { fromHundredths } from '../support/credits';
import { toIsoTime } from '../support/time';
import { tierTimeline } from '../timeline/tier-timeline';
import { AREAS, type AreaId } from '../vocabulary';
import { agreementAt, noticeDueOn, noticeStatusAt, renewalNoticeId } from './agreement-view';
import { areaEvidence, dealFactsByArea } from './area-evidence';
import { nextStepFor, tierFor } from './area-tier';
import { creditsByArea } from './credits-in-window';
import type { EvidencedArea, EvidencedStatus } from './evidence';
import type { AgreementSummary, AreaStatus, Entitlements, PartnerStatus } from './partner-status';
import { requirementEvidence } from './requirement-evidence';
import { businessModelsAt, evaluateRequirements } from './requirements';
import { tierInputsAt } from './tier-inputs';

// ── Partner status at a time T: a pure function of (state, rulesets, T) ───────────────────────
// Only facts with business time ≤ T count, so the same function answers "now" and "as of T".

/** With `evidence: true`, each requirement and area also names the messages behind it (auditors). */
export type EvaluationOptions = Readonly<{ evidence?: boolean }>;

export function evaluateStatus(state: PartnerState, catalog: RulesetCatalog, partnerId: string, time: number): PartnerStatus;
export function evaluateStatus(state: PartnerState, catalog: RulesetCatalog, partnerId: string, time: number, options: { evidence: true }): EvidencedStatus;
export function evaluateStatus(
  state: PartnerState,
  catalog: RulesetCatalog,
  partnerId: string,
  time: number,
  options: EvaluationOptions = {},
): PartnerStatus | EvidencedStatus {
  const ruleset = rulesetAt(catalog, time);
  const rules = ruleset ?? catalog.rulesets[0]!;
  const requirements = ruleset ? evaluateRequirements(ruleset, state, time) : [];
  const unmet = requirements.filter((r) => !r.met).map((r) => r.id);
  const credits = creditsByArea(state, rules.creditWindowDays, time);
  const inputsFor = tierInputsAt(state, unmet, credits, time);
  const areas = {} as Record<AreaId, AreaStatus>;
  for (const area of AREAS) {
    const tier = ruleset ? tierFor(ruleset.areas[area], ruleset.thresholds, inputsFor(area)) : null;
    const next = ruleset ? nextStepFor(ruleset.areas[area], ruleset.thresholds, inputsFor(area), tier) : null;
    areas[area] = { tier, credits: fromHundredths(credits.get(area) ?? 0), badge: tier === 'principal', next };
  }
  const status: PartnerStatus = {
    partnerId,
    evaluatedAt: toIsoTime(time),
    ruleset: ruleset?.id ?? null,
    programme: ruleset ? 'partner-connect' : 'legacy',
    goodStanding: ruleset !== undefined && unmet.length === 0,
    agreement: agreementSummary(state, catalog, partnerId, time),
    businessModels: [...businessModelsAt(state, time)],
    requirements,
    areas,
    badges: badgesAt(state, catalog, areas, time),
    entitlements: ruleset ? entitlementsOf(ruleset, areas, inputsFor, unmet.length === 0) : emptyEntitlements(),
  };
  return options.evidence ? withEvidence(status, state, ruleset, rules.creditWindowDays, time) : status;
}

/** The status with its evidence, read from the same state at the same time: it cannot disagree. */
function withEvidence(status: PartnerStatus, state: PartnerState, ruleset: Ruleset | undefined, windowDays: number, time: number): EvidencedStatus {
  const requirements = status.requirements.map((result) => {
    const rule = ruleset!.requirements.find((r) => r.id === result.id)!;
    return { ...result, evidence: requirementEvidence(rule, result, state, time) };
  });
  const deals = dealFactsByArea(state, windowDays, time);
  const areas = {} as Record<AreaId, EvidencedArea>;
  for (const area of AREAS) {
    const evidence = areaEvidence(state, ruleset?.areas[area], deals.get(area) ?? [], status.areas[area], time);
    areas[area] = { ...status.areas[area], evidence };
  }
  return { ...status, requirements, areas };
}

function agreementSummary(state: PartnerState, catalog: RulesetCatalog, partnerId: string, time: number): AgreementSummary | null {
  const view = agreementAt(state, time);
  if (!view) return null;
  const { agreementId, effectiveFrom } = view.record;
  const noticeId = renewalNoticeId(partnerId, agreementId, view.expiresOn);
  const renewalNotice = {
    noticeId,
    dueOn: noticeDueOn(catalog, view.expiresOn, view.expiresOnSetAt),
    status: noticeStatusAt(state.notices.get(noticeId), time),
  };
  return { agreementId, status: view.status, effectiveFrom, expiresOn: view.expiresOn, renewalNotice };
}

/** Active badges with the time since which principal has held without a break. */
function badgesAt(state: PartnerState, catalog: RulesetCatalog, areas: Record<AreaId, AreaStatus>, time: number) {
  const badgeAreas = AREAS.filter((area) => areas[area].badge);
  if (badgeAreas.length === 0) return [];
  const since = new Map<AreaId, string>();
  for (const change of tierTimeline(state, catalog, { to: time })) {
    if (change.to === 'principal') since.set(change.area, change.at);
  }
  return badgeAreas.map((area) => ({ area, since: since.get(area) ?? toIsoTime(time) }));
}

function entitlementsOf(ruleset: Ruleset, areas: Record<AreaId, AreaStatus>, inputsFor: ReturnType<typeof tierInputsAt>, goodStanding: boolean): Entitlements {
  const holdsAnyCompetency = (area: AreaId) => {
    const { partnerCompetencies, principalCompetencies } = ruleset.areas[area];
    return [...partnerCompetencies, ...principalCompetencies].some(inputsFor(area).hasCompetency);
  };
  return {
    dealRegistration: goodStanding ? AREAS.filter(holdsAnyCompetency) : [],
    coSelling: AREAS.filter((area) => areas[area].tier === 'principal'),
    mscIncentives: AREAS.filter((area) => inputsFor(area).hasMsc(ruleset.areas[area].msc)),
  };
}

function emptyEntitlements(): Entitlements {
  return { dealRegistration: [], coSelling: [], mscIncentives: [] };
}
