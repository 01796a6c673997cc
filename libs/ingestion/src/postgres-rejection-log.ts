import type { Pool } from 'pg';
import { FencedOutError, type FencingToken, type PostgresMigration, checkpointUpsertSql, migrateOnPool, tokenForWrite } from '@partner-program/event-store';
import type { ProjectedRefusal, RejectionEntry, RejectionFilter, RejectionLog, ReplayAttempt, StoredRejection } from './rejection-log';
import {
  REJECTION_COLUMNS,
  type ReadRow,
  type RejectionRow,
  dedupeKeyOf,
  filterParams,
  fromRow,
  refusalDedupeKey,
  replayRow,
  toRow,
  withReplays,
} from './rejection-rows';

// The rejection log in PostgreSQL, for deployments whose processes share one database
// (EVENT_STORE=postgres): the same semantics as SqliteRejectionLog, table for table.

/**
 * `payload` is `bytea` (the UTF-8 of the text as received), not `text`: PostgreSQL text cannot
 * hold U+0000, and an invalid message is kept exactly as it came, NUL characters included.
 */
const MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 1,
    description: 'rejections and the refusal projection checkpoint (fenced)',
    up: (s) => `
      CREATE TABLE ${s}.rejections (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        dedupe_key  text   NOT NULL UNIQUE,
        received_at text   NOT NULL,
        outcome     text   NOT NULL,
        code        text   NOT NULL,
        reason      text   NOT NULL,
        problems    text,
        message_id  text,
        partner_id  text,
        type        text,
        payload     bytea  NOT NULL,
        origin      text   NOT NULL,
        position    bigint
      );
      CREATE INDEX rejections_message ON ${s}.rejections (message_id);
      CREATE TABLE ${s}.checkpoints (
        name     text   PRIMARY KEY,
        position bigint NOT NULL,
        fence    bigint NOT NULL DEFAULT 0
      );`,
  },
  {
    version: 2,
    description: "the replays of kept messages (the admins' audit trail)",
    up: (s) => `
      CREATE TABLE ${s}.rejection_replays (
        id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        rejection_id bigint NOT NULL REFERENCES ${s}.rejections (id),
        at           text   NOT NULL,
        outcome      text   NOT NULL,
        code         text,
        reason       text,
        position     bigint,
        role         text   NOT NULL,
        key_id       text,
        request_id   text   NOT NULL
      );
      CREATE INDEX rejection_replays_rejection ON ${s}.rejection_replays (rejection_id, id);`,
  },
];

const REFUSALS = 'refusals';

/** Records per statement at most (kept payloads reach 64 KiB each); the rest forms the next group. */
const MAX_GROUP_ROWS = 500;

/** Options of {@link PostgresRejectionLog.open}. */
export type PostgresRejectionLogOptions = Readonly<{
  /** The process's shared pool (`openPostgresPool`); the log never ends it. */
  pool: Pool;
  /** Schema of the log's tables (created and migrated on open). Default `rejection_log`. */
  schema?: string;
}>;

type Pending = { row: RejectionRow; position: bigint | null; done: () => void; failed: (error: unknown) => void };

export class PostgresRejectionLog implements RejectionLog {
  /** Write transactions committed by `record` (one per group); for tests and monitoring. */
  commits = 0;
  /** Records arriving while a group is written form the next group (group commit). */
  private pending: Pending[] = [];
  private writing: Promise<void> | undefined;
  private readonly sql: ReturnType<typeof statements>;

  private constructor(
    private readonly pool: Pool,
    quotedSchema: string,
  ) {
    this.sql = statements(quotedSchema);
  }

  static async open({ pool, schema = 'rejection_log' }: PostgresRejectionLogOptions): Promise<PostgresRejectionLog> {
    return new PostgresRejectionLog(pool, await migrateOnPool(pool, schema, MIGRATIONS));
  }

  record(entry: RejectionEntry): Promise<void> {
    const row = toRow(entry, dedupeKeyOf(entry));
    return new Promise((done, failed) => {
      this.pending.push({ row, position: null, done, failed });
      // setImmediate (not a microtask) so every record issued in this turn joins the first group.
      this.writing ??= new Promise<void>((started) => setImmediate(started)).then(() => this.drain());
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const group = this.pending.splice(0, MAX_GROUP_ROWS);
        try {
          // One statement is one transaction: the whole group or nothing.
          await this.pool.query(this.sql.insert, columnsOf(group));
          this.commits += 1;
          group.forEach((entry) => entry.done());
        } catch (error) {
          group.forEach((entry) => entry.failed(error));
        }
      }
    } finally {
      this.writing = undefined;
    }
  }

