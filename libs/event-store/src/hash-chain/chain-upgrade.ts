import type { StoredEvent } from '../event-envelope';
import { GENESIS_HASH, eventHash } from './event-hash';

/** Where the upgrade reports what it does (the process's logger). */
export type ChainUpgradeLog = (message: string) => void;

/**
 * The upgrade of a SQL store written before the hash chain: one pass over the events without a
 * hash, in position order, each given `eventHash(hash of revision - 1, event as stored)`. Nothing
 * else of an event changes.
 *
 * - Resumable: each batch commits with its hashes; a restart picks up at the first event still
 *   without one. Idempotent: a store with none left is not touched.
 * - Safe beside appends and other processes: every batch runs under the store's write lock, and a
 *   process appends only after its own upgrade found no event left without a hash, so an append
 *   always chains to a hashed event. Position order puts every revision after its predecessor.
 */
export function chainUpgrade(log: ChainUpgradeLog) {
  const started = Date.now();
  let total = 0;
  let done = 0;
  let nextReport = 0;
  return {
    started(pending: number): void {
      total = pending;
      log(`hash chain upgrade: ${pending} events stored before the chain get their hash`);
    },
    /**
     * Sets `hash` on each event of the batch (position order). `earlier` holds the stored hash of
     * each stream's last event before the batch, for the streams of {@link firstOfEachStream}.
     */
    hashBatch(events: StoredEvent[], earlier: ReadonlyMap<string, string | null>): void {
      const latest = new Map<string, { revision: number; hash: string }>();
      for (const event of events) {
        const inBatch = latest.get(event.streamId);
        const previous =
          event.revision === 0 ? GENESIS_HASH : inBatch ? (inBatch.revision === event.revision - 1 ? inBatch.hash : undefined) : earlier.get(event.streamId);
        if (previous === undefined || previous === null) {
          throw new Error(`hash chain upgrade: ${event.streamId}@${event.revision - 1} is missing, so ${event.streamId}@${event.revision} cannot be chained`);
        }
        event.hash = eventHash(previous, event);
        latest.set(event.streamId, { revision: event.revision, hash: event.hash });
      }
      done += events.length;
      if (done >= nextReport && done < total) {
        log(`hash chain upgrade: ${done} of ${total} events hashed`);
        nextReport = done + 100_000;
      }
    },
    finished(): number {
      log(`hash chain upgrade: done, ${done} events hashed in ${Date.now() - started} ms`);
      return done;
    },
  };
}

/** Each stream's first event in the batch that chains to an event before the batch: whose hash `hashBatch` needs. */
export function firstOfEachStream(events: readonly StoredEvent[]): Array<{ streamId: string; revision: number }> {
  const first = new Map<string, number>();
  for (const event of events) if (!first.has(event.streamId)) first.set(event.streamId, event.revision);
  return [...first].filter(([, revision]) => revision > 0).map(([streamId, revision]) => ({ streamId, revision: revision - 1 }));
}
