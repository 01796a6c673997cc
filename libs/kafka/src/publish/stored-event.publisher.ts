import type { EventStore, StoredEvent } from '@partner-program/event-store';
import { CheckpointedPublisher, type FeedPage, type PublisherOptions } from './checkpointed-publisher';

/** Options of the publishers whose outbox is the event store. */
export type StoredEventPublisherOptions = PublisherOptions & Readonly<{ store: EventStore }>;

/**
 * The relay over the event store's global log: the store is the outbox, the checkpoint a global
 * position, so only stored events are sent. Subclasses say which events become which message.
 */
export abstract class StoredEventPublisher extends CheckpointedPublisher<StoredEvent> {
  private readonly store: EventStore;

  protected constructor(options: StoredEventPublisherOptions, defaultTopic: string) {
    super(options, defaultTopic);
    this.store = options.store;
  }

  protected async readPage(checkpoint: string, limit: number): Promise<FeedPage<StoredEvent>> {
    const page = await this.store.readAll({ fromPosition: BigInt(checkpoint), maxCount: limit });
    return { items: page.events, next: page.nextPosition.toString(), isEnd: page.isEnd };
  }
}
