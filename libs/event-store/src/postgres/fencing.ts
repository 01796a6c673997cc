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
