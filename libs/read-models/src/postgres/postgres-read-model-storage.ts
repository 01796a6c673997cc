import type pg from 'pg';
import { FencedOutError } from '@partner-program/event-store';
import { CHANGE_COLUMNS, PARTNER_PROJECTION, REBUILD_CHANGES_TABLE, type TableSet, TIER_CHANGES_TABLE, otherSet } from '../schema/table-sets';
import type { ReadModelStorage, SetRows } from '../storage/read-model-storage';
import { dropSetDdl, pointViewsDdl, queryIndexesDdl, setDdl, tierChangesDdl } from './postgres-read-model-schema';
import { PostgresSetRows } from './postgres-set-rows';
import { inTransaction } from './postgres-transaction';

/**
 * The read-model storage port on PostgreSQL. PostgreSQL DDL is transactional, so the swap of a
 * rebuild (merge its tier changes, re-point the views, record the active set) commits as one;
 * readers in other processes see the old complete model, then the new one.
 */
export class PostgresReadModelStorage implements ReadModelStorage {
  /** `schema`: quoted. `channel`: where page commits NOTIFY their checkpoint. */
  constructor(
    private readonly pool: pg.Pool,
    private readonly schema: string,
    private readonly channel: string,
  ) {}

  async activeSet(): Promise<TableSet> {
    const { rows } = await this.pool.query<{ value: string }>(`SELECT value FROM ${this.schema}.read_model_meta WHERE key = 'active_set'`);
    return rows[0]?.value === 'b' ? 'b' : 'a';
  }

  setRows(set: TableSet, feed: 'live' | 'rebuild'): SetRows {
    const changesTable = feed === 'live' ? TIER_CHANGES_TABLE : REBUILD_CHANGES_TABLE;
    return new PostgresSetRows({ pool: this.pool, schema: this.schema, set, changesTable, channel: this.channel });
  }

  async startRebuild(set: TableSet): Promise<void> {
    const s = this.schema;
    await inTransaction(this.pool, async (client) => {
      if ((await this.activeSetFor(client)) === set) throw new Error(`table set ${set} is the active one`);
      await client.query(`${dropSetDdl(s, set)}
        ${setDdl(s, set)}
        DROP TABLE IF EXISTS ${s}.${REBUILD_CHANGES_TABLE};
        ${tierChangesDdl(s, REBUILD_CHANGES_TABLE)}`);
    });
  }

  async indexSet(set: TableSet): Promise<void> {
    await this.pool.query(queryIndexesDdl(this.schema, set));
  }

  async swapIn(set: TableSet, fence: bigint | undefined): Promise<void> {
    const s = this.schema;
    await inTransaction(this.pool, async (client) => {
      const live = await this.activeSetFor(client);
      if (live !== otherSet(set)) throw new Error(`table set ${set} is already the active one`);
      // Fenced like a page: on the live checkpoint row, whose lock also holds live pages back.
      const claimed = await client.query<{ fence: string }>(
        `UPDATE ${s}.${live}_checkpoints SET fence = COALESCE($2::bigint, fence) WHERE name = $1 AND ($2::bigint IS NULL OR fence <= $2::bigint)
         RETURNING fence::text`,
        [PARTNER_PROJECTION, fence?.toString() ?? null],
      );
      if (claimed.rowCount === 0) throw new FencedOutError(`checkpoint ${PARTNER_PROJECTION} (rebuild swap)`, fence);
      // The new live row keeps the highest token seen, so a stale leader stays fenced out after the swap.
      await client.query(`UPDATE ${s}.${set}_checkpoints SET fence = GREATEST(fence, $2::bigint) WHERE name = $1`, [
        PARTNER_PROJECTION,
        claimed.rows[0]!.fence,
      ]);
      await client.query(`INSERT INTO ${s}.${TIER_CHANGES_TABLE} (${CHANGE_COLUMNS})
        SELECT ${CHANGE_COLUMNS} FROM ${s}.${REBUILD_CHANGES_TABLE} AS r
        WHERE NOT EXISTS (SELECT 1 FROM ${s}.${TIER_CHANGES_TABLE} AS x WHERE x.change_id = r.change_id)
        ORDER BY at, sequence`);
      await client.query(pointViewsDdl(s, set));
      await client.query(`SELECT pg_notify($1, position::text) FROM ${s}.${set}_checkpoints WHERE name = $2`, [this.channel, PARTNER_PROJECTION]);
    });
    await this.pool.query(`DROP TABLE IF EXISTS ${s}.${REBUILD_CHANGES_TABLE}`);
  }

  async dropSet(set: TableSet): Promise<void> {
    await this.pool.query(dropSetDdl(this.schema, set));
  }

  /** The active set, locked until the transaction ends: one swap or rebuild start at a time. */
  private async activeSetFor(client: pg.PoolClient): Promise<TableSet> {
    const { rows } = await client.query<{ value: string }>(`SELECT value FROM ${this.schema}.read_model_meta WHERE key = 'active_set' FOR UPDATE`);
    return rows[0]?.value === 'b' ? 'b' : 'a';
  }
}
