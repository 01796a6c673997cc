import { tierFor } from '../evaluation/area-tier';
import { requirementsMet } from '../evaluation/requirements';
import { tierInputsAt } from '../evaluation/tier-inputs';
import type { Ruleset } from '../rules/ruleset';
import { type RulesetCatalog, rulesetAt } from '../rules/ruleset-catalog';
import type { PartnerState } from '../state/partner-state';
import { toIsoTime } from '../support/time';
import { AREAS, type AreaId, type Tier } from '../vocabulary';
import { CreditSweep } from './credit-sweep';
import { collectMoments } from './moments';
import { type TimelineCause, affectsRequirements } from './timeline-cause';

// ── The tier timeline: every tier and badge change, when it took effect and why ──────────────
// One forward sweep over the moments at which anything can change. Requirements are re-checked
// only at moments that can affect them and credits are kept as running sums, so a partner with
// tens of thousands of events is answered in milliseconds.

export type TierChange = Readonly<{
  at: string;
  area: AreaId;
  from: Tier | null;
  to: Tier | null;
  /** Whether the area has a badge after the change (a badge is principal, docs/programme-rules.md §6). */
  badge: boolean;
  ruleset: string | null;
  causes: readonly TimelineCause[];
}>;

export type TimelineRange = Readonly<{ from?: number; to: number }>;

/** Changes with `from < at ≤ to`, in time order (areas in catalogue order within one moment). */
export function tierTimeline(state: PartnerState, catalog: RulesetCatalog, range: TimelineRange): TierChange[] {
  const from = range.from ?? (state.firstFactAt ?? range.to) - 1;
  const windows = new Set(catalog.rulesets.map((ruleset) => ruleset.creditWindowDays));
  const moments = collectMoments(state, catalog, windows, { after: from, upTo: range.to });
  const sweep = new CreditSweep(state);
  let ruleset = rulesetAt(catalog, from);
  sweep.resetAt((ruleset ?? catalog.rulesets[0]!).creditWindowDays, from);
  let unmet = unmetAt(ruleset, state, from);
  let tiers = tiersAt(ruleset, state, unmet, sweep.sums, from);
  const changes: TierChange[] = [];
  for (const { at, causes } of moments) {
    const inForce = rulesetAt(catalog, at);
    if (inForce !== ruleset) {
      ruleset = inForce;
      sweep.resetAt((ruleset ?? catalog.rulesets[0]!).creditWindowDays, at);
      unmet = unmetAt(ruleset, state, at);
    } else {
      sweep.advanceTo(at);
      if (causes.some(affectsRequirements)) unmet = unmetAt(ruleset, state, at);
    }
    const next = tiersAt(ruleset, state, unmet, sweep.sums, at);
    for (const area of AREAS) {
      if (next[area] === tiers[area]) continue;
      const to = next[area];
      changes.push({ at: toIsoTime(at), area, from: tiers[area], to, badge: to === 'principal', ruleset: ruleset?.id ?? null, causes });
    }
    tiers = next;
  }
  return changes;
}

/**
 * A tier needs every requirement met, so the timeline needs to know only whether one is unmet,
 * not which: that spares building every requirement's explanation at every moment.
 */
const SOME_UNMET: readonly string[] = ['unmet'];

function unmetAt(ruleset: Ruleset | undefined, state: PartnerState, time: number): readonly string[] {
  return ruleset && requirementsMet(ruleset, state, time) ? [] : SOME_UNMET;
}

function tiersAt(
  ruleset: Ruleset | undefined,
  state: PartnerState,
  unmet: readonly string[],
  credits: ReadonlyMap<AreaId, number>,
  time: number,
): Record<AreaId, Tier | null> {
  const inputsFor = tierInputsAt(state, unmet, credits, time);
  const tiers = {} as Record<AreaId, Tier | null>;
  for (const area of AREAS) tiers[area] = ruleset ? tierFor(ruleset.areas[area], ruleset.thresholds, inputsFor(area)) : null;
  return tiers;
}
