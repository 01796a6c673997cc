import { Inject, Injectable } from '@nestjs/common';
import {
  type PartnerFold,
  type PartnerStatus,
  type RulesetCatalog,
  type TierChange,
  evaluateStatus,
  evolveInPlace,
  fromRecorded,
  initialState,
  tierTimeline,
  partnerStreamId,
} from '@partner-program/domain';
import { type EventStore, GENESIS_HASH, KeyedMutex, type StoredEvent, StreamStateCache } from '@partner-program/event-store';
import { EVENT_STORE, RULESET_CATALOG } from '@partner-program/platform';

export type HistoryItem = Readonly<{
  streamId: string;
  position: number;
  revision: number;
  type: string;
  occurredAt: string;
  recordedAt: string;
  source: string;
  messageId: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  /** The event's chain hash and the one before it (`null` only for an EventStoreDB event older than the chain). */
  hash: string | null;
  previousHash: string | null;
}>;

/** A partner's folded state and the position of the last event folded into it. */
type Folded = { partner: PartnerFold; lastPosition: bigint };

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
      initialState: () => ({ partner: initialState(), lastPosition: 0n }),
      evolve: (folded, event) => {
        evolveInPlace(folded.partner, fromRecorded(event));
        return { partner: folded.partner, lastPosition: event.position };
      },
      maxEntries: 500,
    });
  }

  async page(partnerId: string, from: number, limit: number): Promise<{ items: HistoryItem[]; nextFrom: number | null }> {
    const events: StoredEvent[] = [];
    // One event before the page too: its hash is the first item's previousHash.
    const start = Math.max(0, from - 1);
    for await (const event of this.store.readStream(partnerStreamId(partnerId), { fromRevision: start, maxCount: limit + 1 + from - start }))
      events.push(event);
    let previousHash: string | null = GENESIS_HASH;
    if (from > 0) previousHash = events[0]?.revision === from - 1 ? (events.shift()!.hash ?? null) : null;
    const items = events.slice(0, limit).map((event) => {
      const item = toHistoryItem(event, previousHash);
      previousHash = item.hash;
      return item;
    });
    return { items, nextFrom: events.length > limit ? from + limit : null };
  }

  /** The partner's last stored event (its chain head), or undefined for an unknown partner. */
  async chainHead(partnerId: string): Promise<{ revision: number; position: number; hash: string | null } | undefined> {
    const streamId = partnerStreamId(partnerId);
    const revision = await this.store.streamRevision(streamId);
    if (revision === 'no_stream') return undefined;
    // Revisions only grow, so the event at the revision just read is there to read.
    for await (const event of this.store.readStream(streamId, { fromRevision: revision, maxCount: 1 })) {
      return { revision, position: Number(event.position), hash: event.hash ?? null };
    }
    return undefined;
  }

  /**
   * The status at `time` from facts with business time ≤ T, or undefined for an unknown partner;
   * `position` is that of the last stored event of the partner when answered.
   */
  statusAsOf(partnerId: string, time: number): Promise<(PartnerStatus & { position: number }) | undefined> {
    return this.withFold(partnerId, ({ partner, lastPosition }) => ({
      ...evaluateStatus(partner, this.catalog, partnerId, time),
      position: Number(lastPosition),
    }));
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

function toHistoryItem(event: StoredEvent, previousHash: string | null): HistoryItem {
  const { messageId, occurredAt, recordedAt, source, ...rest } = event.metadata;
  return {
    streamId: event.streamId,
    position: Number(event.position),
    revision: event.revision,
    type: event.type,
    occurredAt,
    recordedAt,
    source,
    messageId,
    data: event.data,
    metadata: rest,
    hash: event.hash ?? null,
    previousHash,
  };
}
