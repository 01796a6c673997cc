import type { StoredEvent } from '@partner-program/event-store';

/**
 * Finds stored events by messageId across all streams. A messageId is unique across every
 * partner (CONTRACT §1), which a partner's own stream cannot see; stores that index it (SQLite)
 * provide this, others fall back to per-partner detection.
 */
export interface MessageIndex {
  findByMessageId(messageId: string): Promise<StoredEvent[]>;
}

export function hasMessageIndex(store: object): store is MessageIndex {
  return typeof (store as Partial<MessageIndex>).findByMessageId === 'function';
}
