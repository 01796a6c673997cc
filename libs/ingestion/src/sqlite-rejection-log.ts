import { FencedOutError, type FencingToken, openSqlite, tokenForWrite } from '@partner-program/event-store';
import type Database from 'better-sqlite3';
import {
  type ProjectedRefusal,
  type RejectionCount,
  type RejectionEntry,
  type RejectionLog,
  type RejectionPeriod,
  type StoredRejection,
  rejectionCounts,
} from './rejection-log';
import { type ReadRow, type RejectionRow, countBySourceAndCodeSql, dedupeKeyOf, fromRow, refusalDedupeKey, toRow } from './rejection-rows';

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
CREATE TABLE IF NOT EXISTS checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL);`;

/** The projection of refusals from the store (rejection-log.projector.ts). */
const REFUSALS = 'refusals';

type Pending = { row: RejectionRow; done: () => void; failed: (error: unknown) => void };

export class SqliteRejectionLog implements RejectionLog {
  private readonly insert: Database.Statement;
  private readonly page: Database.Statement;
  private readonly counts: Database.Statement<[string, string], { source: string | null; code: string; count: number }>;
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
    addColumn(db, 'rejections', 'source', 'TEXT');
    db.exec('CREATE INDEX IF NOT EXISTS rejections_received ON rejections(received_at)');
    this.insert = db.prepare(`INSERT OR IGNORE INTO rejections
      (dedupe_key, received_at, outcome, code, reason, problems, message_id, partner_id, type, payload, origin, source)
      VALUES (@dedupeKey, @receivedAt, @outcome, @code, @reason, @problems, @messageId, @partnerId, @type, @payload, @origin, @source)`);
    this.page = db.prepare('SELECT * FROM rejections WHERE id > ? ORDER BY id LIMIT ?');
    this.counts = db.prepare(countBySourceAndCodeSql('rejections', ['?', '?']));
    this.writeAll = db.transaction((rows: Pending[]) => rows.forEach(({ row }) => this.insert.run(row)));
    const insertRefusal = db.prepare(`INSERT OR IGNORE INTO rejections
      (dedupe_key, received_at, outcome, code, reason, problems, message_id, partner_id, type, payload, origin, source, position)
      VALUES (@dedupeKey, @receivedAt, @outcome, @code, @reason, @problems, @messageId, @partnerId, @type, @payload, @origin, @source, @position)`);
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

  async list({ after = 0, limit }: { after?: number; limit: number }): Promise<StoredRejection[]> {
    return (this.page.all(after, limit) as ReadRow[]).map(fromRow);
  }

  async countBySourceAndCode({ from, to }: RejectionPeriod): Promise<RejectionCount[]> {
    return rejectionCounts(this.counts.all(from, to));
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
