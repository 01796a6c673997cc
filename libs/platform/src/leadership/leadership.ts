import type { FencingToken } from '@partner-program/event-store';

// ── Leadership: which process does the work that must run once (projector, scheduler, publishers) ──
// Framework-free; `PostgresLeadership` elects one process among many, `SoleLeadership` is the
// single-process deployment (SQLite), always leading.

/** One term of leadership: from election until `signal` aborts (lost, handed over, or shutting down). */
export type LeadershipTerm = Readonly<{
  /** The term's fencing epoch: larger than every earlier term's. */
  epoch: bigint;
  /** Aborts when the term ends: stop the term's work. */
  signal: AbortSignal;
  /** The leadership's token: `epoch` while this process still leads, `undefined` once it has lost. */
  token: FencingToken;
}>;

/** An election this process takes part in, for one duty. */
export interface Leadership {
  /** Read at each fenced write: the current term's epoch, `undefined` when not leading. */
  readonly token: FencingToken;
  /**
   * Competes until `signal` aborts and yields each term won. Ask for the next term once the work
   * of this one has stopped: a term still held then is handed over (another process may take it).
   */
  terms(signal: AbortSignal): AsyncIterable<LeadershipTerm>;
}

/** Work that runs only while leading: resolves once it has stopped after `term.signal` aborted. */
export interface TermWorker {
  readonly name: string;
  runTerm(term: LeadershipTerm): Promise<void>;
}
