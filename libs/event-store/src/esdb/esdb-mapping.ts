import {
  ANY,
  jsonEvent,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  type AppendExpectedRevision,
  type CurrentRevision,
  type EventData as EsdbEventData,
  type Position,
  type RecordedEvent,
} from '@eventstore/db-client';
import type { EventMetadata, NewEvent, StoredEvent, StoredEventMetadata } from '../event-envelope';
import type { ExpectedRevision, StreamRevision } from '../expected-revision';
import { INITIAL_SCHEMA_VERSION } from '../upcaster-registry';

/** Our expected revision → the client's (revisions are bigint on the wire). */
export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
}

/** The client's expected revision → ours (used when mapping its errors back). */
export function fromEsdbExpectedRevision(expected: AppendExpectedRevision): ExpectedRevision {
  return typeof expected === 'bigint' ? toSafeNumber(expected, 'expected revision') : expected;
}

/** The client's current revision → our stream revision. */
export function fromEsdbCurrentRevision(current: CurrentRevision): StreamRevision {
  return current === NO_STREAM ? 'no_stream' : toSafeNumber(current, 'revision');
}

/**
 * Our exclusive checkpoint → a client read position. Positions are commit positions; for events
 * written outside explicit transactions (all of ours) commit and prepare positions are equal.
 */
export function toEsdbPosition(position: bigint): typeof START | Position {
  return position === 0n ? START : { commit: position, prepare: position };
}

/** Marker for "no position": what stream reads report on servers older than 22.6. */
const NO_POSITION = 2n ** 64n - 1n;

/** Commit position of a recorded event, or `undefined` when the server did not report one. */
export function commitPositionOf(event: Pick<RecordedEvent, 'position'>): bigint | undefined {
  const commit = event.position?.commit;
  return commit === undefined || commit === NO_POSITION || commit < 0n ? undefined : commit;
}

/** Streams `message-id-<messageId>`: the adapter's reservations (esdb-message-ids.ts). */
export const MESSAGE_ID_STREAM_PREFIX = 'message-id-';

/** EventStoreDB system streams and events (`$…`) and the adapter's own reservations never surface through the port. */
export function isSystemEvent(event: Pick<RecordedEvent, 'streamId' | 'type'>): boolean {
  return event.streamId.startsWith('$') || event.type.startsWith('$') || event.streamId.startsWith(MESSAGE_ID_STREAM_PREFIX);
}

/**
 * A new event → client event data. Our metadata (plus recordedAt and schemaVersion) travels as
 * the JSON event metadata. The ESDB event id is a fresh UUID, not the messageId: ESDB treats a
 * repeated id as an idempotent retry and would report success where other stores conflict.
 */
export function toEsdbEventData(event: NewEvent, recordedAt: string, schemaVersion: number, id: string): EsdbEventData {
  const { schemaVersion: _ignored, ...metadata } = event.metadata;
  return jsonEvent({ id, type: event.type, data: event.data, metadata: { ...metadata, recordedAt, schemaVersion } });
}

/** Key of the event's chain hash in the ESDB metadata; taken out on read, so the hash covers the metadata without it. */
const HASH_KEY = '$hash';

/** Client event data with its chain hash added to the metadata. */
export function withHash(event: EsdbEventData, hash: string): EsdbEventData {
  return { ...event, metadata: { ...(event.metadata as Record<string, unknown>), [HASH_KEY]: hash } };
}

/** A recorded event → StoredEvent (not yet upcast). Throws on events this store cannot have written. */
export function fromEsdbRecordedEvent(event: RecordedEvent): StoredEvent {
  const position = commitPositionOf(event);
  if (position === undefined) {
    throw new Error(`${event.streamId}@${event.revision}: server reported no position (EventStoreDB >= 22.6 required)`);
  }
  if (!event.isJson || !isJsonObject(event.data) || !isJsonObject(event.metadata)) {
    throw new Error(`${event.streamId}@${event.revision}: not a JSON event with JSON metadata`);
  }
  const { [HASH_KEY]: hash, ...metadata } = event.metadata as unknown as Partial<StoredEventMetadata> & EventMetadata & { [HASH_KEY]?: string };
  return {
    ...(typeof hash === 'string' ? { hash } : {}),
    streamId: event.streamId,
    revision: toSafeNumber(event.revision, 'revision'),
    position,
    type: event.type,
    data: event.data,
    metadata: {
      ...metadata,
      // Events written by other tools lack our fields; fall back to what the server knows.
      recordedAt: metadata.recordedAt ?? event.created.toISOString(),
      schemaVersion: metadata.schemaVersion ?? INITIAL_SCHEMA_VERSION,
    },
  };
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

function toSafeNumber(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`${what} ${value} exceeds Number.MAX_SAFE_INTEGER`);
  return Number(value);
}
