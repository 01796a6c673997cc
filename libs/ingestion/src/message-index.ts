/**
 * Finds which streams hold given messageIds. A messageId is unique across every partner
 * (CONTRACT §1), which a partner's own stream cannot see; stores that index it (SQLite) provide
 * this, others fall back to per-partner detection.
 */
export interface MessageIndex {
  /** For each of `messageIds` that is stored, the streams holding it (absent ids are left out). */
  streamsByMessageId(messageIds: readonly string[]): Promise<Map<string, string[]>>;
}

export function hasMessageIndex(store: object): store is MessageIndex {
  return typeof (store as Partial<MessageIndex>).streamsByMessageId === 'function';
}
