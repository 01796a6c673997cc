import { once } from 'node:events';
import type { Leadership, LeadershipTerm } from '../leadership';
import { serveTerms } from '../serve-terms';

// ── Helpers of the leadership tests ─────────────────────────────────────────────────────────

/** Resolves once `signal` has aborted (at once if it already has). */
export async function untilAborted(signal: AbortSignal): Promise<void> {
  if (!signal.aborted) await once(signal, 'abort');
}

/** Serves `leadership` with one worker that records each term and runs until it ends. */
export function recordTerms(leadership: Leadership, shutdown: AbortSignal): { terms: LeadershipTerm[]; done: Promise<void> } {
  const terms: LeadershipTerm[] = [];
  const worker = { name: 'recorder', runTerm: (term: LeadershipTerm) => (terms.push(term), untilAborted(term.signal)) };
  return { terms, done: serveTerms(leadership, [worker], shutdown, { elected: () => undefined, ended: () => undefined, failed: () => undefined }) };
}

/** Polls `probe` every 20 ms until it returns a value; fails after `withinMs`, saying what was awaited. */
export async function eventually<T>(probe: () => T | undefined, withinMs: number, what: () => string = () => ''): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not within ${withinMs} ms ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
