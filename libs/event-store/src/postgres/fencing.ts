// ── Fencing: a leader that has lost its lease must not overwrite what a newer leader wrote ────
// Leadership (an advisory lock held on its own connection) ends the moment that connection dies,
// but the process may not know yet and still have a transaction in flight. Each election hands the
// new leader a larger token (an epoch); every checkpoint it writes carries that token, and a write
// whose token is older than the stored one is refused in the same transaction. So a stale leader
// can repeat work (idempotent by design) but never move a checkpoint back.

/** The epoch of the current leadership, read at each fenced write (`undefined`: not leading). */
export type FencingToken = () => bigint | undefined;

/** A fenced write refused: a newer leader has written since, or this process does not lead. */
export class FencedOutError extends Error {
  override readonly name = 'FencedOutError';

  constructor(
    /** What was being written, e.g. `checkpoint partner`. */
    readonly target: string,
    /** The token this writer held (`undefined`: none). */
    readonly token: bigint | undefined,
  ) {
    super(`${target}: write refused, this process no longer leads (token ${token ?? 'none'}); a newer leader has taken over`);
  }
}

/**
 * The token a fenced write carries: `fence()` now, or {@link FencedOutError} when this process
 * does not lead. Without a fence the write is unconditional (`undefined`: one writer, no election).
 */
export function tokenForWrite(target: string, fence: FencingToken | undefined): bigint | undefined {
  if (fence === undefined) return undefined;
  const token = fence();
  if (token === undefined) throw new FencedOutError(target, undefined);
  return token;
}

/**
 * The PostgreSQL upsert of one checkpoint row `(name, <column>, fence)` in `table` (quoted):
 * `$1` name, `$2` value, `$3` token. Fenced, it writes only where `fence <= $3`, so no row
 * affected means refused (a newer leader wrote); unfenced (`$3` unused) it always writes.
 */
export function checkpointUpsertSql(table: string, column: string, fenced: boolean): string {
  const insert = fenced
    ? `INSERT INTO ${table} AS c (name, ${column}, fence) VALUES ($1, $2, $3)`
    : `INSERT INTO ${table} AS c (name, ${column}) VALUES ($1, $2)`;
  const update = fenced ? `SET ${column} = excluded.${column}, fence = excluded.fence WHERE c.fence <= excluded.fence` : `SET ${column} = excluded.${column}`;
  return `${insert} ON CONFLICT (name) DO UPDATE ${update}`;
}