  async recordRefusals(refusals: readonly ProjectedRefusal[], checkpoint: bigint, fence?: FencingToken): Promise<void> {
    const target = `checkpoint ${REFUSALS}`;
    const token = tokenForWrite(target, fence);
    const rows = refusals.map(({ position, entry }) => ({ row: toRow(entry, refusalDedupeKey(position)), position }) as Pending);
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      try {
        if (rows.length > 0) await client.query(this.sql.insert, columnsOf(rows));
        const moved =
          token === undefined
            ? await client.query(this.sql.moveCheckpoint, [REFUSALS, checkpoint.toString()])
            : await client.query(this.sql.moveFencedCheckpoint, [REFUSALS, checkpoint.toString(), token.toString()]);
        if (moved.rowCount === 0) throw new FencedOutError(target, token);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch((failed: Error) => (broken = failed));
        throw error;
      }
    } finally {
      client.release(broken);
    }
  }

  async checkpoint(): Promise<bigint> {
    const { rows } = await this.pool.query<{ position: bigint }>(this.sql.checkpoint, [REFUSALS]);
    return rows[0]?.position ?? 0n;
  }

  async list({ after = 0, limit, filter }: { after?: number; limit: number; filter?: RejectionFilter }): Promise<StoredRejection[]> {
    return this.read(this.sql.page, [after, ...Object.values(filterParams(filter)), limit]);
  }

  async get(id: number): Promise<StoredRejection | undefined> {
    return (await this.read(this.sql.one, [id]))[0];
  }

  async recordReplay(rejectionId: number, attempt: ReplayAttempt): Promise<void> {
    await this.pool.query(this.sql.insertReplay, replayRow(rejectionId, attempt));
  }

  private async read(sql: string, values: unknown[]): Promise<StoredRejection[]> {
    const { rows } = await this.pool.query<ReadRow & { payload: Buffer }>(sql, values);
    const entries = rows.map((row) => fromRow({ ...row, payload: row.payload.toString('utf8') }));
    if (entries.length === 0) return entries;
    const replays = await this.pool.query<ReadRow>(this.sql.replaysOf, [entries.map((e) => e.id)]);
    return withReplays(entries, replays.rows);
  }

  /** Waits for the records in flight; the pool belongs to the process and stays open. */
  async close(): Promise<void> {
    while (this.writing) await this.writing;
  }
}

/** A group's rows as one array per column, for a single `INSERT … SELECT FROM unnest(…)`. */
function columnsOf(group: readonly Pending[]): unknown[][] {
  return [
    ...REJECTION_COLUMNS.map((column) => group.map(({ row }) => (column === 'payload' ? Buffer.from(row.payload, 'utf8') : row[column]))),
    group.map(({ position }) => position?.toString() ?? null),
  ];
}

function statements(s: string) {
  return {
    insert: `INSERT INTO ${s}.rejections (dedupe_key, received_at, outcome, code, reason, problems, message_id, partner_id, type, payload, origin, position)
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::bytea[], $11::text[], $12::bigint[])
      ON CONFLICT (dedupe_key) DO NOTHING`,
    // Each filter parameter null: any. `received_at` is ISO-8601 UTC text, so it orders as time.
    page: `SELECT * FROM ${s}.rejections WHERE id > $1
      AND ($2::text IS NULL OR code = $2) AND ($3::text IS NULL OR type = $3) AND ($4::text IS NULL OR outcome = $4)
      AND ($5::text IS NULL OR received_at >= $5) AND ($6::text IS NULL OR received_at < $6)
      ORDER BY id LIMIT $7`,
    one: `SELECT * FROM ${s}.rejections WHERE id = $1`,
    replaysOf: `SELECT * FROM ${s}.rejection_replays WHERE rejection_id = ANY($1::bigint[]) ORDER BY id`,
    insertReplay: `INSERT INTO ${s}.rejection_replays (rejection_id, at, outcome, code, reason, position, role, key_id, request_id)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    checkpoint: `SELECT position FROM ${s}.checkpoints WHERE name = $1`,
    moveCheckpoint: checkpointUpsertSql(`${s}.checkpoints`, 'position', false),
    moveFencedCheckpoint: checkpointUpsertSql(`${s}.checkpoints`, 'position', true),
  };
}
