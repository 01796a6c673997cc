import type { Clock } from '../clock';
import type { UpcasterRegistry } from '../upcaster-registry';

/** Options of {@link EsdbEventStore}. */
export interface EsdbEventStoreOptions {
  clock?: Clock;
  upcasters?: UpcasterRegistry;
  /** Events per stream-read request. Default 500. */
  readPageSize?: number;
  /** Events a subscription may hold received-but-unconsumed (Readable highWaterMark). Default 64. */
  subscriptionBufferSize?: number;
  /** Resubscription policy after a dropped subscription. Defaults: 500 ms × attempt, 10 attempts. */
  resubscribe?: { retryDelayMs?: number; maxConsecutiveFailures?: number };
}
