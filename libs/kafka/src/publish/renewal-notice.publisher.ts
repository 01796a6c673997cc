import { partnerIdFromStreamId } from '@partner-program/domain';
import type { StoredEvent } from '@partner-program/event-store';
import type { Message } from 'kafkajs';
import { KAFKA_TOPICS } from '../kafka-topics';
import { StoredEventPublisher, type StoredEventPublisherOptions } from './stored-event.publisher';

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
export type RenewalNoticePublisherOptions = StoredEventPublisherOptions;

/** Relays every stored `RenewalNoticeIssued` to the renewal-notices topic, keyed by partnerId. */
export class RenewalNoticePublisher extends StoredEventPublisher {
  constructor(options: RenewalNoticePublisherOptions) {
    super(options, KAFKA_TOPICS.renewalNotices);
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
