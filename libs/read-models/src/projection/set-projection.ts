import { type PartnerFold, type PartnerState, type RulesetCatalog, hasAcceptedEvents, partnerIdFromStreamId } from '@partner-program/domain';
import type { Clock, EventStore, StoredEvent } from '@partner-program/event-store';
import type { SetRows, StoredPartner } from '../storage/read-model-storage';
import { type PartnerEvaluation, evaluatePartner } from './partner-evaluation';
import { PartnerStates } from './partner-states';

// ── Projection of the event log into one table set ────────────────────────────────────────────
// Per page: fold each touched partner, evaluate it once, and commit all its rows together with
// the checkpoint in one transaction, so rows and checkpoint never disagree and a replayed page
// writes the same rows again (tier changes have deterministic ids and are inserted or ignored).

export type ProjectionDeps = Readonly<{
  store: EventStore;
  catalog: RulesetCatalog;
  /** Days before a forecast drop its tier-at-risk notice is due. */
  tierRiskNoticeDays: number;
  clock: Clock;
  /** The leadership token to write with (`undefined`: unfenced); throws `FencedOutError` when not leading. */
  fence: () => bigint | undefined;
}>;

/** A partner to store: its state (owned here until committed) and what to record with it. */
type Target = { partnerId: string; state: PartnerFold; position: bigint; changesAfter: number | undefined };

/** From when on a partner's tier changes are to be recorded (`undefined`: its whole history). */
export type ChangesAfter = (partnerId: string, state: PartnerState) => number | undefined;

/** The {@link ChangesAfter} of a page of partners (looked up once for the whole page). */
export type ChangesAfterOf = (partnerIds: readonly string[]) => Promise<ChangesAfter>;

/** A partner known to the log: events 0 … revision, the last at `position`. */
export type PartnerHead = Readonly<{ partnerId: string; revision: number; position: bigint }>;

export class SetProjection {
  private constructor(
    private readonly deps: ProjectionDeps,
    readonly rows: SetRows,
    readonly states: PartnerStates,
    /** Last position committed to this set. */
    public position: bigint,
  ) {}

  /** The projection of `rows`, from the checkpoint the database holds. */
  static async open(deps: ProjectionDeps, rows: SetRows, states: PartnerStates): Promise<SetProjection> {
    return new SetProjection(deps, rows, states, await rows.checkpoint());
  }

  /** The same set and states, written through other rows (e.g. the live feed instead of a rebuild's). */
  withRows(rows: SetRows): SetProjection {
    return new SetProjection(this.deps, rows, this.states, this.position);
  }

  /** Projects the next page of the log; `events` counts every event read, partner or not. */
  async nextPage(maxCount: number): Promise<{ events: number; isEnd: boolean }> {
    const page = await this.deps.store.readAll({ fromPosition: this.position, maxCount });
    if (page.events.length === 0) return { events: 0, isEnd: page.isEnd };
    const targets: Target[] = [];
    try {
      const groups = byPartner(page.events);
      const stored = await this.rows.storedOf([...groups.keys()]);
      for (const [partnerId, events] of groups) {
        const before = await this.states.before(partnerId, events[0]!.revision);
        const state = PartnerStates.apply(before, events);
        targets.push({ partnerId, state, position: events.at(-1)!.position, changesAfter: changesAfter(stored.get(partnerId), events) });
      }
      await this.commit(targets, page.nextPosition, this.deps.clock().getTime());
    } finally {
      this.keep(targets);
    }
    return { events: page.events.length, isEnd: page.isEnd };
  }

  /** Re-evaluates stored partners at `now`, with no new event; returns how many. */
  async refresh(partnerIds: readonly string[], now: number): Promise<number> {
    const targets: Target[] = [];
    try {
      const storedOf = await this.rows.storedOf(partnerIds);
      for (const partnerId of partnerIds) {
        const stored = storedOf.get(partnerId);
        // Never evaluate a partner back to an earlier time than its rows already show.
        if (!stored || stored.evaluatedAt > now) continue;
        const state = await this.states.before(partnerId, stored.revision + 1);
        targets.push({ partnerId, state, position: stored.position, changesAfter: stored.evaluatedAt });
      }
      await this.commit(targets, undefined, now);
    } finally {
      this.keep(targets);
    }
    return targets.length;
  }

  /**
   * Projects whole partners (their history up to the given head), then sets the checkpoint;
   * `changesAfterOf` says from when on each partner's tier changes are still to be recorded. Each
   * partner is evaluated as soon as it is folded, and its state handed back to the cache or,
   * with `keepStates` false, dropped at once: a page then holds one partner's state at a time
   * besides the (much smaller) evaluations.
   */
  async projectWhole(heads: readonly PartnerHead[], checkpoint: bigint | undefined, changesAfterOf: ChangesAfterOf, keepStates = true): Promise<void> {
    const { catalog, tierRiskNoticeDays } = this.deps;
    const now = this.deps.clock().getTime();
    const changesAfter = await changesAfterOf(heads.map((head) => head.partnerId));
    const evaluations: PartnerEvaluation[] = [];
    for (const { partnerId, revision, position } of heads) {
      const state = await this.states.before(partnerId, revision + 1);
      try {
        if (hasAcceptedEvents(state))
          evaluations.push(evaluatePartner({ partnerId, state, position, changesAfter: changesAfter(partnerId, state), catalog, tierRiskNoticeDays, now }));
      } finally {
        if (keepStates) this.states.keep(partnerId, state);
      }
    }
    await this.store(evaluations, checkpoint);
  }

  private commit(targets: readonly Target[], checkpoint: bigint | undefined, now: number): Promise<void> {
    const { catalog, tierRiskNoticeDays } = this.deps;
    // A partner with refused messages only gets no rows: it is listed, counted and found nowhere.
    const known = targets.filter((t) => hasAcceptedEvents(t.state));
    return this.store(
      known.map((t) => evaluatePartner({ ...t, catalog, tierRiskNoticeDays, now })),
      checkpoint,
    );
  }

  /** Writes a page's rows and its checkpoint in one transaction, fenced by the leadership token. */
  private async store(evaluations: readonly PartnerEvaluation[], checkpoint: bigint | undefined): Promise<void> {
    await this.rows.commit(evaluations, checkpoint, this.deps.fence());
    if (checkpoint !== undefined) this.position = checkpoint;
  }

  private keep(targets: readonly Target[]): void {
    for (const { partnerId, state } of targets) this.states.keep(partnerId, state);
  }
}

/**
 * Tier changes before the earliest new fact and before the last evaluation are already
 * recorded; a fact dated in the past re-opens the timeline from its own time.
 */
function changesAfter(stored: StoredPartner | undefined, events: readonly StoredEvent[]): number | undefined {
  if (!stored) return undefined;
  let from = stored.evaluatedAt;
  for (const event of events) from = Math.min(from, Date.parse(event.metadata.occurredAt) - 1);
  return from;
}

/** Events of partner streams grouped by partner, in log order (consecutive revisions per partner). */
export function byPartner(events: readonly StoredEvent[]): Map<string, StoredEvent[]> {
  const groups = new Map<string, StoredEvent[]>();
  for (const event of events) {
    const partnerId = partnerIdFromStreamId(event.streamId);
    if (partnerId === undefined) continue;
    const group = groups.get(partnerId);
    if (group) group.push(event);
    else groups.set(partnerId, [event]);
  }
  return groups;
}
