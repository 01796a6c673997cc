import type { DatabaseError, Pool, PoolClient, QueryResult } from 'pg';
import type { EncodedEvent, PendingAppend } from '../encoded-event';
import { MessageIdInUseError, WrongExpectedRevisionError } from '../event-store.errors';
import type { AppendResult } from '../event-store.port';
import { firstRevisionAfter, isRevisionConflict, type ExpectedRevision, type StreamRevision } from '../expected-revision';
import { type ChainHash, GENESIS_HASH, eventHash, nextPreviousHash } from '../hash-chain/event-hash';
import type { PostgresSql } from './postgres-rows';

/** Events per transaction at most; the rest waits for the next group. */
const MAX_GROUP_EVENTS = 5000;

/**
 * Group commit with gap-free positions in commit order.
 *
 * Why a counter row: a sequence (`bigserial`) hands out positions at INSERT but they become
 * visible at COMMIT, so a reader at `position > checkpoint` can see 2 before 1 commits and skip 1
 * for ever. Here every write transaction first locks the single `log_head` row and holds it to
 * COMMIT, so transactions that write the log commit one after the other, in position order: what
 * a reader sees is always a prefix of the log, and `position > checkpoint` is safe with no
 * high-water mark, no xmin horizon and no gap handling. It also keeps the SQLite store's exact
 * semantics (1, 2, 3, …, `headPosition()` = events so far). The alternatives weighed: Emmett's
 * xid8 + snapshot xmin (readers wait on the oldest writing transaction of the whole cluster),
 * Marten's high-water mark (a gap is skipped after a timeout: correct only with much machinery),
 * message-db's advisory lock per category (one lock for all `partner-*` streams: the same
 * serialisation, without gap-free positions), xid-positions with stream locks (faster with many
 * writer processes, but per-stream order needs the lock before the first write and every
 * transaction in the cluster must stay short).
 *
 * The cost is one log-writing transaction at a time per database, i.e. one commit fsync at a
 * time. Within a process that is what group commit amortises: appends that arrive while a group
 * is being written form the next group, each with its own revision and messageId checks (made
 * under the lock, so they are exact) and its own failure. Several writer processes take turns.
 */
