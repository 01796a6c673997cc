import { type PartnerFold, evolveInPlace, fromRecorded, initialState, partnerStreamId } from '@partner-program/domain';
import type { EventStore, StoredEvent } from '@partner-program/event-store';
import type { StateCache } from './state-cache';

// ── Partner states for the projector: from the cache when it is exactly where it must be,
// otherwise folded from the partner's stream ───────────────────────────────────────────────────

export class PartnerStates {
  constructor(
    private readonly store: EventStore,
    readonly cache: StateCache,
  ) {}

  /**
   * The partner's state with exactly `revision` events folded (revisions 0 … revision − 1). The
   * caller owns it until it hands it back with `keep`. Reads only those events: the store may
   * already hold later ones.
   */
  async before(partnerId: string, revision: number): Promise<PartnerFold> {
    const cached = this.cache.take(partnerId);
    // A state ahead of `revision` (a page replayed after a failed commit) cannot be unfolded.
    const state = cached && cached.version <= revision ? cached : initialState();
    if (state.version < revision) {
      const events = this.store.readStream(partnerStreamId(partnerId), { fromRevision: state.version, maxCount: revision - state.version });
      for await (const event of events) evolveInPlace(state, fromRecorded(event));
    }
    if (state.version !== revision) throw new Error(`partner ${partnerId}: stream has ${state.version} events, expected ${revision}`);
    return state;
  }

  /** Folds stored events (consecutive revisions of the partner) into a state the caller owns. */
  static apply(state: PartnerFold, events: readonly StoredEvent[]): PartnerFold {
    for (const event of events) evolveInPlace(state, fromRecorded(event));
    return state;
  }

  keep(partnerId: string, state: PartnerFold): void {
    this.cache.put(partnerId, state);
  }
}
