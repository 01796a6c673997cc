import { Inject, Injectable } from '@nestjs/common';
import {
  type Forecast,
  type PartnerFold,
  type PartnerStatus,
  type RulesetCatalog,
  type TierChange,
  type TimelineRange,
  evaluateStatus,
  hasAcceptedEvents,
  evolveInPlace,
  forecast,
  fromRecorded,
  initialState,
  tierTimeline,
  partnerStreamId,
  toIsoTime,
  toMillis,
} from '@partner-program/domain';
import { type EventStore, GENESIS_HASH, KeyedMutex, type StoredEvent, StreamStateCache } from '@partner-program/event-store';
import { EVENT_STORE, RULESET_CATALOG } from '@partner-program/platform';
import { type EventStamp, type StoredEvidenceStatus, withStoredFacts } from './stored-evidence';

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

/**
 * A partner's folded state, the position of the last event folded into it, the latest `recordedAt`
 * among them, and each folded event's position and recordedAt by domain revision (evidence's store metadata).
 */
type Folded = { partner: PartnerFold; lastPosition: bigint; recordedUpTo: number; stamps: EventStamp[] };

const unfolded = (): Folded => ({ partner: initialState(), lastPosition: 0n, recordedUpTo: -Infinity, stamps: [] });

function foldInto(folded: Folded, event: StoredEvent): Folded {
  evolveInPlace(folded.partner, fromRecorded(event));
  const recordedAt = toMillis(event.metadata.recordedAt);
  folded.stamps.push({ position: Number(event.position), recordedAt: event.metadata.recordedAt });
  return { partner: folded.partner, lastPosition: event.position, recordedUpTo: Math.max(folded.recordedUpTo, recordedAt), stamps: folded.stamps };
}

/** A status rebuilt from the store: the instant it was recorded by (null: everything) and the last position folded. */
export type HistoricStatus = (PartnerStatus | StoredEvidenceStatus) & { knownAt: string | null; position: number };

/**
 * The auditor's view: answered from the event store itself, never from the read models. The
 * partner state keeps every fact with its business time, so one fold answers "as of T" for any T
 * (a property test proves it equals folding only the facts dated ≤ T); folds are cached and
 * brought up to date with the events appended since, under a per-partner lock because the
 * domain's evolveInPlace extends the state in place.
 *
 * `knownAt` (bitemporal) evaluates only the events recorded by then. The cached fold answers it
 * when it holds nothing recorded later (knownAt = now, the usual case); otherwise the stream is
 * read whole and the events recorded by knownAt folded afresh (O(events), uncached: a fold cannot
 * drop an event once folded). Whole, because `recordedAt` is not monotone per stream: each
 * process stamps it from its own clock at append (a worker and the API can append to one stream;
 * a clock can step back), so the read cannot stop at the first event recorded later.
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
      initialState: unfolded,
      evolve: foldInto,
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
   * The status at `time` from facts with business time ≤ T (and recorded by `knownAt`), or
   * undefined for an unknown partner (or none recorded by then); `position` is the last event folded.
   * With `evidence`, each requirement and area names the stored events behind it, from the same fold.
   */
  async statusAsOf(partnerId: string, time: number, knownAt?: number, options: { evidence?: boolean } = {}): Promise<HistoricStatus | undefined> {
    const answer = ({ partner, lastPosition, stamps }: Folded) => ({
      ...(options.evidence
        ? withStoredFacts(evaluateStatus(partner, this.catalog, partnerId, time, { evidence: true }), partner, stamps)
        : evaluateStatus(partner, this.catalog, partnerId, time)),
      knownAt: knownAt === undefined ? null : toIsoTime(knownAt),
      position: Number(lastPosition),
    });
    return this.withFoldKnownAt(partnerId, knownAt, answer);
  }

  /** Every tier and badge change up to `to` (after `from`), with its causes and the last position folded. */
  async timeline(partnerId: string, range: TimelineRange, knownAt?: number): Promise<{ changes: TierChange[]; position: number } | undefined> {
    const answer = ({ partner, lastPosition }: Folded) => ({ changes: tierTimeline(partner, this.catalog, range), position: Number(lastPosition) });
    return this.withFoldKnownAt(partnerId, knownAt, answer);
  }

  /** `answer` from the cached fold if it holds only events recorded by `knownAt`, else from a fold of those; undefined if there are none. */
  private async withFoldKnownAt<T>(partnerId: string, knownAt: number | undefined, answer: (folded: Folded) => T): Promise<T | undefined> {
    const cached = await this.withFold(partnerId, (folded) =>
      knownAt === undefined || folded.recordedUpTo <= knownAt ? { answer: answer(folded) } : 'refold',
    );
    if (cached !== 'refold') return cached?.answer;
    let known: Folded | undefined;
    for await (const event of this.store.readStream(partnerStreamId(partnerId))) {
      if (toMillis(event.metadata.recordedAt) <= knownAt!) known = foldInto(known ?? unfolded(), event);
    }
    return known && hasAcceptedEvents(known.partner) ? answer(known) : undefined;
  }

  /** The changes in `(from, until]` if no new fact arrives; `position` as in `statusAsOf`. */
  forecast(partnerId: string, from: number, until: number): Promise<(Forecast & { position: number }) | undefined> {
    return this.withFold(partnerId, ({ partner, lastPosition }) => ({
      ...forecast(partner, this.catalog, partnerId, from, until),
      position: Number(lastPosition),
    }));
  }

  private withFold<T>(partnerId: string, answer: (folded: Folded) => T): Promise<T | undefined> {
    const streamId = partnerStreamId(partnerId);
    return this.locks.run(streamId, async () => {
      try {
        const { state, revision } = await this.folds.load(streamId);
        return revision === 'no_stream' || !hasAcceptedEvents(state.partner) ? undefined : answer(state);
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
