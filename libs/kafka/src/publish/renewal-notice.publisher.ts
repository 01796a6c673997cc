import { partnerIdFromStreamId } from '@partner-program/domain';
import type { StoredEvent } from '@partner-program/event-store';
import { KAFKA_TOPICS } from '../kafka-topics';
import { NoticePublisher } from './notice.publisher';
import type { StoredEventPublisherOptions } from './stored-event.publisher';

/** The value on `partner-program.renewal-notices.v1` (docs/contract.md §3): an integration event, mapped here. */
export type RenewalNoticeMessage = Readonly<{
  noticeId: string;
  partnerId: string;
  agreementId: string;
  expiresOn: string;
  dueOn: string;
  issuedAt: string;
}>;

/** Options of {@link RenewalNoticePublisher}. */
export type RenewalNoticePublisherOptions = StoredEventPublisherOptions;

/** Relays every stored `RenewalNoticeIssued` to the renewal-notices topic, keyed by partnerId. */
export class RenewalNoticePublisher extends NoticePublisher<RenewalNoticeMessage> {
  constructor(options: RenewalNoticePublisherOptions) {
    super(options, KAFKA_TOPICS.renewalNotices);
  }

  protected toNotice(event: StoredEvent): RenewalNoticeMessage | undefined {
    return toRenewalNoticeMessage(event);
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
