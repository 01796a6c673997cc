import { type TierRiskNoticeIssued, partnerIdFromStreamId } from '@partner-program/domain';
import type { StoredEvent } from '@partner-program/event-store';
import { KAFKA_TOPICS } from '../kafka-topics';
import { NoticePublisher } from './notice.publisher';
import type { StoredEventPublisherOptions } from './stored-event.publisher';

type Issued = TierRiskNoticeIssued['data'];

/** The value on `partner-program.tier-at-risk.v1`: an integration event, mapped here. */
export type TierRiskNoticeMessage = Readonly<
  Pick<Issued, 'noticeId' | 'area' | 'from' | 'to' | 'dropOn' | 'dueOn' | 'causes' | 'prevention'> & { partnerId: string; issuedAt: string }
>;

/**
 * Relays every stored `TierRiskNoticeIssued` to the tier-at-risk topic, keyed by partnerId, with
 * the noticeId as the id consumers deduplicate on. Its own checkpoint, on the same relay as the renewal notices.
 */
export class TierRiskNoticePublisher extends NoticePublisher<TierRiskNoticeMessage> {
  constructor(options: StoredEventPublisherOptions) {
    super(options, KAFKA_TOPICS.tierRiskNotices);
  }

  protected toNotice(event: StoredEvent): TierRiskNoticeMessage | undefined {
    return toTierRiskNoticeMessage(event);
  }
}

/** The integration event for a stored `TierRiskNoticeIssued` of a partner stream; else `undefined`. */
export function toTierRiskNoticeMessage(event: StoredEvent): TierRiskNoticeMessage | undefined {
  const partnerId = partnerIdFromStreamId(event.streamId);
  if (event.type !== 'TierRiskNoticeIssued' || !partnerId) return undefined;
  const { noticeId, area, from, to, dropOn, dueOn, causes, prevention } = event.data as Issued;
  if (!noticeId || !area || !from || !dropOn || !dueOn || !causes || !prevention) throw new Error(`TierRiskNoticeIssued at ${event.position} lacks a field`);
  return { noticeId, partnerId, area, from, to, dropOn, dueOn, causes, prevention, issuedAt: event.metadata.occurredAt };
}
