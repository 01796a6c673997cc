import { toJsonText } from './append-validation';
import type { NewEvent } from './event-envelope';

/** A fully encoded event ready for INSERT (encoded before queuing so bad input fails alone); shared by the SQL stores. */
export interface EncodedEvent {
  type: string;
  data: string;
  metadata: string;
  schemaVersion: number;
  messageId: string;
  recordedAt: string;
}

/** NewEvent → INSERT values. Done at append time so unserialisable input fails alone. */
export function encodeEvent(event: NewEvent, recordedAt: string, schemaVersion: number, where: string): EncodedEvent {
  // schemaVersion lives in its own column; the metadata JSON keeps the caller's fields only.
  const { schemaVersion: _column, ...metadata } = event.metadata;
  return {
    type: event.type,
    data: toJsonText(event.data, `${where}.data`),
    metadata: toJsonText(metadata, `${where}.metadata`),
    schemaVersion,
    messageId: event.metadata.messageId,
    recordedAt,
  };
}
