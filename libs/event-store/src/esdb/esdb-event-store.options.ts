import type { Clock } from '../clock';
import type { UpcasterRegistry } from '../upcaster-registry';

/** Options of {@link EsdbEventStore}. */
export interface EsdbEventStoreOptions {
  clock?: Clock;
  upcasters?: UpcasterRegistry;
  /** Events per stream-read request. Default 500. */
  readPageSize?: number;
}
