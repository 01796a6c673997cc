import type { RequirementRule } from '../rules/ruleset';
import type { PartnerState } from '../state/partner-state';
import { entryAt } from '../state/state-updates';
import { heldToggleAt, toggleAt } from '../state/toggle-series';
import { agreementAt } from './agreement-view';
import { type Evidence, type EvidenceFact, untilText } from './evidence';
import { feePaidAt, type RequirementResult } from './requirements';

// ── The evidence of one requirement at a time T ────────────────────────────────────────────────
// `missing`, when not met: `agreement` (an active agreement), `learner:<course>:<have>/<need>`,
// `due-diligence` (an approved one), `programme-fee` (a payment covering T).

export function requirementEvidence(rule: RequirementRule, result: RequirementResult, state: PartnerState, time: number): Evidence {
  const { facts, missing } = clauses(rule, state, time);
  return { facts, missing: result.met ? [] : [missing] };
}

function clauses(rule: RequirementRule, state: PartnerState, time: number): { facts: EvidenceFact[]; missing: string } {
  switch (rule.kind) {
    case 'agreement':
      return { facts: agreementFacts(state, time), missing: 'agreement' };
    case 'training': {
      const facts = learnerFacts(state, rule.courseId, time);
      const models = rule.forBusinessModel === undefined ? undefined : entryAt(state.businessModels, time);
      const applies = models ? [{ messageId: models.by, why: `business model ${rule.forBusinessModel} makes ${rule.id} apply` }] : [];
      return { facts: [...applies, ...facts], missing: `learner:${rule.courseId}:${facts.length}/${rule.learners}` };
    }
    case 'due-diligence': {
      const outcome = toggleAt(state.dueDiligence, time);
      const facts = outcome ? [{ messageId: outcome.by, why: `due diligence ${outcome.on ? 'approved' : 'rejected'}` }] : [];
      return { facts, missing: 'due-diligence' };
    }
    case 'programme-fee': {
      const paid = feePaidAt(state, time);
      return { facts: paid ? [{ messageId: paid.paidBy, why: `programme fee paid through ${paid.periodEnd}` }] : [], missing: 'programme-fee' };
    }
    default: {
      const unknown: never = rule;
      throw new TypeError(`unknown requirement kind in ${JSON.stringify(unknown)}`);
    }
  }
}

/** The signing of the agreement in force, the renewal that set its current end, its termination. */
function agreementFacts(state: PartnerState, time: number): EvidenceFact[] {
  const view = agreementAt(state, time);
  if (!view) return [];
  const { agreementId, signedBy, effectiveFrom, expiries, terminatedAt, terminatedBy } = view.record;
  const facts = [{ messageId: signedBy, why: `agreement ${agreementId} signed, effective from ${effectiveFrom}` }];
  const term = entryAt(expiries, time);
  if (term && term.by !== signedBy) facts.push({ messageId: term.by, why: `agreement ${agreementId} renewed until ${term.value}` });
  if (terminatedBy !== undefined && terminatedAt !== undefined && terminatedAt <= time)
    facts.push({ messageId: terminatedBy, why: `agreement ${agreementId} terminated` });
  return facts;
}

/** Every learner holding the course at `time`: all of them count towards "N of M learners". */
function learnerFacts(state: PartnerState, courseId: string, time: number): EvidenceFact[] {
  const facts: EvidenceFact[] = [];
  for (const [learnerId, series] of state.trainings.get(courseId) ?? []) {
    const held = heldToggleAt(series, time);
    if (held) facts.push({ messageId: held.by, why: `learner ${learnerId} completed ${courseId}${untilText(held.until)}` });
  }
  return facts;
}
