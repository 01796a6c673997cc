import type Database from 'better-sqlite3';
import { type ChainUpgradeLog, chainUpgrade, firstOfEachStream } from '../hash-chain/chain-upgrade';
import { COLUMNS, decodeStoredRow, type EventRow } from './sqlite-rows';

/**
 * Gives every event stored before the hash chain its hash, in position order, in write
 * transactions of `batchSize` events (see hash-chain/chain-upgrade.ts for why this is safe to
 * interrupt and to run from several processes). Only `hash` is written. Returns the events hashed.
 */
export function upgradeSqliteHashChain(db: Database.Database, log: ChainUpgradeLog, batchSize = 2000): number {
  const pending = db
    .prepare<[bigint, number], EventRow>(`SELECT ${COLUMNS} FROM events WHERE position > ? AND hash IS NULL ORDER BY position LIMIT ?`)
    .raw(true)
    .safeIntegers(true);
  const hashAt = db.prepare<[string, number], { hash: string | null }>('SELECT hash FROM events WHERE stream_id = ? AND revision = ?');
  const setHash = db.prepare<[string, bigint]>('UPDATE events SET hash = ? WHERE position = ?');
  const remaining = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM events WHERE hash IS NULL');
  const batch = db.transaction((after: bigint) => {
    const events = pending.all(after, batchSize).map(decodeStoredRow);
    const earlier = new Map(firstOfEachStream(events).map(({ streamId, revision }) => [streamId, hashAt.get(streamId, revision)?.hash ?? null]));
    upgrade.hashBatch(events, earlier);
    events.forEach((event) => setHash.run(event.hash!, event.position));
    return events.at(-1)?.position;
  });
  const upgrade = chainUpgrade(log);
  const total = remaining.get()!.n;
  if (total === 0) return 0;
  upgrade.started(total);
  // IMMEDIATE: each batch holds the write lock, so no append interleaves with the rows it reads.
  for (let after: bigint | undefined = 0n; after !== undefined;) after = batch.immediate(after);
  return upgrade.finished();
}
