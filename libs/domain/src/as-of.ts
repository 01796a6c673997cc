import type { PartnerEvent } from './events/partner-event';
import type { PartnerStatus } from './evaluation/partner-status';
import { evaluateStatus } from './evaluation/evaluate-status';
import type { RulesetCatalog } from './rules/ruleset-catalog';
import { evolveInPlace } from './state/evolve';
import { type PartnerFold, initialState } from './state/partner-state';
import { toMillis } from './support/time';

// ── As-of evaluation: the status at a past time T, from the history alone ─────────────────────

/** Folds `events` into `state` (a fresh one by default), which it changes and returns. */
export function foldEvents(events: Iterable<PartnerEvent>, state: PartnerFold = initialState()): PartnerFold {
  for (const event of events) evolveInPlace(state, event);
  return state;
}

/**
 * The status as it was at `time`, from facts with business time ≤ T only: later facts are not
 * folded at all, so nothing recorded afterwards (a late renewal, a reversal) can leak into it.
 */
export function statusAsOf(events: Iterable<PartnerEvent>, catalog: RulesetCatalog, partnerId: string, time: number): PartnerStatus {
  const known = [...events].filter((event) => toMillis(event.meta.occurredAt) <= time);
  return evaluateStatus(foldEvents(known), catalog, partnerId, time);
}
