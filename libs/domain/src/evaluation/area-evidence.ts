import type { AreaRules } from '../rules/ruleset';
import type { PartnerState } from '../state/partner-state';
import { heldToggleAt } from '../state/toggle-series';
import { fromHundredths } from '../support/credits';
import type { AreaId } from '../vocabulary';
import type { AreaStatus } from './partner-status';
import { countsAt, dealCountingInterval } from './credits-in-window';
import { type Evidence, type EvidenceFact, untilText } from './evidence';

// ── The evidence of one area's tier at a time T ────────────────────────────────────────────────
// The area's competencies and MSC held at T and every deal counting at T (all of them, so that
// their credits sum to the area's `credits`); missing: what the next tier still needs
// (`next.missing`: requirements, competencies, MSC, credits).

/** `rules` is undefined before the first ruleset (legacy): only credits are reported then. */
export function areaEvidence(state: PartnerState, area: AreaId, rules: AreaRules | undefined, windowDays: number, status: AreaStatus, time: number): Evidence {
  const facts = rules ? competencyFacts(state, rules, time) : [];
  for (const deal of state.deals.values()) {
    if (deal.area !== area || !countsAt(deal, windowDays, time)) continue;
    const credits = fromHundredths(deal.effectiveHundredths).toLocaleString('en-US');
    const leaves = new Date(dealCountingInterval(deal, windowDays).end).toISOString();
    facts.push({ messageId: deal.bookedBy, why: `deal ${deal.dealId}: ${credits} credits in window (counts until ${leaves})` });
  }
  return { facts, missing: status.next?.missing ?? [] };
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
