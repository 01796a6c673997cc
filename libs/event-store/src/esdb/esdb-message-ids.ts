import { randomUUID } from 'node:crypto';
import { FORWARDS, NO_STREAM, WrongExpectedVersionError } from '@eventstore/db-client';
import { MessageIdInUseError } from '../event-store.errors';
import type { EsdbClient } from './esdb-client';
import { MESSAGE_ID_STREAM_PREFIX, toEsdbEventData } from './esdb-mapping';

// The first event of stream `message-id-<messageId>` names the stream that holds the messageId.
const RESERVED = 'MessageIdReserved';

/**
 * EventStoreDB has no transaction across streams, so a messageId is reserved before the events
 * are appended: an append to its own stream with expected revision `no_stream`, which exactly one
 * writer can win. A writer that loses reads the winner's stream; a reservation held by the same
 * stream is fine (a retry, or a message appended there again: the domain's business).
 *
 * The crash window: reserved, then the process dies (or the event append fails its revision
 * check) before the events are stored. The reservation stays with that stream. A retry of the
 * message for the same stream goes through; the same messageId for another stream is refused,
 * which is what the contract asks of a reused messageId anyway. So no accepted event is lost and
 * no messageId ends up in two streams; the cost is a refusal for an id whose first message was
 * never acknowledged.
 */
export async function reserveMessageIds(client: EsdbClient, streamId: string, messageIds: Iterable<string>, recordedAt: string): Promise<void> {
  await Promise.all([...new Set(messageIds)].map((messageId) => reserve(client, streamId, messageId, recordedAt)));
}

async function reserve(client: EsdbClient, streamId: string, messageId: string, recordedAt: string): Promise<void> {
  const reservation = toEsdbEventData(
    { type: RESERVED, data: { messageId, streamId }, metadata: { messageId: `reservation:${messageId}`, source: 'event-store', occurredAt: recordedAt } },
    recordedAt,
    1,
    randomUUID(),
  );
  try {
    await client.appendToStream(`${MESSAGE_ID_STREAM_PREFIX}${messageId}`, [reservation], { expectedRevision: NO_STREAM });
    return;
  } catch (error) {
    if (!(error instanceof WrongExpectedVersionError)) throw error;
  }
  const holder = await holderOf(client, messageId);
  if (holder !== streamId) throw new MessageIdInUseError(messageId, holder ?? '(unknown)', streamId);
}

async function holderOf(client: EsdbClient, messageId: string): Promise<string | undefined> {
  for await (const resolved of client.readStream(`${MESSAGE_ID_STREAM_PREFIX}${messageId}`, { fromRevision: 0n, maxCount: 1, direction: FORWARDS })) {
    const data = resolved.event?.data as { streamId?: unknown } | undefined;
    if (typeof data?.streamId === 'string') return data.streamId;
  }
  return undefined;
}
