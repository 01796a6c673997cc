import { Inject, Injectable } from '@nestjs/common';
import {
  type PartnerEvent,
  type PartnerStatus,
  type RulesetCatalog,
  type TierChange,
  foldEvents,
  fromRecorded,
  statusAsOf,
  tierTimeline,
  toMillis,
} from '@partner-program/domain';
import { type EventStore, type StoredEvent, partnerStreamId } from '@partner-program/event-store';
import { EVENT_STORE, RULESET_CATALOG } from '@partner-program/platform';

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

/** The auditor's view: answered from the event store itself, never from the read models. */
@Injectable()
export class PartnerHistoryService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(RULESET_CATALOG) private readonly catalog: RulesetCatalog,
  ) {}

  async page(partnerId: string, from: number, limit: number): Promise<{ items: HistoryItem[]; nextFrom: number | null }> {
    const events: StoredEvent[] = [];
    for await (const event of this.store.readStream(partnerStreamId(partnerId), { fromRevision: from, maxCount: limit + 1 })) events.push(event);
    const items = events.slice(0, limit).map(toHistoryItem);
    return { items, nextFrom: events.length > limit ? from + limit : null };
  }

  /** The status at `time` from facts with business time ≤ T, or undefined for an unknown partner. */
  async statusAsOf(partnerId: string, time: number): Promise<(PartnerStatus & { position: number }) | undefined> {
    const stored = await this.readAll(partnerId);
    if (stored.length === 0) return undefined;
    const known = stored.filter((event) => toMillis(event.metadata.occurredAt) <= time);
    const status = statusAsOf(known.map(fromRecorded), this.catalog, partnerId, time);
    return { ...status, position: Number(known.at(-1)?.position ?? 0n) };
  }

  /** Every tier and badge change up to `to` (after `from`), with its causes. */
  async timeline(partnerId: string, to: number, from?: number): Promise<TierChange[] | undefined> {
    const stored = await this.readAll(partnerId);
    if (stored.length === 0) return undefined;
    const state = foldEvents(stored.map((event): PartnerEvent => fromRecorded(event)));
    return tierTimeline(state, this.catalog, { to, ...(from === undefined ? {} : { from }) });
  }

  private async readAll(partnerId: string): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    for await (const event of this.store.readStream(partnerStreamId(partnerId))) events.push(event);
    return events;
  }
}

function toHistoryItem(event: StoredEvent): HistoryItem {
  const { messageId, occurredAt, recordedAt, source, ...rest } = event.metadata;
  return { position: Number(event.position), revision: event.revision, type: event.type, occurredAt, recordedAt, source, messageId, data: event.data, metadata: rest };
}
