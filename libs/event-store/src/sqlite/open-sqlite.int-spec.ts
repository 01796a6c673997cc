import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { openSqlite, sqliteDurability } from './open-sqlite';
import { useTempDir } from './sqlite-test-dir';

describe('openSqlite', () => {
  const dir = useTempDir('open-sqlite-');

  it('creates the directory and opens the file in WAL mode at the level asked', () => {
    const file = join(dir(), 'nested', 'a.sqlite');
    for (const [level, code] of [
      ['FULL', 2],
      ['NORMAL', 1],
    ] as const) {
      const db = openSqlite(file, level, (opened) => opened);
      expect(sqliteDurability(db)).toEqual({ journalMode: 'wal', synchronous: code });
      db.close();
    }
  });

  it('closes the connection when preparing it fails', () => {
    let seen: Database.Database | undefined;
    expect(() =>
      openSqlite(join(dir(), 'b.sqlite'), 'FULL', (db) => {
        seen = db;
        throw new Error('bad schema');
      }),
    ).toThrow('bad schema');
    expect(seen?.open).toBe(false);
  });
});
