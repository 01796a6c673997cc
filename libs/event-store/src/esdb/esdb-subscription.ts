import { streamNameFilter, type RecordedEvent } from '@eventstore/db-client';
import type { StoredEvent } from '../event-envelope';
import type { EsdbClient, EsdbSubscription } from './esdb-client';
import { MESSAGE_ID_STREAM_PREFIX, isSystemEvent, toEsdbPosition } from './esdb-mapping';

/**
 * Every stream but the server's (`$…`) and the adapter's messageId reservations: filtered on the
 * server, so a subscription to every stream is not fed bookkeeping it skips (after a drop it
 * resumes from the last event it yielded, and would read the same skipped events again).
 */
const APPLICATION_STREAMS = `^(?!\\$|${MESSAGE_ID_STREAM_PREFIX})`;

/** Where one underlying subscription starts and what it lets through. */
export interface EsdbSubscriptionRequest {
  /** Checkpoint, exclusive (ESDB subscriptions start after the given position). */
  from: bigint;
  prefix: string;
  signal: AbortSignal;
  /** Readable highWaterMark: events received but not yet pulled by the consumer. */
  bufferSize: number;
}

/** Adapter callbacks: decoding plus bookkeeping for backpressure metrics. */
export interface EsdbSubscriptionHooks {
  decode: (event: RecordedEvent) => StoredEvent;
  opened: (sub: EsdbSubscription) => void;
  received: () => void;
  closed: (sub: EsdbSubscription) => void;
}

/**
 * One `$all` catch-up subscription, filtered server-side by stream prefix and consumed with
 * for-await, so the Readable's highWaterMark and gRPC flow control bound what is buffered.
 * Errors propagate; resubscribing is the caller's job (see resubscribing-iterator.ts).
 */
export async function* openEsdbSubscription(
  client: EsdbClient,
  request: EsdbSubscriptionRequest,
  hooks: EsdbSubscriptionHooks,
): AsyncGenerator<StoredEvent> {
  const filter = request.prefix ? streamNameFilter({ prefixes: [request.prefix] }) : streamNameFilter({ regex: APPLICATION_STREAMS });
  const sub = client.subscribeToAll({ fromPosition: toEsdbPosition(request.from), filter }, { highWaterMark: request.bufferSize });
  hooks.opened(sub);
  // Destroying the Readable ends a for-await parked waiting for the server.
  const stop = (): void => void sub.destroy();
  request.signal.addEventListener('abort', stop, { once: true });
  try {
    for await (const resolved of sub) {
      hooks.received();
      const event = resolved.event;
      if (event && !isSystemEvent(event) && event.streamId.startsWith(request.prefix)) yield hooks.decode(event);
    }
  } finally {
    request.signal.removeEventListener('abort', stop);
    hooks.closed(sub);
    await sub.unsubscribe().catch(() => undefined);
    sub.destroy();
  }
}
