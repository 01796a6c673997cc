import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { MessageRejected } from '@partner-program/domain';
import { type EventStore, type StoredEvent, partnerIdFromStreamId, pause, waitForAppendAfter } from '@partner-program/event-store';
import type { MessageOrigin, ProjectedRefusal, RejectionLog } from './rejection-log';

// ── The rejection log's refusals, projected from the partner streams ─────────────────────────
// The domain's refusals are stored as `MessageRejected` events (libs/domain rejection-events.ts);
// this follows the global log and lists each in the rejection log, page by page with the
// projection's checkpoint in the same transaction, so an entry exists exactly when the store holds
// the refusal: never lost in a crash, never written twice, never contradicting the store.

export type RejectionLogProjectorOptions = Readonly<{ pageSize?: number; onError?: (error: unknown) => void }>;

export class RejectionLogProjector {
  private readonly pageSize: number;

  constructor(
    private readonly store: EventStore,
    private readonly log: RejectionLog,
    private readonly options: RejectionLogProjectorOptions = {},
  ) {
    this.pageSize = options.pageSize ?? 1000;
  }

  /** Last store position whose refusals are listed. */
  checkpoint(): bigint {
    return this.log.checkpoint();
  }

  /** Projects pages until the end of the log; returns the events read. */
  async catchUp(signal?: AbortSignal): Promise<number> {
    let total = 0;
    for (;;) {
      const page = await this.store.readAll({ fromPosition: this.log.checkpoint(), maxCount: this.pageSize });
      if (page.events.length === 0) return total;
      total += page.events.length;
      await this.log.recordRefusals(page.events.flatMap(refusalOf), page.nextPosition);
      if (page.isEnd || signal?.aborted) return total;
      // The SQLite store answers synchronously: let HTTP requests in between pages.
      await yieldToEventLoop();
    }
  }

  /** Catches up, then waits for the next append (`idleMs` at most), until `signal` aborts. */
  async run(signal: AbortSignal, idleMs = 50): Promise<void> {
    while (!signal.aborted) {
      try {
        if ((await this.catchUp(signal)) === 0) await waitForAppendAfter(this.store, this.log.checkpoint(), idleMs, signal);
      } catch (error) {
        this.options.onError?.(error);
        await pause(Math.max(idleMs, 1000), signal);
      }
    }
  }
}

/** The log entry of a stored refusal; other events list nothing. */
function refusalOf(event: StoredEvent): ProjectedRefusal[] {
  if (event.type !== 'MessageRejected') return [];
  const { code, reason, message } = event.data as MessageRejected['data'];
  const { messageId, occurredAt, source, recordedAt, origin } = event.metadata;
  const partnerId = partnerIdFromStreamId(event.streamId) ?? event.streamId;
  // The message as it was validated (the stream keeps what was decided on, not the raw bytes).
  const payload = JSON.stringify({ messageId, type: message.type, partnerId, occurredAt, source, data: message.data });
  const entry = {
    outcome: 'rejected' as const,
    code,
    reason,
    messageId,
    partnerId,
    type: message.type,
    payload,
    origin: (origin as MessageOrigin | undefined) ?? { transport: 'http' as const },
    receivedAt: recordedAt,
  };
  return [{ position: event.position, entry }];
}
