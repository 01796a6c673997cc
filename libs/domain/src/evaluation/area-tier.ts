import type { AreaRules, Ruleset } from '../rules/ruleset';
import { fromHundredths, toHundredths } from '../support/credits';
import { TIERS, type Tier, tierRank } from '../vocabulary';

// ── The tier of one area (docs/programme-rules.md §4) ───────────────────────────────────────────────────

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
 * What stands between the inputs and a tier, structured: the status lists it as text
 * (`missingFor`), the forecast turns it into what would prevent a drop.
 */
export type Shortfall = Readonly<
  | { kind: 'requirement'; id: string }
  /** Any one of `anyOf` would do (a partner or advanced tier); a principal lists each needed one alone. */
  | { kind: 'competency'; anyOf: readonly string[] }
  | { kind: 'msc'; id: string }
  | { kind: 'credits'; haveHundredths: number; needHundredths: number }
>;

export function shortfallsFor(tier: Tier, area: AreaRules, thresholds: Ruleset['thresholds'], inputs: TierInputs): Shortfall[] {
  const shortfalls: Shortfall[] = inputs.unmetRequirements.map((id) => ({ kind: 'requirement', id }));
  if (tier === 'principal') {
    if (!inputs.hasMsc(area.msc)) shortfalls.push({ kind: 'msc', id: area.msc });
    for (const competency of area.principalCompetencies) {
      if (!inputs.hasCompetency(competency)) shortfalls.push({ kind: 'competency', anyOf: [competency] });
    }
  } else if (!area.partnerCompetencies.some(inputs.hasCompetency)) {
    shortfalls.push({ kind: 'competency', anyOf: area.partnerCompetencies });
  }
  const needed = tier === 'partner' ? 0 : toHundredths(thresholds[tier]);
  if (inputs.creditsHundredths < needed) shortfalls.push({ kind: 'credits', haveHundredths: inputs.creditsHundredths, needHundredths: needed });
  return shortfalls;
}

/**
 * What is missing for a tier, as machine-readable items: `requirement:<id>`,
 * `competency:<a>|<b>` (any one of), `competency:<id>` (each needed), `msc:<id>`,
 * `credits:<have>/<need>`.
 */
export function missingFor(tier: Tier, area: AreaRules, thresholds: Ruleset['thresholds'], inputs: TierInputs): string[] {
  return shortfallsFor(tier, area, thresholds, inputs).map(missingItem);
}

function missingItem(shortfall: Shortfall): string {
  switch (shortfall.kind) {
    case 'requirement':
    case 'msc':
      return `${shortfall.kind}:${shortfall.id}`;
    case 'competency':
      return `competency:${shortfall.anyOf.join('|')}`;
    case 'credits':
      return `credits:${fromHundredths(shortfall.haveHundredths)}/${fromHundredths(shortfall.needHundredths)}`;
  }
}
