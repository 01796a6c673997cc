import type { Leadership, LeadershipTerm, TermWorker } from './leadership';
import { serveTerms } from './serve-terms';
import { SoleLeadership } from './sole-leadership';
import { untilAborted } from './testing/terms';

// Background work runs only inside a term, and one term's work has stopped before the next begins.

const quiet = { elected: () => undefined, ended: () => undefined, failed: () => undefined };

/** Two terms, the first lost on `lose()`; records when the leadership was asked for the next term. */
function twoTerms(log: string[]): Leadership & { lose: () => void } {
  const first = new AbortController();
  let epoch: bigint | undefined;
  return {
    token: () => epoch,
    lose: () => (first.abort(), (epoch = undefined)),
    async *terms(signal: AbortSignal) {
      epoch = 7n;
      yield { epoch: 7n, signal: first.signal, token: this.token };
      log.push('asked for the next term');
      epoch = 9n;
      yield { epoch: 9n, signal, token: this.token };
    },
  };
}

describe('serveTerms', () => {
  it('starts every worker at each election and asks for the next term only once all have stopped', async () => {
    const log: string[] = [];
    const leadership = twoTerms(log);
    const slowToStop: TermWorker = {
      name: 'slow',
      runTerm: async (term) => {
        await untilAborted(term.signal);
        await new Promise((resolve) => setTimeout(resolve, 50));
        log.push(`slow stopped ${term.epoch}`);
      },
    };
    const quick: TermWorker = {
      name: 'quick',
      runTerm: async (term) => {
        log.push(`quick started ${term.epoch} with token ${term.token()}`);
        await untilAborted(term.signal);
      },
    };
    const shutdown = new AbortController();
    const served = serveTerms(leadership, [slowToStop, quick], shutdown.signal, quiet);
    await new Promise((resolve) => setTimeout(resolve, 10));
    leadership.lose();
    await new Promise((resolve) => setTimeout(resolve, 100));
    shutdown.abort();
    await served;
    expect(log).toEqual(['quick started 7 with token 7', 'slow stopped 7', 'asked for the next term', 'quick started 9 with token 9', 'slow stopped 9']);
  });

  it('reports a failing worker and keeps the others running until the term ends', async () => {
    const failures: string[] = [];
    const terms: LeadershipTerm[] = [];
    const shutdown = new AbortController();
    const failing: TermWorker = { name: 'failing', runTerm: async () => Promise.reject(new Error('boom')) };
    const steady: TermWorker = { name: 'steady', runTerm: async (term) => (terms.push(term), await untilAborted(term.signal)) };
    const served = serveTerms(new SoleLeadership(), [failing, steady], shutdown.signal, {
      ...quiet,
      failed: (worker, error) => failures.push(`${worker}: ${(error as Error).message}`),
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(terms[0]!.signal.aborted).toBe(false);
    shutdown.abort();
    await served;
    expect(failures).toEqual(['failing: boom']);
  });
});

describe('SoleLeadership', () => {
  it('leads with token 1 from the start until shutdown, then holds no token', async () => {
    const leadership = new SoleLeadership();
    const shutdown = new AbortController();
    const tokens: (bigint | undefined)[] = [];
    const served = serveTerms(
      leadership,
      [{ name: 'w', runTerm: async (term) => (tokens.push(term.token()), await untilAborted(term.signal)) }],
      shutdown.signal,
      quiet,
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(leadership.token()).toBe(1n);
    shutdown.abort();
    await served;
    expect(tokens).toEqual([1n]);
    expect(leadership.token()).toBeUndefined();
  });
});
