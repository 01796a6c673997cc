import type { DealRecord, PartnerState } from '../state/partner-state';
import { DAY_MS } from '../support/time';
import type { AreaId } from '../vocabulary';

// ── Effective credits inside the trailing window (docs/programme-rules.md §4–§5) ───────────────────────

/** The interval during which a deal counts: from its booking until it leaves the window or is reversed. */
export function dealCountingInterval(deal: DealRecord, windowDays: number): { start: number; end: number } {
  const windowEnd = deal.bookedAt + windowDays * DAY_MS;
  return { start: deal.bookedAt, end: Math.min(windowEnd, deal.reversedAt ?? Number.POSITIVE_INFINITY) };
}

/** Integer hundredths of effective credits per area counting at `time`. */
export function creditsByArea(state: PartnerState, windowDays: number, time: number): Map<AreaId, number> {
  const sums = new Map<AreaId, number>();
  for (const deal of state.deals.values()) {
    if (countsAt(deal, windowDays, time)) sums.set(deal.area, (sums.get(deal.area) ?? 0) + deal.effectiveHundredths);
  }
  return sums;
}

/** Whether the deal's credits count at `time`. */
export function countsAt(deal: DealRecord, windowDays: number, time: number): boolean {
  const { start, end } = dealCountingInterval(deal, windowDays);
  return start <= time && time < end;
}
