import { pause } from './pause';

/**
 * A store that can wake a reader waiting at the end of the log as soon as something is appended,
 * instead of the reader polling: the SQLite store for its own process's appends, the PostgreSQL
 * store for every process's (LISTEN/NOTIFY). Optional; EventStoreDB's readers poll.
 */
export interface WakesOnAppend {
  /**
   * Resolves once an event after `position` may have been appended, after `maxMs` at the latest
   * (an append this store is not told about: another process on the same SQLite file), or at
   * once when `signal` aborts. Never rejects; a reader re-reads the log either way.
   */
  waitForAppendAfter(position: bigint, maxMs: number, signal: AbortSignal): Promise<void>;
}

export function wakesOnAppend(store: object): store is WakesOnAppend {
  return typeof (store as Partial<WakesOnAppend>).waitForAppendAfter === 'function';
}

/**
 * What a reader at the end of the log does before reading again: waits for an append where the
 * store can say, polls every `maxMs` where it cannot.
 */
export function waitForAppendAfter(store: object, position: bigint, maxMs: number, signal: AbortSignal): Promise<void> {
  return wakesOnAppend(store) ? store.waitForAppendAfter(position, maxMs, signal) : pause(maxMs, signal);
}
