import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MessageIdInUseError } from '../event-store.errors';
import { collect, numbered, testEvent } from '../testing/contract/contract-fixture';
import { SqliteEventStore } from './sqlite-event-store';
import { migrateSqliteSchema, SQLITE_MIGRATIONS, SQLITE_SCHEMA_VERSION } from './sqlite-schema';
import { useTempDir } from './sqlite-test-dir';

describe('SQLite schema migrations', () => {
  const dir = useTempDir('event-store-schema-');
  const file = () => join(dir(), 'event-store.sqlite');
  const versions = (db: Database.Database) =>
    (db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as Array<{ version: number }>).map((r) => r.version);

  it('creates the latest schema on first open and does not re-run it on reopen', async () => {
    await SqliteEventStore.open({ location: dir() }).close();
    await SqliteEventStore.open({ location: dir() }).close();
    const db = new Database(file(), { readonly: true });
    expect(versions(db)).toEqual(SQLITE_MIGRATIONS.map((m) => m.version));
    expect(db.pragma('user_version', { simple: true })).toBe(SQLITE_SCHEMA_VERSION);
    const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'").all() as Array<{ name: string }>).map(
      (r) => r.name,
    );
    expect(indexes).toEqual(expect.arrayContaining(['events_stream_revision', 'events_message_id']));
    db.close();
  });

  it('upgrades a database left at an older version, keeping its events', async () => {
    const old = new Database(file());
    migrateSqliteSchema(old, SQLITE_MIGRATIONS.slice(0, 1));
    old
      .prepare(`INSERT INTO events VALUES (1, 'partner-a', 0, 'Legacy', '{"n":0}', ?, 1, 'm-1', '2020-01-01T00:00:00.000Z')`)
      .run(JSON.stringify({ messageId: 'm-1', source: 'legacy', occurredAt: '2020-01-01T00:00:00.000Z' }));
    expect(versions(old)).toEqual([1]);
    old.close();

    const store = SqliteEventStore.open({ location: dir() });
    expect((await collect(store.readStream('partner-a'))).map((e) => [e.type, e.position, e.metadata.source])).toEqual([['Legacy', 1n, 'legacy']]);
    const next = await store.append('partner-a', numbered(1), { expectedRevision: 0 });
    expect(next.position).toBe(2n);
    await store.close();
    const db = new Database(file(), { readonly: true });
    expect(versions(db)).toEqual(SQLITE_MIGRATIONS.map((m) => m.version));
    db.close();
  });

  it('opens a database that already holds one messageId in two streams: the first keeps it, the rows stay readable', async () => {
    const old = new Database(file());
    migrateSqliteSchema(old, SQLITE_MIGRATIONS.slice(0, 2));
    const insert = old.prepare(`INSERT INTO events VALUES (?, ?, 0, 'Legacy', '{}', ?, 1, 'm-1', '2020-01-01T00:00:00.000Z')`);
    const metadata = JSON.stringify({ messageId: 'm-1', source: 'legacy', occurredAt: '2020-01-01T00:00:00.000Z' });
    insert.run(1, 'partner-b', metadata);
    insert.run(2, 'partner-a', metadata);
    old.close();

    const store = SqliteEventStore.open({ location: dir() });
    try {
      for (const stream of ['partner-b', 'partner-a']) expect((await collect(store.readStream(stream))).map((e) => e.metadata.messageId)).toEqual(['m-1']);
      const error: unknown = await store
        .append('partner-c', [testEvent('New', {}, { messageId: 'm-1' })], { expectedRevision: 'no_stream' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MessageIdInUseError);
      expect((error as MessageIdInUseError).streamId).toBe('partner-b');
      await expect(store.append('partner-b', [testEvent('Again', {}, { messageId: 'm-1' })], { expectedRevision: 0 })).resolves.toMatchObject({ position: 3n });
    } finally {
      await store.close();
    }
  });

  it('refuses a database written by newer code', () => {
    const db = new Database(file());
    migrateSqliteSchema(db);
    db.prepare("INSERT INTO schema_migrations VALUES (?, 'from the future', '2099-01-01')").run(SQLITE_SCHEMA_VERSION + 1);
    db.close();
    expect(() => SqliteEventStore.open({ location: dir() })).toThrow(/newer than this code/);
  });

  it('rejects a migration list with gaps', () => {
    const db = new Database(':memory:');
    expect(() => migrateSqliteSchema(db, [SQLITE_MIGRATIONS[1]!])).toThrow(/expected 1/);
    db.close();
  });
});
