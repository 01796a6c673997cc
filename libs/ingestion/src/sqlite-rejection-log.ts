import { FencedOutError, type FencingToken, openSqlite, tokenForWrite } from '@partner-program/event-store';
import type Database from 'better-sqlite3';
import type { ProjectedRefusal, RejectionEntry, RejectionFilter, RejectionLog, ReplayAttempt, StoredRejection } from './rejection-log';
import { type ReadRow, type RejectionRow, dedupeKeyOf, filterParams, fromRow, refusalDedupeKey, replayRow, toRow, withReplays } from './rejection-rows';

// Rejections are not events of any partner and cannot be rebuilt from the store, so they live in
// their own durable file (WAL, synchronous=FULL), never in the rebuildable read models.

const SCHEMA = `
CREATE TABLE IF NOT EXISTS rejections (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  dedupe_key TEXT NOT NULL UNIQUE,
  received_at TEXT NOT NULL,
  outcome TEXT NOT NULL,
  code TEXT NOT NULL,
  reason TEXT NOT NULL,
  problems TEXT,
  message_id TEXT,
  partner_id TEXT,
  type TEXT,
  payload TEXT NOT NULL,
  origin TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS rejections_message ON rejections(message_id);
CREATE TABLE IF NOT EXISTS checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS rejection_replays (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  rejection_id INTEGER NOT NULL REFERENCES rejections(id),
  at TEXT NOT NULL,
  outcome TEXT NOT NULL,
  code TEXT,
  reason TEXT,
  position INTEGER,
  role TEXT NOT NULL,
  key_id TEXT,
  request_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS rejection_replays_rejection ON rejection_replays(rejection_id, id);`;

/** Entries after an id matching a filter (each parameter null: any); `received_at` is ISO-8601 UTC text, so it orders as time. */
const PAGE = `SELECT * FROM rejections WHERE id > @after
  AND (@code IS NULL OR code = @code) AND (@type IS NULL OR type = @type) AND (@outcome IS NULL OR outcome = @outcome)
  AND (@receivedFrom IS NULL OR received_at >= @receivedFrom) AND (@receivedTo IS NULL OR received_at < @receivedTo)
  ORDER BY id LIMIT @limit`;

/** The projection of refusals from the store (rejection-log.projector.ts). */
const REFUSALS = 'refusals';

type Pending = { row: RejectionRow; done: () => void; failed: (error: unknown) => void };

export class SqliteRejectionLog implements RejectionLog {
  private readonly insert: Database.Statement;
  private readonly page: Database.Statement;
  private readonly one: Database.Statement;
  private readonly replaysOf: Database.Statement;
  private readonly insertReplay: Database.Statement;
  /** Records arriving in the same turn share one transaction and one fsync (group commit). */
  private pending: Pending[] = [];
  /** Write transactions committed (each one fsync); for tests and monitoring. */
  commits = 0;
  private readonly writeAll: (rows: Pending[]) => void;

  private readonly refusalsWith: (refusals: readonly ProjectedRefusal[], checkpoint: bigint, token: bigint | undefined) => void;
  private readonly readCheckpoint: Database.Statement<[string], { position: bigint }>;

