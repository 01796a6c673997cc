import { partnerIdFromStreamId } from '@partner-program/domain';
import type { EventStore, StoredEvent } from '@partner-program/event-store';
import type { Message } from 'kafkajs';
import { KAFKA_TOPICS } from '../kafka-topics';
import { CheckpointedPublisher, type FeedPage, type PublisherOptions } from './checkpointed-publisher';

/** The value on `partner-program.renewal-notices.v1` (CONTRACT §3): an integration event, mapped here. */
export type RenewalNoticeMessage = Readonly<{
  noticeId: string;
  partnerId: string;
  agreementId: string;
  expiresOn: string;
  dueOn: string;
  issuedAt: string;
}>;

/** Header carrying the id consumers deduplicate on (the noticeId). */
export const MESSAGE_ID_HEADER = 'pp-message-id';

/** Options of {@link RenewalNoticePublisher}. */
export type RenewalNoticePublisherOptions = PublisherOptions & Readonly<{ store: EventStore }>;

/**
 * Relays every stored `RenewalNoticeIssued` to the renewal-notices topic, keyed by partnerId. The
 * event store is the outbox: the checkpoint is a global position, and only stored events are sent.
 */
export class RenewalNoticePublisher extends CheckpointedPublisher<StoredEvent> {
  private readonly store: EventStore;

  constructor(options: RenewalNoticePublisherOptions) {
    super(options, KAFKA_TOPICS.renewalNotices);
    this.store = options.store;
  }

  protected async readPage(checkpoint: string, limit: number): Promise<FeedPage<StoredEvent>> {
    const page = await this.store.readAll({ fromPosition: BigInt(checkpoint), maxCount: limit });
    return { items: page.events, next: page.nextPosition.toString(), isEnd: page.isEnd };
  }

  protected toMessage(event: StoredEvent): Message | undefined {
    const notice = toRenewalNoticeMessage(event);
    if (!notice) return undefined;
    return { key: notice.partnerId, value: JSON.stringify(notice), headers: { [MESSAGE_ID_HEADER]: notice.noticeId } };
  }
}

/** The integration event for a stored `RenewalNoticeIssued` of a partner stream; else `undefined`. */
export function toRenewalNoticeMessage(event: StoredEvent): RenewalNoticeMessage | undefined {
  const partnerId = partnerIdFromStreamId(event.streamId);
  if (event.type !== 'RenewalNoticeIssued' || !partnerId) return undefined;
  const { noticeId, agreementId, expiresOn, dueOn } = event.data as Record<string, string>;
  if (!noticeId || !agreementId || !expiresOn || !dueOn) throw new Error(`RenewalNoticeIssued at ${event.position} lacks a field`);
  return { noticeId, partnerId, agreementId, expiresOn, dueOn, issuedAt: event.metadata.occurredAt };
}
