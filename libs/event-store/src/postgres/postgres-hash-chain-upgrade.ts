import type { Pool } from 'pg';
import { type ChainUpgradeLog, chainUpgrade, firstOfEachStream } from '../hash-chain/chain-upgrade';
import { COLUMNS, decodeStoredRow, type EventRow } from './postgres-rows';

/**
 * Gives every event stored before the hash chain its hash, in position order, one transaction per
 * `batchSize` events (see hash-chain/chain-upgrade.ts for why this is safe to interrupt and to run
 * from several processes). Only `hash` is written. `s` is the quoted schema. Returns the events hashed.
 */
export async function upgradePostgresHashChain(pool: Pool, s: string, log: ChainUpgradeLog, batchSize = 2000): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${s}.events WHERE hash IS NULL`);
  const total = Number(rows[0]!.n);
  if (total === 0) return 0;
  const upgrade = chainUpgrade(log);
  upgrade.started(total);
  const client = await pool.connect();
  try {
    for (let after = 0n, more = true; more;) {
      await client.query('BEGIN');
      try {
        // The append path's lock: no append interleaves with the rows this batch reads.
        await client.query(`SELECT position FROM ${s}.log_head FOR UPDATE`);
        const pending = await client.query<EventRow>(`SELECT ${COLUMNS} FROM ${s}.events WHERE position > $1 AND hash IS NULL ORDER BY position LIMIT $2`, [
          after.toString(),
          batchSize,
        ]);
        const events = pending.rows.map(decodeStoredRow);
        const needed = firstOfEachStream(events);
        const earlier = await client.query<{ stream_id: string; hash: string | null }>(
          `SELECT e.stream_id, e.hash FROM unnest($1::text[], $2::integer[]) AS n(stream_id, revision) JOIN ${s}.events e USING (stream_id, revision)`,
          [needed.map((n) => n.streamId), needed.map((n) => n.revision)],
        );
        upgrade.hashBatch(events, new Map(earlier.rows.map((row) => [row.stream_id, row.hash])));
        await client.query(`UPDATE ${s}.events e SET hash = n.hash FROM unnest($1::bigint[], $2::text[]) AS n(position, hash) WHERE e.position = n.position`, [
          events.map((e) => e.position.toString()),
          events.map((e) => e.hash!),
        ]);
        await client.query('COMMIT');
        more = events.length === batchSize;
        after = events.at(-1)?.position ?? after;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
  } finally {
    client.release();
  }
  return upgrade.finished();
}
