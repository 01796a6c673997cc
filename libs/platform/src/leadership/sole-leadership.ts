import type { FencingToken } from '@partner-program/event-store';
import type { Leadership, LeadershipTerm } from './leadership';

/** The token of the one process of a single-process deployment. */
export const SOLE_EPOCH = 1n;

/**
 * The single-process deployment (the embedded SQLite store: one DATA_DIR, one projector): there is
 * no one to compete with, so the process leads from start to shutdown, with token 1.
 */
export class SoleLeadership implements Leadership {
  private leading = false;
  readonly token: FencingToken = () => (this.leading ? SOLE_EPOCH : undefined);

  async *terms(signal: AbortSignal): AsyncIterable<LeadershipTerm> {
    if (signal.aborted) return;
    const term = new AbortController();
    const end = () => term.abort();
    signal.addEventListener('abort', end, { once: true });
    this.leading = true;
    try {
      yield { epoch: SOLE_EPOCH, signal: term.signal, token: this.token };
    } finally {
      this.leading = false;
      term.abort();
      signal.removeEventListener('abort', end);
    }
  }
}
