import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Envelope } from '../../scripts/programme-generator';

/**
 * The machine's ceiling: bare better-sqlite3 inserts of the same serialized events, 100 per
 * transaction, with the store's durability settings (WAL, synchronous=FULL). Nothing built on
 * SQLite here can write faster; every write figure is also given as a ratio to this.
 */
export function measureCeiling(messages: readonly Envelope[]): number {
  const dir = mkdtempSync(join(tmpdir(), 'pp-ceiling-'));
  const db = new Database(join(dir, 'ceiling.sqlite'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, revision INTEGER NOT NULL, type TEXT NOT NULL,
      data TEXT NOT NULL, metadata TEXT NOT NULL, UNIQUE (stream_id, revision))`);
    const insert = db.prepare('INSERT INTO events (stream_id, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?)');
    const rows = ceilingRows(messages);
    const writeBatch = db.transaction((batch: typeof rows) => {
      for (const row of batch) insert.run(...row);
    });
    const started = performance.now();
    for (let i = 0; i < rows.length; i += 100) writeBatch(rows.slice(i, i + 100));
    return rows.length / ((performance.now() - started) / 1000);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The rows a bare ceiling inserts: each message serialized as the stores would, with its stream revision. */
export function ceilingRows(messages: readonly Envelope[]) {
  const revisions = new Map<string, number>();
  return messages.map((m) => {
    const revision = revisions.get(m.partnerId) ?? 0;
    revisions.set(m.partnerId, revision + 1);
    const metadata = JSON.stringify({ messageId: m.messageId, source: m.source, occurredAt: m.occurredAt, recordedAt: new Date().toISOString() });
    return [`partner-${m.partnerId}`, revision, m.type, JSON.stringify(m.data), metadata] as const;
  });
}