export class PostgresGroupCommit {
  /** Transactions committed so far (one per group). */
  transactions = 0;
  private queue: PendingAppend[] = [];
  private running: Promise<void> | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly sql: PostgresSql,
    private readonly channel: string,
    private readonly onCommitted: (lastPosition: bigint) => void,
    private readonly chainHash: ChainHash = eventHash,
  ) {}

  /** Queues an append for the next group; resolves once it is committed. */
  enqueue(streamId: string, events: EncodedEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ streamId, events, expected, resolve, reject });
      // setImmediate (not a microtask) so every append issued in this tick joins the first group.
      this.running ??= new Promise<void>((started) => setImmediate(started)).then(() => this.drain());
    });
  }

  /** Resolves once everything queued so far is written. */
  async flush(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) await this.write(this.takeGroup());
    } finally {
      this.running = undefined;
    }
  }

  private takeGroup(): PendingAppend[] {
    let events = 0;
    let count = 0;
    while (count < this.queue.length && (count === 0 || events + this.queue[count]!.events.length <= MAX_GROUP_EVENTS)) {
      events += this.queue[count]!.events.length;
      count += 1;
    }
    return this.queue.splice(0, count);
  }

  private async write(group: PendingAppend[]): Promise<void> {
    let outcomes: Array<AppendResult | Error>;
    try {
      outcomes = await this.transaction(group);
    } catch (error) {
      // The transaction rolled back. When one append's data made a statement fail, write each
      // append alone so that only the culprit fails; anything else (connection lost, server
      // down) fails the whole group: its outcome is the same for every append.
      if (group.length > 1 && isStatementFailure(error)) {
        for (const append of group) await this.write([append]);
      } else {
        for (const append of group) append.reject(error);
      }
      return;
    }
    let last = 0n;
    group.forEach((append, i) => {
      const outcome = outcomes[i]!;
      if (outcome instanceof Error) return append.reject(outcome);
      last = outcome.position;
      append.resolve(outcome);
    });
    if (last > 0n) this.onCommitted(last);
  }

  private async transaction(group: PendingAppend[]): Promise<Array<AppendResult | Error>> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      try {
        const outcomes = await this.writeGroup(client, group);
        await client.query('COMMIT');
        this.transactions += 1;
        return outcomes;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackFailed: Error) => (broken = rollbackFailed));
        throw error;
      }
    } finally {
      client.release(broken);
    }
  }

  /** Four round trips per group whatever its size: BEGIN + lock, the group's state, the writes, COMMIT. */
  private async writeGroup(client: PoolClient, group: PendingAppend[]): Promise<Array<AppendResult | Error>> {
    const locked = (await client.query(this.sql.beginAndLockHead)) as unknown as QueryResult<{ position: bigint }>[];
    const head = locked[1]!.rows[0]!.position;
    const revisions = new Map<string, StreamRevision>();
    // What each stream's next event chains to, read under the lock with the revisions.
    const tips = new Map<string, string>();
    const holders = new Map<string, string>();
    const streamIds = [...new Set(group.map((a) => a.streamId))];
    const messageIds = [...new Set(group.flatMap((a) => a.events.map((e) => e.messageId)))];
    const state = await client.query<{ key: string; revision: number | null; hash: string | null; holder: string | null }>({
      name: 'group-state',
      text: this.sql.groupState,
      values: [streamIds, messageIds],
    });
    for (const row of state.rows) {
      if (row.holder !== null) holders.set(row.key, row.holder);
      else if (row.revision !== null) {
        revisions.set(row.key, row.revision);
        tips.set(row.key, nextPreviousHash(row.key, { revision: row.revision, hash: row.hash }));
      }
    }

    const rows = new EventColumns();
    const claimed: [string[], string[]] = [[], []];
    let position = head;
    const outcomes = group.map((append): AppendResult | Error => {
      const actual = revisions.get(append.streamId) ?? 'no_stream';
      if (isRevisionConflict(append.expected, actual)) return new WrongExpectedRevisionError(append.streamId, append.expected, actual);
      const ids = new Set(append.events.map((e) => e.messageId));
      for (const id of ids) {
        const holder = holders.get(id);
        if (holder !== undefined && holder !== append.streamId) return new MessageIdInUseError(id, holder, append.streamId);
      }
      for (const id of ids) {
        if (holders.has(id)) continue;
        holders.set(id, append.streamId);
        claimed[0].push(id);
        claimed[1].push(append.streamId);
      }
      let revision = firstRevisionAfter(actual);
      const positions: bigint[] = [];
      let previousHash = tips.get(append.streamId) ?? GENESIS_HASH;
      for (const event of append.events) {
        position += 1n;
        previousHash = this.chainHash(previousHash, { streamId: append.streamId, revision, ...event.content });
        rows.add(position, append.streamId, revision, event, previousHash);
        positions.push(position);
        revision += 1;
      }
      revisions.set(append.streamId, revision - 1);
      tips.set(append.streamId, previousHash);
      return { nextExpectedRevision: revision - 1, position, positions };
    });
    // Named, so each connection plans these once (the pool serves one store, hence one schema).
    if (position > head)
      await client.query({ name: 'write-group', text: this.sql.writeGroup, values: [...rows.values(), ...claimed, position.toString(), this.channel] });
    return outcomes;
  }
}

/** The group's rows as one array per column, for a single `INSERT … SELECT * FROM unnest(…)`. */
class EventColumns {
  private readonly columns: unknown[][] = Array.from({ length: 10 }, () => []);

  add(position: bigint, streamId: string, revision: number, e: EncodedEvent, hash: string): void {
    const values = [position.toString(), streamId, revision, e.type, e.data, e.metadata, e.schemaVersion, e.messageId, e.recordedAt, hash];
    values.forEach((value, i) => this.columns[i]!.push(value));
  }

  values(): unknown[][] {
    return this.columns;
  }
}

/**
 * A statement refused by the server because of what one append carried (bad data, a constraint,
 * a trigger's exception), as opposed to a lost connection or an unavailable server.
 */
function isStatementFailure(error: unknown): boolean {
  const code = (error as Partial<DatabaseError>)?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23') || code.startsWith('P0'));
}
