import { Inject, Injectable } from '@nestjs/common';
import { type PartnerStatus, type RulesetCatalog, type TierChange, evaluateStatus, initialState, tierTimeline, partnerStreamId } from '@partner-program/domain';
import { type EventStore, KeyedMutex, type StoredEvent, StreamStateCache } from '@partner-program/event-store';
import { EVENT_STORE, RULESET_CATALOG } from '@partner-program/platform';
import { type Folded, type StoredEvidenceStatus, foldStored, withStoredFacts } from './stored-evidence';

export type HistoryItem = Readonly<{
  position: number;
  revision: number;
  type: string;
  occurredAt: string;
  recordedAt: string;
  source: string;
  messageId: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}>;

/**
 * The auditor's view: answered from the event store itself, never from the read models. The
 * partner state keeps every fact with its business time, so one fold answers "as of T" for any T
 * (a property test proves it equals folding only the facts dated ≤ T); folds are cached and
 * brought up to date with the events appended since, under a per-partner lock because the
 * domain's evolveInPlace extends the state in place.
 */
@Injectable()
export class PartnerHistoryService {
  private readonly folds: StreamStateCache<Folded>;
  private readonly locks = new KeyedMutex();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(RULESET_CATALOG) private readonly catalog: RulesetCatalog,
  ) {
    this.folds = new StreamStateCache<Folded>({
      store,
      initialState: () => ({ partner: initialState(), lastPosition: 0n, stamps: [] }),
      evolve: foldStored,
      maxEntries: 500,
    });
  }

  async page(partnerId: string, from: number, limit: number): Promise<{ items: HistoryItem[]; nextFrom: number | null }> {
    const events: StoredEvent[] = [];
    for await (const event of this.store.readStream(partnerStreamId(partnerId), { fromRevision: from, maxCount: limit + 1 })) events.push(event);
    const items = events.slice(0, limit).map(toHistoryItem);
    return { items, nextFrom: events.length > limit ? from + limit : null };
  }

  /**
   * The status at `time` from facts with business time ≤ T, or undefined for an unknown partner;
   * `position` is that of the last stored event of the partner when answered. With `evidence`,
   * each requirement and area names the stored events behind it (evaluated from the same fold).
   */
  statusAsOf(
    partnerId: string,
    time: number,
    options: { evidence?: boolean } = {},
  ): Promise<((PartnerStatus | StoredEvidenceStatus) & { position: number }) | undefined> {
    return this.withFold(partnerId, (folded) => {
      const { partner, lastPosition } = folded;
      const status = options.evidence
        ? withStoredFacts(evaluateStatus(partner, this.catalog, partnerId, time, { evidence: true }), folded)
        : evaluateStatus(partner, this.catalog, partnerId, time);
      return { ...status, position: Number(lastPosition) };
    });
  }

  /** Every tier and badge change up to `to` (after `from`), with its causes. */
  timeline(partnerId: string, to: number, from?: number): Promise<TierChange[] | undefined> {
    return this.withFold(partnerId, ({ partner }) => tierTimeline(partner, this.catalog, { to, ...(from === undefined ? {} : { from }) }));
  }

  private withFold<T>(partnerId: string, answer: (folded: Folded) => T): Promise<T | undefined> {
    const streamId = partnerStreamId(partnerId);
    return this.locks.run(streamId, async () => {
      try {
        const { state, revision } = await this.folds.load(streamId);
        return revision === 'no_stream' ? undefined : answer(state);
      } catch (error) {
        this.folds.forget(streamId);
        throw error;
      }
    });
  }
}

function toHistoryItem(event: StoredEvent): HistoryItem {
  const { messageId, occurredAt, recordedAt, source, ...rest } = event.metadata;
  return {
    position: Number(event.position),
    revision: event.revision,
    type: event.type,
    occurredAt,
    recordedAt,
    source,
    messageId,
    data: event.data,
    metadata: rest,
  };
}
