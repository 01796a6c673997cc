import type { Message } from 'kafkajs';
import { KAFKA_TOPICS } from '../kafka-topics';
import { CheckpointedPublisher, type FeedPage, type PublisherOptions } from './checkpointed-publisher';

/** One tier or badge change as the read models record it (`ReadModelQueries.tierChanges`). */
export type TierChange = Readonly<{
  /** Feed order; the checkpoint. */
  sequence: number;
  /** Stable id of the change, sent as `pp-change-id` for consumer deduplication. */
  changeId: string;
  partnerId: string;
  area: string;
  from: string | null;
  to: string | null;
  badge: boolean;
  at: string;
  /** Global store position the change derives from. */
  position: number;
}>;

/** Reads changes after `afterSequence`, oldest first, at most `limit`. */
export type TierChangeFeed = (afterSequence: number, limit: number) => readonly TierChange[] | Promise<readonly TierChange[]>;

/** The value on `partner-program.status-changes.v1` (docs/contract.md §3). */
export type StatusChangeMessage = Readonly<Pick<TierChange, 'partnerId' | 'area' | 'from' | 'to' | 'badge' | 'at' | 'position'>>;

export const CHANGE_ID_HEADER = 'pp-change-id';

/** Options of {@link StatusChangePublisher}. */
export type StatusChangePublisherOptions = PublisherOptions & Readonly<{ feed: TierChangeFeed }>;

/**
 * Relays every tier or badge change of the feed to the status-changes topic, keyed by partnerId.
 * The feed is derived from the store, so it is durable and replayable; the checkpoint is its sequence.
 */
export class StatusChangePublisher extends CheckpointedPublisher<TierChange> {
  private readonly feed: TierChangeFeed;

  constructor(options: StatusChangePublisherOptions) {
    super(options, KAFKA_TOPICS.statusChanges);
    this.feed = options.feed;
  }

  protected async readPage(checkpoint: string, limit: number): Promise<FeedPage<TierChange>> {
    const after = Number(checkpoint);
    const items = await this.feed(after, limit);
    const last = items.at(-1);
    return { items, next: String(last ? last.sequence : after), isEnd: items.length < limit };
  }

  protected toMessage(change: TierChange): Message {
    const { partnerId, area, from, to, badge, at, position } = change;
    const value: StatusChangeMessage = { partnerId, area, from, to, badge, at, position };
    return { key: partnerId, value: JSON.stringify(value), headers: { [CHANGE_ID_HEADER]: change.changeId } };
  }
}
