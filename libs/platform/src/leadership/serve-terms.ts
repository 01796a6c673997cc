import type { Leadership, LeadershipTerm, TermWorker } from './leadership';

/** What `serveTerms` reports (logs, metrics). */
export type TermEvents = Readonly<{
  elected: (term: LeadershipTerm) => void;
  ended: (term: LeadershipTerm) => void;
  failed: (worker: string, error: unknown) => void;
}>;

/**
 * Runs every worker for each term this process wins, until `signal` aborts. A term's workers all
 * stop before the next term is asked for, so two terms' work never overlaps in one process; a
 * worker that fails is reported and the others go on until the term ends.
 */
export async function serveTerms(leadership: Leadership, workers: readonly TermWorker[], signal: AbortSignal, events: TermEvents): Promise<void> {
  for await (const term of leadership.terms(signal)) {
    events.elected(term);
    await Promise.all(workers.map((worker) => worker.runTerm(term).catch((error: unknown) => events.failed(worker.name, error))));
    events.ended(term);
  }
}
