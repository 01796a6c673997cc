import type Database from 'better-sqlite3';
import { activeSet, dropSet, indexSet, pointViewsAt, recreateSet, tierChangesDdl } from '../schema/read-model-schema';
import { CHANGE_COLUMNS, REBUILD_CHANGES_TABLE, type TableSet, TIER_CHANGES_TABLE } from '../schema/table-sets';
import type { ReadModelStorage, SetRows } from '../storage/read-model-storage';
import { SqliteSetRows } from './sqlite-set-rows';

/** The read-model storage port on one SQLite connection (one process writes: no fencing). */
export class SqliteReadModelStorage implements ReadModelStorage {
  constructor(private readonly db: Database.Database) {}

  async activeSet(): Promise<TableSet> {
    return activeSet(this.db);
  }

  setRows(set: TableSet, feed: 'live' | 'rebuild'): SetRows {
    return new SqliteSetRows(this.db, set, feed === 'live' ? TIER_CHANGES_TABLE : REBUILD_CHANGES_TABLE);
  }

  async startRebuild(set: TableSet): Promise<void> {
    recreateSet(this.db, set);
    this.db.exec(`DROP TABLE IF EXISTS ${REBUILD_CHANGES_TABLE}`);
    this.db.exec(tierChangesDdl(REBUILD_CHANGES_TABLE));
  }

  async indexSet(set: TableSet): Promise<void> {
    indexSet(this.db, set);
  }

  async swapIn(set: TableSet): Promise<void> {
    this.db.transaction(() => {
      this.db.exec(`INSERT OR IGNORE INTO ${TIER_CHANGES_TABLE} (${CHANGE_COLUMNS})
        SELECT ${CHANGE_COLUMNS} FROM ${REBUILD_CHANGES_TABLE} ORDER BY at, sequence`);
      pointViewsAt(this.db, set);
    })();
    this.db.exec(`DROP TABLE IF EXISTS ${REBUILD_CHANGES_TABLE}`);
  }

  async dropSet(set: TableSet): Promise<void> {
    dropSet(this.db, set);
  }
}
