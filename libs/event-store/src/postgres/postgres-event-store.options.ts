import type { ChainUpgradeLog } from '../hash-chain/chain-upgrade';
import type { ChainHash } from '../hash-chain/event-hash';
import type pg from 'pg';
import type { Clock } from '../clock';
import type { UpcasterRegistry } from '../upcaster-registry';

/** Options of {@link PostgresEventStore.open}. */
export interface PostgresEventStoreOptions {
  /** `postgres://user@host:port/database`. */
  connectionString: string;
  /** Schema holding the store's tables (created and migrated on open). Default `event_store`. */
  schema?: string;
  /** Connections for reads and the writer. Default 8. Ignored with `pool`. */
  poolSize?: number;
  /**
   * A pool shared with the process's other PostgreSQL components (from {@link openPostgresPool}):
   * the store uses it and leaves closing it to its owner. Default: a pool of the store's own.
   */
  pool?: pg.Pool;
  /** Source of `recordedAt`. Default: wall clock. */
  clock?: Clock;
  /** Upcasters applied on every read. Default: none. */
  upcasters?: UpcasterRegistry;
  /** Rows per page for stream reads. Default 256. */
  pageSize?: number;
  /** Pause before the LISTEN connection is reopened after it was lost. Default 1000 ms. */
  listenerRetryMs?: number;
  /** Where the hash chain upgrade of an older store reports its progress on open. Default: nowhere. */
  log?: ChainUpgradeLog;
  /** The chain's hash function. Default `eventHash` (hash-chain/event-hash.ts); only the benchmark's baseline without the chain's cost passes another. */
  chainHash?: ChainHash;
}

/** Counters for tests and monitoring. */
export interface PostgresEventStoreMetrics {
  /** Append calls accepted into a group. */
  appends: number;
  /** Write transactions committed (one per group; compare with `appends`). */
  transactions: number;
}
