import { createHash } from 'node:crypto';
import { openSqlite } from '@partner-program/event-store';
import type Database from 'better-sqlite3';
import { type ProjectedRefusal, type RejectionEntry, type RejectionLog, type StoredRejection, keptPayload } from './rejection-log';

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

type Row = Record<string, string | number | null | undefined>;

type Pending = { row: Record<string, string | null>; done: () => void; failed: (error: unknown) => void };

export class SqliteRejectionLog implements RejectionLog {
  private readonly insert: Database.Statement;
  private readonly page: Database.Statement;
  /** Records arriving in the same turn share one transaction and one fsync (group commit). */
  private pending: Pending[] = [];
  /** Write transactions committed (each one fsync); for tests and monitoring. */
  commits = 0;
  private readonly writeAll: (rows: Pending[]) => void;

  private readonly refusalsWith: (refusals: readonly ProjectedRefusal[], checkpoint: bigint) => void;
  private readonly readCheckpoint: Database.Statement<[string], { position: bigint }>;

  private constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
    addPositionColumn(db);
    this.insert = db.prepare(`INSERT OR IGNORE INTO rejections
      (dedupe_key, received_at, outcome, code, reason, problems, message_id, partner_id, type, payload, origin)
      VALUES (@dedupeKey, @receivedAt, @outcome, @code, @reason, @problems, @messageId, @partnerId, @type, @payload, @origin)`);
    this.page = db.prepare('SELECT * FROM rejections WHERE id > ? ORDER BY id LIMIT ?');
    this.writeAll = db.transaction((rows: Pending[]) => rows.forEach(({ row }) => this.insert.run(row)));
    const insertRefusal = db.prepare(`INSERT OR IGNORE INTO rejections
      (dedupe_key, received_at, outcome, code, reason, problems, message_id, partner_id, type, payload, origin, position)
      VALUES (@dedupeKey, @receivedAt, @outcome, @code, @reason, @problems, @messageId, @partnerId, @type, @payload, @origin, @position)`);
    const moveCheckpoint = db.prepare('INSERT INTO checkpoints (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position');
    this.refusalsWith = db.transaction((refusals: readonly ProjectedRefusal[], checkpoint: bigint) => {
      // A refusal is one stored event: its position identifies it, so a replayed page adds nothing.
      for (const { position, entry } of refusals) insertRefusal.run({ ...toRow(entry, `refusal:${position}`), position });
      moveCheckpoint.run(REFUSALS, checkpoint);
    });
    this.readCheckpoint = db.prepare<[string], { position: bigint }>('SELECT position FROM checkpoints WHERE name = ?').safeIntegers(true);
  }

  /** Opens (creating if needed) the log at `file`, or in memory for `:memory:`. */
  static open(file: string): SqliteRejectionLog {
    // FULL: a rejection is the only record of a refused message, so it must survive an OS crash too.
    return openSqlite(file, 'FULL', (db) => new SqliteRejectionLog(db));
  }

  record(entry: RejectionEntry): Promise<void> {
    // The whole text decides sameness: two messages are never merged, a redelivery is kept once.
    const dedupeKey = createHash('sha256').update(`${entry.outcome}\n${entry.code}\n${entry.payload}`).digest('hex');
    const row = toRow(entry, dedupeKey);
    return new Promise((done, failed) => {
      if (this.pending.length === 0) setImmediate(() => this.flush());
      this.pending.push({ row, done, failed });
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    try {
      this.writeAll(batch);
      this.commits += 1;
      batch.forEach((entry) => entry.done());
    } catch (error) {
      batch.forEach((entry) => entry.failed(error));
    }
  }

  async recordRefusals(refusals: readonly ProjectedRefusal[], checkpoint: bigint): Promise<void> {
    this.refusalsWith(refusals, checkpoint);
  }

  checkpoint(): bigint {
    return this.readCheckpoint.get(REFUSALS)?.position ?? 0n;
  }

  list({ after = 0, limit }: { after?: number; limit: number }): StoredRejection[] {
    return (this.page.all(after, limit) as Row[]).map(fromRow);
  }

  close(): void {
    if (this.pending.length > 0) this.flush();
    if (this.db.open) this.db.close();
  }
}

function toRow(entry: RejectionEntry, dedupeKey: string): Record<string, string | null> {
  return {
    dedupeKey,
    receivedAt: entry.receivedAt,
    outcome: entry.outcome,
    code: entry.code,
    reason: entry.reason,
    problems: entry.problems ? JSON.stringify(entry.problems) : null,
    messageId: entry.messageId ?? null,
    partnerId: entry.partnerId ?? null,
    type: entry.type ?? null,
    payload: keptPayload(entry.payload),
    origin: JSON.stringify(entry.origin),
  };
}

/** Logs made before refusals were projected have no position column. */
function addPositionColumn(db: Database.Database): void {
  const columns = db.prepare('PRAGMA table_info(rejections)').all() as { name: string }[];
  if (!columns.some((column) => column.name === 'position')) db.exec('ALTER TABLE rejections ADD COLUMN position INTEGER');
}

function fromRow(row: Row): StoredRejection {
  const text = (key: string) => (row[key] === null ? undefined : String(row[key]));
  return {
    id: Number(row.id),
    receivedAt: String(row.received_at),
    outcome: row.outcome as StoredRejection['outcome'],
    code: String(row.code),
    reason: String(row.reason),
    ...(row.problems === null ? {} : { problems: JSON.parse(String(row.problems)) }),
    ...(text('message_id') === undefined ? {} : { messageId: text('message_id') }),
    ...(text('partner_id') === undefined ? {} : { partnerId: text('partner_id') }),
    ...(text('type') === undefined ? {} : { type: text('type') }),
    payload: String(row.payload),
    origin: JSON.parse(String(row.origin)),
    ...(row.position === null || row.position === undefined ? {} : { position: Number(row.position) }),
  };
}
