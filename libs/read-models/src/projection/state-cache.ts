import type { PartnerFold } from '@partner-program/domain';

/** Bounds of {@link StateCache}. */
export type StateCacheLimits = Readonly<{
  /** Partners kept. Default 10,000. */
  maxPartners?: number;
  /** Events folded into the kept states, summed: what memory grows with (~450 bytes each). Default 500,000. */
  maxEvents?: number;
}>;

const DEFAULT_LIMITS = { maxPartners: 10_000, maxEvents: 500_000 } as const;

/**
 * Least recently used partner states, bounded by partners and by folded events. A state is
 * handed out with `take` (removed) and handed back with `put`: `evolveInPlace` extends a state,
 * so exactly one holder may have it at a time.
 */
export class StateCache {
  private readonly states = new Map<string, PartnerFold>();
  private readonly maxPartners: number;
  private readonly maxEvents: number;
  private events = 0;

  constructor(limits: StateCacheLimits = {}) {
    this.maxPartners = limits.maxPartners ?? DEFAULT_LIMITS.maxPartners;
    this.maxEvents = limits.maxEvents ?? DEFAULT_LIMITS.maxEvents;
  }

  get size(): number {
    return this.states.size;
  }

  /** Removes and returns the partner's state. */
  take(partnerId: string): PartnerFold | undefined {
    const state = this.states.get(partnerId);
    if (state === undefined) return undefined;
    this.states.delete(partnerId);
    this.events -= state.version;
    return state;
  }

  /** Keeps the state as most recently used, evicting the coldest ones beyond the bounds. */
  put(partnerId: string, state: PartnerFold): void {
    this.take(partnerId);
    this.states.set(partnerId, state);
    this.events += state.version;
    // Map iteration is insertion order, so the first key is the least recently used.
    for (const [coldest, cold] of this.states) {
      if (this.states.size <= this.maxPartners && this.events <= this.maxEvents) break;
      this.states.delete(coldest);
      this.events -= cold.version;
    }
  }

  clear(): void {
    this.states.clear();
    this.events = 0;
  }
}
