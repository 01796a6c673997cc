import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { type MessageRejected, partnerIdFromStreamId } from '@partner-program/domain';
import { type EventStore, FencedOutError, type FencingToken, type StoredEvent, pause, waitForAppendAfter } from '@partner-program/event-store';
import type { MessageOrigin, ProjectedRefusal, RejectionLog } from './rejection-log';

// ── The rejection log's refusals, projected from the partner streams ─────────────────────────
// The domain's refusals are stored as `MessageRejected` events (libs/domain rejection-events.ts);
// this follows the global log and lists each in the rejection log, page by page with the
// projection's checkpoint in the same transaction, so an entry exists exactly when the store holds
// the refusal: never lost in a crash, never written twice, never contradicting the store.

export type RejectionLogProjectorOptions = Readonly<{
  pageSize?: number;
  onError?: (error: unknown) => void;
  /** The elected projector's token: checkpoint writes are fenced with it (none: a single projector). */
  fence?: FencingToken;
}>;

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
  checkpoint(): Promise<bigint> {
    return this.log.checkpoint();
  }

  /**
   * Projects pages until the end of the log; returns the events read. Starts from the checkpoint
   * as stored now, not as this process last wrote it: another leader may have moved it since.
   * Throws `FencedOutError` when a newer leader has written (nothing of the page is kept).
   */
  async catchUp(signal?: AbortSignal): Promise<number> {
    let total = 0;
    let checkpoint = await this.log.checkpoint();
    for (;;) {
      const page = await this.store.readAll({ fromPosition: checkpoint, maxCount: this.pageSize });
      if (page.events.length === 0) return total;
      total += page.events.length;
      await this.log.recordRefusals(page.events.flatMap(refusalOf), page.nextPosition, this.options.fence);
      checkpoint = page.nextPosition;
      if (page.isEnd || signal?.aborted) return total;
      // The SQLite store answers synchronously: let HTTP requests in between pages.
      await yieldToEventLoop();
    }
  }

  /**
   * Catches up, then waits for the next append (`idleMs` at most), until `signal` aborts, or until
   * fenced out (another projector leads now: retrying would only be refused again), which it
   * returns quietly.
   */
  async run(signal: AbortSignal, idleMs = 50): Promise<void> {
    while (!signal.aborted) {
      try {
        if ((await this.catchUp(signal)) === 0) await waitForAppendAfter(this.store, await this.log.checkpoint(), idleMs, signal);
      } catch (error) {
        if (error instanceof FencedOutError) return;
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
    source,
    payload,
    origin: (origin as MessageOrigin | undefined) ?? { transport: 'http' as const },
    receivedAt: recordedAt,
  };
  return [{ position: event.position, entry }];
}
