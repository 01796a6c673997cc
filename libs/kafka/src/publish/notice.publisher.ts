import type { StoredEvent } from '@partner-program/event-store';
import type { Message } from 'kafkajs';
import { StoredEventPublisher } from './stored-event.publisher';

/** Header carrying the id consumers deduplicate on (the noticeId). */
export const MESSAGE_ID_HEADER = 'pp-message-id';

/** What every notice message carries: whose it is (the key) and its id (the header consumers deduplicate on). */
type NoticeMessage = Readonly<{ noticeId: string; partnerId: string }>;

/**
 * The relay of one kind of issued notice: each stored `…NoticeIssued` becomes one message, keyed by
 * partnerId so a partner's notices stay in order, with the noticeId as its message id.
 */
export abstract class NoticePublisher<N extends NoticeMessage> extends StoredEventPublisher {
  /** The integration event for a stored event of this kind of notice; `undefined` for any other event. */
  protected abstract toNotice(event: StoredEvent): N | undefined;

  protected toMessage(event: StoredEvent): Message | undefined {
    const notice = this.toNotice(event);
    if (!notice) return undefined;
    return { key: notice.partnerId, value: JSON.stringify(notice), headers: { [MESSAGE_ID_HEADER]: notice.noticeId } };
  }
}
