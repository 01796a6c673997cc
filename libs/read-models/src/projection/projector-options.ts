import type { RulesetCatalog } from '@partner-program/domain';
import type { Clock, EventStore, FencingToken } from '@partner-program/event-store';
import type { ReadModelBackend } from '../storage/read-model-storage';
import type { StateCacheLimits } from './state-cache';

/** Options of {@link PartnerProjector}. */
export interface PartnerProjectorOptions {
  store: EventStore;
  /** The read-model database (SQLite or PostgreSQL). */
  db: ReadModelBackend;
  catalog: RulesetCatalog;
  /** Days before a forecast drop its tier-at-risk notice is due. Default: TIER_RISK_NOTICE_DEFAULT_DAYS. */
  tierRiskNoticeDays?: number;
  /** Evaluation time. Default: wall clock. */
  clock?: Clock;
  /** Events per page (one transaction each). Default 500. */
  pageSize?: number;
  /** Bounds of the partner-state cache. */
  cache?: StateCacheLimits;
  /** Told about a failed page in `run` (which then retries after a pause). */
  onError?: (error: unknown) => void;
  /**
   * The elected projector's leadership token, read at every page commit and swap. On PostgreSQL
   * a write with an older token than the stored one is refused (`FencedOutError`); without it
   * (SQLite, one process) nothing is fenced.
   */
  fence?: FencingToken;
}

/** Counters for metrics. */
export interface ProjectorStats {
  /** Events read by live pages (rebuilds not included). */
  eventsProcessed: number;
  pages: number;
  lastPageMs: number;
  partnersRefreshed: number;
  cachedStates: number;
  /** Failed pages in `run` (each retried). */
  errors: number;
  rebuilds: number;
  rebuilding: boolean;
}
