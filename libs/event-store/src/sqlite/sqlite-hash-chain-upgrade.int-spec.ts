import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { GENESIS_HASH, eventHash } from '../hash-chain/event-hash';
import { collect, numbered } from '../testing/contract/contract-fixture';
import { SqliteEventStore } from './sqlite-event-store';
import { upgradeSqliteHashChain } from './sqlite-hash-chain-upgrade';
import { migrateSqliteSchema, SQLITE_MIGRATIONS } from './sqlite-schema';
import { useTempDir } from './sqlite-test-dir';

type Row = Record<string, unknown>;

describe('SQLite hash chain upgrade', () => {
  const dir = useTempDir('event-store-chain-upgrade-');
  const file = () => join(dir(), 'event-store.sqlite');
  const rows = (): Row[] => {
    const db = new Database(file(), { readonly: true });
    try {
      return db.prepare('SELECT * FROM events ORDER BY position').all() as Row[];
    } finally {
      db.close();
    }
  };

  /** A store as the code before the chain left it: schema v3, events interleaved over two streams. */
  function writeStoreOfPreviousVersion(): void {
    const db = new Database(file());
    migrateSqliteSchema(db, SQLITE_MIGRATIONS.slice(0, 3));
    const insert = db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)');
    const revisions = { 'partner-a': 0, 'partner-b': 0 };
    for (let position = 1; position <= 7; position++) {
      const stream = position % 3 === 0 ? 'partner-b' : 'partner-a';
      const metadata = { messageId: `m-${position}`, source: 'legacy', occurredAt: '2020-01-01T00:00:00.000Z', correlationId: 'c' };
      insert.run(
        position,
        stream,
        revisions[stream]++,
        'Legacy',
        JSON.stringify({ n: position }),
        JSON.stringify(metadata),
        `m-${position}`,
        `2020-01-0${position}T00:00:00.000Z`,
      );
    }
    db.close();
  }

  async function expectChained(store: SqliteEventStore, streamId: string, length: number): Promise<void> {
    const events = await collect(store.readStream(streamId));
    expect(events).toHaveLength(length);
    let previous = GENESIS_HASH;
    for (const event of events) {
      expect(event.hash).toBe(eventHash(previous, event));
      previous = event.hash!;
    }
  }

  it('hashes a store written by the previous version on open, changing nothing but the new column, and logs it', async () => {
    writeStoreOfPreviousVersion();
    const before = rows();
    const log: string[] = [];
    const store = SqliteEventStore.open({ location: dir(), log: (m) => log.push(m) });
    await expectChained(store, 'partner-a', 5);
    await expectChained(store, 'partner-b', 2);
    // New appends chain on to the upgraded events.
    await store.append('partner-a', numbered(2), { expectedRevision: 4 });
    await expectChained(store, 'partner-a', 7);
    await store.close();

    const after = rows();
    expect(after.slice(0, 7).map(({ hash: _hash, ...rest }) => rest)).toEqual(before);
    expect(log[0]).toBe('hash chain upgrade: 7 events stored before the chain get their hash');
    expect(log.at(-1)).toMatch(/^hash chain upgrade: done, 7 events hashed in \d+ ms$/);
  });

  it('resumes an upgrade stopped after some batches, giving the hashes a whole pass gives, and then leaves the store alone', async () => {
    writeStoreOfPreviousVersion();
    await SqliteEventStore.open({ location: dir() }).close();
    const whole = rows();
    // What a crash between two committed batches leaves: the first events hashed, the rest not.
    const db = new Database(file());
    db.prepare('UPDATE events SET hash = NULL WHERE position > 3').run();
    db.close();

    const log: string[] = [];
    await SqliteEventStore.open({ location: dir(), log: (m) => log.push(m) }).close();
    expect(rows()).toEqual(whole);
    expect(log[0]).toBe('hash chain upgrade: 4 events stored before the chain get their hash');

    const again: string[] = [];
    await SqliteEventStore.open({ location: dir(), log: (m) => again.push(m) }).close();
    expect(again).toEqual([]);
    expect(rows()).toEqual(whole);
  });

  it('gives in batches of 2 (each stream chained across batches) the hashes a single pass gives', async () => {
    writeStoreOfPreviousVersion();
    const db = new Database(file());
    migrateSqliteSchema(db);
    expect(upgradeSqliteHashChain(db, () => {}, 2)).toBe(7);
    db.close();
    const batched = rows();
    rmSync(file());
    writeStoreOfPreviousVersion();
    await SqliteEventStore.open({ location: dir() }).close();
    expect(rows()).toEqual(batched);
  });

  it('refuses to start when an event to chain lacks its predecessor, naming both', () => {
    writeStoreOfPreviousVersion();
    const db = new Database(file());
    db.prepare("DELETE FROM events WHERE stream_id = 'partner-a' AND revision = 1").run();
    db.close();
    expect(() => SqliteEventStore.open({ location: dir() })).toThrow('hash chain upgrade: partner-a@1 is missing, so partner-a@2 cannot be chained');
  });
});
