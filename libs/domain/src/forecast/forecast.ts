import { rulesetAt, type RulesetCatalog } from '../rules/ruleset-catalog';
import type { PartnerState } from '../state/partner-state';
import { toIsoTime, toMillis } from '../support/time';
import { type TierChange, tierTimeline } from '../timeline/tier-timeline';
import { tierRank } from '../vocabulary';
import { type Prevention, preventionOf } from './prevention';

// ── The forecast: every tier and badge change from now until a date if no new fact arrives ────
// The tier timeline already finds every change over any range from the folded state (deals
// leaving the window, expiries, rulesets taking effect, facts already known with a later date);
// the forecast is that timeline over (from, until], each change told as a rise or a drop and,
// for a drop, what would prevent it.

/** How far ahead a forecast may be asked for, and how far when not said (days). */
export const FORECAST_MAX_DAYS = 730;
export const FORECAST_DEFAULT_DAYS = 90;

/** `drop`: to a lower tier or none (a badge is lost with principal); `rise`: to a higher tier. */
export const FORECAST_DIRECTIONS = ['drop', 'rise'] as const;
export type ForecastDirection = (typeof FORECAST_DIRECTIONS)[number];

export type ForecastChange = TierChange &
  Readonly<{
    direction: ForecastDirection;
    /** For a drop, everything needed to keep the tier it would lose; empty for a rise. */
    prevention: readonly Prevention[];
  }>;

export type Forecast = Readonly<{ partnerId: string; from: string; until: string; changes: ForecastChange[] }>;

/** Changes with `from < at ≤ until`, in time order. */
export function forecast(state: PartnerState, catalog: RulesetCatalog, partnerId: string, from: number, until: number): Forecast {
  const changes = tierTimeline(state, catalog, { from, to: until }).map((change) => withOutlook(state, catalog, change));
  return { partnerId, from: toIsoTime(from), until: toIsoTime(until), changes };
}

function withOutlook(state: PartnerState, catalog: RulesetCatalog, change: TierChange): ForecastChange {
  if (tierRank(change.to) > tierRank(change.from)) return { ...change, direction: 'rise', prevention: [] };
  const at = toMillis(change.at);
  const ruleset = rulesetAt(catalog, at);
  // A drop always has a tier to lose, and a tier needs a ruleset in force: both hold here.
  const prevention = ruleset && change.from ? preventionOf(ruleset, state, change.area, change.from, at) : [];
  return { ...change, direction: 'drop', prevention };
}