  private constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
    addColumn(db, 'rejections', 'position', 'INTEGER');
    addColumn(db, 'checkpoints', 'fence', 'INTEGER NOT NULL DEFAULT 0');
    this.insert = db.prepare(`INSERT OR IGNORE INTO rejections
      (dedupe_key, received_at, outcome, code, reason, problems, message_id, partner_id, type, payload, origin)
      VALUES (@dedupeKey, @receivedAt, @outcome, @code, @reason, @problems, @messageId, @partnerId, @type, @payload, @origin)`);
    this.page = db.prepare(PAGE);
    this.one = db.prepare('SELECT * FROM rejections WHERE id = ?');
    // The page's ids as one JSON array parameter: one statement, whatever the page's size.
    this.replaysOf = db.prepare('SELECT * FROM rejection_replays WHERE rejection_id IN (SELECT value FROM json_each(?)) ORDER BY id');
    this.insertReplay = db.prepare(`INSERT INTO rejection_replays (rejection_id, at, outcome, code, reason, position, role, key_id, request_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.writeAll = db.transaction((rows: Pending[]) => rows.forEach(({ row }) => this.insert.run(row)));
    const insertRefusal = db.prepare(`INSERT OR IGNORE INTO rejections
      (dedupe_key, received_at, outcome, code, reason, problems, message_id, partner_id, type, payload, origin, position)
      VALUES (@dedupeKey, @receivedAt, @outcome, @code, @reason, @problems, @messageId, @partnerId, @type, @payload, @origin, @position)`);
    const moveCheckpoint = db.prepare('INSERT INTO checkpoints (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position');
    // Token T moves the checkpoint only where no newer leader has written (fence <= T).
    const moveFencedCheckpoint = db.prepare(`INSERT INTO checkpoints (name, position, fence) VALUES (?, ?, ?)
      ON CONFLICT (name) DO UPDATE SET position = excluded.position, fence = excluded.fence WHERE checkpoints.fence <= excluded.fence`);
    this.refusalsWith = db.transaction((refusals: readonly ProjectedRefusal[], checkpoint: bigint, token: bigint | undefined) => {
      for (const { position, entry } of refusals) insertRefusal.run({ ...toRow(entry, refusalDedupeKey(position)), position });
      if (token === undefined) moveCheckpoint.run(REFUSALS, checkpoint);
      // Throwing inside the transaction rolls the refusals back with it.
      else if (moveFencedCheckpoint.run(REFUSALS, checkpoint, token).changes === 0) throw new FencedOutError(`checkpoint ${REFUSALS}`, token);
    });
    this.readCheckpoint = db.prepare<[string], { position: bigint }>('SELECT position FROM checkpoints WHERE name = ?').safeIntegers(true);
  }

  /** Opens (creating if needed) the log at `file`, or in memory for `:memory:`. */
  static open(file: string): SqliteRejectionLog {
    // FULL: a rejection is the only record of a refused message, so it must survive an OS crash too.
    return openSqlite(file, 'FULL', (db) => new SqliteRejectionLog(db));
  }

  record(entry: RejectionEntry): Promise<void> {
    const row = toRow(entry, dedupeKeyOf(entry));
    return new Promise((done, failed) => {
      if (this.pending.length === 0) setImmediate(() => this.flush());
      this.pending.push({ row, done, failed });
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    try {
      this.writeAll(batch);
      this.commits += 1;
      batch.forEach((entry) => entry.done());
    } catch (error) {
      batch.forEach((entry) => entry.failed(error));
    }
  }

  async recordRefusals(refusals: readonly ProjectedRefusal[], checkpoint: bigint, fence?: FencingToken): Promise<void> {
    this.refusalsWith(refusals, checkpoint, tokenForWrite(`checkpoint ${REFUSALS}`, fence));
  }

  async checkpoint(): Promise<bigint> {
    return this.readCheckpoint.get(REFUSALS)?.position ?? 0n;
  }

  async list({ after = 0, limit, filter }: { after?: number; limit: number; filter?: RejectionFilter }): Promise<StoredRejection[]> {
    return this.withReplays((this.page.all({ after, limit, ...filterParams(filter) }) as ReadRow[]).map(fromRow));
  }

  async get(id: number): Promise<StoredRejection | undefined> {
    const row = this.one.get(id) as ReadRow | undefined;
    return row && this.withReplays([fromRow(row)])[0];
  }

  async recordReplay(rejectionId: number, attempt: ReplayAttempt): Promise<void> {
    this.insertReplay.run(...replayRow(rejectionId, attempt));
  }

  private withReplays(entries: StoredRejection[]): StoredRejection[] {
    if (entries.length === 0) return entries;
    return withReplays(entries, this.replaysOf.all(JSON.stringify(entries.map((e) => e.id))) as ReadRow[]);
  }

  async close(): Promise<void> {
    this.flush();
    if (this.db.open) this.db.close();
  }
}

/** Logs made before a column existed (refusals' positions, fencing) gain it on open. */
function addColumn(db: Database.Database, table: string, column: string, definition: string): void {
  const columns = db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[];
  if (!columns.some((c) => c.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
}
