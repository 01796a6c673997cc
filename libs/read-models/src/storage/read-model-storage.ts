import type { PartnerEvaluation } from '../projection/partner-evaluation';
import type { ReadModelQueries } from '../queries/read-model-queries';
import type { TableSet } from '../schema/table-sets';

// ── The storage port of the read models: what the projector needs from a database ────────────
// SQLite (one process, synchronous underneath) and PostgreSQL (several processes, one elected
// projector) implement it; the projection logic above it is the same for both.

/** What the last evaluation of a partner left behind. */
export type StoredPartner = Readonly<{ position: bigint; revision: number; evaluatedAt: number }>;

/** The rows of one table set, as the projector reads and writes them. */
export interface SetRows {
  readonly set: TableSet;
  /** The last processed position of the set (`0n` before any). */
  checkpoint(): Promise<bigint>;
  /** What is stored for these partners (one lookup for a whole page). */
  storedOf(partnerIds: readonly string[]): Promise<Map<string, StoredPartner>>;
  /** Partners whose next time-driven change is at or before `now`. */
  dueAt(now: number, limit: number): Promise<string[]>;
  /**
   * Stores every row of the evaluations and, when given, the checkpoint, in ONE transaction.
   * `fence`: the writer's leadership token; a database that fences (PostgreSQL) refuses the whole
   * page with `FencedOutError` when a newer token has written the checkpoint. `undefined`: unfenced.
   */
  commit(evaluations: readonly PartnerEvaluation[], checkpoint: bigint | undefined, fence: bigint | undefined): Promise<void>;
}

/** The table sets of a read-model database, and the steps of a rebuild. */
export interface ReadModelStorage {
  /** The set the views point at (read from the database: another process may have swapped). */
  activeSet(): Promise<TableSet>;
  /** The rows of `set`, writing tier changes to the published feed (`live`) or to the rebuild's scratch feed. */
  setRows(set: TableSet, feed: 'live' | 'rebuild'): SetRows;
  /** Empties the inactive `set` (tables recreated without query indexes) and the rebuild's scratch feed. */
  startRebuild(set: TableSet): Promise<void>;
  /** Creates the set's query indexes once it is filled (sorting once beats keeping them through every insert). */
  indexSet(set: TableSet): Promise<void>;
  /**
   * In one transaction: merges the rebuild's tier changes into the feed and re-points the views at
   * `set`, so readers switch from one complete model to the other. Fenced like a page commit.
   */
  swapIn(set: TableSet, fence: bigint | undefined): Promise<void>;
  /** Drops the (no longer active) set's tables. */
  dropSet(set: TableSet): Promise<void>;
}

/** A read-model database: the projector writes through `storage`, the API reads through `queries()`. */
export interface ReadModelBackend {
  readonly storage: ReadModelStorage;
  /** The queries over this database (one instance per database, shared by every caller). */
  queries(): ReadModelQueries;
}
