import { toJsonText } from './append-validation';
import type { NewEvent } from './event-envelope';
import type { HashedEvent } from './hash-chain/event-hash';
import type { AppendResult } from './event-store.port';
import type { ExpectedRevision } from './expected-revision';
import type { UpcasterRegistry } from './upcaster-registry';

/** A fully encoded event ready for INSERT (encoded before queuing so bad input fails alone); shared by the SQL stores. */
export interface EncodedEvent {
  type: string;
  data: string;
  metadata: string;
  schemaVersion: number;
  messageId: string;
  recordedAt: string;
  /** The event as it will read back (parsed from the text stored), for its hash once its revision is known. */
  content: Omit<HashedEvent, 'streamId' | 'revision'>;
}

/** An append's events as INSERT values, stamped with `recordedAt` and the current schema versions. */
export function encodeAppend(streamId: string, events: readonly NewEvent[], recordedAt: string, upcasters: UpcasterRegistry): EncodedEvent[] {
  return events.map((event, i) => encodeEvent(event, recordedAt, event.metadata.schemaVersion ?? upcasters.currentVersion(event.type), `${streamId}[${i}]`));
}

/** NewEvent → INSERT values. Done at append time so unserialisable input fails alone. */
function encodeEvent(event: NewEvent, recordedAt: string, schemaVersion: number, where: string): EncodedEvent {
  // schemaVersion lives in its own column; the metadata JSON keeps the caller's fields only.
  const { schemaVersion: _column, ...metadata } = event.metadata;
  const data = toJsonText(event.data, `${where}.data`);
  const metadataText = toJsonText(metadata, `${where}.metadata`);
  // Hashed as it will read back: the JSON round trip drops what JSON.stringify drops (undefined, functions).
  const content = {
    type: event.type,
    data: JSON.parse(data) as Record<string, unknown>,
    metadata: { ...(JSON.parse(metadataText) as object), recordedAt, schemaVersion },
  };
  return { type: event.type, data, metadata: metadataText, schemaVersion, messageId: event.metadata.messageId, recordedAt, content };
}

/** An encoded append waiting in a SQL store's group commit for its transaction. */
export interface PendingAppend {
  streamId: string;
  events: EncodedEvent[];
  expected: ExpectedRevision;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}
