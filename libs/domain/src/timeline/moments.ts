import type { RulesetCatalog } from '../rules/ruleset-catalog';
import type { PartnerState } from '../state/partner-state';
import type { ToggleSeries } from '../state/toggle-series';
import { endOfDate, startOfDate } from '../support/time';
import { dealCountingInterval } from '../evaluation/credits-in-window';
import type { TimelineCause } from './timeline-cause';

// ── Every time at which a partner's tiers may change, with its causes ─────────────────────────
// Events are moments, and so are the dates that pass with no event: deals leaving the window,
// expiries, an agreement taking effect, a ruleset taking effect.

export type Moment = Readonly<{ at: number; causes: TimelineCause[] }>;

/**
 * Moments with `after < at ≤ upTo`, in time order. The range is applied before anything is
 * allocated: the projector asks for a partner's recent or future moments on every page.
 */
export function collectMoments(
  state: PartnerState,
  catalog: RulesetCatalog,
  windowDays: Set<number>,
  range: Readonly<{ after?: number; upTo?: number }> = {},
): Moment[] {
  const after = range.after ?? Number.NEGATIVE_INFINITY;
  const upTo = range.upTo ?? Number.POSITIVE_INFINITY;
  const byTime = new Map<number, TimelineCause[]>();
  const add = (at: number, cause: TimelineCause) => {
    if (at <= after || at > upTo) return;
    const causes = byTime.get(at);
    if (causes) causes.push(cause);
    else byTime.set(at, [cause]);
  };
  for (const { event, at } of state.messages.values()) {
    if (at > after && at <= upTo) add(at, { kind: 'event', type: event.type, messageId: event.meta.messageId });
  }
  for (const deal of state.deals.values()) {
    for (const days of windowDays) {
      const { start, end } = dealCountingInterval(deal, days);
      if (end > start && end < Number.POSITIVE_INFINITY && end !== deal.reversedAt) add(end, { kind: 'deal-left-window', dealId: deal.dealId });
    }
  }
  addExpiries(state, add);
  catalog.rulesets.forEach((ruleset, index) => add(catalog.starts[index]!, { kind: 'ruleset-took-effect', rulesetId: ruleset.id }));
  return [...byTime.entries()].sort(([a], [b]) => a - b).map(([at, causes]) => ({ at, causes }));
}

function addExpiries(state: PartnerState, add: (at: number, cause: TimelineCause) => void): void {
  const addSeries = (series: ToggleSeries, what: string) => {
    for (const toggle of series) if (toggle.until !== undefined) add(toggle.until, { kind: 'expired', what });
  };
  for (const [courseId, learners] of state.trainings) {
    for (const [learnerId, series] of learners) addSeries(series, `training:${courseId}:${learnerId}`);
  }
  for (const [id, series] of state.solutionCompetencies) addSeries(series, `competency:${id}`);
  for (const [id, series] of state.mastersCompetencies) addSeries(series, `msc:${id}`);
  for (const agreement of state.agreements.values()) {
    add(startOfDate(agreement.effectiveFrom), { kind: 'agreement-took-effect', agreementId: agreement.agreementId });
    for (const { value } of agreement.expiries) add(endOfDate(value), { kind: 'expired', what: `agreement:${agreement.agreementId}` });
  }
  for (const fee of state.fees) add(endOfDate(fee.periodEnd), { kind: 'expired', what: 'programme-fee' });
}
