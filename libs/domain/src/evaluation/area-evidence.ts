import type { AreaRules } from '../rules/ruleset';
import type { PartnerState } from '../state/partner-state';
import { heldToggleAt } from '../state/toggle-series';
import { fromHundredths } from '../support/credits';
import type { AreaId } from '../vocabulary';
import type { AreaStatus } from './partner-status';
import { countsAt } from './credits-in-window';
import { type Evidence, type EvidenceFact, untilText } from './evidence';

// ── The evidence of one area's tier at a time T ────────────────────────────────────────────────
// The area's competencies and MSC held at T and every deal counting at T (all of them, so that
// their credits sum to the area's `credits`); missing: what the next tier still needs
// (`next.missing`: requirements, competencies, MSC, credits).

/** `rules` is undefined before the first ruleset (legacy): only credits are reported then. */
export function areaEvidence(state: PartnerState, rules: AreaRules | undefined, deals: readonly EvidenceFact[], status: AreaStatus, time: number): Evidence {
  const facts = rules ? competencyFacts(state, rules, time) : [];
  return { facts: [...facts, ...deals], missing: status.next?.missing ?? [] };
}

/** One formatter for every deal: `toLocaleString` would build one per call. */
const CREDITS = new Intl.NumberFormat('en-US');

/** The deals counting at `time`, as facts, by area: one pass over the deals for all areas (a large partner has thousands). */
export function dealFactsByArea(state: PartnerState, windowDays: number, time: number): Map<AreaId, EvidenceFact[]> {
  const byArea = new Map<AreaId, EvidenceFact[]>();
  for (const deal of state.deals.values()) {
    if (!countsAt(deal, windowDays, time)) continue;
    const fact = { messageId: deal.bookedBy, why: `deal ${deal.dealId}: ${CREDITS.format(fromHundredths(deal.effectiveHundredths))} credits in window` };
    const facts = byArea.get(deal.area);
    if (facts) facts.push(fact);
    else byArea.set(deal.area, [fact]);
  }
  return byArea;
}

function competencyFacts(state: PartnerState, rules: AreaRules, time: number): EvidenceFact[] {
  const facts: EvidenceFact[] = [];
  const msc = heldToggleAt(state.mastersCompetencies.get(rules.msc), time);
  if (msc) facts.push({ messageId: msc.by, why: `master services competency ${rules.msc} granted${untilText(msc.until)}` });
  for (const id of new Set([...rules.partnerCompetencies, ...rules.principalCompetencies])) {
    const held = heldToggleAt(state.solutionCompetencies.get(id), time);
    if (held) facts.push({ messageId: held.by, why: `competency ${id} granted${untilText(held.until)}` });
  }
  return facts;
}
