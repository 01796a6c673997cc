import { abortableIterator, type ClosableAsyncIterator } from '../abortable-iterator';
import { pause } from '../pause';

/** Options of {@link resubscribingIterator}. */
export interface ResubscribeOptions<T> {
  /** Checkpoint, exclusive. */
  fromPosition: bigint;
  /** Opens one underlying subscription delivering items after `from`; must stop when `signal` aborts. */
  open: (from: bigint, signal: AbortSignal) => AsyncIterable<T>;
  positionOf: (item: T) => bigint;
  /** Errors worth resubscribing after; others are rethrown to the consumer. */
  isTransient: (error: unknown) => boolean;
  /** Delay before the n-th consecutive retry is n × this. */
  retryDelayMs: number;
  /** Consecutive failures (without a delivered item in between) before giving up. */
  maxConsecutiveFailures: number;
  signal?: AbortSignal;
  onResubscribe?: (from: bigint, cause: unknown) => void;
}

/**
 * Keeps a catch-up subscription alive across drops: when the underlying subscription fails
 * transiently or ends (a live subscription never ends on its own), it reopens from the last
 * position handed to the consumer. Items at or before that position are dropped, so a server
 * that replays the boundary event cannot cause a repeat, and nothing after it can be skipped.
 */
export function resubscribingIterator<T>(options: ResubscribeOptions<T>): ClosableAsyncIterator<T> {
  return abortableIterator(async function* (signal) {
    let checkpoint = options.fromPosition;
    let failures = 0;
    while (!signal.aborted) {
      let cause: unknown;
      try {
        for await (const item of options.open(checkpoint, signal)) {
          const position = options.positionOf(item);
          if (position <= checkpoint) continue;
          checkpoint = position;
          failures = 0;
          yield item;
        }
        cause = new Error('subscription ended by the server');
      } catch (error) {
        if (signal.aborted) return;
        if (!options.isTransient(error)) throw error;
        cause = error;
      }
      if (signal.aborted) return;
      failures += 1;
      if (failures > options.maxConsecutiveFailures) throw cause;
      options.onResubscribe?.(checkpoint, cause);
      await pause(options.retryDelayMs * failures, signal);
    }
  }, options.signal);
}
