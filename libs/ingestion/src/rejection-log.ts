/** Where a message came from, so an operator can find it upstream. */
export type MessageOrigin = Readonly<
  { transport: 'http'; requestId?: string } | { transport: 'kafka'; topic: string; partition: number; offset: string }
>;

/** An invalid or rejected message, kept with its reason (CONTRACT §1: never silently dropped). */
export type RejectionEntry = Readonly<{
  outcome: 'invalid' | 'rejected';
  /** `invalid` for broken rules, or the domain's rejection code. */
  code: string;
  reason: string;
  problems?: readonly { path: string; message: string }[];
  messageId?: string;
  partnerId?: string;
  type?: string;
  /** The message as received (JSON text). */
  payload: string;
  origin: MessageOrigin;
  receivedAt: string;
}>;

export type StoredRejection = RejectionEntry & Readonly<{ id: number }>;

/** The operator-visible log of messages that were not appended. */
export interface RejectionLog {
  /** Durably records the entry; the same message with the same outcome is kept once. */
  record(entry: RejectionEntry): Promise<void>;
  /** Entries after `after` (an id), oldest first. */
  list(options: { after?: number; limit: number }): StoredRejection[];
  close(): void;
}
