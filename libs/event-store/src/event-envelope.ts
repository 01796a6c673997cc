/**
 * The shapes that cross the store boundary. The store is generic: an event's `type` is a plain
 * string and its `data` a JSON object; the partner domain gives them meaning elsewhere.
 */

/** A JSON object: the payload of an event. Must survive `JSON.stringify`/`JSON.parse` unchanged. */
export type EventData = Record<string, unknown>;

/** Who did it, when it happened in business terms, and how it relates to other messages. */
export interface EventMetadata {
  /** Id of the message (command or upstream event) that produced this event; used for dedup. */
  messageId: string;
  /** The system or component the message came from. */
  source: string;
  /** ISO-8601 business time: when the fact happened, which may differ from when it was recorded. */
  occurredAt: string;
  /** Id shared by every message of one business conversation. */
  correlationId?: string;
  /** Id of the message that directly caused this one. */
  causationId?: string;
  /** The person or role acting, when a human is behind the message. */
  actor?: { role: string; name: string };
  /** Where the message was received (transport, topic/partition/offset, request id), when it matters later. */
  origin?: Readonly<Record<string, string | number>>;
  /**
   * Version of the `data` shape. Leave it out on append: the store stamps the current version
   * known to its upcaster registry. Set it only to record an older shape (imports, tests).
   */
  schemaVersion?: number;
}

/** An event to append. */
export interface NewEvent {
  /** Event type, e.g. `PartnerRegistered`. */
  type: string;
  /** JSON payload. */
  data: EventData;
  /** Caller-supplied metadata; the store adds `recordedAt` and `schemaVersion`. */
  metadata: EventMetadata;
}

/** Metadata as read back: always carries the recording time and the (upcast) schema version. */
export type StoredEventMetadata = EventMetadata & {
  /** ISO-8601 time at which the store accepted the append (from the store's clock). */
  recordedAt: string;
  /** Schema version of `data` as returned, i.e. after upcasting. */
  schemaVersion: number;
};

/** An event as read from the store. */
export interface StoredEvent {
  /** Stream the event belongs to. */
  streamId: string;
  /** 0-based position of the event within its stream. */
  revision: number;
  /**
   * Position in the global order (all streams). Strictly increasing in that order; exact 64-bit
   * value (SQLite: 1, 2, 3, … without gaps; EventStoreDB: commit position).
   */
  position: bigint;
  /** Event type. */
  type: string;
  /** JSON payload, upcast to the current schema version. */
  data: EventData;
  /** Metadata including `recordedAt` and `schemaVersion`. */
  metadata: StoredEventMetadata;
  /**
   * SHA-256 chaining this event to the previous one of its stream (hash-chain/event-hash.ts),
   * over the event as stored. Absent only on an EventStoreDB event appended before the chain
   * existed (events there are immutable, so the upgrade cannot add it).
   */
  hash?: string;
}
