import { setTimeout } from 'node:timers/promises';

/**
 * Waits `ms`, or less when `signal` aborts, and never rejects for the abort: the polling and retry
 * loops that use it check `signal.aborted` themselves, so an abort is their way out, not an error.
 * node's timer does the waiting and its clean-up; only the abort's rejection is swallowed here.
 */
export async function pause(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await setTimeout(ms, undefined, { signal });
  } catch (error) {
    // The timer rejects only with its AbortError (node's, from another realm under jest, so no instanceof).
    if (!signal?.aborted) throw error;
  }
}
