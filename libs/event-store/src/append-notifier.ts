import { pause } from './pause';

/**
 * Wakes readers waiting for appends (the projector's idle loop) when appends commit. It remembers
 * the highest published position, so a reader that asks to wait after already-published appends
 * returns at once (no lost wake-up between its last read and its wait). Appends of this process
 * publish here as they commit; the PostgreSQL store also publishes other processes' appends
 * (LISTEN/NOTIFY). The wait's own bound covers writers nobody tells it about.
 */
export class AppendNotifier {
  private lastPosition = 0n;
  private readonly waiters = new Set<AbortController>();

  /** Records that everything up to `position` is committed and wakes the waiters. */
  published(position: bigint): void {
    // The PostgreSQL store hears its own appends twice (at commit, then as a NOTIFY): no news, no wake.
    if (position <= this.lastPosition) return;
    this.lastPosition = position;
    this.wakeAll();
  }

  /** Wakes everyone (e.g. on close, or when notifications may have been lost). */
  wakeAll(): void {
    for (const waiter of this.waiters) waiter.abort();
  }

  /** Resolves when an append after `position` is published, after `maxMs`, or on abort. */
  async waitForAppendAfter(position: bigint, maxMs: number, signal: AbortSignal): Promise<void> {
    if (this.lastPosition > position || signal.aborted) return;
    const woken = new AbortController();
    const onAbort = (): void => woken.abort();
    this.waiters.add(woken);
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      await pause(maxMs, woken.signal);
    } finally {
      this.waiters.delete(woken);
      signal.removeEventListener('abort', onAbort);
    }
  }
}
