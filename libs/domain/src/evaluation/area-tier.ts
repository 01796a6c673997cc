import type { AreaRules, Ruleset } from '../rules/ruleset';
import { fromHundredths, toHundredths } from '../support/credits';
import { TIERS, type Tier, tierRank } from '../vocabulary';

// ── The tier of one area (PROGRAM-RULES §4) ───────────────────────────────────────────────────

/** What the tier of an area depends on at one time. */
export type TierInputs = Readonly<{
  /** Ids of the applicable requirements not met (empty: in good standing). */
  unmetRequirements: readonly string[];
  hasCompetency: (competency: string) => boolean;
  hasMsc: (msc: string) => boolean;
  creditsHundredths: number;
}>;

export type NextStep = Readonly<{ tier: Tier; missing: string[] }>;

/** The highest tier whose conditions all hold, or null. */
export function tierFor(area: AreaRules, thresholds: Ruleset['thresholds'], inputs: TierInputs): Tier | null {
  let reached: Tier | null = null;
  for (const tier of TIERS) {
    if (holds(tier, area, thresholds, inputs)) reached = tier;
  }
  return reached;
}

/** Whether a tier's conditions all hold: `missingFor` without building its explanations (hot in timelines). */
function holds(tier: Tier, area: AreaRules, thresholds: Ruleset['thresholds'], inputs: TierInputs): boolean {
  if (inputs.unmetRequirements.length > 0) return false;
  const competencies =
    tier === 'principal'
      ? inputs.hasMsc(area.msc) && area.principalCompetencies.every(inputs.hasCompetency)
      : area.partnerCompetencies.some(inputs.hasCompetency);
  return competencies && inputs.creditsHundredths >= (tier === 'partner' ? 0 : toHundredths(thresholds[tier]));
}

/** The tier above `current` and everything still missing for it; null at principal. */
export function nextStepFor(area: AreaRules, thresholds: Ruleset['thresholds'], inputs: TierInputs, current: Tier | null): NextStep | null {
  const tier = TIERS[tierRank(current)];
  return tier === undefined ? null : { tier, missing: missingFor(tier, area, thresholds, inputs) };
}

/**
 * What is missing for a tier, as machine-readable items: `requirement:<id>`,
 * `competency:<a>|<b>` (any one of), `competency:<id>` (each needed), `msc:<id>`,
 * `credits:<have>/<need>`.
 */
export function missingFor(tier: Tier, area: AreaRules, thresholds: Ruleset['thresholds'], inputs: TierInputs): string[] {
  const missing = inputs.unmetRequirements.map((id) => `requirement:${id}`);
  if (tier === 'principal') {
    if (!inputs.hasMsc(area.msc)) missing.push(`msc:${area.msc}`);
    for (const competency of area.principalCompetencies) {
      if (!inputs.hasCompetency(competency)) missing.push(`competency:${competency}`);
    }
  } else if (!area.partnerCompetencies.some(inputs.hasCompetency)) {
    missing.push(`competency:${area.partnerCompetencies.join('|')}`);
  }
  const needed = tier === 'partner' ? 0 : toHundredths(thresholds[tier]);
  if (inputs.creditsHundredths < needed) {
    missing.push(`credits:${fromHundredths(inputs.creditsHundredths)}/${fromHundredths(needed)}`);
  }
  return missing;
}
