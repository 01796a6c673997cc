import type { PartnerFold } from '@partner-program/domain';
import { LRUCache } from 'lru-cache';

/** Bounds of {@link StateCache}. */
export type StateCacheLimits = Readonly<{
  /** Partners kept. Default 10,000. */
  maxPartners?: number;
  /** Events folded into the kept states, summed: what memory grows with (~450 bytes each). Default 500,000. */
  maxEvents?: number;
}>;

const DEFAULT_LIMITS = { maxPartners: 10_000, maxEvents: 500_000 } as const;

/**
 * Least recently used partner states, bounded by partners and by folded events (lru-cache's
 * entry and size bounds; a state's size is its version). A state is handed out with `take`
 * (removed) and handed back with `put`: `evolveInPlace` extends a state, so exactly one holder
 * may have it at a time.
 */
export class StateCache {
  private readonly states: LRUCache<string, PartnerFold>;

  constructor(limits: StateCacheLimits = {}) {
    this.states = new LRUCache({
      max: limits.maxPartners ?? DEFAULT_LIMITS.maxPartners,
      maxSize: limits.maxEvents ?? DEFAULT_LIMITS.maxEvents,
      // lru-cache wants a positive size; a cached state has folded at least one event anyway.
      sizeCalculation: (state) => Math.max(1, state.version),
    });
  }

  get size(): number {
    return this.states.size;
  }

  /** Events folded into the kept states, summed. */
  get events(): number {
    return this.states.calculatedSize;
  }

  /** Removes and returns the partner's state. */
  take(partnerId: string): PartnerFold | undefined {
    const state = this.states.peek(partnerId);
    if (state !== undefined) this.states.delete(partnerId);
    return state;
  }

  /**
   * Keeps the state as most recently used, evicting the coldest ones beyond the bounds (a state
   * alone above the event bound is not kept: the next page folds it again from the store).
   */
  put(partnerId: string, state: PartnerFold): void {
    this.states.set(partnerId, state);
  }

  clear(): void {
    this.states.clear();
  }
}
