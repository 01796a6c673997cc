import type Database from 'better-sqlite3';
import { MessageIdInUseError, WrongExpectedRevisionError } from '../event-store.errors';
import type { AppendResult } from '../event-store.port';
import { firstRevisionAfter, isRevisionConflict, type ExpectedRevision } from '../expected-revision';
import type { EncodedEvent, PendingAppend } from '../encoded-event';
import { type ChainHash, eventHash, nextPreviousHash } from '../hash-chain/event-hash';
import type { SqliteStatements } from './sqlite-rows';

/**
 * Group commit: appends queued during one turn of the event loop are written in a single
 * transaction, so they share one WAL fsync. Each append runs in its own savepoint and is
 * checked against its own expected revision (and its messageIds against other streams), so a failing append rolls back only itself and
 * rejects only its own promise. Promises settle only after COMMIT returned (on disk with
 * `synchronous=FULL`).
 */
export class SqliteGroupCommit {
  /** Transactions committed so far (one per flushed group). */
  transactions = 0;
  private queue: PendingAppend[] = [];
  private scheduled = false;
  private readonly appendOne: (append: PendingAppend, after: bigint) => AppendResult;
  private readonly writeGroup: Database.Transaction<(group: PendingAppend[]) => Array<AppendResult | Error>>;

  constructor(
    private readonly db: Database.Database,
    private readonly statements: SqliteStatements,
    private readonly onCommitted: (lastPosition: bigint) => void,
    private readonly chainHash: ChainHash = eventHash,
  ) {
    // Called inside writeGroup's transaction, better-sqlite3 turns this into a SAVEPOINT.
    this.appendOne = db.transaction((append: PendingAppend, after: bigint) => this.insert(append, after));
    this.writeGroup = db.transaction((group: PendingAppend[]) => this.writeAll(group));
  }

  /** Queues an append for the next group; resolves once it is committed. */
  enqueue(streamId: string, events: EncodedEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ streamId, events, expected, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // setImmediate (not a microtask) so every append issued in this tick joins the group.
        setImmediate(() => this.flush());
      }
    });
  }

  /** Writes everything queued now, synchronously (also used by close). */
  flush(): void {
    this.scheduled = false;
    const group = this.queue;
    this.queue = [];
    if (group.length === 0) return;
    let outcomes: Array<AppendResult | Error>;
    try {
      // IMMEDIATE takes the write lock up front, so MAX(position) cannot go stale under
      // another connection (gap-free positions even with a second writer process).
      outcomes = this.writeGroup.immediate(group);
      this.transactions += 1;
    } catch (error) {
      // The whole transaction rolled back: nothing of this group is on disk.
      for (const append of group) append.reject(error);
      return;
    }
    let last = 0n;
    group.forEach((append, i) => {
      const outcome = outcomes[i];
      if (outcome instanceof Error || outcome === undefined) return append.reject(outcome);
      last = outcome.position;
      append.resolve(outcome);
    });
    if (last > 0n) this.onCommitted(last);
  }

  private writeAll(group: PendingAppend[]): Array<AppendResult | Error> {
    let last = this.statements.maxPosition.get()?.p ?? 0n;
    return group.map((append) => {
      try {
        const result = this.appendOne(append, last);
        last = result.position;
        return result;
      } catch (error) {
        // I/O errors (SQLITE_FULL, SQLITE_IOERR, …) can abort the whole transaction; continuing
        // would run later appends in autocommit mode, so fail the group instead.
        if (!this.db.inTransaction) throw error;
        return error instanceof Error ? error : new Error(String(error));
      }
    });
  }

  private insert(append: PendingAppend, after: bigint): AppendResult {
    const tip = this.statements.streamTip.get(append.streamId);
    const actual = tip?.revision ?? 'no_stream';
    if (isRevisionConflict(append.expected, actual)) {
      throw new WrongExpectedRevisionError(append.streamId, append.expected, actual);
    }
    this.claimMessageIds(append);
    let revision = firstRevisionAfter(actual);
    let position = after;
    // Read under the write lock with the revision: no other append can slip in between.
    let previousHash = nextPreviousHash(append.streamId, tip);
    const positions: bigint[] = [];
    for (const e of append.events) {
      position += 1n;
      previousHash = this.chainHash(previousHash, { streamId: append.streamId, revision, ...e.content });
      this.statements.insert.run(position, append.streamId, revision, e.type, e.data, e.metadata, e.schemaVersion, e.messageId, e.recordedAt, previousHash);
      positions.push(position);
      revision += 1;
    }
    return { nextExpectedRevision: revision - 1, position, positions };
  }

  /**
   * Each messageId belongs to one stream; the write lock makes claim-then-check atomic. A new id
   * (the usual case) costs one insert; only an id already held is looked up.
   */
  private claimMessageIds(append: PendingAppend): void {
    for (const messageId of new Set(append.events.map((e) => e.messageId))) {
      if (this.statements.claimMessage.run(messageId, append.streamId).changes === 1) continue;
      const holder = this.statements.messageStream.get(messageId)!.stream_id;
      if (holder !== append.streamId) throw new MessageIdInUseError(messageId, holder, append.streamId);
    }
  }
}
