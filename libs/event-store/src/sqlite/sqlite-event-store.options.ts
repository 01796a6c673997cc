import type { ChainUpgradeLog } from '../hash-chain/chain-upgrade';
import type { ChainHash } from '../hash-chain/event-hash';
import type { Clock } from '../clock';
import type { UpcasterRegistry } from '../upcaster-registry';

/** Options of {@link SqliteEventStore.open}. */
export interface SqliteEventStoreOptions {
  /** Directory holding the database file (created if missing), or `':memory:'`. */
  location: string;
  /** File name inside `location`. Default `event-store.sqlite`. */
  fileName?: string;
  /** Source of `recordedAt`. Default: wall clock. */
  clock?: Clock;
  /** Upcasters applied on every read. Default: none. */
  upcasters?: UpcasterRegistry;
  /** Rows per page for stream reads. Default 256. */
  pageSize?: number;
  /** Where the hash chain upgrade of an older store reports its progress on open. Default: nowhere. */
  log?: ChainUpgradeLog;
  /** The chain's hash function. Default `eventHash` (hash-chain/event-hash.ts); only the benchmark's baseline without the chain's cost passes another. */
  chainHash?: ChainHash;
}

/** Counters for tests and monitoring. */
export interface SqliteEventStoreMetrics {
  /** Append calls accepted into a group. */
  appends: number;
  /** Write transactions committed (one per group; compare with `appends`). */
  transactions: number;
}
