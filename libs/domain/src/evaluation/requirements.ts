import type { RequirementRule, Ruleset } from '../rules/ruleset';
import type { FeePayment, PartnerState } from '../state/partner-state';
import { valueAt } from '../state/state-updates';
import { isHeldAt } from '../state/toggle-series';
import { endOfDate } from '../support/time';
import type { BusinessModel } from '../vocabulary';
import { agreementAt } from './agreement-view';

// ── Base and operational requirements at a time T (docs/programme-rules.md §2–§3) ──────────────────────

export type RequirementResult = Readonly<{ id: string; met: boolean; detail: string }>;

/** Every requirement that applies at `time`, met or not, with a human explanation. */
export function evaluateRequirements(ruleset: Ruleset, state: PartnerState, time: number): RequirementResult[] {
  const models = businessModelsAt(state, time);
  return applicable(ruleset, models).map((rule) => evaluateRequirement(rule, state, time));
}

/** Whether every applicable requirement is met; stops counting learners once enough are found. */
export function requirementsMet(ruleset: Ruleset, state: PartnerState, time: number): boolean {
  const models = businessModelsAt(state, time);
  return applicable(ruleset, models).every((rule) =>
    rule.kind === 'training' ? learnersHolding(state, rule.courseId, time, rule.learners) >= rule.learners : evaluateRequirement(rule, state, time).met,
  );
}

export function businessModelsAt(state: PartnerState, time: number): readonly BusinessModel[] {
  return valueAt(state.businessModels, time) ?? [];
}

function applicable(ruleset: Ruleset, models: readonly BusinessModel[]): RequirementRule[] {
  return ruleset.requirements.filter((rule) => rule.kind !== 'training' || rule.forBusinessModel === undefined || models.includes(rule.forBusinessModel));
}

function evaluateRequirement(rule: RequirementRule, state: PartnerState, time: number): RequirementResult {
  switch (rule.kind) {
    case 'agreement':
      return { id: rule.id, ...agreementRequirement(state, time) };
    case 'training': {
      const learners = learnersHolding(state, rule.courseId, time);
      return { id: rule.id, met: learners >= rule.learners, detail: `${learners} of ${rule.learners} learners` };
    }
    case 'due-diligence': {
      const approved = isHeldAt(state.dueDiligence, time);
      const detail = approved ? 'approved' : state.dueDiligence.some((t) => t.at <= time) ? 'rejected' : 'not completed';
      return { id: rule.id, met: approved, detail };
    }
    case 'programme-fee': {
      const paid = feePaidAt(state, time);
      return { id: rule.id, met: paid !== undefined, detail: paid ? `paid through ${paid.periodEnd}` : 'not paid for this period' };
    }
    default: {
      const unknown: never = rule;
      throw new TypeError(`unknown requirement kind in ${JSON.stringify(unknown)}`);
    }
  }
}

/** The fee payment covering `time`, if any. */
export function feePaidAt(state: PartnerState, time: number): FeePayment | undefined {
  return state.fees.find((fee) => fee.paidAt <= time && time < endOfDate(fee.periodEnd));
}

function agreementRequirement(state: PartnerState, time: number): { met: boolean; detail: string } {
  const view = agreementAt(state, time);
  if (!view) return { met: false, detail: 'no Partner Connect agreement signed' };
  const { agreementId, effectiveFrom } = view.record;
  const details = {
    active: `agreement ${agreementId} active until ${view.expiresOn}`,
    expired: `agreement ${agreementId} expired on ${view.expiresOn}`,
    terminated: `agreement ${agreementId} terminated`,
    'not-yet-effective': `agreement ${agreementId} takes effect on ${effectiveFrom}`,
  } as const;
  return { met: view.status === 'active', detail: details[view.status] };
}

/** Distinct learners holding the course at `time` (counting stops at `enough`). */
export function learnersHolding(state: PartnerState, courseId: string, time: number, enough = Infinity): number {
  let count = 0;
  for (const series of state.trainings.get(courseId)?.values() ?? []) {
    if (isHeldAt(series, time) && ++count >= enough) break;
  }
  return count;
}
