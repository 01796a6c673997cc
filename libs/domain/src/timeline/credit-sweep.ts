import { creditsByArea, dealCountingInterval } from '../evaluation/credits-in-window';
import type { PartnerState } from '../state/partner-state';
import { upperBound } from '../state/toggle-series';
import type { AreaId } from '../vocabulary';

// ── Windowed credit sums maintained while sweeping forward in time ────────────────────────────
// Re-summing every deal at every moment would make a timeline quadratic in the number of deals;
// instead each deal is a +credits delta when it starts counting and a −credits delta when it stops.

type Delta = Readonly<{ at: number; area: AreaId; hundredths: number }>;

export class CreditSweep {
  private deltas: Delta[] = [];
  private next = 0;
  private windowDays = NaN;
  sums = new Map<AreaId, number>();

  constructor(private readonly state: PartnerState) {}

  /** Starts over at `time` with a (possibly new) window length. */
  resetAt(windowDays: number, time: number): void {
    if (windowDays !== this.windowDays) {
      this.windowDays = windowDays;
      this.deltas = buildDeltas(this.state, windowDays);
    }
    this.sums = creditsByArea(this.state, windowDays, time);
    this.next = upperBound(this.deltas, time);
  }

  /** Applies every delta up to and including `time`. */
  advanceTo(time: number): void {
    while (this.next < this.deltas.length && this.deltas[this.next]!.at <= time) {
      const { area, hundredths } = this.deltas[this.next++]!;
      this.sums.set(area, (this.sums.get(area) ?? 0) + hundredths);
    }
  }
}

function buildDeltas(state: PartnerState, windowDays: number): Delta[] {
  const deltas: Delta[] = [];
  for (const deal of state.deals.values()) {
    const { start, end } = dealCountingInterval(deal, windowDays);
    if (end <= start) continue;
    deltas.push({ at: start, area: deal.area, hundredths: deal.effectiveHundredths });
    if (end < Number.POSITIVE_INFINITY) deltas.push({ at: end, area: deal.area, hundredths: -deal.effectiveHundredths });
  }
  return deltas.sort((a, b) => a.at - b.at);
}
